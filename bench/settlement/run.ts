// bench/settlement: streaming import of generated V2 settlement reports (DE locale: decimal comma,
// dd.mm.yyyy dates) of 100,000 and 1,000,000 detail rows. Printed, all measured in this run:
//   - import (parse + validate + summary + per-order aggregation) ÷ floor (read + decode + split into
//     lines), and for information the same ÷ a floor that does not decode (bytes split at line feeds):
//     each measured RUNS times alternately in fresh processes, the medians compared — the machine is
//     shared, and one slow run of either must not decide the ratio;
//   - rows per second of the import and of the full import (`settlement import` into SQLite);
//   - peak memory for both sizes and their ratio, and the live heap (what survives a forced GC);
//   - while the full import runs, another process writes the same database every 20 ms: its longest
//     wait for a write and how many writes were refused as busy (the import must never hold SQLite's
//     write lock for long: it writes in short transactions and publishes at the end).
// Targets (issue 9): import ÷ floor ≤ 2 at 1M rows; full import ≥ 150,000 rows/s; memory flat from
// 100k to 1M rows; the other process never refused and never waiting ≥ 1 s.
// Usage: npm run bench:settlement [-- --rows 100000,1000000 --runs 3 --keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSettlementFile } from '../../src/adapters/settlement-file/settlement-file.js';
import { generateSettlementLines } from '../../src/demo/settlements/settlement-generator.js';
import { runConcurrentWriter } from './concurrent-writer.js';
import { byteFloor, floor, fullImport, importFile, seedOrderLinks, type Measurement } from './measure.js';

const self = fileURLToPath(import.meta.url);

function measureInChild(mode: 'floor' | 'bytes' | 'import' | 'live-heap' | 'seed' | 'full', path: string): Measurement {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', mode, '--file', path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${mode} of ${path} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Measurement;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});

interface SizeResult { size: number; mb: number; floorMs: number; importMs: number; floorCpuMs: number; importCpuMs: number; bytesMs: number; bytesCpuMs: number; run: Measurement; floorRun: Measurement; live: Measurement; full: Measurement }

async function measureSize(dir: string, size: number, runs: number): Promise<SizeResult> {
  const path = join(dir, `settlement-${size}.txt`);
  const started = performance.now();
  await writeSettlementFile(path, generateSettlementLines({ format: 'v2', market: 'DE', seed: 42, detailRows: size }));
  const mb = statSync(path).size / MB;
  process.stdout.write(`  ${fmt(size)} rows: ${fmt(mb, 1)} MB in ${fmt((performance.now() - started) / 1000, 1)} s\n`);
  const floors: Measurement[] = [];
  const byteFloors: Measurement[] = [];
  const imports: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(measureInChild('floor', path));
    byteFloors.push(measureInChild('bytes', path));
    imports.push(measureInChild('import', path));
  }
  const live = measureInChild('live-heap', path);
  measureInChild('seed', path);
  const full = measureInChild('full', path);
  if (!values.keep) rmSync(path);
  const floorMs = median(floors.map((m) => m.ms));
  const importMs = median(imports.map((m) => m.ms));
  const floorCpuMs = median(floors.map((m) => m.cpuMs ?? 0));
  const importCpuMs = median(imports.map((m) => m.cpuMs ?? 0));
  const bytesMs = median(byteFloors.map((m) => m.ms));
  const bytesCpuMs = median(byteFloors.map((m) => m.cpuMs ?? 0));
  return { size, mb, floorMs, importMs, floorCpuMs, importCpuMs, bytesMs, bytesCpuMs, floorRun: floors[0] as Measurement, run: imports[0] as Measurement, live, full };
}

const MB = 1024 * 1024;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const out = (text: string): void => { process.stdout.write(text); };

