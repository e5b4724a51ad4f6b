// Reports API 2021-06-30 over the reports the simulator made (settlement reports, see
// settlements/settlement-clerk.ts): getReports, getReport, getReportDocument, and the presigned
// document URL itself. Like Amazon's S3 URL, that one is served WITHOUT the access token, expires
// 5 minutes (real time) after getReportDocument issued it, and carries the gzipped document.
// Also the admin routes that close a settlement period now and list what was made.
// Docs: https://developer-docs.amazon.com/sp-api/docs/reports-api-v2021-06-30-reference;
// ../shared/docs/amazon-facts.md, "Reports 2021-06-30".
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { AmazonErrors, errorAnswer, type ErrorAnswer } from '../amazon-errors.js';
import { json, type Route, type SimRequest, type SimResponse } from '../http/route.js';
import type { SettlementClerk } from '../settlements/settlement-clerk.js';
import type { SimReport } from '../state/sim-records.js';
import { DAY, isoSeconds, parseDateTime } from '../time-format.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { decodeToken, encodeToken } from './page-token.js';

const PREFIX = '/reports/2021-06-30';
/** Where presigned document URLs point (S3-looking, outside the SP-API paths). */
export const DOCUMENT_PATH = '/simulated-report-documents';
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;
const DEFAULT_CREATED_SINCE_MS = 90 * DAY;
/** The model: "This URL expires after 5 minutes." */
export const DOCUMENT_URL_TTL_SECONDS = 300;
const PROCESSING_STATUSES = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'];

const fail = (error: ErrorAnswer): SimResponse => ({ status: error.status, body: error.body });
const invalid = (message: string): SimResponse => fail(errorAnswer(400, 'InvalidInput', message));

interface ReportsQuery {
  readonly types: readonly string[];
  readonly statuses: readonly string[] | null;
  readonly marketplaceIds: readonly string[] | null;
  readonly since: number;
  readonly until: number;
  readonly pageSize: number;
}

interface ReportsCursor { readonly q: ReportsQuery; readonly at: number; readonly id: string }

export interface ReportsDeps {
  readonly seed: number;
  readonly warehouse: Warehouse;
  readonly clerk: SettlementClerk;
  /** Real time: presigned URLs expire in it, as S3's do. */
  readonly realNow: () => number;
}

