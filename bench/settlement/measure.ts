// bench/settlement: the measurements, each run in a fresh child process by run.ts (so one size's
// garbage cannot inflate another's peak):
//   floor     — read the file and split it into lines, nothing else (decoded, as any reader of text);
//   bytes     — the same without decoding: the bytes split at line feeds (printed for information);
//   import    — parse + validate (Σ detail = total) + summary + per-order aggregation, streaming;
//   live-heap — the same, with a forced GC every 2^14 rows: the heap the import really holds;
//   full      — `settlement import` (importSettlement into a fresh SQLite file) while ANOTHER PROCESS
//               writes the same database every 20 ms (concurrent-writer.ts): its longest wait and the
//               writes refused as busy are measured. The bridge sent the file's multi-channel orders,
//               so their order links are seeded first (untimed) — all but every 100th, which stay
//               unmatched, as a real file has a few.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openSettlementFile } from '../../src/adapters/settlement-file/settlement-file.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../src/domain/settlements/default-chart-of-accounts.js';
import { SettlementOrderRuns } from '../../src/domain/settlements/settlement-order-book.js';
import { readSettlementBatches } from '../../src/domain/settlements/settlement-reader.js';
import { SettlementSummaryAccumulator } from '../../src/domain/settlements/settlement-summary.js';
import { importSettlement } from '../../src/flows/settlements/settlement-import.js';
import type { Store } from '../../src/ports/store.js';
import type { WriterStats } from './concurrent-writer.js';

export interface Measurement {
  readonly ms: number;
  /** CPU time of the process over the same span (user + system): what the machine's other load cannot inflate. */
  readonly cpuMs?: number;
  readonly lines: number;
  readonly rows: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly liveHeapMb?: number;
  readonly verdict?: string;
  readonly orderRuns?: number;
  readonly netProceedsEqualsTotal?: boolean;
  readonly ordersAccountForOrderRows?: boolean;
  /** Full import only. */
  readonly status?: string;
  readonly orders?: number;
  readonly unmatched?: number;
  readonly exceptions?: number;
  readonly writer?: WriterStats;
}

const SAMPLE_EVERY_MS = 5;

/**
 * Samples memory on a timer and on demand; the peak is what the run needed at most. process.memoryUsage
 * reads /proc (some 80 µs): asked for on every 64 KiB chunk it would weigh on the floor and the import
 * alike, so a sample on demand is taken only when the last one is SAMPLE_EVERY_MS old.
 */
class MemoryPeak {
  rss = 0;
  heap = 0;
  private last = 0;
  private readonly timer = setInterval(() => this.sample(true), SAMPLE_EVERY_MS);
  sample(now = false): void {
    const at = performance.now();
    if (!now && at - this.last < SAMPLE_EVERY_MS) return;
    this.last = at;
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > this.rss) this.rss = rss;
    if (heapUsed > this.heap) this.heap = heapUsed;
  }
  stop(): void {
    this.sample(true);
    clearInterval(this.timer);
  }
}

const MB = 1024 * 1024;

/** CPU milliseconds since `start` (process.cpuUsage()). */
const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

export async function floor(path: string): Promise<Measurement> {
  const memory = new MemoryPeak();
  const started = performance.now();
  const cpu = process.cpuUsage();
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
  const cpuMs = cpuSince(cpu);
  memory.stop();
  return { ms, cpuMs, lines, rows: 0, peakRssMb: memory.rss / MB, peakHeapMb: memory.heap / MB };
}

/**
 * The floor without decoding: the file's bytes split into lines (indexOf 0x0a), no text made. The
 * import views valid UTF-8 as bytes rather than decoding it (settlement-byte-text.ts), so this is
 * printed beside the floor, for information: no reader of text can go below it.
 */
export async function byteFloor(path: string): Promise<Measurement> {
  const memory = new MemoryPeak();
  const started = performance.now();
  const cpu = process.cpuUsage();
  let lines = 0;
  let carry = false;
  for await (const chunk of openSettlementFile(path)) {
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) lines++;
    carry = chunk.length > 0 && chunk[chunk.length - 1] !== 0x0a;
    memory.sample();
  }
  if (carry) lines++;
  const ms = performance.now() - started;
  const cpuMs = cpuSince(cpu);
  memory.stop();
  return { ms, cpuMs, lines, rows: 0, peakRssMb: memory.rss / MB, peakHeapMb: memory.heap / MB };
}

