// What every port contract needs: a fresh subject per test, disposed whatever happens, and readable
// assertions on Results.
import assert from 'node:assert/strict';
import type { Failure, Result } from '../../src/domain/shared/result.js';

/** Wraps a test body: opens a fresh subject, runs the body, always disposes the subject. */
export function withFresh<T extends { dispose(): Promise<void> }>(open: () => Promise<T>): (fn: (t: T) => Promise<void>) => () => Promise<void> {
  return (fn) => async () => {
    const t = await open();
    try {
      await fn(t);
    } finally {
      await t.dispose();
    }
  };
}

/** The value of an ok Result; fails the test naming the failure otherwise. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.category} ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The failure of a failed Result; fails the test showing the value otherwise. */
export function failureOf<T>(result: Result<T>): Failure {
  assert.ok(!result.ok, `expected a failure, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.error;
}
