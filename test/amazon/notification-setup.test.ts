// ensureNotificationDelivery through the real SP-API HTTP clients (the seller's and a grantless one)
// against the simulator's Notifications API: created, then found; a subscription delivering to another
// destination is replaced; a dry run changes nothing; a refused grantless token stops setup with
// Amazon's reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpApiHttpClient } from '../../src/adapters/amazon/sp-api-http.js';
import { NOTIFICATIONS_SCOPE, SpApiNotificationsClient } from '../../src/adapters/amazon/sp-api-notifications-client.js';
import { Secret } from '../../src/config/secret.js';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { ensureNotificationDelivery } from '../../src/flows/notifications/notification-setup.js';
import { withHarness } from '../simulator/sim-harness.js';

const QUEUE_A = 'arn:aws:sqs:eu-west-1:123456789012:bridge-a';
const QUEUE_B = 'arn:aws:sqs:eu-west-1:123456789012:bridge-b';

function clients(url: string, scope = NOTIFICATIONS_SCOPE): SpApiNotificationsClient {
  const governor = new PriorityRateGovernor();
  const lwa = { endpoint: `${url}/auth/o2/token`, clientId: 'amzn1.application-oa2-client.t', clientSecret: new Secret('s'), refreshToken: new Secret('Atzr|t') };
  const seller = new SpApiHttpClient({ endpoint: url, lwa, governor, seller: 't', timeoutMs: 10_000 });
  const grantless = new SpApiHttpClient({ endpoint: url, lwa: { ...lwa, grantlessScope: scope }, governor, seller: 't', timeoutMs: 10_000 });
  return new SpApiNotificationsClient(seller, grantless);
}

const actions = (lines: ReadonlyArray<{ action: string }>) => lines.map((l) => l.action);

test('created, then found; another queue replaces the subscriptions; a dry run only tells', async () => {
  await withHarness(async ({ sim }) => {
    const amazon = clients(sim.url);
    const dry = await ensureNotificationDelivery(amazon, { queueArn: QUEUE_A, destinationName: 'bridge' }, false);
    assert.ok(dry.ok);
    assert.deepEqual(actions(dry.value), ['missing', 'missing', 'missing', 'missing']);
    assert.equal(sim.state.destinations.size, 0, 'a dry run creates nothing');

    const first = await ensureNotificationDelivery(amazon, { queueArn: QUEUE_A, destinationName: 'bridge' });
    assert.ok(first.ok, first.ok ? '' : first.error.message);
    assert.deepEqual(actions(first.value), ['created', 'created', 'created', 'created']);
    const again = await ensureNotificationDelivery(amazon, { queueArn: QUEUE_A, destinationName: 'bridge' });
    assert.ok(again.ok);
    assert.deepEqual(actions(again.value), ['found', 'found', 'found', 'found']);

    const moved = await ensureNotificationDelivery(amazon, { queueArn: QUEUE_B, destinationName: 'bridge-b' });
    assert.ok(moved.ok);
    assert.deepEqual(actions(moved.value), ['created', 'replaced', 'replaced', 'replaced']);
    const b = [...sim.state.destinations.values()].find((d) => d.sqsArn === QUEUE_B)!;
    assert.ok([...sim.state.subscriptions.values()].every((s) => s.destinationId === b.destinationId), 'every subscription delivers to the new queue');
  });
});

test('a grantless token Amazon refuses stops setup with its reason', async () => {
  await withHarness(async ({ sim }) => {
    const result = await ensureNotificationDelivery(clients(sim.url, 'sellingpartnerapi::orders'), { queueArn: QUEUE_A, destinationName: 'bridge' });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error.message, /invalid_scope|scope/);
  });
});
