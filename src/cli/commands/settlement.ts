// `fba-bridge settlement import <file>` and `fba-bridge settlement orders <settlement-id>`: Amazon
// settlement reports into the bridge's database, matched to storefront orders, with the journal.
// Needs only DATABASE_URL (no commercetools or Amazon credentials).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXPORT_FORMATS, exportJournal, type ExportFormat } from '../../adapters/ledger/journal-formats.js';
import { openSettlementFile } from '../../adapters/settlement-file/settlement-file.js';
import { parseChartOfAccounts, type ChartOfAccounts } from '../../domain/settlements/chart-of-accounts.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../domain/settlements/default-chart-of-accounts.js';
import type { SettlementJournal } from '../../domain/settlements/journal-entry.js';
import type { ContributionTotals, OrderContribution } from '../../domain/settlements/order-contribution.js';
import { SUMMARY_CATEGORIES, SUMMARY_LABELS } from '../../domain/settlements/settlement-summary.js';
import { formatMinorUnits } from '../../domain/shared/money.js';
import { keepJournal } from '../../flows/settlements/keep-journal.js';
import { importSettlement, UNMATCHED_LISTED, type SettlementImportOutcome, type StoredSettlementSummary } from '../../flows/settlements/settlement-import.js';
import { settlementOrderEconomics } from '../../flows/settlements/settlement-order-economics.js';
import type { Store } from '../../ports/store.js';
import { exitWithProblems, printJson, UsageError, withStore } from '../cli-support.js';

interface ImportOptions { chart?: string; export?: string; out?: string; connection?: string; json?: boolean }

