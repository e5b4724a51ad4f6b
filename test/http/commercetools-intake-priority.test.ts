// An OrderCreated message carries the order: when it says how the order is routed, the order takes its
// place in the backlog at once (no first look at triage priority); otherwise, or for other messages,
// triage as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/adapters/store/open-store.js';
import { acceptCommercetoolsMessage } from '../../src/http/commercetools-intake.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { TRIAGE_PRIORITY } from '../../src/flows/orders/order-flow-types.js';

const created = (id: string, messageId: string, order?: unknown) => ({
  id: messageId, projectKey: 'shop', type: 'OrderCreated', resource: { typeId: 'order', id }, resourceVersion: 1, ...(order !== undefined ? { order } : {}),
});

test('the order an OrderCreated message carries sets its priority when the message tells; otherwise triage', async () => {
  const store = await openStore(':memory:');
  const asked: unknown[] = [];
  const deps = {
    store, connections: [{ id: 'c', projectKey: 'shop' }], workClock: { now: () => new Date(1_000) }, logger: silentLogger, wake: () => undefined,
    orderPriority: (_c: string, order: unknown) => { asked.push(order); return (order as { tell?: number }).tell; },
  };
  await acceptCommercetoolsMessage(deps, created('o-1', 'm-1', { id: 'o-1', tell: 450 }));
  await acceptCommercetoolsMessage(deps, created('o-2', 'm-2', { id: 'o-2' }));
  await acceptCommercetoolsMessage(deps, created('o-3', 'm-3'));
  await acceptCommercetoolsMessage(deps, created('o-4', 'm-4', { id: 'someone-else', tell: 450 }));
  await acceptCommercetoolsMessage(deps, { ...created('o-5', 'm-5', { id: 'o-5', tell: 450 }), type: 'OrderStateChanged' });
  const priorities = await Promise.all(['o-1', 'o-2', 'o-3', 'o-4', 'o-5'].map(async (id) => (await store.work.get('c', 'order.export', id))?.priority));
  assert.deepEqual(priorities, [450, TRIAGE_PRIORITY, TRIAGE_PRIORITY, TRIAGE_PRIORITY, TRIAGE_PRIORITY]);
  assert.equal(asked.length, 2, 'asked only for an OrderCreated carrying its own order');
  await store.close();
});
