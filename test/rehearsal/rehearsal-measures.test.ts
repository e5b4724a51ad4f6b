import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BOUND_FLOOR_SECONDS, cpuMsBetween, cpuTicksOfStat, earliestAcceptance, orderLatencies, percentile, toRealMs, type PlacedOrder,
} from '../../src/demo/rehearsal/rehearsal-measures.js';
import { orderRate, PROFILE } from '../../src/demo/rehearsal/rehearsal-profile.js';

const order = (id: string, createdMs: number, speed: PlacedOrder['speed'] = 'Standard'): PlacedOrder => ({ id, createdMs, speed });

describe('rehearsal measurement math', () => {
  it('percentile is nearest-rank, null on nothing', () => {
    assert.equal(percentile([], 95), null);
    assert.equal(percentile([5], 95), 5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(hundred, 50), 50);
    assert.equal(percentile(hundred, 95), 95);
    assert.equal(percentile(hundred, 99), 99);
    assert.equal(percentile([3, 1, 2], 100), 3);
  });

  it('the rate-limit bound spends the burst at once, then one order per token', () => {
    // 5 orders at t=0 with burst 2 and 1 token/s: two at once, then at 1 s, 2 s, 3 s.
    const orders = Array.from({ length: 5 }, (_, i) => order(`o${i}`, 0));
    const at = earliestAcceptance(orders, { rate: 1, burst: 2 }, 'fifo');
    assert.deepEqual(orders.map((o) => at.get(o.id)), [0, 0, 1000, 2000, 3000]);
  });

  it('an order arriving after the bucket refilled waits for nothing', () => {
    const at = earliestAcceptance([order('a', 0), order('b', 0), order('c', 10_000)], { rate: 1, burst: 1 }, 'fifo');
    assert.deepEqual([at.get('a'), at.get('b'), at.get('c')], [0, 1000, 10_000]);
  });

  it('finishes on real epoch times whose fractional waits would round back to the same moment', () => {
    // Found by a search over random arrivals: at ~1.8e12 ms a wait of a fraction of a microsecond added
    // to the time gave the same time back, and the refill stayed just under one token for ever (a peak
    // rehearsal hung here after the bridge had stopped).
    const times = [1796231447167, 1796231447255, 1796231447480, 1796231447498, 1796231447723, 1796231447798];
    const orders = times.map((t, i) => order(`o${i}`, t));
    const at = earliestAcceptance(orders, { rate: 4, burst: 3 }, 'fifo');
    assert.equal(at.size, times.length);
    // Three at once from the burst; then one per 250 ms token, no sooner than the bucket allows.
    const served = orders.map((o) => at.get(o.id)!);
    assert.deepEqual(served.slice(0, 3), times.slice(0, 3));
    for (let i = 3; i < served.length; i++) assert.ok(served[i]! >= served[i - 1]! && served[i]! >= times[i]!, `order ${i} served at ${served[i]}`);
    assert.ok(served[5]! - times[0]! <= 1_000, `six orders in about a second: ${served[5]! - times[0]!} ms`);
  });

  it('priority-first gives the next token to a Priority order that arrived while others waited', () => {
    const orders = [order('s1', 0), order('s2', 0), order('s3', 0), order('p', 500, 'Priority')];
    const fifo = earliestAcceptance(orders, { rate: 1, burst: 1 }, 'fifo');
    const prio = earliestAcceptance(orders, { rate: 1, burst: 1 }, 'priority-first');
    assert.equal(fifo.get('p'), 3000);
    assert.equal(prio.get('p'), 1000);
    assert.equal(prio.get('s3'), 3000);
  });

  it('the ratio to the bound takes a bound under a second as one second', () => {
    const orders = [order('a', 0), order('b', 0, 'Priority')];
    const accepted = new Map([['a', 2000], ['b', 1500]]);
    const rows = orderLatencies(orders, accepted, { rate: 2, burst: 30 });
    const all = rows.find((r) => r.speed === 'all')!;
    assert.equal(all.bound.p95, 0);
    assert.equal(all.actual.p95, 2);
    assert.equal(all.ratioToBound, 2 / BOUND_FLOOR_SECONDS);
    assert.equal(rows.find((r) => r.speed === 'Priority')!.actual.p50, 1.5);
    assert.equal(rows.find((r) => r.speed === 'Expedited')!.ratioToBound, null);
  });

  it('under a backlog the ratio compares the p95 wait with the p95 of the bound', () => {
    const orders = Array.from({ length: 20 }, (_, i) => order(`o${i}`, 0));
    // The bound: 0 s for the burst of 10, then 1 s … 10 s; the bridge took twice the bound plus 1 s.
    const bound = earliestAcceptance(orders, { rate: 1, burst: 10 }, 'fifo');
    const accepted = new Map(orders.map((o) => [o.id, bound.get(o.id)! * 2 + 1000]));
    const all = orderLatencies(orders, accepted, { rate: 1, burst: 10 }).find((r) => r.speed === 'all')!;
    assert.equal(all.bound.p95, 9);
    assert.equal(all.actual.p95, 19);
    assert.equal(all.ratioToBound, 19 / 9);
  });

  it('simulated time maps back to real time through one reading of both clocks', () => {
    const reading = { realMs: 1_000_000, simulatedMs: 5_000_000, timeScale: 100 };
    assert.equal(toRealMs(5_000_000, reading), 1_000_000);
    assert.equal(toRealMs(5_100_000, reading), 1_001_000);
    assert.equal(toRealMs(4_900_000, reading), 999_000);
  });

  it('CPU ticks come from utime and stime of /proc/<pid>/stat, a command name with spaces included', () => {
    const stat = '4242 (node my bridge) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 11 0 100 0 0';
    assert.equal(cpuTicksOfStat(stat), 1234 + 567);
    assert.equal(cpuMsBetween(100, 350, 100), 2500);
    assert.throws(() => cpuTicksOfStat('garbage'), /cannot read CPU ticks/);
  });

  it('the peak curve ramps to 10× the steady rate, holds, and eases off', () => {
    assert.equal(orderRate(PROFILE.peak, 1, 0), 1);
    assert.equal(orderRate(PROFILE.peak, 1, 0.2), 5.5);
    assert.equal(orderRate(PROFILE.peak, 1, 0.5), 10);
    assert.ok(Math.abs(orderRate(PROFILE.peak, 1, 0.9) - 5.5) < 1e-9);
    assert.equal(orderRate(PROFILE.steady, 1, 0.5), 1);
    assert.equal(orderRate(PROFILE.outage, 1, 0.5), 3);
  });
});
