// bench/settlement: streaming import of generated V2 settlement reports (DE locale: decimal comma,
// dd.mm.yyyy dates) of 100,000 and 1,000,000 detail rows. Printed, all measured in this run:
//   - rows per second of the import (parse + validate + summary + per-order aggregation)
//   - peak memory (RSS and V8 heap, sampled) for both sizes and their ratio, and the live heap (what
//     survives a forced GC; a separate, untimed run): flat memory means a live-heap ratio ≈ 1 — RSS
//     and peak heap also grow with V8's heap sizing under a higher allocation volume, even for the floor
//   - import time ÷ the floor: only reading the same file and splitting it into lines
//   - the full import as `settlement import` runs it (importSettlement into a fresh SQLite file: one
//     transaction, runs of each order merged in the store, matching, exceptions, journal): wall time,
//     peak RSS (the process's maxRSS) and peak heap for both sizes, and their ratio
// Each measurement runs in a fresh process so that one size's garbage cannot inflate the other's peak.
// Usage: npm run bench:settlement [-- --rows 100000,1000000 --keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openSettlementFile, writeSettlementFile } from '../../src/adapters/settlement-file/settlement-file.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../src/domain/settlements/default-chart-of-accounts.js';
import { importSettlement } from '../../src/flows/settlements/settlement-import.js';
import { generateSettlementLines } from '../../src/demo/settlements/settlement-generator.js';
import { OrderAggregator, type OrderAggregate } from '../../src/domain/settlements/settlement-order-aggregate.js';
import { readSettlement } from '../../src/domain/settlements/settlement-reader.js';
import { SettlementSummaryAccumulator } from '../../src/domain/settlements/settlement-summary.js';

interface Measurement {
  readonly ms: number;
  readonly lines: number;
  readonly rows: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly liveHeapMb?: number;
  readonly verdict?: string;
  readonly orderRuns?: number;
  readonly netProceedsEqualsTotal?: boolean;
  readonly ordersAccountForOrderRows?: boolean;
  /** Full import only: the outcome's status, orders stored and exceptions raised. */
  readonly status?: string;
  readonly orders?: number;
  readonly exceptions?: number;
}

/** Samples memory on a timer and on demand; the peak is what the run needed at most. */
class MemoryPeak {
  rss = 0;
  heap = 0;
  private readonly timer = setInterval(() => this.sample(), 5);
  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > this.rss) this.rss = rss;
    if (heapUsed > this.heap) this.heap = heapUsed;
  }
  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

const MB = 1024 * 1024;

/** The floor: read the file and split it into lines, nothing else. */
async function floor(path: string): Promise<Measurement> {
  const memory = new MemoryPeak();
  const started = performance.now();
  const decoder = new TextDecoder();
  let carry = '';
  let lines = 0;
  for await (const chunk of openSettlementFile(path)) {
    const parts = (carry + decoder.decode(chunk, { stream: true })).split('\n');
    carry = parts.pop() ?? '';
    lines += parts.length;
    memory.sample();
  }
  if (carry !== '') lines++;
  const ms = performance.now() - started;
  memory.stop();
  return { ms, lines, rows: 0, peakRssMb: memory.rss / MB, peakHeapMb: memory.heap / MB };
}

/**
 * The import as `settlement import` will run it: every event consumed, nothing kept but aggregates.
 * `liveHeap`: force a garbage collection every 2^14 rows and record the heap that survives it — what
 * the import really holds, as opposed to garbage not yet collected (slower: not used for timing).
 */
