import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDatabaseUrl } from '../../src/adapters/store/database-url.js';

describe('parseDatabaseUrl', () => {
  it('reads the SQLite forms', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:./data/bridge.db'), { dialect: 'sqlite', filename: './data/bridge.db' });
    assert.deepEqual(parseDatabaseUrl('sqlite:///var/lib/bridge.db'), { dialect: 'sqlite', filename: '/var/lib/bridge.db' });
    assert.deepEqual(parseDatabaseUrl('./bridge.db'), { dialect: 'sqlite', filename: './bridge.db' });
    assert.deepEqual(parseDatabaseUrl(':memory:'), { dialect: 'sqlite', filename: ':memory:' });
    assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), { dialect: 'sqlite', filename: ':memory:' });
  });

  it('reads PostgreSQL URLs and takes the schema parameter out', () => {
    assert.deepEqual(parseDatabaseUrl('postgres://u:p@db:5432/bridge?schema=tenant_a&sslmode=require'), {
      dialect: 'postgres',
      connectionString: 'postgres://u:p@db:5432/bridge?sslmode=require',
      schema: 'tenant_a',
    });
    assert.deepEqual(parseDatabaseUrl('postgresql://db/bridge'), { dialect: 'postgres', connectionString: 'postgresql://db/bridge', schema: null });
  });

  it('refuses what it cannot open, saying why', () => {
    assert.throws(() => parseDatabaseUrl(''), /empty/);
    assert.throws(() => parseDatabaseUrl('mysql://db/bridge'), /Unsupported database "mysql"/);
    assert.throws(() => parseDatabaseUrl('sqlite:'), /names no SQLite file/);
  });
});
