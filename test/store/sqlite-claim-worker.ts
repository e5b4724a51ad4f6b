// A separate process for sqlite-store.test.ts: opens the given file, says "ready", waits for the go file
// (so all processes start claiming together), claims and completes items until none are left, and
// prints the ids it claimed as JSON. Several run at once against one file.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../src/adapters/store/open-store.js';

const [file, owner, goFile] = process.argv.slice(2);
if (!file || !owner || !goFile) throw new Error('usage: sqlite-claim-worker <file> <owner> <go-file>');

const store = await openStore(`sqlite:${file}`);
process.stdout.write('ready\n');
while (!existsSync(goFile)) await sleep(5);

const claimed: number[] = [];
for (;;) {
  const items = await store.work.claim({ owner, now: 1, leaseMs: 60_000, limit: 3 });
  if (items.length === 0) break;
  for (const item of items) {
    claimed.push(item.id);
    if (!(await store.work.complete(item.id, owner, 1))) throw new Error(`lost the lease of ${item.id}`);
  }
}
await store.close();
process.stdout.write(JSON.stringify(claimed) + '\n');
