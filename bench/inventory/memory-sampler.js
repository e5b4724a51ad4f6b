// A preload for diagnosing a sync process's memory (NODE_OPTIONS=--import=<this file>): every
// MEMORY_SAMPLE_MS (default 250) appends one JSON line of process.memoryUsage() and V8's space sizes
// to MEMORY_SAMPLES_FILE. With --expose-gc and MEMORY_SAMPLE_GC_EVERY_MS, it also runs a full
// collection that often and records what survives it (what the process really holds). With
// HEAP_SNAPSHOT_AT_MIB (and HEAP_SNAPSHOT_DIR), it writes one heap snapshot when RSS first passes it.
import { appendFileSync } from 'node:fs';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const file = process.env.MEMORY_SAMPLES_FILE;
if (file) {
  const started = performance.now();
  const mib = (b) => Math.round((b / 1048576) * 10) / 10;
  const gcEvery = Number(process.env.MEMORY_SAMPLE_GC_EVERY_MS ?? 0);
  const snapshotAt = Number(process.env.HEAP_SNAPSHOT_AT_MIB ?? 0) * 1048576;
  let snapshotTaken = false;
  let lastGc = performance.now();
  let retained = null;
  const sample = () => {
    if (gcEvery > 0 && typeof globalThis.gc === 'function' && performance.now() - lastGc >= gcEvery) {
      globalThis.gc();
      lastGc = performance.now();
      retained = mib(process.memoryUsage().heapUsed);
    }
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, mib(s.space_size)]));
    appendFileSync(file, JSON.stringify({
      t: Math.round(performance.now() - started), rss: mib(m.rss), heapTotal: mib(m.heapTotal), heapUsed: mib(m.heapUsed),
      external: mib(m.external), arrayBuffers: mib(m.arrayBuffers), retained, spaces,
    }) + '\n');
    if (snapshotAt > 0 && !snapshotTaken && m.rss >= snapshotAt) {
      snapshotTaken = true;
      writeHeapSnapshot(join(process.env.HEAP_SNAPSHOT_DIR ?? '.', `sync-${process.pid}.heapsnapshot`));
    }
  };
  setInterval(sample, Number(process.env.MEMORY_SAMPLE_MS ?? 250)).unref();
}
