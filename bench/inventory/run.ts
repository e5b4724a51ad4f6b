// bench/inventory: 20,000 SKUs × 3 supply channels (split 50/30/20). The simulator, commercetools-mock and
// the bridge's sync (`fba-bridge inventory sync`, as an operator runs it) each run in their own process;
// the sync process's resident memory is sampled from /proc (VmHWM, the kernel's high-water mark). The
// shop's entries exist already, at 0 (inventory-bench-setup.ts).
// Printed, all measured in this run:
//   - first full sync: commercetools writes, wall time, writes/s
//   - then 1% of the SKUs change in FBA (units moved to unfulfillable) and a second full sync runs:
//     commercetools writes sent ÷ entries that really changed (read back from commercetools) — target 1.00
//   - peak RSS of each sync process — target ≤ 200 MiB at 20,000 SKUs, and at 100,000 SKUs ≤ 1.3× that
//   - the sync's writes/s (through the write limiter, reads and records included) ÷ a plain SDK loop
//     writing the same entries with the same concurrency on the same mock — target ≥ 0.80
// The sync's write limiter runs at CT_WRITE_CONCURRENCY (default 8) and CT_WRITE_RATE set above what the
// mock can take (--ct-write-rate, default 10000, the most CT_WRITE_RATE allows), so the ratio shows the
// limiter's cost, not its cap. (5000 was above it until answers were read without Response's copies:
// the plain loop now reaches 5,000–6,200 writes/s on loopback, and a 5000/s bucket capped the bridge's
// rounds near 3,900 — a ratio of 0.71 that measured the pace asked for, not the write path.)
// Usage: npm run bench:inventory [-- --skus 20000 --rate-scale 10 --ct-write-rate 10000 --sync-node-options=--max-old-space-size=160]
import { parseArgs } from 'node:util';
import { buildCommand, runSync } from '../support/sync-process.js';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { CommercetoolsInventoryGateway } from '../../src/adapters/commercetools/ct-inventory-gateway.js';
import { PacedWriteLimiter } from '../../src/engine/paced-write-limiter.js';
import { applyWrites } from '../../src/flows/inventory/inventory-apply-writes.js';
import type { InventoryWrite } from '../../src/domain/inventory/inventory-write-plan.js';
import { benchSku, CHANNELS, startInventoryBench } from './inventory-bench-setup.js';

const { values } = parseArgs({ options: { skus: { type: 'string', default: '20000' }, 'rate-scale': { type: 'string', default: '10' }, 'ct-write-rate': { type: 'string', default: '10000' }, 'sync-node-options': { type: 'string' } } });
// Node options for the sync process only (e.g. --max-old-space-size=160), not for this one.
const SYNC_NODE_OPTIONS = values['sync-node-options'];
const SKUS = Number(values.skus);
const RATE_SCALE = Number(values['rate-scale']);
const CT_WRITE_RATE = Number(values['ct-write-rate']);
// The sync writes 8 SKUs at a time; the limiter's default concurrency is 8 too.
const CONCURRENCY = 8;
const GRANTED_PAGES_PER_S = 2 * RATE_SCALE;

