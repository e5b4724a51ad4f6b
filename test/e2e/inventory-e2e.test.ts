// The inventory commands and `start` end to end, as real processes against the SP-API simulator and
// commercetools-mock over HTTP: `inventory sync --dry-run`, `inventory sync`, `inventory explain`,
// `audit skus`, then `start` whose FBA_INVENTORY_AVAILABILITY_CHANGES intake syncs the named SKU at once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startWorld, spawnBridge, exited, waitFor, E2E_INTAKE_SECRET, type World } from '../support/e2e-world.js';
import { DEMO_MARKETPLACE } from '../../src/demo/run-demo.js';
import { seedFbaStock } from '../../src/demo/seed-fba-stock.js';
import { CommercetoolsInventoryGateway } from '../../src/adapters/commercetools/ct-inventory-gateway.js';
import { SpApiTestClient } from '../simulator/sim-harness.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const SKU = 'KTL-1700-BLK';

function run(env: Record<string, string>, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('inventory end to end (simulator + commercetools-mock, real processes)', () => {
  let world: World;
  let dir: string;
  let env: Record<string, string>;
  let gateway: CommercetoolsInventoryGateway;
  let channels: Map<string, string>;

  const quantities = async (sku: string): Promise<Record<string, number>> => {
    const page = await gateway.listEntries([...channels.values()], { pageSize: 100, skus: [sku] });
    assert.ok(page.ok);
    const keyOf = new Map([...channels].map(([k, id]) => [id, k]));
    return Object.fromEntries(page.value.entries.map((e) => [keyOf.get(e.supplyChannelId)!, e.quantityOnStock]));
  };

  before(async () => {
    world = await startWorld({ orders: 0, seed: 11, timeScale: 1, rateScale: 50 });
    await world.api.channels().post({ body: { key: 'fba-eu-b2b', name: { en: 'B2B' }, roles: ['InventorySupply'] } }).execute();
    await seedFbaStock(world.sim.url, DEMO_MARKETPLACE, [{ sellerSku: 'ORPHAN-1', productName: 'Not in the shop', quantity: 4 }]);
    gateway = new CommercetoolsInventoryGateway(world.api);
    const found = await gateway.channelsByKey(['fba-eu', 'fba-eu-b2b']);
    assert.ok(found.ok);
    channels = new Map([...found.value].map(([k, c]) => [k, c.id]));
    dir = mkdtempSync(join(tmpdir(), 'fba-bridge-inv-e2e-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({
      inventory: {
        pools: [{
          id: 'eu', marketplaceIds: [DEMO_MARKETPLACE], holdback: { units: 2 }, buffer: { units: 3 },
          channels: [{ key: 'fba-eu', policy: 'priority', rank: 1, cap: 50 }, { key: 'fba-eu-b2b', policy: 'priority', rank: 2 }],
        }],
      },
    }));
    env = world.env(`sqlite:${join(dir, 'bridge.db')}`, { FBA_BRIDGE_CONFIG: configFile });
  });
  after(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('`inventory sync --dry-run` says what would change and writes nothing', async () => {
    const r = await run(env, ['inventory', 'sync', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /pool eu \(full, dry run\): 12 SKUs read from FBA/);
    assert.match(r.stdout, /entries would change/);
    assert.deepEqual(await quantities(SKU), {});
  });

  it('`inventory sync` writes every entry, priority-filled; `inventory explain` says why', async () => {
    const r = await run(env, ['inventory', 'sync']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /entries changed/);
    assert.match(r.stderr, /pool eu: /, 'progress lines on a non-TTY stderr');
    // 100,000 fulfillable − holdback 2 − buffer 3 = 99,995: 50 to rank 1 (its cap), the rest to rank 2.
    assert.deepEqual(await quantities(SKU), { 'fba-eu': 50, 'fba-eu-b2b': 99_945 });
    const again = await run(env, ['inventory', 'sync']);
    assert.match(again.stdout, / 0 entries changed/);

    const x = await run(env, ['inventory', 'explain', SKU]);
    assert.equal(x.code, 0, x.stderr);
    for (const expected of [/fulfillable 100000/, /not reserved yet: 0/, /holdback for Amazon's own listings: 2/, /buffer: 3/, /channel fba-eu: allocated 50 \(rank 1, cap 50/, /quantityOnStock 50/, /last written 20/]) {
      assert.match(x.stdout, expected);
    }
    // An ecommerce person needs no commercetools or Amazon credentials to ask.
    const bare = Object.fromEntries(Object.entries(env).filter(([k]) => !/^(CTP_|LWA_|SPAPI_)/.test(k)));
    const y = await run(bare, ['inventory', 'explain', SKU]);
    assert.equal(y.code, 0, y.stderr);
    assert.match(y.stdout, /channel fba-eu: allocated 50/);
  });

  it('`audit skus` lists the FBA SKU no variant carries and opens an ecommerce exception for it', async () => {
    const r = await run(env, ['audit', 'skus', '--json']);
    assert.equal(r.code, 1, 'mismatches exit 1');
    const report = JSON.parse(r.stdout) as { notInStorefront: string[]; notInFba: string[] };
    assert.deepEqual(report.notInStorefront, ['ORPHAN-1']);
    const list = await run(env, ['exceptions', 'list', '--owner', 'ecommerce', '--json']);
    const open = JSON.parse(list.stdout) as Array<{ type: string; subjectId: string }>;
    assert.ok(open.some((e) => e.type === 'sku.not-in-storefront' && e.subjectId === 'ORPHAN-1'), list.stdout);
  });

  it('in `start`, an FBA_INVENTORY_AVAILABILITY_CHANGES notification syncs the SKU at once', { timeout: 90_000 }, async () => {
    let port = 0;
    const child = spawnBridge({ ...env, LOG_LEVEL: 'info' }, (line) => {
      const m = /"msg":"listening"/.test(line) ? /"port":(\d+)/.exec(line) : null;
      if (m) port = Number(m[1]);
    });
    try {
      await waitFor('the bridge to listen', async () => port > 0, 30_000, 100);
      const amazon = new SpApiTestClient(world.sim.url);
      await amazon.login();
      const moved = await amazon.admin('POST', '/inventory/adjust', { sellerSku: SKU, bucket: 'unfulfillable', quantity: 99_990 });
      assert.equal(moved.status, 200);
      // A forged notification with a 200 KB SKU is refused on its own and never joins the batch of the
      // genuine change beside it (Amazon would answer 431 for the whole batch).
      const forged = await fetch(`http://127.0.0.1:${port}/events/amazon`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_INTAKE_SECRET}` },
        body: JSON.stringify({
          NotificationVersion: '1.0', NotificationType: 'FBA_INVENTORY_AVAILABILITY_CHANGES', PayloadVersion: '1.0', EventTime: new Date().toISOString(),
          Payload: { SellerId: 'e2e-seller', SKU: 'S'.repeat(200 * 1024), FulfillmentInventoryByMarketplace: [{ MarketplaceId: DEMO_MARKETPLACE }] },
          NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: new Date().toISOString(), NotificationId: 'inv-forged' },
        }),
      });
      assert.equal(forged.status, 400);
      // 10 fulfillable − 2 − 3 = 5 sellable, all to rank 1.
      const notify = await fetch(`http://127.0.0.1:${port}/events/amazon`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_INTAKE_SECRET}` },
        body: JSON.stringify({
          NotificationVersion: '1.0', NotificationType: 'FBA_INVENTORY_AVAILABILITY_CHANGES', PayloadVersion: '1.0', EventTime: new Date().toISOString(),
          Payload: { SellerId: 'e2e-seller', SKU, FulfillmentInventoryByMarketplace: [{ MarketplaceId: DEMO_MARKETPLACE }] },
          NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: new Date().toISOString(), NotificationId: 'inv-1' },
        }),
      });
      assert.equal(notify.status, 202);
      await waitFor('the notified SKU to be synced', async () => {
        const q = await quantities(SKU);
        return q['fba-eu'] === 5 && q['fba-eu-b2b'] === 0;
      }, 30_000, 200);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
