// The shape every simulator endpoint has: a method and path pattern, and a handler from a parsed
// request to a JSON answer. SP-API operations also name their operation, which switches on the
// access-token check, the operation's token bucket and fault injection (request-pipeline.ts).
import type { IncomingHttpHeaders } from 'node:http';
import type { OperationName } from './usage-plans.js';

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when empty; the raw text when it is not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
  /** True when a body was sent but could not be parsed as JSON. */
  readonly malformedBody: boolean;
  /** SP-API operations: the seller whose access token came (its refresh token), as Amazon knows the caller. */
  readonly seller?: string;
}

export interface SimResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Bytes sent as they are instead of JSON (a report document, an S3-style XML error); needs content-type in headers. */
  readonly raw?: Uint8Array;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. `/fba/outbound/2020-07-01/fulfillmentOrders/{sellerFulfillmentOrderId}` */
  readonly pattern: string;
  /** Set for SP-API operations only. */
  readonly operation?: OperationName;
  /** A grantless operation: needs a client_credentials token of this scope, and refuses a seller's token. */
  readonly grantlessScope?: string;
  handle(request: SimRequest): SimResponse | Promise<SimResponse>;
  /** What fault draws are about (default: method and URL), e.g. the order id of a create. */
  faultKey?(request: SimRequest): string;
  /** Runs for every authorised request before throttling or faults can answer instead. */
  observe?(request: SimRequest): void;
}

export const json = (status: number, body: unknown): SimResponse => ({ status, body });