export function reportsRoutes(deps: ReportsDeps): Route[] {
  const { warehouse } = deps;
  const state = warehouse.state;
  const secret = `sim-reports-${deps.seed}`;
  const sign = (documentId: string, date: string): string => createHmac('sha256', secret).update(`${documentId}\n${date}`).digest('hex');

  return [
    {
      method: 'GET', pattern: `${PREFIX}/reports`, operation: 'getReports',
      handle(request) {
        const parsed = reportsQuery(request, warehouse.now());
        if ('status' in parsed) return parsed;
        const { query, cursor } = parsed;
        const matching = [...state.reports.values()]
          .filter((r) => query.types.includes(r.reportType)
            && (query.statuses === null || query.statuses.includes('DONE'))
            && (query.marketplaceIds === null || r.marketplaceIds.some((m) => query.marketplaceIds!.includes(m)))
            && r.createdAt >= query.since && r.createdAt <= query.until)
          // Newest first, then by id: a stable order for paging.
          .sort((a, b) => b.createdAt - a.createdAt || (a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0));
        const start = cursor ? matching.findIndex((r) => r.createdAt < cursor.at || (r.createdAt === cursor.at && r.reportId > cursor.id)) : 0;
        const page = start < 0 ? [] : matching.slice(start, start + query.pageSize);
        const last = page[page.length - 1];
        const more = start >= 0 && start + query.pageSize < matching.length && last !== undefined;
        return json(200, {
          reports: page.map(reportJson),
          ...(more ? { nextToken: encodeToken({ q: query, at: last.createdAt, id: last.reportId }) } : {}),
        });
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/reports/{reportId}`, operation: 'getReport',
      handle(request) {
        const report = state.reports.get(request.params.reportId ?? '');
        // Unverified wording; Amazon answers 404 NotFound for a report id it does not know.
        return report ? json(200, reportJson(report)) : fail(errorAnswer(404, 'NotFound', `Report ${request.params.reportId ?? ''} not found`));
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/documents/{reportDocumentId}`, operation: 'getReportDocument',
      handle(request) {
        const id = request.params.reportDocumentId ?? '';
        const report = findDocument(state.reports.values(), id);
        if (!report) return fail(errorAnswer(404, 'NotFound', `Report document ${id} not found`));
        const date = amzDate(deps.realNow());
        const host = typeof request.headers.host === 'string' ? request.headers.host : '127.0.0.1';
        const query = new URLSearchParams({
          'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Date': date, 'X-Amz-Expires': String(DOCUMENT_URL_TTL_SECONDS),
          'X-Amz-SignedHeaders': 'host', 'X-Amz-Signature': sign(id, date),
        });
        return json(200, { reportDocumentId: id, url: `http://${host}${DOCUMENT_PATH}/${encodeURIComponent(id)}?${query.toString()}`, compressionAlgorithm: 'GZIP' });
      },
    },
    {
      // The presigned URL: no access token, no rate limit; S3-style XML errors.
      method: 'GET', pattern: `${DOCUMENT_PATH}/{reportDocumentId}`,
      handle(request) {
        const id = request.params.reportDocumentId ?? '';
        const date = request.query.get('X-Amz-Date') ?? '';
        const signature = request.query.get('X-Amz-Signature') ?? '';
        const issued = parseAmzDate(date);
        if (issued === undefined || signature !== sign(id, date)) {
          return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
        }
        if (deps.realNow() > issued + DOCUMENT_URL_TTL_SECONDS * 1000) return s3Error(403, 'AccessDenied', 'Request has expired');
        const report = findDocument(state.reports.values(), id);
        if (!report) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
        return { status: 200, body: undefined, raw: gzipSync(Buffer.from(report.document, 'utf8')), headers: { 'content-type': 'application/octet-stream' } };
      },
    },
    {
      method: 'POST', pattern: '/_simulator/settlements/close',
      handle() {
        const made = deps.clerk.close(warehouse.now());
        return json(200, { reports: made.map(adminReportJson), nextPeriodStart: isoSeconds(state.settlement.periodStart ?? warehouse.now()) });
      },
    },
    {
      method: 'GET', pattern: '/_simulator/settlements',
      handle: () => json(200, {
        periodDays: deps.clerk.periodMs / DAY,
        periodStart: isoSeconds(state.settlement.periodStart ?? warehouse.now()),
        reports: [...state.reports.values()].map(adminReportJson),
      }),
    },
  ];
}

function reportsQuery(request: SimRequest, now: number): { query: ReportsQuery; cursor?: ReportsCursor } | SimResponse {
  const q = request.query;
  const nextToken = q.get('nextToken');
  if (nextToken !== null) {
    const others = [...q.keys()].filter((k) => k !== 'nextToken');
    if (others.length > 0) return invalid(`nextToken must be the only parameter; also given: ${others.join(', ')}`);
    const cursor = decodeToken<ReportsCursor>(nextToken, (v) => typeof v.at === 'number' && typeof v.id === 'string' && typeof v.q === 'object' && v.q !== null);
    return cursor ? { query: cursor.q, cursor } : fail(AmazonErrors.invalidNextToken(nextToken));
  }
  const list = (name: string): string[] | null => {
    const values = q.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
    return values.length === 0 ? null : values;
  };
  const types = list('reportTypes');
  if (types === null) return fail(AmazonErrors.missingParameter('reportTypes'));
  if (types.length > 10) return fail(AmazonErrors.invalidValue(types.length, 'reportTypes', 'at most 10 report types'));
  const statuses = list('processingStatuses');
  const badStatus = statuses?.find((s) => !PROCESSING_STATUSES.includes(s));
  if (badStatus !== undefined) return fail(AmazonErrors.invalidValue(badStatus, 'processingStatuses'));
  const marketplaceIds = list('marketplaceIds');
  if (marketplaceIds !== null && marketplaceIds.length > 10) return fail(AmazonErrors.invalidValue(marketplaceIds.length, 'marketplaceIds', 'at most 10 marketplaces'));
  const rawSize = q.get('pageSize');
  const pageSize = rawSize === null ? DEFAULT_PAGE_SIZE : Number(rawSize);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return fail(AmazonErrors.invalidValue(rawSize, 'pageSize'));
  const date = (name: string, dflt: number): number | SimResponse => {
    const raw = q.get(name);
    if (raw === null) return dflt;
    return parseDateTime(raw) ?? fail(AmazonErrors.invalidValue(raw, name));
  };
  const since = date('createdSince', now - DEFAULT_CREATED_SINCE_MS);
  if (typeof since !== 'number') return since;
  const until = date('createdUntil', now);
  if (typeof until !== 'number') return until;
  return { query: { types, statuses, marketplaceIds, since, until, pageSize } };
}

function findDocument(reports: Iterable<SimReport>, documentId: string): SimReport | undefined {
  for (const report of reports) if (report.reportDocumentId === documentId) return report;
  return undefined;
}

function reportJson(r: SimReport) {
  return {
    reportId: r.reportId, reportType: r.reportType, marketplaceIds: [...r.marketplaceIds],
    dataStartTime: isoSeconds(r.dataStartAt), dataEndTime: isoSeconds(r.dataEndAt), createdTime: isoSeconds(r.createdAt),
    processingStatus: 'DONE', processingStartTime: isoSeconds(r.createdAt), processingEndTime: isoSeconds(r.createdAt),
    reportDocumentId: r.reportDocumentId,
  };
}

function adminReportJson(r: SimReport) {
  const summary = r.document.split('\n')[1]?.split('\t') ?? [];
  return { ...reportJson(r), settlementId: r.settlementId, totalAmount: summary[4] ?? '', currency: summary[5] ?? '', rows: r.document.split('\n').length - 3 };
}

/** `20250303T090000Z`, as X-Amz-Date writes it. */
function amzDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '');
}

function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function s3Error(status: number, code: string, message: string): SimResponse {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, body: undefined, raw: Buffer.from(xml, 'utf8'), headers: { 'content-type': 'application/xml' } };
}
