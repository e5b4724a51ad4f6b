// The SKU audit's comparison: SKUs sold on FBA channels in commercetools that FBA does not stock, FBA
// SKUs no commercetools variant carries, and SKUs that break the format rule. Pure: sets in, lists out.
import { skuFormatProblems, type SkuFormatProblem, type SkuRule } from './sku-format.js';

export interface SkuAuditInput {
  /** Every SKU FBA lists for the configured pools. */
  readonly fbaSkus: Iterable<string>;
  /** Every SKU a commercetools product variant carries. */
  readonly variantSkus: Iterable<string>;
  /** SKUs with inventory entries in the FBA supply channels. */
  readonly fbaChannelSkus: Iterable<string>;
  readonly rule: SkuRule;
}

export interface SkuAuditResult {
  readonly notInFba: string[];
  readonly notInStorefront: string[];
  readonly badFormat: Array<{ readonly sku: string; readonly problems: SkuFormatProblem[]; readonly where: Array<'fba' | 'commercetools'> }>;
}

export function compareSkus(input: SkuAuditInput): SkuAuditResult {
  const fba = new Set(input.fbaSkus);
  const variants = new Set(input.variantSkus);
  const channel = new Set(input.fbaChannelSkus);
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  const badFormat: SkuAuditResult['badFormat'] = [];
  for (const sku of sorted(new Set([...fba, ...variants, ...channel]))) {
    const problems = skuFormatProblems(sku, input.rule);
    if (problems.length === 0) continue;
    const where: Array<'fba' | 'commercetools'> = [];
    if (fba.has(sku)) where.push('fba');
    if (variants.has(sku) || channel.has(sku)) where.push('commercetools');
    badFormat.push({ sku, problems, where });
  }
  return {
    notInFba: sorted([...channel].filter((s) => !fba.has(s))),
    notInStorefront: sorted([...fba].filter((s) => !variants.has(s))),
    badFormat,
  };
}
