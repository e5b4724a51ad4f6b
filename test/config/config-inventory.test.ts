// loadConfig reads the config file's `inventory` section through parseInventorySettings.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load-config.js';
import { COMPLETE } from './complete-environment.js';

const dir = mkdtempSync(join(tmpdir(), 'fba-bridge-config-inv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('loadConfig: the inventory section', () => {
  it('is optional: without it inventory sync is off', () => {
    const result = loadConfig({}, file('none.json', { ...COMPLETE }));
    assert.ok(result.ok, result.ok ? '' : result.error.join('\n'));
    assert.equal(result.value.inventory, undefined);
  });

  it('is parsed into pools with their policy, schedule and defaults', () => {
    const result = loadConfig({}, file('ok.json', {
      ...COMPLETE,
      inventory: { pools: [{ id: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], buffer: { units: 2 }, channels: [{ key: 'web-de', policy: 'split', share: 60 }, { key: 'web-at', policy: 'split', share: 40 }] }] },
    }));
    assert.ok(result.ok, result.ok ? '' : result.error.join('\n'));
    const inv = result.value.inventory;
    assert.ok(inv);
    assert.equal(inv.pools[0]?.allocation.policy, 'split');
    assert.equal(inv.schedule.incrementalMinutes, 5);
    assert.equal(inv.pools[0]?.buffer.units, 2);
  });

  it('reports its problems with the file path, next to the other problems', () => {
    const path = file('bad.json', { ...COMPLETE, PORT: 'x', inventory: { pools: [{ id: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], channels: [{ key: 'web-de', policy: 'split', share: 60, buffer: 3 }] }] } });
    const result = loadConfig({}, path);
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.error;
    assert.ok(problems.some((p) => p.startsWith(`config file ${path}: inventory.pools[0] ("eu").channels[0] ("web-de").buffer: the buffer is set per pool`)), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('PORT')), problems.join('\n'));
  });
});
