// Shared plumbing of the commands: configuration errors printed one per line, the store opened from
// DATABASE_URL, and plain/JSON output.
import { loadConfig, loadDeploymentConfig } from '../config/load-config.js';
import type { BridgeConfig } from '../config/bridge-config.js';
import { processEnvironment } from '../config/environment.js';
import { openStore } from '../adapters/store/open-store.js';
import type { Store } from '../ports/store.js';
import { scrubSecrets } from '../config/secret.js';

export class UsageError extends Error {}

export function exitWithProblems(title: string, problems: readonly string[]): never {
  process.stderr.write(`${title}\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(2);
}

export function requireConfig(configFile?: string): BridgeConfig {
  const result = loadConfig(processEnvironment(), configFile);
  if (!result.ok) exitWithProblems('fba-bridge cannot start: the configuration has problems', result.error);
  return result.value;
}

/** Opens the bridge's database (DATABASE_URL) for the commands that only read and manage its records. */
export async function openConfiguredStore(configFile?: string): Promise<Store> {
  const result = loadDeploymentConfig(processEnvironment(), configFile);
  if (!result.ok) exitWithProblems('the configuration has problems', result.error);
  const store = await openStore(result.value.databaseUrl);
  await store.migrate();
  return store;
}

export function printJson(value: unknown): void {
  process.stdout.write(scrubSecrets(JSON.stringify(value, null, 2)) + '\n');
}

export function iso(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '-' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function age(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

/** Runs `fn` with the configured store open, and closes it whatever happens. */
export async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
  const store = await openConfiguredStore();
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}
