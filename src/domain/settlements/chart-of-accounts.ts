// The chart of accounts the settlement journal posts to: which ledger account each settlement amount
// belongs to, chosen by rules on the row's transaction type, marketplace, amount type and amount
// description (first match wins), plus four special accounts:
//   clearing — Amazon receivable: every amount posts against it, the deposit empties it;
//   bank     — where the deposit lands;
//   reserve  — money Amazon holds back (reserve rows move between clearing and reserve);
//   suspense — anything no rule maps: posted there, never dropped, and reported.
// It comes from the configuration file, so it is validated with messages a finance person can act on.
// The default chart is in default-chart-of-accounts.ts.
import { z } from 'zod';
import { fail, failure, ok, type Result } from '../shared/result.js';
import type { JournalLineRole } from './journal-entry.js';
import type { SettlementRow } from './settlement-types.js';

export type SpecialAccountRole = 'clearing' | 'bank' | 'reserve' | 'suspense';
const SPECIAL_ROLES: readonly SpecialAccountRole[] = ['clearing', 'bank', 'reserve', 'suspense'];

export interface LedgerAccount {
  /** The code as it appears in the ledger, e.g. "6100" (Xero imports by code). */
  readonly code: string;
  /** The name as it appears in the ledger (QuickBooks imports by name; sub-accounts as "Parent:Child"). */
  readonly name: string;
  /** Tax rate name for exports that need one per line (Xero's *TaxRate); the exporter's default otherwise. */
  readonly taxRate?: string;
}

/**
 * Patterns compare case-insensitively with the row's trimmed value; `*` stands for any text (also none).
 * transactionType and marketplace are optional: left out, they match every row.
 */
export interface MappingRule {
  readonly transactionType?: string;
  readonly marketplace?: string;
  readonly amountType: string;
  readonly amountDescription: string;
  /** Account code; must be in `accounts`. */
  readonly account: string;
  /** Why the rule exists, for the next person who edits the chart. */
  readonly note?: string;
}

export interface ChartOfAccounts {
  readonly accounts: readonly LedgerAccount[];
  readonly specialAccounts: Readonly<Record<SpecialAccountRole, string>>;
  readonly rules: readonly MappingRule[];
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

const pattern = (field: string, example: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? `${field} is missing` : `${field} must be text`) + `: the value from the settlement report, e.g. ${example}, or "*" for any` }).trim()
    .min(1, `${field} is empty: write the value from the settlement report (e.g. ${example}) or "*" for any`);

/** Object-level messages: not an object at all, or a misspelt field (which would otherwise be ignored silently). */
const objectError = (what: string, allowed: string) => (iss: { code: string; keys?: readonly string[] }) =>
  iss.code === 'unrecognized_keys'
    ? `unknown field${(iss.keys?.length ?? 0) === 1 ? '' : 's'} ${(iss.keys ?? []).map((k) => `"${k}"`).join(', ')} (misspelt?); ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} has ${allowed}`
    : `each ${what} must be an object with ${allowed}`;

const accountSchema = z.strictObject({
  code: z.string({ error: 'code is missing: the account code as it appears in your ledger, e.g. "6100"' }).trim()
    .regex(CODE, 'code must be 1–20 letters or digits (also ".", "-", "_"), exactly as in your ledger, e.g. "6100"'),
  name: z.string({ error: 'name is missing: the account name as it appears in your ledger, e.g. "Amazon fees"' }).trim()
    .min(1, 'name is empty: write the account name as it appears in your ledger').max(100, 'name is longer than 100 characters'),
  taxRate: z.string({ error: 'taxRate must be text, e.g. "No VAT"' }).trim().min(1, 'taxRate is empty: leave it out or name a tax rate').optional(),
}, { error: objectError('account', 'code, name and optionally taxRate') });

const ruleSchema = z.strictObject({
  transactionType: pattern('transactionType', '"Refund"').optional(),
  marketplace: pattern('marketplace', '"Non-Amazon*"').optional(),
  amountType: pattern('amountType', '"ItemFees"'),
  amountDescription: pattern('amountDescription', '"Commission"'),
  account: z.string({ error: 'account is missing: the code of the account the amounts post to, e.g. "6100"' }).trim()
    .min(1, 'account is empty: write the code of the account the amounts post to'),
  note: z.string().optional(),
}, { error: objectError('rule', 'amountType, amountDescription, account and optionally transactionType, marketplace, note') });

const specialCode = (role: SpecialAccountRole, hint: string) =>
  z.string({ error: `specialAccounts.${role} is missing: the code of ${hint}` }).trim()
    .min(1, `specialAccounts.${role} is empty: the code of ${hint}`);

