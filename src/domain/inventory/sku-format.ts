// The SKU format rule the SKU audit applies. One system of record for SKUs only works when a SKU is
// written the same way everywhere: no stray spaces, no characters that Amazon or URLs mangle.
import { fail, ok, type Result } from '../shared/result.js';
import { FBA_TEXT_LIMITS } from '../orders/fba-order-request.js';

/**
 * Letters, digits, dot, underscore and dash, starting with a letter or digit, at most 40 characters
 * (Seller Central's limit for a seller SKU; the Fulfillment Outbound model allows 50).
 */
export const DEFAULT_SKU_PATTERN = '[A-Za-z0-9][A-Za-z0-9._-]{0,39}';

export interface SkuRule {
  /** The pattern as configured; it must match the whole SKU. */
  readonly pattern: string;
  readonly regex: RegExp;
}

/** The compiled rule, or why the pattern cannot be used. */
export type SkuRuleResult = Result<SkuRule, string>;

/** Compiles a configured pattern; it is anchored, so `[A-Z0-9-]+` means the whole SKU, not a part of it. */
export function compileSkuRule(pattern: string): SkuRuleResult {
  if (pattern.trim() === '') return fail('the SKU pattern is empty');
  try {
    return ok({ pattern, regex: new RegExp(`^(?:${pattern})$`) });
  } catch (err) {
    return fail(`the SKU pattern is not a valid regular expression: ${(err as Error).message}`);
  }
}

export const DEFAULT_SKU_RULE: SkuRule = { pattern: DEFAULT_SKU_PATTERN, regex: new RegExp(`^(?:${DEFAULT_SKU_PATTERN})$`) };

export const SKU_FORMAT_PROBLEMS = ['empty', 'surrounding-whitespace', 'too-long-for-amazon', 'pattern-mismatch'] as const;
export type SkuFormatProblem = (typeof SKU_FORMAT_PROBLEMS)[number];

/** What each problem means to the ecommerce team, who own the catalogue. */
export const SKU_FORMAT_PROBLEM_INFO: Record<SkuFormatProblem, string> = {
  'empty': 'the SKU is empty',
  'surrounding-whitespace': 'the SKU starts or ends with whitespace, so it never matches the same SKU written without it',
  'too-long-for-amazon': `the SKU is longer than ${FBA_TEXT_LIMITS.sellerSku} characters, which Amazon refuses in fulfillment orders`,
  'pattern-mismatch': 'the SKU does not match the configured SKU pattern',
};

/** Every problem of one SKU under a rule; empty when the SKU is fine. */
export function skuFormatProblems(sku: string, rule: SkuRule): SkuFormatProblem[] {
  if (sku.length === 0) return ['empty'];
  const problems: SkuFormatProblem[] = [];
  if (sku.trim() !== sku) problems.push('surrounding-whitespace');
  if (sku.length > FBA_TEXT_LIMITS.sellerSku) problems.push('too-long-for-amazon');
  if (!rule.regex.test(sku)) problems.push('pattern-mismatch');
  return problems;
}