async function importFile(path: string, liveHeap = false): Promise<Measurement> {
  const collect = liveHeap ? (globalThis as { gc?: () => void }).gc : undefined;
  if (liveHeap && collect === undefined) throw new Error('--expose-gc is needed to measure the live heap');
  let maxLiveHeap = 0;
  const memory = new MemoryPeak();
  const started = performance.now();
  const summary = new SettlementSummaryAccumulator();
  const orders = new OrderAggregator();
  let rows = 0;
  let orderRows = 0;
  let orderRuns = 0;
  let orderRowsInRuns = 0;
  const finished = (aggregate: OrderAggregate | undefined): void => {
    if (aggregate === undefined) return;
    orderRuns++;
    orderRowsInRuns += aggregate.rowCount; // a store would upsert the run here
  };
  let end: Measurement | undefined;
  for await (const event of readSettlement(openSettlementFile(path))) {
    if (event.kind === 'row') {
      rows++;
      summary.add(event.row);
      if (event.row.orderId !== undefined || event.row.merchantOrderId !== undefined) orderRows++;
      finished(orders.add(event.row));
      if ((rows & 0x3fff) === 0) {
        memory.sample();
        if (collect !== undefined) {
          collect();
          maxLiveHeap = Math.max(maxLiveHeap, process.memoryUsage().heapUsed);
        }
      }
    } else if (event.kind === 'end') {
      finished(orders.flush());
      const result = summary.result();
      const ms = performance.now() - started;
      memory.stop();
      end = {
        ms, lines: event.result.lineCount, rows, peakRssMb: memory.rss / MB, peakHeapMb: memory.heap / MB, liveHeapMb: maxLiveHeap / MB,
        verdict: event.result.verdict, orderRuns,
        netProceedsEqualsTotal: result.netProceeds === event.result.header?.totalAmount,
        ordersAccountForOrderRows: orderRowsInRuns === orderRows,
      };
    }
  }
  if (end === undefined) throw new Error('the import ended without its end event');
  return end;
}

/** The whole use case, as the CLI runs it, into a fresh SQLite database next to the file. */
async function fullImport(path: string): Promise<Measurement> {
  const dbPath = `${path}.db`;
  const store = await openStore(`sqlite:${dbPath}`);
  try {
    const memory = new MemoryPeak();
    const started = performance.now();
    const outcome = await importSettlement({ store, connectionId: 'bench', source: openSettlementFile(path), chart: DEFAULT_CHART_OF_ACCOUNTS, now: Date.now() });
    const ms = performance.now() - started;
    memory.stop();
    const imported = outcome.status === 'imported' || outcome.status === 'unchanged';
    return {
      ms, lines: outcome.read?.lineCount ?? 0, rows: outcome.read?.rowCount ?? 0,
      // maxRSS: the true peak of the process (KiB), not a sample.
      peakRssMb: Math.max(memory.rss, process.resourceUsage().maxRSS * 1024) / MB, peakHeapMb: memory.heap / MB,
      verdict: outcome.read?.verdict, status: outcome.status,
      orders: imported ? outcome.stored.matching.orders : 0, exceptions: imported ? outcome.stored.matching.exceptions : 0,
    };
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  }
}

const self = fileURLToPath(import.meta.url);

function measureInChild(mode: 'floor' | 'import' | 'live-heap' | 'full', path: string): Measurement {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', mode, '--file', path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${mode} of ${path} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Measurement;
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    keep: { type: 'boolean', default: false },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});

