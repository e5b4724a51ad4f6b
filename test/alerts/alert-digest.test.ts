// The daily digest: sent at the digest hour by one worker per day, to the teams with a channel that
// carries digests, listing the team's open exceptions by age and the flows that are not ok.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { Store } from '../../src/ports/store.js';
import type { AlertChannel, DigestMessage } from '../../src/ports/alert-channel.js';
import { sendDailyDigest } from '../../src/flows/alerts/alert-digest.js';
import { AlertDispatcher } from '../../src/flows/alerts/alert-dispatcher.js';
import { defaultAlertSettings } from '../../src/app/alert-wiring.js';
import { NO_DEPENDENCY_STATUS } from '../../src/ports/dependency-status.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { FixedClock } from '../support/fakes/fixed-clock.js';

let store: Store;
beforeEach(async () => { store = await openStore(':memory:'); });
afterEach(() => store.close());

it('at the digest hour, once a day, each team with an e-mail channel gets its own list', async () => {
  const clock = new FixedClock(Date.UTC(2026, 11, 4, 7, 5));
  const digests: DigestMessage[] = [];
  const mail = (team: string): AlertChannel => ({ name: `email:${team}`, send: async () => {}, sendDigest: async (d) => { digests.push(d); } });
  const dispatcher = new AlertDispatcher({ global: [], teams: { operations: [mail('operations')], finance: [mail('finance')] } }, silentLogger);
  await store.exceptions.raise({ connectionId: 'shop', type: 'order.invalid-address', owner: 'operations', subjectType: 'order', subjectId: 'o1', subjectLabel: 'N1', reason: 'r', action: 'a' }, clock.ms - 3 * 86_400_000);
  await store.exceptions.raise({ connectionId: 'shop', type: 'order.unknown-sku', owner: 'ecommerce', subjectType: 'order', subjectId: 'o2', subjectLabel: 'N2', reason: 'r', action: 'a' }, clock.ms);
  await store.work.enqueue({ connectionId: 'shop', kind: 'order.export', subjectId: 'o3', priority: 100, runAt: clock.ms - 1000_000 }, clock.ms - 1000_000);
  const deps = (workerId: string, at = clock) => ({
    store, connectionIds: ['shop'], settings: defaultAlertSettings(), stuckInPlanningMs: 86_400_000, dependencies: NO_DEPENDENCY_STATUS,
    workerId, clock: at, logger: silentLogger, dispatcher,
  });
  assert.equal(await sendDailyDigest(deps('w1', new FixedClock(Date.UTC(2026, 11, 4, 6, 59)))), false, 'not before the hour');
  assert.equal(await sendDailyDigest(deps('w1')), true);
  assert.equal(await sendDailyDigest(deps('w2')), false, 'another worker the same day sends nothing');
  await dispatcher.idle();
  assert.deepEqual(digests.map((d) => d.team), ['operations', 'finance'], 'ecommerce has no e-mail channel');
  const ops = digests[0]!.text;
  assert.match(ops, /ordersOut is behind: 1 FBA-bound order/);
  assert.match(ops, /1 {2}order\.invalid-address, oldest 3 days/);
  assert.doesNotMatch(ops, /unknown-sku/, 'another team\'s exception is not in it');
  assert.match(digests[1]!.text, /settlements: last imported never; 0 refund\(s\) not reconciled/);
});
