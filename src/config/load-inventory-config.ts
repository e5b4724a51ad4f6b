// Only what reading the inventory records needs (`inventory explain`): the database and the
// `inventory` section of the config file — no commercetools or Amazon credentials, so an ecommerce
// person can answer "why does the site show 3?" from the bridge's own records.
import { fail, ok, type Result } from '../domain/shared/result.js';
import { readFileSync } from 'node:fs';
import { loadDeploymentConfig, type RawSettings } from './load-config.js';
import { parseInventorySettings, type InventorySettings } from './inventory-schema.js';

/** What `inventory explain` needs, or every problem found. */
export type InventoryReadConfig = Result<{ readonly databaseUrl: string; readonly inventory: InventorySettings }, string[]>;

export function loadInventoryReadConfig(env: RawSettings, configFile?: string): InventoryReadConfig {
  const deployment = loadDeploymentConfig(env, configFile);
  if (!deployment.ok) return deployment;
  const path = configFile ?? env.FBA_BRIDGE_CONFIG;
  if (!path) return fail(['FBA_BRIDGE_CONFIG is missing: the config file with the "inventory" section (see docs/runbooks/inventory-daily-check.md)']);
  let raw: unknown;
  try {
    raw = (JSON.parse(readFileSync(path, 'utf8')) as { inventory?: unknown }).inventory;
  } catch (err) {
    return fail([`config file ${path} cannot be read as JSON: ${(err as Error).message}`]);
  }
  if (raw === undefined) return fail([`config file ${path} has no "inventory" section: inventory sync is off`]);
  const parsed = parseInventorySettings(raw);
  if (!parsed.ok) return fail(parsed.error.map((p) => `config file ${path}: ${p}`));
  return ok({ databaseUrl: deployment.value.databaseUrl, inventory: parsed.value });
}