export function registerSettlementCommand(program: Command): void {
  const cmd = program.command('settlement').description('import Amazon settlement reports: summary, matching to storefront orders, journal');
  cmd.command('import <file>')
    .description('import a settlement flat file (V2 or the older flat file, plain or gzip); a rejected file stores nothing')
    .option('--chart <json>', 'chart of accounts (JSON file); the default chart otherwise (docs/runbooks/chart-of-accounts.md)')
    .option('--export <format>', 'also write the journal as xero, quickbooks or json (needs --out)')
    .option('--out <file>', 'where --export writes')
    .option('--connection <id>', 'the connection the settlement belongs to (needed only when there are several)')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Unmatched rows (one per order and reason) are all stored; finance gets ONE exception per settlement and kind
(\`fba-bridge exceptions list --owner finance\`), and one per value Amazon wrote that the chart does not map
(its rows are booked to suspense; the exception says which rule to add). The output lists only the first
${UNMATCHED_LISTED} unmatched rows in file order and says how many more there are, with their count and amount per
exception type (all of them: \`fba-bridge settlement unmatched <settlement-id>\`); --json carries the same list as
"unmatched" plus "unmatchedCount" (all of them) and "unmatchedTotals" ([{ exceptionType, count, amount }], amounts in minor units).`)
    .action(async (file: string, opts: ImportOptions) => {
      if (opts.export !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(opts.export)) {
        throw new UsageError(`--export must be xero, quickbooks or json, not "${opts.export}"`);
      }
      if ((opts.export === undefined) !== (opts.out === undefined)) throw new UsageError('--export and --out go together');
      if (!existsSync(file)) throw new UsageError(`settlement file ${file} does not exist`);
      const chart = opts.chart === undefined ? DEFAULT_CHART_OF_ACCOUNTS : readChart(opts.chart);
      await withStore(async (store) => {
        const connectionId = await resolveConnection(store, opts.connection);
        const outcome = await importSettlement({ store, connectionId, source: openSettlementFile(file), chart, now: Date.now() });
        await keepJournal(store, connectionId, outcome, Date.now());
        if (outcome.status !== 'rejected' && outcome.status !== 'conflict' && opts.export !== undefined && opts.out !== undefined) {
          writeFileSync(opts.out, exportJournal(outcome.journal, opts.export as ExportFormat));
        }
        if (opts.json) printJson(jsonOutcome(outcome, connectionId));
        else printOutcome(outcome, opts.export === undefined ? undefined : `${opts.export} → ${opts.out ?? ''}`);
        if (outcome.status === 'rejected' || outcome.status === 'conflict') process.exitCode = 1;
      });
    });
  cmd.command('unmatched <settlement-id>')
    .description('every unmatched row of an imported settlement (multi-channel orders without a storefront order, refunds without sale), in file order')
    .option('--connection <id>', 'the connection (needed only when there are several)')
    .option('--json', 'print JSON')
    .action(async (settlementId: string, opts: { connection?: string; json?: boolean }) => withStore(async (store) => {
      const connectionId = await resolveConnection(store, opts.connection);
      const settlement = await store.settlements.get(connectionId, settlementId);
      if (settlement === null) throw new UsageError(`settlement ${settlementId} has not been imported (connection ${connectionId}); run \`fba-bridge settlement import <file>\` first`);
      const rows = await store.settlements.listUnmatched(connectionId, settlementId);
      if (opts.json) return printJson({ settlementId, connectionId, currency: settlement.currency, fractionDigits: settlement.fractionDigits, unmatched: rows });
      out(`settlement ${settlementId}: ${rows.length} unmatched row(s)`);
      for (const u of rows) out(`  line ${u.lineNumber}  ${u.exceptionType}  ${formatMinorUnits(u.amount, settlement.fractionDigits)}  ${u.reason}`);
    }));
  cmd.command('orders <settlement-id>')
    .description('per multi-channel order of an imported settlement: the commercetools order, storefront revenue, Amazon fees, refunds and contribution')
    .option('--connection <id>', 'the connection (needed only when there are several)')
    .option('--json', 'print JSON')
    .action(async (settlementId: string, opts: { connection?: string; json?: boolean }) => withStore(async (store) => {
      const connectionId = await resolveConnection(store, opts.connection);
      const economics = await settlementOrderEconomics(store, connectionId, settlementId);
      if (economics === null) throw new UsageError(`settlement ${settlementId} has not been imported (connection ${connectionId}); run \`fba-bridge settlement import <file>\` first`);
      const { settlement, orders, totals } = economics;
      if (opts.json) return printJson({ settlementId, connectionId, currency: settlement.currency, fractionDigits: settlement.fractionDigits, orders, totals });
      printOrderEconomics(settlementId, settlement.currency, settlement.fractionDigits, orders, totals);
    }));
}

function printOrderEconomics(settlementId: string, currency: string, fractionDigits: number, orders: readonly OrderContribution[], totals: ContributionTotals): void {
  const money = (minor: number) => formatMinorUnits(minor, fractionDigits);
  const revenueCell = (o: OrderContribution): string => {
    const r = o.storefrontRevenue;
    if (o.revenueCounted !== null) return money(o.revenueCounted);
    if (r === null) return '-';
    const amount = formatMinorUnits(r.amount, r.fractionDigits);
    return r.currency === currency && r.fractionDigits === fractionDigits ? `(${amount})` : `${r.currency} ${amount}`;
  };
  const row = (id: string, order: string, revenue: string, fees: string, refunds: string, other: string, contribution: string, note = '') =>
    out(`${id.padEnd(28)} ${order.padEnd(20)} ${revenue.padStart(14)} ${fees.padStart(12)} ${refunds.padStart(10)} ${other.padStart(10)} ${contribution.padStart(12)}${note === '' ? '' : `  ${note}`}`.trimEnd());
  out(`settlement ${settlementId} (${currency}): ${orders.length} multi-channel order(s)`);
  out('contribution = storefront revenue (order total, gross, as sent to Amazon) + Amazon fees + refunds + other Amazon amounts');
  row('sellerFulfillmentOrderId', 'commercetools order', 'revenue', 'amazon fees', 'refunds', 'other', 'contribution');
  for (const o of orders) {
    row(o.sellerFulfillmentOrderId, o.ctOrderNumber ?? o.ctOrderId ?? 'UNMATCHED', revenueCell(o), money(o.amazonFees), money(o.refunds), money(o.otherAmazon),
      o.contribution === null ? '-' : money(o.contribution), o.note ?? '');
  }
  row(`total (${totals.orders} orders)`, '', money(totals.revenue), money(totals.amazonFees), money(totals.refunds), money(totals.otherAmazon), money(totals.contribution));
  if (totals.ordersWithContribution < totals.orders) {
    out(`The contribution total covers ${totals.ordersWithContribution} of ${totals.orders} orders; the others have no storefront revenue in ${currency} (see their notes). Amazon's side of all of them: ${money(totals.amazonTotal)}.`);
  }
  for (const x of totals.revenueInOtherCurrencies) {
    out(`Revenue in ${x.currency}, not summed with ${currency}: ${x.currency} ${formatMinorUnits(x.amount, x.fractionDigits)}`);
  }
}

