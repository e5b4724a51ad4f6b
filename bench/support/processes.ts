// Starts the simulator (through the product's own CLI) and commercetools-mock as child processes on
// loopback and waits until each answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const CT_MOCK = fileURLToPath(new URL('./serve-ct-mock.ts', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

function child(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

function stopper(p: ChildProcess): () => Promise<void> {
  return () => new Promise((resolve) => {
    if (p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  });
}

export async function startSimulatorProcess(port: number, args: string[]): Promise<Child & { url: string }> {
  const p = child([MAIN, 'simulate', 'amazon', '--port', String(port), ...args]);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url + '/');
      return { process: p, url, stop: stopper(p) };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error('the simulator did not start');
}

export async function startCtMockProcess(projectKey: string): Promise<Child & { apiUrl: string; authUrl: string }> {
  const { process: p, projects, stop } = await startCtMockProjects([projectKey]);
  return { process: p, ...projects[0]!, stop };
}

/** One process serving one commercetools-mock per project key (agency benches: a project per connection). */
export async function startCtMockProjects(projectKeys: readonly string[]): Promise<Child & { projects: Array<{ apiUrl: string; authUrl: string }> }> {
  const p = child([CT_MOCK, ...projectKeys]);
  const projects: Array<{ apiUrl: string; authUrl: string }> = [];
  const lines = createInterface({ input: p.stdout! });
  for await (const line of lines) {
    const { apiUrl, authUrl } = JSON.parse(line) as { apiUrl: string; authUrl: string };
    projects.push({ apiUrl, authUrl });
    if (projects.length === projectKeys.length) return { process: p, projects, stop: stopper(p) };
  }
  throw new Error('commercetools-mock did not start');
}

/** `fba-bridge start` as its own process, configured by `env` (stderr passed through). */
export function startBridgeProcess(env: Record<string, string>): Child {
  const p = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], { stdio: ['ignore', 'ignore', 'inherit'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  return { process: p, stop: stopper(p) };
}