if (values.child !== undefined && values.file !== undefined) {
  const measured = values.child === 'floor' ? await floor(values.file)
    : values.child === 'full' ? await fullImport(values.file)
    : await importFile(values.file, values.child === 'live-heap');
  process.stdout.write(`${JSON.stringify(measured)}\n`);
} else {
  const sizes = (values.rows ?? '').split(',').map((n) => Number.parseInt(n, 10)).filter((n) => n > 0);
  const dir = mkdtempSync(join(tmpdir(), 'fba-bench-settlement-'));
  const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  try {
    process.stdout.write(`generating V2 settlement reports (DE locale) in ${dir}\n`);
    const results: Array<{ size: number; mb: number; floor: Measurement; run: Measurement; live: Measurement; full: Measurement }> = [];
    for (const size of sizes) {
      const path = join(dir, `settlement-${size}.txt`);
      const started = performance.now();
      await writeSettlementFile(path, generateSettlementLines({ format: 'v2', market: 'DE', seed: 42, detailRows: size }));
      const mb = statSync(path).size / MB;
      process.stdout.write(`  ${fmt(size)} rows: ${fmt(mb, 1)} MB in ${fmt((performance.now() - started) / 1000, 1)} s\n`);
      const floorRun = measureInChild('floor', path);
      const run = measureInChild('import', path);
      const live = measureInChild('live-heap', path);
      const full = measureInChild('full', path);
      results.push({ size, mb, floor: floorRun, run, live, full });
      if (!values.keep) rmSync(path);
    }

    process.stdout.write('\nimport = parse + validate (Σ detail = total) + summary + per-order aggregation, streaming\n');
    process.stdout.write('rows        file MB   floor s   import s   rows/s      import÷floor   peak RSS MB   peak heap MB   verdict\n');
    for (const { mb, floor: f, run } of results) {
      process.stdout.write(`${fmt(run.rows).padEnd(11)} ${fmt(mb, 1).padStart(7)}   ${fmt(f.ms / 1000, 2).padStart(7)}   ${fmt(run.ms / 1000, 2).padStart(8)}   `
        + `${fmt(run.rows / (run.ms / 1000)).padStart(9)}   ${fmt(run.ms / f.ms, 2).padStart(12)}   ${fmt(run.peakRssMb, 1).padStart(11)}   `
        + `${fmt(run.peakHeapMb, 1).padStart(12)}   ${run.verdict ?? ''}\n`);
    }
    for (const { size, floor: f, run, live } of results) {
      if (!run.netProceedsEqualsTotal || !run.ordersAccountForOrderRows || run.verdict !== 'accepted') {
        process.stdout.write(`CHECK FAILED for ${fmt(size)} rows: ${JSON.stringify(run)}\n`);
        process.exitCode = 1;
      }
      process.stdout.write(`  ${fmt(size)}: live heap after GC (max) ${fmt(live.liveHeapMb ?? 0, 1)} MB; floor peak RSS ${fmt(f.peakRssMb, 1)} MB; `
        + `${fmt(run.orderRuns ?? 0)} order runs handed on; net proceeds = total-amount: ${String(run.netProceedsEqualsTotal)}\n`);
    }
    process.stdout.write('\nfull import = `settlement import`: the above + journal + runs merged into SQLite in one transaction + matching + exceptions\n');
    process.stdout.write('rows        import s   rows/s      import÷floor   peak RSS MB   peak heap MB   orders     exceptions   status\n');
    for (const { floor: f, full } of results) {
      process.stdout.write(`${fmt(full.rows).padEnd(11)} ${fmt(full.ms / 1000, 2).padStart(8)}   ${fmt(full.rows / (full.ms / 1000)).padStart(9)}   `
        + `${fmt(full.ms / f.ms, 2).padStart(12)}   ${fmt(full.peakRssMb, 1).padStart(11)}   ${fmt(full.peakHeapMb, 1).padStart(12)}   `
        + `${fmt(full.orders ?? 0).padStart(8)}   ${fmt(full.exceptions ?? 0).padStart(10)}   ${full.status ?? ''}\n`);
      if (full.status !== 'imported') {
        process.stdout.write(`CHECK FAILED: the full import of ${fmt(full.rows)} rows ended ${full.status ?? '?'}\n`);
        process.exitCode = 1;
      }
    }
    const small = results[0];
    const large = results[results.length - 1];
    if (small && large && small !== large) {
      process.stdout.write(`\npeak RSS ${fmt(large.size)} ÷ ${fmt(small.size)} rows: ${fmt(large.run.peakRssMb / small.run.peakRssMb, 2)}`
        + `   peak heap: ${fmt(large.run.peakHeapMb / small.run.peakHeapMb, 2)}   live heap: ${fmt((large.live.liveHeapMb ?? 0) / (small.live.liveHeapMb ?? 1), 2)}`
        + `   (file ${fmt(large.mb / small.mb, 1)}× larger)\n`);
      process.stdout.write(`rows/s ${fmt(large.size)} ÷ ${fmt(small.size)} rows: ${fmt((large.run.rows / large.run.ms) / (small.run.rows / small.run.ms), 2)}\n`);
      process.stdout.write(`full import ${fmt(large.size)} ÷ ${fmt(small.size)} rows: peak RSS ${fmt(large.full.peakRssMb / small.full.peakRssMb, 2)}`
        + `   peak heap ${fmt(large.full.peakHeapMb / small.full.peakHeapMb, 2)}   wall time ${fmt(large.full.ms / small.full.ms, 2)}\n`);
    }
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`files kept in ${dir}\n`);
  }
}
