// The rate bucket contract on the unit tests' in-memory fake, SQLite (one file, two connections), PostgreSQL (one schema, two pools)
// and Redis (two clients). PostgreSQL and Redis skip with a message when no server answers, except in
// CI, where they must run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { openStore } from '../../src/adapters/store/open-store.js';
import { RedisRateBuckets } from '../../src/adapters/redis/redis-rate-buckets.js';
import { dropSchema, IN_CI, postgresUnavailable, TEST_POSTGRES_URL } from '../support/postgres-available.js';
import { rateBucketContract } from './rate-bucket-contract.js';
import { InMemoryRateBuckets } from '../support/fakes/in-memory-rate-buckets.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

rateBucketContract('in-memory fake', {
  open: async () => {
    const shared = new InMemoryRateBuckets();
    return { a: shared, b: shared, dispose: async () => {} };
  },
});

rateBucketContract('SQLite', {
  open: async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fba-bridge-buckets-'));
    const file = `sqlite:${join(folder, 'bridge.db')}`;
    const one = await openStore(file);
    const two = await openStore(file);
    return {
      a: one.rateBuckets, b: two.rateBuckets,
      dispose: async () => { await one.close(); await two.close(); rmSync(folder, { recursive: true, force: true }); },
    };
  },
});

const pgDown = await postgresUnavailable();
if (pgDown !== null && IN_CI) throw new Error(`PostgreSQL is required in CI but ${TEST_POSTGRES_URL} is not reachable: ${pgDown}`);
if (pgDown !== null) {
  describe('Rate bucket store contract: PostgreSQL', { skip: `PostgreSQL not reachable at ${TEST_POSTGRES_URL} (${pgDown}); set TEST_POSTGRES_URL, or CI=1 to make this fail` }, () => {
    it('runs the contract');
  });
} else {
  rateBucketContract('PostgreSQL', {
    open: async () => {
      const schema = `test_buckets_${randomBytes(6).toString('hex')}`;
      const one = await openStore(TEST_POSTGRES_URL, { schema });
      const two = await openStore(TEST_POSTGRES_URL, { schema });
      return { a: one.rateBuckets, b: two.rateBuckets, dispose: async () => { await one.close(); await two.close(); await dropSchema(schema); } };
    },
  });
}

async function redisUnavailable(): Promise<string | null> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    probe.disconnect();
  }
}

const redisDown = await redisUnavailable();
if (redisDown !== null && IN_CI) throw new Error(`Redis is required in CI but ${REDIS_URL} is not reachable: ${redisDown}`);
if (redisDown !== null) {
  describe('Rate bucket store contract: Redis', { skip: `Redis not reachable at ${REDIS_URL} (${redisDown}); set TEST_REDIS_URL, or CI=1 to make this fail` }, () => {
    it('runs the contract');
  });
} else {
  rateBucketContract('Redis', {
    open: async () => {
      const a = new RedisRateBuckets(REDIS_URL);
      const b = new RedisRateBuckets(REDIS_URL);
      return { a, b, dispose: async () => { await a.close(); await b.close(); } };
    },
  });
}
