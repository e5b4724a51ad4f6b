// Where the CPU goes during a bench phase: CPU seconds of each child process (from /proc/<pid>/stat),
// of the bench process itself, and of the PostgreSQL backends serving the bridge's workers (found by
// their application_name in pg_stat_activity; the workers set it through PGAPPNAME). Linux only:
// elsewhere every figure reads 0 and the report says "not measured".
import pg from 'pg';
import { cpuTicksOf, TICKS_PER_SECOND } from '../../src/demo/rehearsal/rehearsal-processes.js';

/** User + system CPU seconds a process has used so far, or null when it is gone (or not Linux). */
export function cpuSecondsOfPid(pid: number): number | null {
  const ticks = cpuTicksOf(pid);
  return ticks === null ? null : ticks / TICKS_PER_SECOND;
}

export interface CpuShare { readonly name: string; readonly seconds: number }

/**
 * Samples named processes and the PostgreSQL backends of one application_name from `start()` to
 * `stop()`. Backends come and go with the pools; they are sampled every `everyMs` and each one's last
 * sample counts, so a backend that closed between samples loses at most that interval's CPU.
 */
export class CpuAccount {
  private readonly before = new Map<string, number>();
  private readonly backendsFirst = new Map<number, number>();
  private readonly backendsLast = new Map<number, number>();
  private selfBefore = process.cpuUsage();
  /** Statements seen running on those backends at each sample (a poor man's profile of the database's share). */
  readonly activeStatements = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private client: pg.Client | null = null;

  constructor(
    private readonly processes: ReadonlyArray<{ name: string; pid: number | undefined }>,
    private readonly postgres: { url: string; applicationName: string } | null,
    private readonly everyMs = 1_000,
  ) {}

  async start(): Promise<void> {
    for (const p of this.processes) this.before.set(p.name, p.pid === undefined ? 0 : cpuSecondsOfPid(p.pid) ?? 0);
    this.selfBefore = process.cpuUsage();
    if (this.postgres) {
      this.client = new pg.Client({ connectionString: this.postgres.url, application_name: 'bench-cpu-account' });
      await this.client.connect();
      await this.sampleBackends(true);
      this.timer = setInterval(() => void this.sampleBackends().catch(() => undefined), this.everyMs);
    }
  }

  async stop(): Promise<CpuShare[]> {
    if (this.timer) clearInterval(this.timer);
    await this.sampleBackends().catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    const self = process.cpuUsage(this.selfBefore);
    const shares: CpuShare[] = this.processes.map((p) => ({
      name: p.name,
      seconds: p.pid === undefined ? 0 : Math.max(0, (cpuSecondsOfPid(p.pid) ?? 0) - (this.before.get(p.name) ?? 0)),
    }));
    shares.push({ name: 'bench (placing orders, polling)', seconds: (self.user + self.system) / 1e6 });
    if (this.postgres) {
      let backends = 0;
      for (const [pid, last] of this.backendsLast) backends += last - (this.backendsFirst.get(pid) ?? 0);
      shares.push({ name: `PostgreSQL backends (${this.backendsLast.size})`, seconds: backends });
    }
    return shares;
  }

  /** At the start, each backend counts from its CPU so far; one first seen later opened during the phase, from 0. */
  private async sampleBackends(atStart = false): Promise<void> {
    if (!this.client || !this.postgres) return;
    const { rows } = await this.client.query<{ pid: number; state: string | null; query: string | null }>(
      'SELECT pid, state, query FROM pg_stat_activity WHERE application_name = $1', [this.postgres.applicationName]);
    for (const { pid, state, query } of rows) {
      if (state === 'active' && query) {
        const statement = query.replace(/\s+/g, ' ').trim().slice(0, 70);
        this.activeStatements.set(statement, (this.activeStatements.get(statement) ?? 0) + 1);
      }
      const seconds = cpuSecondsOfPid(pid);
      if (seconds === null) continue;
      if (!this.backendsFirst.has(pid)) this.backendsFirst.set(pid, atStart ? seconds : 0);
      this.backendsLast.set(pid, seconds);
    }
  }
}

/** Lines for the report: each share's CPU seconds, its ms per order, and the cores it kept busy. */
export function cpuReport(shares: readonly CpuShare[], seconds: number, orders: number): string[] {
  const width = Math.max(...shares.map((s) => s.name.length));
  const total = shares.reduce((n, s) => n + s.seconds, 0);
  const line = (name: string, cpu: number) =>
    `  ${name.padEnd(width)}  ${cpu.toFixed(1).padStart(7)} s CPU  ${(orders > 0 ? (cpu * 1000) / orders : Number.NaN).toFixed(2).padStart(7)} ms/order  ${(cpu / seconds).toFixed(2)} cores`;
  return [...shares.map((s) => line(s.name, s.seconds)), line('total', total)];
}
