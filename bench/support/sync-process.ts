// Runs `fba-bridge inventory sync` in its own process, as an operator would — the built command
// (dist/, what `npm install` builds), which it builds first: under tsx the same process carries about
// 50 MiB more (the compiler and its caches) that no deployment has — and samples the process's resident
// memory and CPU time from /proc while it runs: VmHWM is the kernel's own high-water mark of RSS, so a
// short peak between two samples is not missed. Answers the figures of the summary line it printed.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Compiles src/ to dist/ (npm run build). */
export function buildCommand(): void {
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}

export interface SyncRunFigures {
  readonly pages: number;
  readonly written: number;
  readonly failed: number;
  /** How long the sync took by its own account (the summary's "took … s"). */
  readonly syncMs: number;
  /** The process from start to exit. */
  readonly wallMs: number;
  /** Bytes. */
  readonly peakRss: number;
  /** CPU time of the sync process (user + system), ms. */
  readonly cpuMs: number;
  readonly stdout: string;
}

export async function runSync(env: Record<string, string>, args: readonly string[] = []): Promise<SyncRunFigures> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, 'inventory', 'sync', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-20_000); });
  let peakRss = 0;
  let cpuMs = 0;
  const ticksPerSecond = 100; // USER_HZ on Linux
  const sample = (): void => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peakRss = Math.max(peakRss, Number(hwm[1]) * 1024);
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in ticks.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    } catch {
      // The process has exited between two samples.
    }
  };
  const sampler = setInterval(sample, 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  const line = /(\d+) SKUs read from FBA in (\d+) pages, \d+ commercetools entries read; (\d+) entries changed.*; took ([\d.]+) s/.exec(stdout);
  if (!line) throw new Error(`inventory sync printed no summary (exit ${code}):\n${stdout}\n${stderr}`);
  const failed = /(\d+) SKUs failed/.exec(line[0]);
  return { pages: Number(line[2]), written: Number(line[3]), failed: Number(failed?.[1] ?? 0), syncMs: Number(line[4]) * 1000, wallMs, peakRss, cpuMs, stdout };
}
