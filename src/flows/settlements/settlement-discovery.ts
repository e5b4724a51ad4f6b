// Finding and importing Amazon's settlement reports, unattended (`start` runs it on a schedule).
// Amazon schedules settlement reports itself (about every 14 days, per marketplace); the bridge asks
// getReports for GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 reports created since its watermark (minus
// an overlap, so a report Amazon dates a little late is not missed), skips the reports it handled
// before, and downloads each new one once, streaming it straight into the settlement import with
// raiseRejected (a file that does not add up raises settlement.total-mismatch). Oldest first, so a
// refund finds the sale of an earlier settlement.
// - A report that cannot be fetched or downloaded raises settlement.download-failed and is tried
//   again at the next run (the watermark does not pass it); when it works the exception is resolved.
//   While Amazon does not answer at all (network, timeout, 5xx) no exception is raised: that outage is
//   the amazon.unreachable alert's, and the report is simply tried again.
// - A report that is refused (line problems, or a different file under an already-imported
//   settlement id) raises settlement.report-rejected and is not downloaded again: the same bytes
//   would be refused the same way. Finance imports a corrected file by hand.
// The import itself is idempotent by file hash, so a report seen twice never books twice.
// Docs: ../shared/docs/amazon-facts.md, "Reports 2021-06-30".
import { EXCEPTION_INFO, type ExceptionType } from '../../domain/exceptions/exception-types.js';
import type { ChartOfAccounts } from '../../domain/settlements/chart-of-accounts.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../domain/settlements/default-chart-of-accounts.js';
import type { Failure } from '../../domain/shared/result.js';
import type { AmazonReportInfo, AmazonReportsPort } from '../../ports/amazon-reports.js';
import type { Logger } from '../../ports/logger.js';
import type { Store } from '../../ports/store.js';
import { importSettlement, type SettlementImportOutcome } from './settlement-import.js';
import { keepJournal } from './keep-journal.js';

export const SETTLEMENT_REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
/** Watermark: the createdTime (ISO) up to which every settlement report was handled. */
export const SETTLEMENT_WATERMARK = 'settlement-reports.created-since';
/** Per report: `settlement-report:<reportId>` → what became of it (JSON). */
export const reportMarker = (reportId: string): string => `settlement-report:${reportId}`;
/** Reports may appear with a createdTime a little in the past: look back this far behind the watermark. */
export const DEFAULT_OVERLAP_MS = 2 * 86_400_000;
/** Pages of getReports followed in one run (100 reports each): a bound, not an expectation. */
const MAX_PAGES = 20;

export interface SettlementDiscoveryDeps {
  readonly store: Store;
  readonly connectionId: string;
  readonly reports: AmazonReportsPort;
  readonly chart?: ChartOfAccounts;
  /** Epoch ms of work time (exceptions, import time). */
  readonly now: () => number;
  readonly logger?: Logger;
  readonly overlapMs?: number;
}

export interface SettlementDiscoveryResult {
  readonly listed: number;
  /** Settlement ids imported now. */
  readonly imported: readonly string[];
  /** Reports whose file had been imported before (same file hash). */
  readonly unchanged: number;
  /** Reports handled by an earlier run, not downloaded again. */
  readonly skipped: number;
  readonly rejected: number;
  readonly failed: number;
  /** Set when getReports itself failed: nothing was looked at. */
  readonly listError?: Failure;
}

type Handled = { readonly status: 'imported' | 'unchanged' | 'rejected' | 'conflict'; readonly settlementId: string | null };

export async function discoverSettlements(deps: SettlementDiscoveryDeps, signal?: AbortSignal): Promise<SettlementDiscoveryResult> {
  const { store, connectionId } = deps;
  const watermark = await store.watermarks.get(connectionId, SETTLEMENT_WATERMARK);
  const since = watermark === null ? undefined : new Date(Date.parse(watermark) - (deps.overlapMs ?? DEFAULT_OVERLAP_MS));

  const listed: AmazonReportInfo[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await deps.reports.listReports([SETTLEMENT_REPORT_TYPE], since, nextToken, signal);
    if (!answer.ok) {
      deps.logger?.warn('settlement reports could not be listed; trying again at the next run', { code: answer.error.code, message: answer.error.message });
      return { listed: listed.length, imported: [], unchanged: 0, skipped: 0, rejected: 0, failed: 0, listError: answer.error };
    }
    listed.push(...answer.value.reports);
    nextToken = answer.value.nextToken;
    if (nextToken === undefined) break;
  }
  const ready = listed
    .filter((r) => r.reportType === SETTLEMENT_REPORT_TYPE && r.processingStatus === 'DONE' && r.reportDocumentId !== undefined)
    .sort((a, b) => Date.parse(a.createdTime) - Date.parse(b.createdTime) || (a.reportId < b.reportId ? -1 : 1));

  const imported: string[] = [];
  let unchanged = 0;
  let skipped = 0;
  let rejected = 0;
  const failedAt: number[] = [];
  for (const report of ready) {
    if (signal?.aborted) {
      failedAt.push(Date.parse(report.createdTime)); // not looked at: the watermark must not pass it
      continue;
    }
    if ((await store.watermarks.get(connectionId, reportMarker(report.reportId))) !== null) {
      skipped++;
      continue;
    }
    const handled = await handleReport(deps, report, signal);
    if (handled === null) {
      failedAt.push(Date.parse(report.createdTime));
      continue;
    }
    await store.watermarks.set(connectionId, reportMarker(report.reportId), JSON.stringify({ ...handled, at: new Date(deps.now()).toISOString() }), deps.now());
    if (handled.status === 'imported' && handled.settlementId !== null) imported.push(handled.settlementId);
    else if (handled.status === 'unchanged') unchanged++;
    else rejected++;
  }

  // The watermark moves to the newest report handled, but never past one that failed.
  const times = ready.map((r) => Date.parse(r.createdTime));
  const target = failedAt.length > 0 ? Math.min(...failedAt) : times.length > 0 ? Math.max(...times) : null;
  if (target !== null && (watermark === null || target > Date.parse(watermark))) {
    await store.watermarks.set(connectionId, SETTLEMENT_WATERMARK, new Date(target).toISOString(), deps.now());
  }
  const result = { listed: listed.length, imported, unchanged, skipped, rejected, failed: failedAt.length };
  if (imported.length > 0 || rejected > 0 || failedAt.length > 0) deps.logger?.info('settlement reports checked', { ...result });
  return result;
}