/** The schema of the chart in the configuration file; cross-checks (codes exist, rules reachable) in refine. */
export const chartOfAccountsSchema = z.object({
  accounts: z.array(accountSchema, { error: 'accounts must be a list of {"code", "name"}' })
    .min(1, 'accounts is empty: list every account the journal may post to, with its code and name'),
  specialAccounts: z.object({
    clearing: specialCode('clearing', 'the Amazon clearing (receivable) account, e.g. "1250"'),
    bank: specialCode('bank', 'the bank account the Amazon deposit lands in, e.g. "1200"'),
    reserve: specialCode('reserve', 'the account for money Amazon holds in reserve, e.g. "1260"'),
    suspense: specialCode('suspense', 'the suspense account for amounts no rule maps, e.g. "9999"'),
  }, { error: 'specialAccounts is missing: give the codes of the clearing, bank, reserve and suspense accounts' }),
  rules: z.array(ruleSchema, { error: 'rules must be a list of mapping rules' })
    .min(1, 'rules is empty: without rules every amount would go to suspense'),
}, { error: 'the chart of accounts must be an object with accounts, specialAccounts and rules' })
  .superRefine((chart, ctx) => {
    for (const problem of crossCheck(chart)) ctx.addIssue({ code: 'custom', message: problem, path: [] });
  });

const describeRule = (rule: MappingRule, index: number): string =>
  `rule ${index + 1} (${[rule.transactionType, rule.marketplace, rule.amountType, rule.amountDescription].filter((p) => p !== undefined).join(' / ')} → ${rule.account})`;

function crossCheck(chart: ChartOfAccounts): string[] {
  const problems: string[] = [];
  const byCode = new Map<string, number>();
  chart.accounts.forEach((account, i) => {
    const seen = byCode.get(account.code.toLowerCase());
    if (seen !== undefined) problems.push(`account ${i + 1}: code ${account.code} is listed twice (also account ${seen + 1}); keep one`);
    else byCode.set(account.code.toLowerCase(), i);
  });
  const known = (code: string) => byCode.has(code.toLowerCase());
  const special = chart.specialAccounts;
  for (const role of SPECIAL_ROLES) {
    if (!known(special[role])) problems.push(`specialAccounts.${role}: account ${special[role]} is not in accounts; add it there or use an existing code`);
  }
  const roleByCode = new Map<string, SpecialAccountRole>();
  for (const role of SPECIAL_ROLES) {
    const other = roleByCode.get(special[role].toLowerCase());
    if (other !== undefined) problems.push(`specialAccounts.${role} and specialAccounts.${other} are both ${special[role]}; each needs its own account`);
    else roleByCode.set(special[role].toLowerCase(), role);
  }
  chart.rules.forEach((rule, i) => {
    if (!known(rule.account)) problems.push(`${describeRule(rule, i)}: account ${rule.account} is not in accounts; add it there or change the rule to an existing code`);
    if (rule.account.toLowerCase() === special.clearing.toLowerCase()) {
      problems.push(`${describeRule(rule, i)} posts to the clearing account, against itself, so the amounts would vanish from the journal; choose the account they belong to`);
    }
    const earlier = chart.rules.findIndex((r, j) => j < i && covers(r, rule));
    if (earlier >= 0) problems.push(`${describeRule(rule, i)} never applies: ${describeRule(chart.rules[earlier] as MappingRule, earlier)} matches the same rows first; move rule ${i + 1} above it or delete it`);
  });
  if (!chart.rules.some((r) => r.account.toLowerCase() === special.reserve.toLowerCase())) {
    problems.push(`no rule posts to the reserve account ${special.reserve}: the reserve rows (other-transaction "Current Reserve Amount", "Previous Reserve Amount Balance") would land elsewhere; point a rule at ${special.reserve}`);
  }
  return problems;
}

function globRegExp(glob: string): RegExp {
  const body = glob.trim().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether every row the later pattern matches is matched by the earlier one (decided for the simple cases). */
function coversPattern(earlier: string | undefined, later: string | undefined): boolean {
  if (earlier === undefined || earlier.trim() === '*') return true;
  if (later === undefined) return false;
  if (earlier.trim().toLowerCase() === later.trim().toLowerCase()) return true;
  return !later.includes('*') && globRegExp(earlier).test(later.trim());
}

const covers = (earlier: MappingRule, later: MappingRule): boolean =>
  coversPattern(earlier.transactionType, later.transactionType) && coversPattern(earlier.marketplace, later.marketplace)
  && coversPattern(earlier.amountType, later.amountType) && coversPattern(earlier.amountDescription, later.amountDescription);

/** "rule 4", "account 2", "specialAccounts.bank": the messages name the field themselves. */
function issuePlace(path: readonly PropertyKey[]): string {
  const [head, index] = path;
  if ((head === 'accounts' || head === 'rules') && typeof index === 'number') return `${head === 'accounts' ? 'account' : 'rule'} ${index + 1}`;
  return path.map(String).join('.');
}

/** Every problem of a chart, each a sentence that says what to change; empty when the chart is usable. */
export function chartOfAccountsProblems(input: unknown): string[] {
  const parsed = chartOfAccountsSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const place = issuePlace(issue.path);
    return place === '' || issue.message.startsWith(place) ? issue.message : `${place}: ${issue.message}`;
  });
}

