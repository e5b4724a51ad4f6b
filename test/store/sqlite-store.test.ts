// The Store contract on SQLite (a temp file per test), plus what only SQLite has: :memory:, file URLs,
// and several processes sharing one file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/adapters/store/open-store.js';
import { storeContract, type TestDatabase } from './store-contract.js';
import { inventoryStoreContract } from './inventory-store-contract.js';
import { alertStoreContract } from './alert-store-contract.js';
import { taskLeaseContract } from './task-lease-contract.js';
import { fairClaimContract } from './fair-claim-contract.js';

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'fba-bridge-store-'));
}

async function freshSqliteDatabase(): Promise<TestDatabase> {
  const folder = tempFolder();
  const file = join(folder, 'bridge.db');
  return {
    open: (options) => openStore(`sqlite:${file}`, options),
    dispose: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

storeContract('SQLite', freshSqliteDatabase);
inventoryStoreContract('SQLite', freshSqliteDatabase);
alertStoreContract('SQLite', freshSqliteDatabase);
taskLeaseContract('SQLite', freshSqliteDatabase);
fairClaimContract('SQLite', freshSqliteDatabase);

describe('SQLite specifics', () => {
  it(':memory: opens a migrated private database', async () => {
    const a = await openStore(':memory:');
    const b = await openStore('sqlite::memory:');
    try {
      assert.equal(a.dialect, 'sqlite');
      await a.inbox.record('s', 'm', 1);
      assert.equal(await b.inbox.record('s', 'm', 1), true, 'each :memory: store is its own database');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('creates the parent folder of the database file, for a URL or a plain path', async () => {
    const folder = tempFolder();
    try {
      const viaUrl = join(folder, 'nested', 'deeper', 'bridge.db');
      const viaPath = join(folder, 'plain', 'bridge.db');
      const stores = [await openStore(`sqlite://${viaUrl}`), await openStore(viaPath)];
      for (const store of stores) await store.close();
      assert.ok(existsSync(viaUrl));
      assert.ok(existsSync(viaPath));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects the Postgres-only schema option', async () => {
    await assert.rejects(openStore(':memory:', { schema: 'x' }), /PostgreSQL only/);
  });

  it('using the outer store inside its own transaction fails with a clear error instead of deadlocking', async () => {
    const store = await openStore(':memory:');
    try {
      await assert.rejects(
        store.transaction(async () => store.inbox.record('s', 'm', 1)),
        /use the `tx` store/,
      );
      assert.equal(await store.inbox.record('s', 'm', 1), true, 'and the failed transaction left nothing behind');
    } finally {
      await store.close();
    }
  });

  it('a call from outside waits for a transaction that keeps running statements, however long it takes', async () => {
    const store = await openStore(':memory:');
    try {
      let outsideDone = false;
      const transaction = store.transaction(async (tx) => {
        // Longer than the stall a deadlock is recognised by, but making progress all the while.
        for (let i = 0; i < 6; i++) {
          await tx.inbox.record('s', `in-${i}`, 1);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        return outsideDone;
      });
      await new Promise((resolve) => setImmediate(resolve));
      const outside = store.inbox.record('s', 'outside', 1).then((recorded) => { outsideDone = true; return recorded; });
      assert.equal(await transaction, false, 'the outside call waited for the commit');
      assert.equal(await outside, true);
    } finally {
      await store.close();
    }
  });

  it('several processes claiming from one file never get the same item', async () => {
    const folder = tempFolder();
    const file = join(folder, 'bridge.db');
    try {
      const store = await openStore(`sqlite:${file}`);
      const total = 600;
      await store.transaction(async (tx) => {
        for (let i = 0; i < total; i++) {
          await tx.work.enqueue({ connectionId: 'c', kind: 'order.export', subjectId: `o${i}`, priority: 0, runAt: 0 }, 0);
        }
      });
      const worker = fileURLToPath(new URL('./sqlite-claim-worker.ts', import.meta.url));
      const goFile = join(folder, 'go');
      const workers = [1, 2, 3].map((n) => startWorker(worker, file, `p${n}`, goFile));
      await Promise.all(workers.map((w) => w.ready));
      writeFileSync(goFile, '');
      const results = await Promise.all(workers.map((w) => w.claimed));
      const ids = results.flat();
      assert.equal(new Set(ids).size, ids.length, 'an item was claimed twice');
      assert.equal(ids.length, total);
      // Real concurrency, not one process after another; on a loaded 2-core machine one of three may be
      // starved for the whole run, so two suffice to show it.
      assert.ok(results.filter((r) => r.length > 0).length >= 2, `at least two processes should get work: ${results.map((r) => r.length).join(', ')}`);
      const [stats] = await store.work.stats('c', 1);
      assert.equal(stats?.done, total);
      await store.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

interface ClaimWorker {
  readonly ready: Promise<void>;
  readonly claimed: Promise<number[]>;
}

function startWorker(script: string, file: string, owner: string, goFile: string): ClaimWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', script, file, owner, goFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let signalReady!: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const claimed = new Promise<number[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      signalReady(); // never leave the barrier waiting on a child that died
      if (code !== 0) reject(new Error(`claim worker ${owner} exited ${code}: ${err}`));
      else resolve(JSON.parse(out.slice('ready\n'.length)) as number[]);
    });
  });
  return { ready, claimed };
}
