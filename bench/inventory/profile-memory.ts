// Diagnoses the memory of `fba-bridge inventory sync` (bench/inventory's world, kept between runs):
// runs the sync --runs times, each after adding units to every SKU in FBA (so every entry is written),
// with the node options given, sampling its memory through memory-sampler.js into --out/<run>.jsonl,
// and prints per run the peak RSS (VmHWM), the peak heap, and the most the heap held after a full
// collection (with --gc-every-ms, which needs --expose-gc in the options). The options go in NODE_OPTIONS,
// so only those Node accepts there (not --heap-growing-percent).
// Usage: node --import tsx bench/inventory/profile-memory.ts --skus 20000 --out /tmp/mem
//          [--options '--max-semi-space-size=4'] [--options ''] … [--gc-every-ms 2000] [--snapshot-at-mib 200] [--smaps-at-mib 180] [--env MALLOC_ARENA_MAX=2]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCommand, runSync } from '../support/sync-process.js';
import { startInventoryBench } from './inventory-bench-setup.js';

const { values } = parseArgs({ options: {
  skus: { type: 'string', default: '20000' }, 'rate-scale': { type: 'string', default: '10' }, out: { type: 'string', default: '/tmp/fba-inventory-memory' },
  options: { type: 'string', multiple: true, default: [''] }, 'gc-every-ms': { type: 'string' }, 'snapshot-at-mib': { type: 'string' },
  'smaps-at-mib': { type: 'string' }, env: { type: 'string', multiple: true, default: [] },
} });
// Environment of every sync process (e.g. MALLOC_ARENA_MAX, which must be set before a process starts).
const syncEnv = Object.fromEntries(values.env!.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const SAMPLER = fileURLToPath(new URL('./memory-sampler.js', import.meta.url));
const out = values.out!;
mkdirSync(out, { recursive: true });
buildCommand();
const bench = await startInventoryBench({ skus: Number(values.skus), rateScale: Number(values['rate-scale']), writeConcurrency: 8, writeRate: 10000 });
const mib = (b: number) => (b / 1048576).toFixed(0);
try {
  process.stdout.write(`${values.skus} SKUs ready\n`);
  for (const [n, options] of values.options!.entries()) {
    if (n > 0) await bench.addStock(5);
    const samples = join(out, `run-${n}.jsonl`);
    writeFileSync(samples, '');
    const figures = await runSync({
      ...bench.bridgeEnv, ...syncEnv, NODE_OPTIONS: `--import=${SAMPLER} ${options}`.trim(), MEMORY_SAMPLES_FILE: samples, HEAP_SNAPSHOT_DIR: out,
      ...(values['gc-every-ms'] ? { MEMORY_SAMPLE_GC_EVERY_MS: values['gc-every-ms'] } : {}),
      ...(values['snapshot-at-mib'] ? { HEAP_SNAPSHOT_AT_MIB: values['snapshot-at-mib'] } : {}),
      ...(values['smaps-at-mib'] ? { SMAPS_AT_MIB: values['smaps-at-mib'] } : {}),
    });
    writeFileSync(join(out, `run-${n}.stdout`), figures.stdout);
    const rows = readFileSync(samples, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, number | null>);
    const max = (k: string) => Math.max(0, ...rows.map((r) => Number(r[k] ?? 0)));
    process.stdout.write(`run ${n} [${options || 'default heap'}]: ${figures.written} writes in ${(figures.syncMs / 1000).toFixed(0)} s, CPU ${(figures.cpuMs / 1000).toFixed(1)} s; `
      + `peak RSS ${mib(figures.peakRss)} MiB; max heapTotal ${max('heapTotal')}, heapUsed ${max('heapUsed')}, external ${max('external')}, arrayBuffers ${max('arrayBuffers')}, RssAnon ${max('rssAnon')}, RssFile ${max('rssFile')}, retained after full GC ${max('retained') || '–'} MiB\n`);
  }
} finally {
  await bench.stop();
}
