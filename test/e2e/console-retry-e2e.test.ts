// End to end through the console: `fba-bridge start` against the SP-API simulator and commercetools-
// mock blocks an order whose address is incomplete; once the address is fixed in commercetools, an
// operations person signs in to the console in Chromium and retries the exception — and the order
// reaches Amazon (the simulator). The storefront poll runs only at start here, so the retry alone
// brings the order back.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { startWorld, spawnBridge, exited, waitFor, type World } from '../support/e2e-world.js';
import { browserSkipReason, launchChromium, screenshot, signInWithForm } from '../support/browser.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import { addLocalUser } from '../../src/actions/people.js';
import type { Store } from '../../src/ports/store.js';

const skip = browserSkipReason();
const OPS = 'ops@example.com';
const PASSWORD = 'console-e2e-password';

describe('console retry, end to end', { skip: skip ?? false, timeout: 180_000 }, () => {
  let world: World;
  let store: Store;
  let bridge: ChildProcess;
  let browser: Browser;
  let port = 0;
  before(async () => {
    world = await startWorld({ orders: 12, seed: 7, timeScale: 600, rateScale: 10, withoutCancellations: true });
    const db = `sqlite:${join(mkdtempSync(join(tmpdir(), 'console-e2e-')), 'bridge.db')}`;
    store = await openStore(db);
    const added = await addLocalUser(store, OPS, 'operations', PASSWORD, Date.now());
    assert.ok(added.ok);
    bridge = spawnBridge(world.env(db, { LOG_LEVEL: 'info', CT_POLL_SECONDS: '3600' }), (line) => {
      const m = /"msg":"listening"/.test(line) ? /"port":(\d+)/.exec(line) : null;
      if (m) port = Number(m[1]);
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    bridge?.kill('SIGTERM');
    if (bridge) await exited(bridge);
    await store?.close();
    await world?.close();
  });

  it('an operations person retries the invalid-address exception after the fix, and the order reaches Amazon', async () => {
    const blocked = world.orders.find((o) => o.case === 'incomplete-address');
    assert.ok(blocked, 'the scenario has an order with an incomplete address');
    await waitFor('the bridge to listen', async () => port > 0, 30_000, 100);
    await waitFor('the invalid-address exception', async () => (await store.exceptions.list({ type: 'order.invalid-address', status: 'open' })).length === 1, 60_000);
    const atAmazon = () => [...world.sim.state.orders.values()].some((o) => o.displayableOrderId === blocked.spec.orderNumber);
    assert.equal(atAmazon(), false);

    // The fix, in commercetools: the postal code and house number the address lacked.
    const current = (await world.api.orders().withId({ ID: blocked.id }).get().execute()).body;
    await world.api.orders().withId({ ID: blocked.id }).post({ body: { version: current.version, actions: [{ action: 'setShippingAddress', address: { ...current.shippingAddress!, postalCode: '10115', streetNumber: '12' } }] } }).execute();

    const base = `http://127.0.0.1:${port}`;
    const page = await browser.newPage();
    await signInWithForm(page, base, OPS, PASSWORD);
    await page.goto(`${base}/exceptions?team=operations&type=order.invalid-address`);
    await screenshot(page, 'e2e-before-retry');
    await page.getByRole('button', { name: /Retry exception \d+/ }).click();
    await page.waitForSelector('.flash.ok');
    assert.match(await page.locator('.flash').textContent() ?? '', /queued again/);

    await waitFor(`order ${blocked.spec.orderNumber} at Amazon`, async () => atAmazon(), 60_000);
    await waitFor('the exception to close', async () => (await store.exceptions.list({ type: 'order.invalid-address', status: 'open' })).length === 0, 30_000);
    await page.goto(`${base}/orders?q=${blocked.spec.orderNumber}`);
    assert.match(await page.locator('main').textContent() ?? '', /Seller Central/);
    await screenshot(page, 'e2e-order-timeline');
    const [audit] = await store.console.listAudit({ actor: OPS, limit: 5 }).then((l) => l.filter((a) => a.action === 'exception.retry'));
    assert.equal(audit?.outcome, 'ok');
  });
});
