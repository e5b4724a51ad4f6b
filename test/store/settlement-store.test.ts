// The settlement store contract on SQLite (a temp file per test) and on PostgreSQL (a fresh schema per
// test; skipped with a message when no server answers, except in CI where it must run).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import { dropSchema, IN_CI, postgresUnavailable, TEST_POSTGRES_URL } from '../support/postgres-available.js';
import { settlementStoreContract } from './settlement-store-contract.js';
import type { TestDatabase } from './store-contract.js';

async function freshSqliteDatabase(): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'fba-bridge-settlement-store-'));
  const file = join(folder, 'bridge.db');
  return {
    open: (options) => openStore(`sqlite:${file}`, options),
    dispose: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function freshPostgresDatabase(): Promise<TestDatabase> {
  const schema = `test_settle_${randomBytes(6).toString('hex')}`;
  return {
    open: (options) => openStore(TEST_POSTGRES_URL, { ...options, schema }),
    dispose: () => dropSchema(schema),
  };
}

settlementStoreContract('SQLite', freshSqliteDatabase);

const unreachable = await postgresUnavailable();
if (unreachable !== null && IN_CI) {
  throw new Error(`PostgreSQL is required in CI but ${TEST_POSTGRES_URL} is not reachable: ${unreachable}`);
}
if (unreachable !== null) {
  describe('Settlement store contract: PostgreSQL', { skip: `PostgreSQL not reachable at ${TEST_POSTGRES_URL} (${unreachable}); set TEST_POSTGRES_URL, or CI=1 to make this fail` }, () => {
    it('runs the contract');
  });
} else {
  settlementStoreContract('PostgreSQL', freshPostgresDatabase);
}
