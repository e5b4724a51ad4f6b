import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, ROLES } from './roles.js';

test('viewer reads everything and acts on nothing', () => {
  assert.equal(decide('viewer', 'read').allowed, true);
  for (const a of ['exception.act', 'inventory.sync', 'settlement.import', 'journal.download', 'users.manage'] as const) {
    assert.equal(decide('viewer', a, 'operations').allowed, false, a);
  }
});

test('each team acts on its own exceptions only; admin on all', () => {
  for (const team of ['ecommerce', 'operations', 'finance'] as const) {
    for (const role of ROLES) {
      const allowed = decide(role, 'exception.act', team).allowed;
      assert.equal(allowed, role === team || role === 'admin', `${role} on ${team}`);
    }
  }
});

test('finance imports settlements and downloads journals; only admin manages users', () => {
  assert.equal(decide('finance', 'settlement.import').allowed, true);
  assert.equal(decide('finance', 'journal.download').allowed, true);
  assert.equal(decide('operations', 'settlement.import').allowed, false);
  assert.equal(decide('finance', 'users.manage').allowed, false);
  assert.equal(decide('admin', 'users.manage').allowed, true);
  const refused = decide('ecommerce', 'journal.download');
  assert.ok(!refused.allowed && refused.reason.includes('ecommerce'));
});
