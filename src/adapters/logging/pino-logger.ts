// The Logger port on pino: one JSON object per line (time, level, msg, correlation fields such as
// connection, orderId, orderNumber, sellerFulfillmentOrderId, sku, settlementId), with secrets and
// personal data redacted before the line is written. Redaction works two ways: fields whose names
// carry secrets or personal data (anywhere in the object, a few levels deep) print as [redacted], and
// text is scrubbed of e-mail addresses and phone numbers (partners quote them in error messages).
// Docs: https://getpino.io/#/docs/redaction
import { pino, destination, stdTimeFunctions, type Logger as Pino, type LevelWithSilent } from 'pino';
import type { LogFields, Logger } from '../../ports/logger.js';
import { scrubSecrets } from '../../config/secret.js';

/** Field names whose values never reach a log: secrets, and a customer's name, address, e-mail, phone. */
export const REDACTED_FIELDS = [
  'password', 'secret', 'clientSecret', 'client_secret', 'refreshToken', 'refresh_token', 'accessToken', 'access_token', 'authorization', 'token',
  'apiKey', 'webhookSecret', 'smtpUrl', 'databaseUrl',
  'firstName', 'lastName', 'fullName', 'company', 'email', 'phone', 'phoneNumber', 'mobile',
  'address', 'shippingAddress', 'billingAddress', 'destinationAddress', 'street', 'streetName', 'streetNumber', 'addressLine1', 'addressLine2', 'addressLine3',
  'postalCode', 'city',
] as const;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// A phone number as people write one: starting with + ( or 0, 7+ digits with spaces, dots, dashes or
// parentheses, standing on its own (not inside an id such as a UUID or Amazon's 112-1234567-1234567).
const PHONE = /(?<![\w-])(?:\+|\(|0)[\d ()./-]{6,}\d(?![\w-])/g;

export function scrubPersonalText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[phone]' : m));
}

const PATHS = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export interface PinoLoggerOptions {
  readonly level?: 'debug' | 'info' | 'warn' | 'error';
  /** Where lines go; stdout by default. Tests pass a stream that collects them. */
  readonly destination?: { write(line: string): void };
}

export class PinoLogger implements Logger {
  readonly #pino: Pino;

  constructor(options: PinoLoggerOptions | Pino = {}) {
    if (isPino(options)) {
      this.#pino = options;
      return;
    }
    this.#pino = pino({
      level: (options.level ?? 'info') as LevelWithSilent,
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: PATHS, censor: '[redacted]' },
      serializers: { error: serializeError, err: serializeError },
      hooks: {
        // Scrubs the message and every string field: personal data also hides in free text.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubPersonalText(a) : a && typeof a === 'object' ? scrubObject(a, 0) : a)) as Parameters<typeof method>);
        },
      },
    }, scrubbing(options.destination ?? destination({ sync: true })));
  }

  debug(msg: string, fields?: LogFields): void { this.#pino.debug(fields ?? {}, msg); }
  info(msg: string, fields?: LogFields): void { this.#pino.info(fields ?? {}, msg); }
  warn(msg: string, fields?: LogFields): void { this.#pino.warn(fields ?? {}, msg); }
  error(msg: string, fields?: LogFields): void { this.#pino.error(fields ?? {}, msg); }

  child(fields: LogFields): Logger {
    return new PinoLogger(this.#pino.child(scrubObject(fields, 0) as LogFields));
  }

  isLevelEnabled(level: 'debug' | 'info' | 'warn' | 'error'): boolean {
    return this.#pino.isLevelEnabled(level);
  }
}

/** Every line is also scrubbed of configured secret values and credential-shaped text (partners echo requests back). */
function scrubbing(sink: { write(line: string): unknown }): { write(line: string): void } {
  return { write: (line: string) => { sink.write(scrubSecrets(line)); } };
}

function isPino(o: unknown): o is Pino {
  return typeof o === 'object' && o !== null && typeof (o as Pino).child === 'function' && typeof (o as Pino).info === 'function';
}

function serializeError(value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: scrubPersonalText(value.message) } : value;
}

function scrubObject(value: object, depth: number): object {
  if (depth > 4 || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  // Objects with their own JSON form (Secret prints as [redacted]) keep it.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}

function scrubValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return scrubPersonalText(v);
  if (v instanceof Error) return serializeError(v);
  if (v && typeof v === 'object') return scrubObject(v, depth);
  return v;
}
