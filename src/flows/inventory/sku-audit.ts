// `audit skus`: reads every FBA SKU of the configured pools, every commercetools variant SKU and the
// SKUs of the FBA supply channels' entries, compares them (src/domain/inventory/sku-audit.ts) and keeps
// the matching ecommerce exceptions in step: raised for each mismatch, resolved when it is gone.
import { channelKeys, readMarketplaceId } from '../../domain/inventory/inventory-pool.js';
import { compareSkus, type SkuAuditResult } from '../../domain/inventory/sku-audit.js';
import { SKU_FORMAT_PROBLEM_INFO } from '../../domain/inventory/sku-format.js';
import type { ExceptionType } from '../../domain/exceptions/exception-types.js';
import { readAmazonPool } from './inventory-amazon-read.js';
import { readEntries, resolveChannels } from './inventory-commercetools-read.js';
import { raiseSkuProblem, skusWithOpen } from './inventory-exceptions.js';
import type { InventoryFlowDeps } from './inventory-flow-types.js';
import { fail, ok, type Result } from '../../domain/shared/result.js';

const PRODUCTS_PER_PAGE = 200;
const AUDIT_TYPES: readonly ExceptionType[] = ['sku.not-in-fba', 'sku.not-in-storefront', 'sku.bad-format'];

/** The comparison, or why it could not be made. */
export type SkuAuditOutcome = Result<SkuAuditResult, string>;

export async function auditSkus(deps: InventoryFlowDeps): Promise<SkuAuditOutcome> {
  const fbaSkus = new Set<string>();
  const channelSkus = new Set<string>();
  for (const pool of deps.settings.pools) {
    const read = await readAmazonPool(deps.amazon, { marketplaceId: readMarketplaceId(pool) });
    if (!read.ok) return fail(`reading FBA inventory of pool ${pool.id}: ${read.error.message}`);
    for (const sku of read.value.levels.keys()) fbaSkus.add(sku);
    const channels = await resolveChannels(deps.commercetools, channelKeys(pool));
    if (!channels.ok) return fail(channels.error.message);
    const entries = await readEntries(deps.commercetools, channels.value, undefined);
    if (!entries.ok) return fail(`reading commercetools inventory entries: ${entries.error.message}`);
    for (const e of entries.value) channelSkus.add(e.sku);
  }
  const variantSkus = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await deps.commercetools.listVariantSkus(cursor, PRODUCTS_PER_PAGE);
    if (!page.ok) return fail(`reading commercetools product variants: ${page.error.message}`);
    for (const v of page.value.variants) variantSkus.add(v.sku);
    cursor = page.value.cursor;
  } while (cursor !== undefined);

  const result = compareSkus({ fbaSkus, variantSkus, fbaChannelSkus: channelSkus, rule: deps.settings.skuRule });
  const now = deps.clock.now().getTime();
  const { store, connectionId } = deps;
  for (const sku of result.notInFba) {
    await raiseSkuProblem(store, connectionId, 'sku.not-in-fba', sku, `${sku} has inventory entries in FBA supply channels, but FBA does not stock it`, now);
  }
  for (const sku of result.notInStorefront) {
    await raiseSkuProblem(store, connectionId, 'sku.not-in-storefront', sku, `FBA stocks ${sku}, but no commercetools product variant carries this SKU`, now);
  }
  for (const b of result.badFormat) {
    const why = b.problems.map((p) => SKU_FORMAT_PROBLEM_INFO[p]).join('; ');
    await raiseSkuProblem(store, connectionId, 'sku.bad-format', b.sku, `${JSON.stringify(b.sku)} (in ${b.where.join(' and ')}): ${why}`, now);
  }
  const still: Record<string, Set<string>> = {
    'sku.not-in-fba': new Set(result.notInFba),
    'sku.not-in-storefront': new Set(result.notInStorefront),
    'sku.bad-format': new Set(result.badFormat.map((b) => b.sku)),
  };
  for (const [sku, types] of await skusWithOpen(store, connectionId, AUDIT_TYPES)) {
    const gone = [...types].filter((t) => !still[t]?.has(sku));
    if (gone.length > 0) await store.exceptions.resolveForSubject(connectionId, 'sku', sku, now, gone);
  }
  return ok(result);
}
