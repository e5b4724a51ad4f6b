// Only what reading the inventory records needs (`inventory explain`): the database and the
// `inventory` section of the config file — no commercetools or Amazon credentials, so an ecommerce
// person can answer "why does the site show 3?" from the bridge's own records.
import { readFileSync } from 'node:fs';
import { loadDeploymentConfig, type RawSettings } from './load-config.js';
import { parseInventorySettings, type InventorySettings } from './inventory-schema.js';

export type InventoryReadConfig = { ok: true; databaseUrl: string; inventory: InventorySettings } | { ok: false; problems: string[] };

export function loadInventoryReadConfig(env: RawSettings, configFile?: string): InventoryReadConfig {
  const deployment = loadDeploymentConfig(env, configFile);
  if (!deployment.ok) return deployment;
  const path = configFile ?? env.FBA_BRIDGE_CONFIG;
  if (!path) return { ok: false, problems: ['FBA_BRIDGE_CONFIG is missing: the config file with the "inventory" section (see docs/runbooks/inventory-daily-check.md)'] };
  let raw: unknown;
  try {
    raw = (JSON.parse(readFileSync(path, 'utf8')) as { inventory?: unknown }).inventory;
  } catch (err) {
    return { ok: false, problems: [`config file ${path} cannot be read as JSON: ${(err as Error).message}`] };
  }
  if (raw === undefined) return { ok: false, problems: [`config file ${path} has no "inventory" section: inventory sync is off`] };
  const parsed = parseInventorySettings(raw);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => `config file ${path}: ${p}`) };
  return { ok: true, databaseUrl: deployment.databaseUrl, inventory: parsed.settings };
}
