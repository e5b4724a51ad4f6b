// A preload for diagnosing a sync process's memory (NODE_OPTIONS=--import=<this file>): every
// MEMORY_SAMPLE_MS (default 250) appends one JSON line of process.memoryUsage() and V8's space sizes
// to MEMORY_SAMPLES_FILE. With --expose-gc and MEMORY_SAMPLE_GC_EVERY_MS, it also runs a full
// collection that often and records what survives it (what the process really holds). With
// HEAP_SNAPSHOT_AT_MIB (and HEAP_SNAPSHOT_DIR), it writes one heap snapshot when RSS first passes it.
// Each line also splits RSS as the kernel counts it (/proc/self/status: anonymous memory — V8's heap,
// malloc's arenas, buffers — and file-backed pages — node's binary and shared libraries); with
// SMAPS_AT_MIB it copies /proc/self/smaps (every mapping's resident size) when RSS first passes it, into
// HEAP_SNAPSHOT_DIR.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
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
  const smapsAt = Number(process.env.SMAPS_AT_MIB ?? 0) * 1048576;
  let smapsTaken = false;
  const kernelRss = () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    return { rssAnon: Math.round(kib('RssAnon') * 10) / 10, rssFile: Math.round(kib('RssFile') * 10) / 10 };
  };
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
      external: mib(m.external), arrayBuffers: mib(m.arrayBuffers), ...kernelRss(), retained, spaces,
    }) + '\n');
    if (smapsAt > 0 && !smapsTaken && m.rss >= smapsAt) {
      smapsTaken = true;
      writeFileSync(join(process.env.HEAP_SNAPSHOT_DIR ?? '.', `sync-${process.pid}.smaps`), readFileSync('/proc/self/smaps', 'utf8'));
    }
    if (snapshotAt > 0 && !snapshotTaken && m.rss >= snapshotAt) {
      snapshotTaken = true;
      writeHeapSnapshot(join(process.env.HEAP_SNAPSHOT_DIR ?? '.', `sync-${process.pid}.heapsnapshot`));
    }
  };
  setInterval(sample, Number(process.env.MEMORY_SAMPLE_MS ?? 250)).unref();
}