process.stdout.write('building the command (dist/)…\n');
buildCommand();
process.stdout.write(`stocking ${SKUS} SKUs in the simulator and creating ${SKUS * CHANNELS.length} commercetools entries at 0…\n`);
const bench = await startInventoryBench({ skus: SKUS, rateScale: RATE_SCALE, writeConcurrency: CONCURRENCY, writeRate: CT_WRITE_RATE, syncNodeOptions: SYNC_NODE_OPTIONS });
const { sim, api, ctSettings, channelIds, bridgeEnv, token } = bench;
try {
  const gateway = new CommercetoolsInventoryGateway(api);

  const readAll = async (): Promise<Map<string, { id: string; version: number; quantity: number }>> => {
    const out = new Map<string, { id: string; version: number; quantity: number }>();
    let cursor: string | undefined;
    do {
      const page = await gateway.listEntries(channelIds, { pageSize: 499, ...(cursor ? { cursor } : {}) });
      if (!page.ok) throw new Error(page.error.message);
      for (const e of page.value.entries) out.set(`${e.sku}@${e.supplyChannelId}`, { id: e.id, version: e.version, quantity: e.quantityOnStock });
      cursor = page.value.cursor;
    } while (cursor);
    return out;
  };
  const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;

  process.stdout.write(`first full sync (fba-bridge inventory sync in its own process; CT_WRITE_CONCURRENCY ${CONCURRENCY}, CT_WRITE_RATE ${CT_WRITE_RATE})…\n`);
  const first = await runSync(bridgeEnv);
  process.stdout.write(`  ${first.pages} FBA pages, ${first.written} commercetools writes, ${first.failed} SKUs failed; sync ${(first.syncMs / 1000).toFixed(1)} s (process ${(first.wallMs / 1000).toFixed(1)} s)\n`);
  process.stdout.write(`  FBA page reads ÷ granted rate over the whole sync: ${((first.pages / (first.syncMs / 1000)) / GRANTED_PAGES_PER_S).toFixed(2)} (the scan waits for the writes it feeds: a write-bound sync reads slower)\n`);
  process.stdout.write(`  peak RSS of the sync process: ${mib(first.peakRss)}; its CPU ${(first.cpuMs / 1000).toFixed(1)} s (${(first.cpuMs / Math.max(1, first.written)).toFixed(2)} ms per write)\n`);
  const syncWritesPerS = first.written / (first.syncMs / 1000);

  // The write path alone, over the same entries, each set to the quantity it holds (so the second
  // sync sees what the first one left): the bridge's — the sync's own applyWrites (8 SKUs at a time,
  // one SKU's writes in order), the inventory gateway, the commercetools client with its write limiter
  // — against a plain loop of the official SDK, 8 writes at a time. Two rounds each, interleaved, so a
  // busy machine weighs on both alike.
  const held = [...(await readAll()).entries()].slice(0, Math.min(first.written, 15_000)).map(([key, e]) => ({ ...e, sku: key.slice(0, key.indexOf('@')), channelId: key.slice(key.indexOf('@') + 1) }));
  const limitedGateway = new CommercetoolsInventoryGateway(createCommercetoolsApi(ctSettings, undefined, undefined, {
    limiter: new PacedWriteLimiter({ concurrency: CONCURRENCY, ratePerSecond: CT_WRITE_RATE }),
  }));
  const channelKeyOf = new Map(channelIds.map((id, i) => [id, CHANNELS[i]!]));
  const plainRound = async (): Promise<number> => {
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const t = held[next++];
        if (!t) return;
        t.version = (await api.inventory().withId({ ID: t.id }).post({ body: { version: t.version, actions: [{ action: 'changeQuantity', quantity: t.quantity }] } }).execute()).body.version;
      }
    }));
    return held.length / ((performance.now() - started) / 1000);
  };
  const bridgeRound = async (): Promise<number> => {
    const writes: InventoryWrite[] = held.map((t) => ({
      kind: 'change-quantity', entryId: t.id, version: t.version, sku: t.sku, channel: channelKeyOf.get(t.channelId)!,
      quantityOnStock: t.quantity, previousQuantityOnStock: t.quantity, heldInCarts: 0, availableAfter: t.quantity, direction: 'decrease',
    }));
    const started = performance.now();
    const outcomes = await applyWrites(limitedGateway, { byKey: new Map(), keyOfId: new Map() }, writes);
    const perS = held.length / ((performance.now() - started) / 1000);
    const byId = new Map(held.map((t) => [t.id, t]));
    for (const o of outcomes) {
      if (o.kind !== 'landed') throw new Error(`a bench write did not land: ${o.kind}`);
      byId.get(o.entry.id)!.version = o.entry.version;
    }
    return perS;
  };
  const rounds = [await plainRound(), await bridgeRound(), await plainRound(), await bridgeRound()];
  const plainPerS = (rounds[0]! + rounds[2]!) / 2;
  const bridgePerS = (rounds[1]! + rounds[3]!) / 2;
  process.stdout.write(`  writes/s through the bridge's write path (limiter at ${CONCURRENCY} in flight, ${CT_WRITE_RATE}/s) ÷ a plain SDK loop (${CONCURRENCY} at a time), ${held.length} writes, 2 rounds each: `
    + `${bridgePerS.toFixed(0)} ÷ ${plainPerS.toFixed(0)} = ${(bridgePerS / plainPerS).toFixed(2)} (rounds: plain ${rounds[0]!.toFixed(0)}, bridge ${rounds[1]!.toFixed(0)}, plain ${rounds[2]!.toFixed(0)}, bridge ${rounds[3]!.toFixed(0)})\n`);
  process.stdout.write(`  the whole sync's writes/s (its reads, decisions and records included): ${syncWritesPerS.toFixed(0)} = ${(syncWritesPerS / plainPerS).toFixed(2)} of the plain loop\n`);

  const beforeSecond = await readAll();
  const changed = Math.max(1, Math.round(SKUS / 100));
  for (let n = 0; n < changed; n++) {
    const i = Math.floor((n * SKUS) / changed);
    const r = await fetch(`${sim.url}/_simulator/inventory/adjust`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-access-token': token }, body: JSON.stringify({ sellerSku: benchSku(i), bucket: 'unfulfillable', quantity: 3 + (n % 7) }) });
    if (!r.ok) throw new Error(`adjust: HTTP ${r.status}`);
  }
  process.stdout.write(`${changed} SKUs changed in FBA; second full sync…\n`);
  const second = await runSync(bridgeEnv);
  const after = await readAll();
  const reallyChanged = [...after].filter(([k, v]) => beforeSecond.get(k)?.quantity !== v.quantity).length;
  process.stdout.write(`  commercetools writes sent ÷ entries that really changed: ${second.written} ÷ ${reallyChanged} = ${(second.written / Math.max(1, reallyChanged)).toFixed(2)}\n`);
  process.stdout.write(`  ${second.pages} FBA pages at ${((second.pages / (second.syncMs / 1000)) / GRANTED_PAGES_PER_S).toFixed(2)} of the granted rate; sync ${(second.syncMs / 1000).toFixed(1)} s; peak RSS ${mib(second.peakRss)}; CPU ${(second.cpuMs / 1000).toFixed(1)} s\n`);
  process.stdout.write(`peak RSS of the sync process at ${SKUS} SKUs × ${CHANNELS.length} channels: ${mib(Math.max(first.peakRss, second.peakRss))}${SYNC_NODE_OPTIONS ? ` (NODE_OPTIONS=${SYNC_NODE_OPTIONS})` : ''}\n`);
} finally {
  await bench.stop();
}
