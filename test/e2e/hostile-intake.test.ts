// Hostile intake (issue 8): what anyone who can reach the port may post is answered 4xx with nothing
// stored — oversized ids, a NUL byte, ids and SKUs beyond Amazon's limits, an oversized body, a flood
// from one address — while a genuine event beside them still brings its order to Amazon, and a forged
// event never gets ahead of known orders. A real `start` over loopback with the simulator and
// commercetools-mock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/adapters/store/open-store.js';
import { startWorld, spawnBridge, exited, waitFor, E2E_INTAKE_SECRET } from '../support/e2e-world.js';

const ctEvent = (id: string, messageId = `msg-${Math.random()}`) => ({ id: messageId, projectKey: 'e2e-store', resource: { typeId: 'order', id }, type: 'OrderCreated', sequenceNumber: 1, version: 1 });
const amazonEvent = (type: string, payload: Record<string, unknown>, notificationId = `n-${Math.random()}`) => ({
  NotificationVersion: '1.0', NotificationType: type, PayloadVersion: '1.0', EventTime: new Date().toISOString(), Payload: payload,
  NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: new Date().toISOString(), NotificationId: notificationId },
});

test('hostile intake: each case answered 4xx, nothing stored, the genuine work beside it unaffected', { timeout: 4 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fba-hostile-'));
  const file = join(dir, 'bridge.db');
  // A long poll interval: the genuine order must come through its event, not the safety-net poll.
  const world = await startWorld({ orders: 4, seed: 31, timeScale: 3600, rateScale: 20, withoutCancellations: true });
  const log: string[] = [];
  let port = 0;
  const child = spawnBridge(world.env(`sqlite:${file}`, { LOG_LEVEL: 'info', CT_POLL_SECONDS: '3600' }), (line) => {
    log.push(line);
    const m = /"msg":"listening"/.test(line) ? /"port":(\d+)/.exec(line) : null;
    if (m) port = Number(m[1]);
  });
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_INTAKE_SECRET}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: await res.text() };
  };
  const hugeId = 'x'.repeat(512 * 1024);
  try {
    await waitFor('the bridge to listen', async () => port > 0, 30_000, 100);
    const genuine = world.orders.find((o) => o.expected.kind === 'shipped')!;
    const answers: Record<string, number> = {
      '0.5 MB order id': (await post('/events/commercetools', ctEvent(hugeId))).status,
      'NUL in an order id': (await post('/events/commercetools', ctEvent('order-\u0000-1'))).status,
      '0.5 MB message id': (await post('/events/commercetools', ctEvent('order-1', hugeId))).status,
      'SellerFulfillmentOrderId beyond 40': (await post('/events/amazon', amazonEvent('FULFILLMENT_ORDER_STATUS', { FulfillmentOrderStatusNotification: { SellerId: 'e2e-seller', SellerFulfillmentOrderId: 'F'.repeat(300) } }))).status,
      '200 KB SKU': (await post('/events/amazon', amazonEvent('FBA_INVENTORY_AVAILABILITY_CHANGES', { SellerId: 'e2e-seller', SKU: 'S'.repeat(200 * 1024) }))).status,
      'NUL in a notification id': (await post('/events/amazon', amazonEvent('FULFILLMENT_ORDER_STATUS', {}, 'n-\u0000'))).status,
      'body over 1 MiB': (await post('/events/commercetools', JSON.stringify({ pad: 'p'.repeat(1_100_000) }))).status,
    };
    for (const [what, status] of Object.entries(answers)) assert.ok(status >= 400 && status < 500, `${what}: answered ${status}`);
    // The genuine event beside them, and a forged one for an order that does not exist.
    assert.equal((await post('/events/commercetools', ctEvent(genuine.id))).status, 202);
    assert.equal((await post('/events/commercetools', ctEvent('forged-order-1'))).status, 202);
    await waitFor('the genuine order to reach Amazon', async () =>
      [...world.sim.state.orders.values()].some((o) => o.displayableOrderId === genuine.spec.orderNumber), 60_000, 250);

    // A flood from one address is cut off with 429 (and Retry-After) before it fills anything.
    let limited = 0;
    for (let batch = 0; batch < 60 && limited === 0; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/events/commercetools`, { method: 'POST', headers: { authorization: `Bearer ${E2E_INTAKE_SECRET}` }, body: '{}' });
        await res.arrayBuffer();
        return { status: res.status, retryAfter: Number(res.headers.get('retry-after')) };
      }));
      const cut = answers.filter((a) => a.status === 429);
      if (cut.length > 0) { limited = 1; assert.ok(cut.every((a) => a.retryAfter >= 1), 'with Retry-After'); }
    }
    assert.equal(limited, 1, 'the flood was rate limited');
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
  const store = await openStore(`sqlite:${file}`);
  try {
    const open = await store.exceptions.list({ limit: 100 });
    assert.deepEqual(open.map((e) => e.type), [], 'no exception raised by hostile input');
    const forged = await store.work.get('default', 'order.export', 'forged-order-1');
    // An event for an order commercetools does not have costs one commercetools read (its first look goes
    // first, TRIAGE_PRIORITY) and ends there: no Amazon call, no exception, no retry.
    assert.deepEqual([forged?.state, forged?.attempts], ['done', 1], `the forged event's work was looked at once and finished (${forged?.state})`);
    for (const subject of [hugeId, 'order-\u0000-1']) assert.equal(await store.work.get('default', 'order.export', subject), null, 'nothing queued for a refused id');
  } finally {
    await store.close();
    await world.close();
  }
  const logBytes = log.reduce((n, l) => n + l.length, 0);
  assert.ok(logBytes < 200_000, `the log stays small (${logBytes} bytes): refused ids are never logged`);
  assert.ok(statSync(file).size < 2_000_000, `the database stays small (${statSync(file).size} bytes)`);
  rmSync(dir, { recursive: true, force: true });
});
