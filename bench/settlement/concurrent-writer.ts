// bench/settlement: another process writing the same SQLite database while a settlement import runs —
// what the bridge's order flows do all day. It writes a watermark every WRITE_EVERY_MS through the
// store (its own connection, SQLite's busy_timeout as configured) and measures how long each write
// waits. Started by measure.ts with the database path; prints "ready", then on "stop" (stdin) one JSON
// line: writes, the longest and 99th-percentile wait, and how many writes were refused as busy.
import { createInterface } from 'node:readline';
import { openStore } from '../../src/adapters/store/open-store.js';

const WRITE_EVERY_MS = 20;

export interface WriterStats {
  readonly writes: number;
  readonly maxWaitMs: number;
  readonly p99WaitMs: number;
  readonly refusedBusy: number;
}

export async function runConcurrentWriter(dbPath: string): Promise<void> {
  const store = await openStore(`sqlite:${dbPath}`);
  const waits: number[] = [];
  let refusedBusy = 0;
  let stopping = false;
  createInterface({ input: process.stdin }).on('line', (line) => { if (line.trim() === 'stop') stopping = true; });
  process.stdout.write('ready\n');
  for (let i = 0; !stopping; i++) {
    const started = performance.now();
    try {
      await store.watermarks.set('bench', 'concurrent-writer', String(i), Date.now());
      waits.push(performance.now() - started);
    } catch (error) {
      if (/SQLITE_BUSY|database is locked/i.test(String(error))) refusedBusy++;
      else throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, WRITE_EVERY_MS));
  }
  await store.close();
  waits.sort((a, b) => a - b);
  const stats: WriterStats = {
    writes: waits.length, maxWaitMs: waits[waits.length - 1] ?? 0, p99WaitMs: waits[Math.floor(waits.length * 0.99)] ?? 0, refusedBusy,
  };
  process.stdout.write(`${JSON.stringify(stats)}\n`, () => process.exit(0));
}
