// The Store contract on PostgreSQL, each test in a fresh schema so parallel test files never collide.
// Skips when no server answers, except in CI (env CI set), where PostgreSQL must be exercised.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import pg from 'pg';
import { openStore } from '../../src/adapters/store/open-store.js';
import { storeContract, type TestDatabase } from './store-contract.js';
import { inventoryStoreContract } from './inventory-store-contract.js';
import { alertStoreContract } from './alert-store-contract.js';
import { taskLeaseContract } from './task-lease-contract.js';
import { fairClaimContract } from './fair-claim-contract.js';
import { dropSchema, IN_CI, postgresUnavailable, TEST_POSTGRES_URL } from '../support/postgres-available.js';

const POSTGRES_URL = TEST_POSTGRES_URL;

function freshSchemaName(): string {
  return `test_store_${randomBytes(6).toString('hex')}`;
}

async function freshPostgresDatabase(): Promise<TestDatabase> {
  const schema = freshSchemaName();
  return {
    open: (options) => openStore(POSTGRES_URL, { ...options, schema }),
    dispose: () => dropSchema(schema),
  };
}

const unreachable = await postgresUnavailable();
if (unreachable !== null && IN_CI) {
  throw new Error(`PostgreSQL is required in CI but ${POSTGRES_URL} is not reachable: ${unreachable}`);
}

if (unreachable !== null) {
  describe('Store contract: PostgreSQL', { skip: `PostgreSQL not reachable at ${POSTGRES_URL} (${unreachable}); set TEST_POSTGRES_URL, or CI=1 to make this fail` }, () => {
    it('runs the contract');
  });
} else {
  storeContract('PostgreSQL', freshPostgresDatabase);
  inventoryStoreContract('PostgreSQL', freshPostgresDatabase);
  alertStoreContract('PostgreSQL', freshPostgresDatabase);
  taskLeaseContract('PostgreSQL', freshPostgresDatabase);
  fairClaimContract('PostgreSQL', freshPostgresDatabase);

  describe('PostgreSQL specifics', () => {
    it('a ?schema= parameter in the URL selects the schema, and BIGINT comes back as a number', async () => {
      const schema = freshSchemaName();
      const url = new URL(POSTGRES_URL);
      url.searchParams.set('schema', schema);
      const store = await openStore(url.toString());
      try {
        assert.equal(store.dialect, 'postgres');
        await store.work.enqueue({ connectionId: 'c', kind: 'order.export', subjectId: 'o', priority: 1, runAt: 1_700_000_000_123 }, 1);
        const item = await store.work.get('c', 'order.export', 'o');
        assert.equal(item?.runAt, 1_700_000_000_123);
        assert.equal(typeof item?.id, 'number');
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        const tables = await client.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1', [schema]);
        await client.end();
        assert.ok((tables.rows[0] as { n: number }).n >= 8);
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });

    it('rejects a schema name that would need quoting', async () => {
      await assert.rejects(openStore(POSTGRES_URL, { schema: 'Bad-Name' }), /Invalid PostgreSQL schema name/);
    });
  });
}
