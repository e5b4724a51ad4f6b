// Amazon's Reports API 2021-06-30 as the settlement discovery needs it: find reports of some types
// created since a moment, get a report's document reference, download the document. Every SP-API
// call goes through the rate governor (CallPriority.reports); the download does not (it is a
// presigned URL, not an SP-API operation).
import type { Result } from '../domain/shared/result.js';

export interface AmazonReportInfo {
  readonly reportId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  /** ISO 8601, as Amazon wrote it. */
  readonly createdTime: string;
  readonly processingStatus: string;
  /** Present when processingStatus is DONE. */
  readonly reportDocumentId?: string;
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
}

export interface AmazonReportPage {
  readonly reports: readonly AmazonReportInfo[];
  /** Send it alone for the next page; absent on the last page. */
  readonly nextToken?: string;
}

export interface AmazonReportDocument {
  readonly reportDocumentId: string;
  /** Presigned: expires 5 minutes after it was issued; fetched without the access token. */
  readonly url: string;
  readonly compression: 'GZIP' | null;
}

export interface AmazonReportsPort {
  /** One page of reports of `types` created at or after `createdSince` (Amazon's default: 90 days back). */
  listReports(types: readonly string[], createdSince: Date | undefined, nextToken?: string, signal?: AbortSignal): Promise<Result<AmazonReportPage>>;
  getReportDocument(reportDocumentId: string, signal?: AbortSignal): Promise<Result<AmazonReportDocument>>;
  /**
   * The document's bytes, decompressed when it is GZIP. Fails (Result) when the download does not
   * start (HTTP status, network); a failure while streaming throws from the iteration.
   */
  downloadDocument(document: AmazonReportDocument, signal?: AbortSignal): Promise<Result<AsyncIterable<Uint8Array>>>;
}
