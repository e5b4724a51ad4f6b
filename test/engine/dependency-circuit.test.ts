// The dependency circuits on their own, on a hand-moved clock: when they open, when a probe may go,
// how long they wait, what they tell listeners and the gate the work runner asks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DependencyCircuits, type DependencyStatus } from '../../src/engine/dependency-circuit.js';

function circuits() {
  let now = 1_000_000;
  const changes: Array<[string, string, string]> = [];
  const all = new DependencyCircuits(() => now, { serverErrorsToOpen: 3, probeBaseMs: 1_000, probeMaxMs: 8_000, authProbeMs: 30_000 });
  all.onChange((s: DependencyStatus, previous) => changes.push([s.dependency, previous, s.state]));
  return { all, changes, at: () => now, advance: (ms: number) => { now += ms; } };
}

describe('DependencyCircuit', () => {
  it('opens at once when the dependency cannot be reached, and says since when and why', () => {
    const c = circuits();
    const amazon = c.all.circuit('amazon-sp-api', 'default');
    amazon.failed('unreachable', 'connection refused');
    const status = amazon.status();
    assert.deepEqual([status.state, status.since, status.lastFailure?.kind, status.lastFailure?.message, status.nextProbeAt], ['open', c.at(), 'unreachable', 'connection refused', c.at() + 1_000]);
    assert.deepEqual(c.changes, [['amazon-sp-api', 'closed', 'open']]);
  });

  it('opens on server errors only after several in a row: one 500 is not an outage', () => {
    const c = circuits();
    const amazon = c.all.circuit('amazon-sp-api', 'default');
    amazon.failed('server-error', '500');
    amazon.failed('server-error', '500');
    amazon.succeeded();
    amazon.failed('server-error', '503');
    amazon.failed('server-error', '503');
    assert.equal(amazon.state, 'closed');
    amazon.failed('server-error', '503');
    assert.equal(amazon.state, 'open');
  });

  it('refused credentials open at once and are probed at the slower pace', () => {
    const c = circuits();
    const lwa = c.all.circuit('amazon-lwa', 'default');
    lwa.failed('auth-refused', 'invalid_grant');
    assert.equal(lwa.status().nextProbeAt, c.at() + 30_000);
  });

  it('gates the work: open → nothing until the probe is due, then one probe; failed probes wait longer, capped; success closes', () => {
    const c = circuits();
    const amazon = c.all.circuit('amazon-sp-api', 'default');
    c.all.circuit('commercetools', 'default').succeeded();
    assert.deepEqual(c.all.gate(c.at()), { kind: 'closed' });
    amazon.failed('unreachable', 'refused');
    assert.deepEqual(c.all.gate(c.at()), { kind: 'open', probeAt: c.at() + 1_000 });
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      c.advance(amazon.status().nextProbeAt! - c.at());
      assert.deepEqual(c.all.gate(c.at()), { kind: 'probing' });
      assert.equal(amazon.state, 'half-open');
      amazon.failed('unreachable', 'still refused');
      waits.push(amazon.status().nextProbeAt! - c.at());
    }
    assert.deepEqual(waits, [2_000, 4_000, 8_000, 8_000, 8_000]);
    c.advance(8_000);
    c.all.gate(c.at());
    amazon.succeeded();
    assert.deepEqual(c.all.gate(c.at()), { kind: 'closed' });
    assert.equal(c.all.anyNotClosed(), false);
    assert.deepEqual(c.changes.at(-1), ['amazon-sp-api', 'half-open', 'closed']);
  });

  it('a late failure of a call started before the circuit opened does not push the probe back', () => {
    const c = circuits();
    const amazon = c.all.circuit('amazon-sp-api', 'default');
    amazon.failed('unreachable', 'refused');
    const probeAt = amazon.status().nextProbeAt;
    c.advance(500);
    amazon.failed('unreachable', 'refused, a call in flight');
    assert.equal(amazon.status().nextProbeAt, probeAt);
  });

  it('lists every circuit per dependency and connection', () => {
    const c = circuits();
    c.all.circuit('amazon-sp-api', 'a').succeeded();
    c.all.circuit('amazon-sp-api', 'b').failed('unreachable', 'x');
    c.all.circuit('database').succeeded();
    assert.deepEqual(c.all.list().map((s) => [s.dependency, s.connectionId, s.state]), [
      ['amazon-sp-api', 'a', 'closed'], ['amazon-sp-api', 'b', 'open'], ['database', null, 'closed'],
    ]);
  });
});
