// `status` evaluates with the config file's thresholds (as `start` does) and finds the running bridge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStatusConfig } from '../../src/config/load-status-config.js';

function configFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'status-config-')), 'bridge.json');
  writeFileSync(path, content);
  return path;
}

test('the config file\'s alert thresholds and STUCK_IN_PLANNING_HOURS replace the defaults', () => {
  const path = configFile(JSON.stringify({ alerts: { rules: { 'orders.backlog': { afterSeconds: 60 }, 'intake.silent': { enabled: false } }, teams: { operations: { email: 'ops@example.com' } } } }));
  const c = loadStatusConfig({ FBA_BRIDGE_CONFIG: path, STUCK_IN_PLANNING_HOURS: '6', PORT: '9090' });
  assert.deepEqual(c.problems, []);
  assert.equal(c.rules?.['orders.backlog'].afterSeconds, 60);
  assert.equal(c.rules?.['intake.silent'].enabled, false);
  assert.equal(c.stuckInPlanningMs, 6 * 3600_000);
  assert.equal(c.bridgeUrl, 'http://127.0.0.1:9090');
});

test('without a config file: the defaults, port 8080; a wildcard HOST is reached on loopback', () => {
  const c = loadStatusConfig({ HOST: '0.0.0.0' });
  assert.equal(c.rules, undefined);
  assert.equal(c.stuckInPlanningMs, 24 * 3600_000);
  assert.equal(c.bridgeUrl, 'http://127.0.0.1:8080');
});

test('an unreadable file or a bad rule is a warning naming it, and the defaults are used', () => {
  assert.match(loadStatusConfig({ FBA_BRIDGE_CONFIG: configFile('{ not json') }).problems[0] ?? '', /cannot be read as JSON.*default thresholds are used/);
  const bad = loadStatusConfig({ FBA_BRIDGE_CONFIG: configFile(JSON.stringify({ alerts: { rules: { 'orders.backlog': { afterSeconds: 'soon' } } } })) });
  assert.equal(bad.rules, undefined);
  assert.match(bad.problems.join('\n'), /alerts\.rules\.orders\.backlog\.afterSeconds/);
});