/** Failures that mean Amazon is not answering at all, rather than refusing this report. */
const OUTAGE_CODES: ReadonlySet<Failure['code']> = new Set(['NetworkError', 'Timeout', 'ServerError', 'Throttled']);

/** Downloads and imports one report; null when it could not be downloaded (try again next run). */
async function handleReport(deps: SettlementDiscoveryDeps, report: AmazonReportInfo, signal?: AbortSignal): Promise<Handled | null> {
  const subjectId = `report-${report.reportId}`;
  const label = `settlement report ${report.reportId} (created ${report.createdTime})`;
  const downloadFailed = async (reason: string, cause?: Failure): Promise<null> => {
    deps.logger?.warn('settlement report could not be downloaded', { reportId: report.reportId, reason });
    // Amazon not answering is an outage: the amazon.unreachable alert (and settlements.overdue, if it
    // lasts) tells people once; a finance exception per run would only repeat it.
    if (!cause || !OUTAGE_CODES.has(cause.code)) await raise(deps, 'settlement.download-failed', subjectId, label, reason);
    return null;
  };
  // Asked for right before downloading: the URL expires 5 minutes after it is issued.
  const document = await deps.reports.getReportDocument(report.reportDocumentId!, signal);
  if (!document.ok) return downloadFailed(`getReportDocument failed: ${document.error.message}`, document.error);
  const stream = await deps.reports.downloadDocument(document.value, signal);
  if (!stream.ok) return downloadFailed(stream.error.message, stream.error);

  let outcome: SettlementImportOutcome;
  try {
    outcome = await importSettlement({
      store: deps.store, connectionId: deps.connectionId, source: stream.value, chart: deps.chart ?? DEFAULT_CHART_OF_ACCOUNTS,
      now: deps.now(), raiseRejected: true,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return downloadFailed(`the download broke off: ${error instanceof Error ? error.message : String(error)}`);
  }
  await deps.store.exceptions.resolveForSubject(deps.connectionId, 'settlement', subjectId, deps.now(), ['settlement.download-failed']);
  await keepJournal(deps.store, deps.connectionId, outcome, deps.now());

  switch (outcome.status) {
    case 'imported':
    case 'unchanged':
      return { status: outcome.status, settlementId: outcome.settlement.settlementId };
    case 'conflict':
      await raise(deps, 'settlement.report-rejected', subjectId, label,
        `settlement ${outcome.header.settlementId} was imported before from a different file (sha256 ${outcome.existing.fileSha256.slice(0, 12)}…, now ${outcome.fileSha256.slice(0, 12)}…); this report was not booked`);
      return { status: 'conflict', settlementId: outcome.header.settlementId };
    case 'rejected': {
      // A file that only fails to add up already raised settlement.total-mismatch (raiseRejected).
      if (outcome.problemCount > 0 || outcome.header === null) {
        const first = outcome.problems.slice(0, 3).map((p) => `line ${p.lineNumber}: ${p.problem}`).join('; ');
        await raise(deps, 'settlement.report-rejected', subjectId, label,
          `${outcome.problemCount} problem(s) in the file, nothing was booked${first ? ` — ${first}` : ''}`);
      }
      return { status: 'rejected', settlementId: outcome.header?.settlementId ?? null };
    }
  }
}

async function raise(deps: SettlementDiscoveryDeps, type: ExceptionType, subjectId: string, label: string, reason: string): Promise<void> {
  const info = EXCEPTION_INFO[type];
  await deps.store.exceptions.raise({
    connectionId: deps.connectionId, type, owner: info.owner, subjectType: 'settlement', subjectId, subjectLabel: label, reason, action: info.action,
  }, deps.now());
}
