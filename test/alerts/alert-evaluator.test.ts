// The alert evaluation against the real SQLite store on an injected clock: one worker per period
// evaluates (job lease), a problem is raised once, reminded after the interval, resolved when it clears.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { Store } from '../../src/ports/store.js';
import type { AlertChannel, AlertNotice } from '../../src/ports/alert-channel.js';
import { evaluateAlerts, type AlertEvaluatorDeps } from '../../src/flows/alerts/alert-evaluator.js';
import { AlertDispatcher } from '../../src/flows/alerts/alert-dispatcher.js';
import { defaultAlertSettings } from '../../src/app/alert-wiring.js';
import { DependencyCircuits } from '../../src/engine/dependency-circuit.js';
import { CircuitStatus } from '../../src/engine/circuit-status.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { FixedClock } from '../support/fakes/fixed-clock.js';

let store: Store;
let clock: FixedClock;
let sent: AlertNotice[];
let circuits: DependencyCircuits;
let outcomes: CircuitStatus;
let dispatcher: AlertDispatcher;

beforeEach(async () => {
  store = await openStore(':memory:');
  clock = new FixedClock();
  sent = [];
  circuits = new DependencyCircuits(() => clock.ms);
  outcomes = new CircuitStatus(circuits);
  const channel: AlertChannel = { name: 'memory', send: async (n) => { sent.push(n); } };
  dispatcher = new AlertDispatcher({ global: [channel], teams: {} }, silentLogger);
});
afterEach(() => store.close());

function deps(workerId: string): AlertEvaluatorDeps {
  return {
    store, connectionIds: ['shop'], settings: { ...defaultAlertSettings(), reminderMs: 3600_000 }, stuckInPlanningMs: 86_400_000,
    dependencies: outcomes, workerId, clock, logger: silentLogger, dispatcher,
  };
}

it('one worker per period; raised once, reminded after the interval, resolved when it clears', async () => {
  const lwa = circuits.circuit('amazon-lwa', 'shop');
  lwa.failed('auth-refused', 'invalid_grant');
  const a = await evaluateAlerts(deps('w1'));
  const b = await evaluateAlerts(deps('w2'));
  assert.deepEqual([a.ran, a.raised, b.ran], [true, 1, false], 'the second worker waits for the next period');
  clock.advance(60_000);
  const next = await evaluateAlerts(deps('w2'));
  assert.deepEqual([next.ran, next.raised, next.reminded], [true, 0, 0], 'no second raise while it lasts');
  clock.advance(3600_000);
  assert.equal((await evaluateAlerts(deps('w1'))).reminded, 1);
  clock.advance(60_000);
  lwa.succeeded();
  assert.equal((await evaluateAlerts(deps('w2'))).resolved, 1);
  await dispatcher.idle();
  assert.deepEqual(sent.map((n) => `${n.event} ${n.alert.rule} ${n.alert.team}`), [
    'alert.raised amazon.auth-failed operations', 'alert.reminder amazon.auth-failed operations', 'alert.resolved amazon.auth-failed operations',
  ]);
  assert.equal(new Set(sent.map((n) => n.alert.id)).size, 1, 'one alert id throughout');
  assert.match(sent[2]!.alert.resolvedAt ?? '', /^\d{4}-/);
});
