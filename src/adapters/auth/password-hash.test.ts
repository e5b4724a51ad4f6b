import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword } from './password-hash.js';

test('a scrypt hash verifies its own password only, and never contains it', async () => {
  const hash = await hashPassword('correct horse battery');
  assert.ok(hash.startsWith('scrypt$') && !hash.includes('horse'));
  assert.equal(await verifyPassword('correct horse battery', hash), true);
  assert.equal(await verifyPassword('correct horse batterY', hash), false);
  assert.equal(await verifyPassword('x', 'md5$abc'), false);
  assert.notEqual(await hashPassword('correct horse battery'), hash, 'salted');
});
