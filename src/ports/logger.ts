// Structured logging port. Fields carry correlation ids (orderId, sellerFulfillmentOrderId, sku, …).
// Secrets never go in fields: configuration types them as Secret so they print as [redacted].
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  /** Whether lines of this level are written; a logger that cannot tell leaves it out (callers then assume yes). */
  isLevelEnabled?(level: 'debug' | 'info' | 'warn' | 'error'): boolean;
}