function readChart(path: string): ChartOfAccounts {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return exitWithProblems(`the chart of accounts ${path} cannot be read`, [error instanceof Error ? error.message : String(error)]);
  }
  const parsed = parseChartOfAccounts(raw);
  if (!parsed.ok) return exitWithProblems(`the chart of accounts ${path} cannot be used`, [parsed.error.message]);
  return parsed.value;
}

/** --connection, else the only connection the database knows, else 'default' (the CONNECTION_ID default). */
async function resolveConnection(store: Store, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const known = await store.connections.list();
  if (known.length > 1) throw new UsageError(`the database serves ${known.length} connections (${known.map((c) => c.id).join(', ')}): say which with --connection`);
  return known[0]?.id ?? 'default';
}

function jsonOutcome(outcome: SettlementImportOutcome, connectionId: string): unknown {
  const base = { status: outcome.status, connectionId, fileSha256: outcome.fileSha256, header: outcome.header };
  if (outcome.status === 'rejected') return { ...base, problemCount: outcome.problemCount, problems: outcome.problems };
  if (outcome.status === 'conflict') return { ...base, existing: { ...outcome.existing, summary: undefined } };
  return {
    ...base, summary: outcome.stored.summary, matching: outcome.stored.matching, marketplaces: outcome.stored.marketplaces,
    unmatched: outcome.unmatched, unmatchedCount: outcome.unmatchedCount, unmatchedTotals: outcome.unmatchedTotals,
    exceptionsRaised: outcome.exceptionsRaised, unmappedValues: outcome.journal.unmapped, journal: outcome.journal,
  };
}

const out = (line = ''): void => { process.stdout.write(`${line}\n`); };