function report(results: readonly SizeResult[], runs: number): void {
  out(`\nimport = parse + validate (Σ detail = total) + summary + per-order aggregation, streaming; medians of ${runs} runs each\n`);
  out('rows        file MB   floor s   import s   rows/s      import÷floor   (CPU s: floor  import  ratio)   peak RSS MB   peak heap MB   verdict\n');
  for (const r of results) {
    out(`${fmt(r.run.rows).padEnd(11)} ${fmt(r.mb, 1).padStart(7)}   ${fmt(r.floorMs / 1000, 2).padStart(7)}   ${fmt(r.importMs / 1000, 2).padStart(8)}   `
      + `${fmt(r.run.rows / (r.importMs / 1000)).padStart(9)}   ${fmt(r.importMs / r.floorMs, 2).padStart(12)}   `
      + `${fmt(r.floorCpuMs / 1000, 2).padStart(13)}  ${fmt(r.importCpuMs / 1000, 2).padStart(6)}  ${fmt(r.importCpuMs / r.floorCpuMs, 2).padStart(5)}    ${fmt(r.run.peakRssMb, 1).padStart(11)}   `
      + `${fmt(r.run.peakHeapMb, 1).padStart(12)}   ${r.run.verdict ?? ''}\n`);
    if (!r.run.netProceedsEqualsTotal || !r.run.ordersAccountForOrderRows || r.run.verdict !== 'accepted') {
      out(`CHECK FAILED for ${fmt(r.size)} rows: ${JSON.stringify(r.run)}\n`);
      process.exitCode = 1;
    }
  }
  for (const r of results) {
    out(`  ${fmt(r.size)}: floor without decoding (bytes split at line feeds) ${fmt(r.bytesMs / 1000, 2)} s, ${fmt(r.bytesCpuMs / 1000, 2)} CPU-s; `
      + `import ÷ it ${fmt(r.importMs / r.bytesMs, 2)} (CPU ${fmt(r.importCpuMs / r.bytesCpuMs, 2)}): the import views valid UTF-8 as bytes and decodes only the fields it hands on\n`);
  }
  for (const r of results) {
    out(`  ${fmt(r.size)}: live heap after GC (max) ${fmt(r.live.liveHeapMb ?? 0, 1)} MB; floor peak RSS ${fmt(r.floorRun.peakRssMb, 1)} MB; `
      + `${fmt(r.run.orderRuns ?? 0)} order runs handed on; net proceeds = total-amount: ${String(r.run.netProceedsEqualsTotal)}\n`);
  }
  out('\nfull import = `settlement import` into SQLite (journal, orders staged in short transactions, refunds matched, published), another process writing meanwhile\n');
  out('rows        import s   rows/s      rows/CPU-s  import÷floor   peak RSS MB   peak heap MB   orders     unmatched   exceptions   other writer: writes  max wait ms  p99 ms  refused\n');
  for (const r of results) {
    const f = r.full;
    const w = f.writer;
    out(`${fmt(f.rows).padEnd(11)} ${fmt(f.ms / 1000, 2).padStart(8)}   ${fmt(f.rows / (f.ms / 1000)).padStart(9)}   ${fmt(f.rows / ((f.cpuMs ?? f.ms) / 1000)).padStart(10)}  ${fmt(f.ms / r.floorMs, 2).padStart(12)}   `
      + `${fmt(f.peakRssMb, 1).padStart(11)}   ${fmt(f.peakHeapMb, 1).padStart(12)}   ${fmt(f.orders ?? 0).padStart(8)}   ${fmt(f.unmatched ?? 0).padStart(9)}   `
      + `${fmt(f.exceptions ?? 0).padStart(10)}   ${fmt(w?.writes ?? 0).padStart(19)}  ${fmt(w?.maxWaitMs ?? 0, 1).padStart(11)}  ${fmt(w?.p99WaitMs ?? 0, 1).padStart(6)}  ${fmt(w?.refusedBusy ?? 0).padStart(7)}\n`);
    if (f.status !== 'imported' || (w?.refusedBusy ?? 1) > 0) {
      out(`CHECK FAILED: the full import of ${fmt(f.rows)} rows ended ${f.status ?? '?'}, the other writer was refused ${w?.refusedBusy ?? '?'} time(s)\n`);
      process.exitCode = 1;
    }
  }
  const small = results[0];
  const large = results[results.length - 1];
  if (small && large && small !== large) {
    out(`\npeak RSS ${fmt(large.size)} ÷ ${fmt(small.size)} rows: ${fmt(large.run.peakRssMb / small.run.peakRssMb, 2)}`
      + `   peak heap: ${fmt(large.run.peakHeapMb / small.run.peakHeapMb, 2)}   live heap: ${fmt((large.live.liveHeapMb ?? 0) / (small.live.liveHeapMb ?? 1), 2)}`
      + `   (file ${fmt(large.mb / small.mb, 1)}× larger)\n`);
    out(`full import ${fmt(large.size)} ÷ ${fmt(small.size)} rows: peak RSS ${fmt(large.full.peakRssMb / small.full.peakRssMb, 2)}`
      + `   peak heap ${fmt(large.full.peakHeapMb / small.full.peakHeapMb, 2)}   wall time ${fmt(large.full.ms / small.full.ms, 2)}\n`);
  }
}

if (values.child !== undefined && values.file !== undefined) {
  if (values.child === 'writer') {
    await runConcurrentWriter(values.file);
  } else {
    const measured = values.child === 'floor' ? await floor(values.file)
      : values.child === 'bytes' ? await byteFloor(values.file)
      : values.child === 'seed' ? await seedOrderLinks(values.file)
      : values.child === 'full' ? await fullImport(values.file, self)
      : await importFile(values.file, values.child === 'live-heap');
    process.stdout.write(`${JSON.stringify(measured)}\n`);
  }
} else {
  const sizes = (values.rows ?? '').split(',').map((n) => Number.parseInt(n, 10)).filter((n) => n > 0);
  const runs = Math.max(1, Number.parseInt(values.runs ?? '3', 10));
  const dir = mkdtempSync(join(tmpdir(), 'fba-bench-settlement-'));
  try {
    out(`generating V2 settlement reports (DE locale) in ${dir}; ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    const results: SizeResult[] = [];
    for (const size of sizes) results.push(await measureSize(dir, size, runs));
    report(results, runs);
    out(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (wall times on a shared machine stretch with its load; CPU times do not)\n`);
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    else out(`files kept in ${dir}\n`);
  }
}