export function parseChartOfAccounts(input: unknown): Result<ChartOfAccounts> {
  const parsed = chartOfAccountsSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const problems = chartOfAccountsProblems(input);
  return fail(failure('permanent', 'InvalidChartOfAccounts',
    `The chart of accounts cannot be used (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`));
}

export interface ResolvedAccount {
  readonly account: LedgerAccount;
  readonly role: JournalLineRole;
  /** Index of the rule that matched; null when none did (the row goes to suspense). */
  readonly ruleIndex: number | null;
}

export type RowClassifier = Pick<SettlementRow, 'transactionType' | 'marketplaceName' | 'amountType' | 'amountDescription'>;

export interface CompiledChart {
  readonly chart: ChartOfAccounts;
  special(role: SpecialAccountRole): LedgerAccount;
  resolve(row: RowClassifier): ResolvedAccount;
}

const CACHE_LIMIT = 10_000;

/** Prepares a validated chart for a million lookups: patterns compiled once, answers cached per distinct row kind. */
export function compileChart(chart: ChartOfAccounts): CompiledChart {
  const accounts = new Map(chart.accounts.map((a) => [a.code.toLowerCase(), a]));
  const account = (code: string): LedgerAccount => {
    const found = accounts.get(code.toLowerCase());
    if (found === undefined) throw new Error(`chart of accounts not validated: account ${code} is missing`);
    return found;
  };
  const roleOf = (code: string): JournalLineRole =>
    (['bank', 'reserve', 'suspense'] as const).find((r) => chart.specialAccounts[r].toLowerCase() === code.toLowerCase()) ?? 'mapped';
  const matchers = chart.rules.map((rule) => {
    const compiled = [rule.transactionType, rule.marketplace, rule.amountType, rule.amountDescription]
      .map((p) => (p === undefined ? null : globRegExp(p)));
    return { resolved: (index: number): ResolvedAccount => ({ account: account(rule.account), role: roleOf(rule.account), ruleIndex: index }), compiled };
  });
  const resolvedByRule = matchers.map((m, i) => m.resolved(i));
  const unmapped: ResolvedAccount = { account: account(chart.specialAccounts.suspense), role: 'suspense', ruleIndex: null };
  // Answers per (transaction type, marketplace, amount type, description) as the rows spell them:
  // four lookups and no key to build per row.
  const cache = new Map<string, Map<string, Map<string, Map<string, ResolvedAccount>>>>();
  let cached = 0;
  // The previous row's (transaction type, marketplace) level: an order's rows share both.
  let lastType: string | undefined;
  let lastMarketplace: string | undefined;
  let lastByAmountType: Map<string, Map<string, ResolvedAccount>> | undefined;
  return {
    chart,
    special: (role) => account(chart.specialAccounts[role]),
    resolve(row) {
      const marketplace = row.marketplaceName ?? '';
      let byAmountType = lastByAmountType;
      if (byAmountType === undefined || row.transactionType !== lastType || marketplace !== lastMarketplace) {
        let byMarketplace = cache.get(row.transactionType);
        if (byMarketplace === undefined) cache.set(row.transactionType, byMarketplace = new Map());
        byAmountType = byMarketplace.get(marketplace);
        if (byAmountType === undefined) byMarketplace.set(marketplace, byAmountType = new Map());
        lastType = row.transactionType;
        lastMarketplace = marketplace;
        lastByAmountType = byAmountType;
      }
      let byDescription = byAmountType.get(row.amountType);
      if (byDescription === undefined) byAmountType.set(row.amountType, byDescription = new Map());
      const hit = byDescription.get(row.amountDescription);
      if (hit !== undefined) return hit;
      const values = [row.transactionType, row.marketplaceName ?? '', row.amountType, row.amountDescription].map((v) => v.trim());
      const index = matchers.findIndex((m) => m.compiled.every((re, k) => re === null || re.test(values[k] ?? '')));
      const answer = index < 0 ? unmapped : (resolvedByRule[index] as ResolvedAccount);
      if (cached < CACHE_LIMIT) {
        byDescription.set(row.amountDescription, answer);
        cached++;
      }
      return answer;
    },
  };
}