function printOutcome(outcome: SettlementImportOutcome, exported: string | undefined): void {
  if (outcome.status === 'rejected') {
    const id = outcome.header?.settlementId ?? '(unknown)';
    process.stderr.write(`settlement ${id} REJECTED: nothing was imported. ${outcome.problemCount} problem(s):\n`);
    for (const p of outcome.problems) process.stderr.write(`  line ${p.lineNumber}: ${p.problem}\n`);
    if (outcome.problemCount > outcome.problems.length) process.stderr.write(`  … and ${outcome.problemCount - outcome.problems.length} more\n`);
    return;
  }
  const h = outcome.header;
  if (outcome.status === 'conflict') {
    process.stderr.write(`settlement ${h.settlementId} CONFLICT: it was imported before from another file (sha256 ${outcome.existing.fileSha256}, imported ${new Date(outcome.existing.importedAt).toISOString()}); this file (sha256 ${outcome.fileSha256}) was not imported. Compare the two files; see docs/runbooks/settlement-exceptions.md.\n`);
    return;
  }
  const money = (minor: number) => `${formatMinorUnits(minor, h.fractionDigits)}`;
  const status = outcome.status === 'imported' ? 'imported' : 'already imported from this very file: nothing changed';
  out(`settlement ${h.settlementId} (${h.format}, ${h.currency}) ${h.startDate} to ${h.endDate}, deposit ${h.depositDate}: ${status}`);
  out(`  ${outcome.read.rowCount} rows, ${outcome.read.encoding}${outcome.read.byteOrderMark ? ' with BOM' : ''}, sha256 ${outcome.fileSha256}`);
  printSummary(outcome.stored, money);
  const m = outcome.stored.matching;
  out(`Matching: ${m.orders} orders: ${m.multiChannelOrders} multi-channel (${m.matchedOrders} matched to commercetools orders, ${m.multiChannelOrders - m.matchedOrders} unmatched), ${m.amazonOrders} Amazon sales; ${m.refundOrders} with refunds (${m.refundsMatched} tied to their sale, ${m.refundsWithoutSale} without)`);
  for (const x of outcome.stored.marketplaces) {
    out(`  ${x.marketplace}: ${x.orders} orders, sales ${money(x.sales)}, fees ${money(x.fees)}, refunds ${money(x.refunds)}, net ${money(x.net)}`);
  }
  if (outcome.unmatchedCount > 0) {
    out(`Unmatched (${outcome.unmatchedCount}, one finance exception per kind: \`fba-bridge exceptions list --owner finance\`):`);
    for (const u of outcome.unmatched) out(`  line ${u.lineNumber}  ${u.exceptionType}  ${money(u.amount)}  ${u.reason}`);
    const more = outcome.unmatchedCount - outcome.unmatched.length;
    if (more > 0) {
      out(`  … and ${more} more: \`fba-bridge settlement unmatched ${h.settlementId}\``);
      for (const t of outcome.unmatchedTotals) out(`  ${t.exceptionType}: ${t.count} row(s), ${money(t.amount)}`);
    }
  }
  printUnmapped(outcome.journal, money);
  printJournal(outcome.journal, money);
  if (exported !== undefined) out(`Journal exported: ${exported}`);
}

function printUnmapped(journal: SettlementJournal, money: (minor: number) => string): void {
  if (journal.unmapped.length === 0) return;
  out('Not mapped by the chart of accounts, booked to suspense (one finance exception per value says which rule to add):');
  for (const g of journal.unmapped) {
    const unknown = g.unknownField === null ? 'no rule' : `unknown ${g.unknownField}`;
    out(`  ${g.transactionType} / ${g.amountType} / ${g.amountDescription}  (${unknown}): ${g.rowCount} row(s), ${money(g.amount)}, first line ${g.lineNumbers[0] ?? '-'}`);
  }
}

function printSummary(stored: StoredSettlementSummary, money: (minor: number) => string): void {
  out("Summary (Seller Central's categories):");
  for (const category of [...SUMMARY_CATEGORIES, 'netProceeds'] as const) {
    out(`  ${SUMMARY_LABELS[category].padEnd(24)} ${money(stored.summary[category] ?? 0).padStart(14)}`);
  }
}

function printJournal(journal: SettlementJournal, money: (minor: number) => string): void {
  out(`Journal: ${journal.entries.length} entries, debits ${money(journal.totalDebit)} = credits ${money(journal.totalCredit)}${journal.totalDebit === journal.totalCredit ? ' (balanced)' : ' (NOT BALANCED)'}`);
  for (const entry of journal.entries) {
    out(`  ${entry.key}  ${entry.date}  ${entry.kind}: ${entry.memo}`);
    for (const line of entry.lines) {
      const side = line.debit > 0 ? `Dr ${money(line.debit).padStart(12)}` : `Cr ${money(line.credit).padStart(12)}`;
      out(`    ${line.accountCode.padEnd(6)} ${line.accountName.padEnd(30)} ${side}  ${line.description}`);
    }
  }
  for (const warning of journal.warnings) out(`  warning (${warning.code}): ${warning.message}`);
}