export async function importFile(path: string, liveHeap = false): Promise<Measurement> {
  const collect = liveHeap ? (globalThis as { gc?: () => void }).gc : undefined;
  if (liveHeap && collect === undefined) throw new Error('--expose-gc is needed to measure the live heap');
  let maxLiveHeap = 0;
  const memory = new MemoryPeak();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const summary = new SettlementSummaryAccumulator();
  const runs = new SettlementOrderRuns();
  let rows = 0;
  let orderRows = 0;
  let orderRuns = 0;
  let orderRowsInRuns = 0;
  const finished = (run: ReturnType<SettlementOrderRuns['add']>): void => {
    if (run === undefined) return;
    orderRuns++;
    orderRowsInRuns += run.aggregate.rowCount; // the import stores the run here
  };
  let batches = 0;
  for await (const batch of readSettlementBatches(openSettlementFile(path))) {
    for (const row of batch.rows) {
      rows++;
      summary.add(row);
      if (row.orderId !== undefined || row.merchantOrderId !== undefined) orderRows++;
      finished(runs.add(row));
    }
    const end = batch.end;
    if (end !== undefined) {
      finished(runs.flush());
      const result = summary.result();
      const ms = performance.now() - started;
      const cpuMs = cpuSince(cpu);
      memory.stop();
      return {
        ms, cpuMs, lines: end.lineCount, rows, peakRssMb: memory.rss / MB, peakHeapMb: memory.heap / MB, liveHeapMb: maxLiveHeap / MB,
        verdict: end.verdict, orderRuns, netProceedsEqualsTotal: result.netProceeds === end.header?.totalAmount,
        ordersAccountForOrderRows: orderRowsInRuns === orderRows,
      };
    }
    memory.sample();
    if (collect !== undefined && (++batches & 15) === 0) {
      collect();
      maxLiveHeap = Math.max(maxLiveHeap, process.memoryUsage().heapUsed);
    }
  }
  throw new Error('the import ended without its end event');
}

/**
 * Order links for the file's multi-channel orders (all but every 100th), as the bridge would hold them,
 * in the database the full import then uses: run in a process of its own, so that its memory does not
 * count as the import's.
 */
export async function seedOrderLinks(path: string): Promise<Measurement> {
  const store = await openStore(`sqlite:${path}.db`);
  const started = performance.now();
  try {
    await seedLinks(store, path);
  } finally {
    await store.close();
  }
  return { ms: performance.now() - started, lines: 0, rows: 0, peakRssMb: 0, peakHeapMb: 0 };
}

async function seedLinks(store: Store, path: string): Promise<void> {
  const ids = new Set<string>();
  for await (const batch of readSettlementBatches(openSettlementFile(path))) {
    for (const row of batch.rows) if (row.merchantOrderId !== undefined && row.marketplaceName?.startsWith('Non-Amazon')) ids.add(row.merchantOrderId);
  }
  const now = Date.now();
  let n = 0;
  const linked = [...ids].filter(() => n++ % 100 !== 99);
  for (let start = 0; start < linked.length; start += 1_000) {
    await store.transaction(async (tx) => {
      for (const id of linked.slice(start, start + 1_000)) {
        await tx.orderLinks.upsert({
          connectionId: 'bench', ctOrderId: `ct-${id}`, orderNumber: id, sellerFulfillmentOrderId: id, state: 'closed', fbaStatus: 'COMPLETE',
          shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: now, fbaStatusAt: now,
        }, now);
      }
    });
  }
}

/** The other process: started, waited for until ready; `stop` ends it and resolves to its figures. */
function startWriter(self: string, dbPath: string): Promise<{ stop: () => Promise<WriterStats> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--child', 'writer', '--file', dbPath], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return lines.next().then((ready) => {
    if (ready.value !== 'ready') throw new Error(`the concurrent writer did not start: ${String(ready.value)}`);
    return {
      stop: async () => {
        child.stdin.write('stop\n');
        const result = await lines.next();
        child.stdin.end();
        return JSON.parse(String(result.value)) as WriterStats;
      },
    };
  });
}

export async function fullImport(path: string, self: string): Promise<Measurement> {
  const dbPath = `${path}.db`;
  const store = await openStore(`sqlite:${dbPath}`);
  try {
    const writer = await startWriter(self, dbPath);
    const memory = new MemoryPeak();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const outcome = await importSettlement({ store, connectionId: 'bench', source: openSettlementFile(path), chart: DEFAULT_CHART_OF_ACCOUNTS, now: Date.now() });
    const ms = performance.now() - started;
    const cpuMs = cpuSince(cpu);
    memory.stop();
    const writerStats = await writer.stop();
    const imported = outcome.status === 'imported' || outcome.status === 'unchanged';
    return {
      ms, cpuMs, lines: outcome.read?.lineCount ?? 0, rows: outcome.read?.rowCount ?? 0,
      peakRssMb: Math.max(memory.rss, process.resourceUsage().maxRSS * 1024) / MB, peakHeapMb: memory.heap / MB,
      verdict: outcome.read?.verdict, status: outcome.status, orders: imported ? outcome.stored.matching.orders : 0,
      unmatched: imported ? outcome.unmatchedCount : 0, exceptions: imported ? outcome.exceptionsRaised : 0, writer: writerStats,
    };
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  }
}

export const MEASURE_FILE = fileURLToPath(import.meta.url);
