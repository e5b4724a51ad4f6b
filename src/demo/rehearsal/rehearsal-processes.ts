// The rehearsal's separate processes, started through this same CLI as a user would start them:
// `simulate amazon`, `simulate commercetools` and `start`. Each answers on loopback before it is used;
// the bridge's CPU is read from /proc/<pid>/stat, so it counts the bridge alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpuTicksOfStat } from './rehearsal-measures.js';

export interface ChildService {
  readonly pid: number;
  readonly url: string;
  /** Last lines of its stderr, to say why it failed. */
  readonly stderrTail: () => string;
  stop(): Promise<void>;
}

/** Argument vector that runs this CLI again (tsx in development, the built file when installed). */
function cliArgs(args: readonly string[], nodeArgs: readonly string[] = []): string[] {
  return [...process.execArgv, ...nodeArgs, process.argv[1]!, ...args];
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startChild(name: string, args: readonly string[], env: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []): { child: ChildProcess; tail: () => string } {
  const child = spawn(process.execPath, cliArgs(args, nodeArgs), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: string[] = [];
  child.stderr?.on('data', (d: Buffer) => {
    lines.push(...d.toString().split('\n').filter((l) => l.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - 20));
  });
  child.on('error', (error) => lines.push(`${name}: ${error.message}`));
  return { child, tail: () => lines.join('\n') };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitUntilAnswering(name: string, url: string, child: ChildProcess, tail: () => string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before answering:\n${tail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs / 1000} s:\n${tail()}`);
}

/** Runs `args` of this CLI as a child process and waits until `probePath` answers on `port`. */
export async function startService(name: string, port: number, args: readonly string[], env: NodeJS.ProcessEnv, probePath: string, nodeArgs: readonly string[] = []): Promise<ChildService> {
  const { child, tail } = startChild(name, args, env, nodeArgs);
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntilAnswering(name, url + probePath, child, tail);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid!, url, stderrTail: tail, stop };
}

/** Linux clock ticks per second (USER_HZ): 100 on every mainstream kernel build. */
export const TICKS_PER_SECOND = 100;

/** CPU ticks (user + system) the process has used so far; null where /proc is not available. */
export function cpuTicksOf(pid: number): number | null {
  try {
    return cpuTicksOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}
