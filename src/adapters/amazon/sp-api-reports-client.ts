// AmazonReportsPort over Reports API 2021-06-30. getReports and getReportDocument go through the
// shared SP-API HTTP client (rate governor at the caller's priority, access token, error mapping);
// answers are not wrapped in `payload` in this API version. The document itself is downloaded from
// its presigned URL WITHOUT the access token (it is S3, not SP-API) and gunzipped when Amazon says
// compressionAlgorithm GZIP. The URL expires 5 minutes after it was issued: ask for the document
// reference right before downloading.
// Docs: https://developer-docs.amazon.com/sp-api/docs/reports-api-v2021-06-30-reference;
// https://developer-docs.amazon.com/sp-api/docs/reports-api-v2021-06-30-retrieve-a-report
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import type { AmazonReportDocument, AmazonReportInfo, AmazonReportPage, AmazonReportsPort } from '../../ports/amazon-reports.js';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import { SpApiHttpClient, type SpApiClientOptions } from './sp-api-http.js';

const PREFIX = '/reports/2021-06-30';
/** The model's maximum. getReports refills at 0.0222/s: few, large pages. */
export const REPORTS_PAGE_SIZE = 100;
/** A settlement file is a few MB; 10 minutes covers slow links without hanging forever. */
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

interface ReportJson {
  reportId?: string;
  reportType?: string;
  marketplaceIds?: string[];
  createdTime?: string;
  processingStatus?: string;
  reportDocumentId?: string;
  dataStartTime?: string;
  dataEndTime?: string;
}

export interface SpApiReportsClientOptions {
  readonly priority?: number;
  readonly downloadTimeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export class SpApiReportsClient implements AmazonReportsPort {
  readonly #http: SpApiHttpClient;
  readonly #priority: number;
  readonly #downloadTimeoutMs: number;
  readonly #fetch: typeof fetch;

  /** Pass an SpApiHttpClient to share one access token and connection setup with other clients. */
  constructor(http: SpApiClientOptions | SpApiHttpClient, options: SpApiReportsClientOptions = {}) {
    this.#http = http instanceof SpApiHttpClient ? http : new SpApiHttpClient(http);
    this.#priority = options.priority ?? CallPriority.reports;
    this.#downloadTimeoutMs = options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  async listReports(types: readonly string[], createdSince: Date | undefined, nextToken?: string, signal?: AbortSignal): Promise<Result<AmazonReportPage>> {
    // The model: on later pages nextToken is "the only parameter".
    const query = nextToken !== undefined
      ? { nextToken }
      : { reportTypes: types, pageSize: REPORTS_PAGE_SIZE, createdSince: createdSince?.toISOString() };
    const answer = await this.#http.request<{ reports?: ReportJson[]; nextToken?: string }>({
      operation: 'getReports', method: 'GET', path: `${PREFIX}/reports`, query, priority: this.#priority, ...(signal ? { signal } : {}),
    });
    if (!answer.ok) return answer;
    const reports = (answer.value.body.reports ?? []).flatMap((r) => {
      const info = toReportInfo(r);
      return info ? [info] : [];
    });
    const next = answer.value.body.nextToken;
    return ok({ reports, ...(next ? { nextToken: next } : {}) });
  }

  async getReportDocument(reportDocumentId: string, signal?: AbortSignal): Promise<Result<AmazonReportDocument>> {
    const answer = await this.#http.request<{ reportDocumentId?: string; url?: string; compressionAlgorithm?: string }>({
      operation: 'getReportDocument', method: 'GET', path: `${PREFIX}/documents/${encodeURIComponent(reportDocumentId)}`,
      priority: this.#priority, ...(signal ? { signal } : {}),
    });
    if (!answer.ok) return answer;
    const { url, compressionAlgorithm } = answer.value.body;
    if (typeof url !== 'string' || url === '') {
      return fail(failure('retryable', 'ServerError', `Amazon answered getReportDocument for ${reportDocumentId} without a url`));
    }
    if (compressionAlgorithm !== undefined && compressionAlgorithm !== 'GZIP') {
      return fail(failure('permanent', 'UnknownCompression', `report document ${reportDocumentId} uses compression ${compressionAlgorithm}, which the bridge cannot read`));
    }
    return ok({ reportDocumentId: answer.value.body.reportDocumentId ?? reportDocumentId, url, compression: compressionAlgorithm === 'GZIP' ? 'GZIP' : null });
  }

  async downloadDocument(document: AmazonReportDocument, signal?: AbortSignal): Promise<Result<AsyncIterable<Uint8Array>>> {
    const timeout = AbortSignal.timeout(this.#downloadTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      // No x-amz-access-token: the URL is presigned, and S3 refuses extra authorisation.
      response = await this.#fetch(document.url, { method: 'GET', signal: combined });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const timedOut = timeout.aborted;
      return fail(failure('retryable', timedOut ? 'Timeout' : 'NetworkError',
        timedOut ? `report document ${document.reportDocumentId}: no answer within ${this.#downloadTimeoutMs} ms` : `report document ${document.reportDocumentId}: ${describe(error)}`));
    }
    if (!response.ok || response.body === null) {
      const text = await response.text().catch(() => '');
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP${response.status}`;
      // 403 AccessDenied "Request has expired": the URL lived its 5 minutes; ask for a new one.
      const retryable = response.status >= 500 || response.status === 403;
      return fail(failure(retryable ? 'retryable' : 'permanent', response.status >= 500 ? 'ServerError' : 'UnexpectedAnswer',
        `downloading report document ${document.reportDocumentId} failed: HTTP ${response.status} ${code}`, { status: response.status, details: text.slice(0, 300) }));
    }
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    const stream = document.compression === 'GZIP' ? body.pipe(createGunzip()) : body;
    if (stream !== body) body.once('error', (error) => stream.destroy(error));
    return ok(stream as AsyncIterable<Uint8Array>);
  }
}

function toReportInfo(r: ReportJson): AmazonReportInfo | undefined {
  if (!r.reportId || !r.reportType || !r.createdTime || !r.processingStatus) return undefined;
  return {
    reportId: r.reportId, reportType: r.reportType, marketplaceIds: r.marketplaceIds ?? [], createdTime: r.createdTime,
    processingStatus: r.processingStatus,
    ...(r.reportDocumentId ? { reportDocumentId: r.reportDocumentId } : {}),
    ...(r.dataStartTime ? { dataStartTime: r.dataStartTime } : {}),
    ...(r.dataEndTime ? { dataEndTime: r.dataEndTime } : {}),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
