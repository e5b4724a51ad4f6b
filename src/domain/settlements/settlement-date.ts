// Dates in settlement files, in the shapes Amazon writes them, to ISO 8601 UTC.
// - decimal-comma files (DE, FR): `11.10.2024 08:59:52 UTC`, `14.10.2024`
// - decimal-point files: `2024-10-11 08:59:52 UTC`, `2024-10-14`, and in the older flat file
//   `2024-10-11T08:59:52+00:00` (any offset: converted to UTC); JP files write `2024/10/11 …`.
// Docs: ../shared/docs/amazon-facts.md, "Settlement report, flat file V2" (Locale);
// https://developer-docs.amazon.com/sp-api/docs/report-type-values-settlement
import type { SettlementLocale } from './settlement-amount.js';
import { COLON, DOT, MINUS, NINE, SPACE, ZERO } from './char-codes.js';

export interface SettlementDate {
  /** `YYYY-MM-DDTHH:MM:SSZ`; a date without a time is midnight UTC. */
  readonly iso: string;
  /** The locale whose way of writing dates this is. */
  readonly locale: SettlementLocale;
}

const DAY_MONTH_YEAR = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2}):(\d{2})(?: UTC)?)?$/;
const YEAR_MONTH_DAY = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?( UTC|Z|[+-]\d{2}:?\d{2})?)?$/;

/** How each locale writes dates, for messages. */
export const DATE_SHAPES: Readonly<Record<SettlementLocale, string>> = {
  'decimal-comma': 'dd.mm.yyyy',
  'decimal-point': 'yyyy-mm-dd',
};

/** The date, or undefined when `text` is none of the shapes above or not on the calendar. */
export function parseSettlementDate(text: string): SettlementDate | undefined {
  const plain = plainDate(text);
  if (plain !== null) return plain;
  let m = DAY_MONTH_YEAR.exec(text);
  if (m) return build(m[3], m[2], m[1], m[4], m[5], m[6], undefined, 'decimal-comma');
  m = YEAR_MONTH_DAY.exec(text);
  if (m) return build(m[1], m[3], m[4], m[5], m[6], m[7], m[8], 'decimal-point');
  return undefined;
}

/**
 * The shapes nearly every line has — `dd.mm.yyyy` or `yyyy-mm-dd`, with ` HH:MM:SS` and ` UTC` or
 * without — read by their fixed positions (a posted date on every new order of a million-row file);
 * null for any other text, which the regular expressions then read. Same results as they give.
 */
function plainDate(text: string): SettlementDate | undefined | null {
  const length = text.length;
  if (length !== 10 && length !== 19 && length !== 23) return null;
  const dayFirst = text.charCodeAt(2) === DOT;
  const shape = dayFirst
    ? digitsAt(text, 0, 2) && text.charCodeAt(5) === DOT && digitsAt(text, 3, 5) && digitsAt(text, 6, 10)
    : digitsAt(text, 0, 4) && text.charCodeAt(4) === MINUS && text.charCodeAt(7) === MINUS && digitsAt(text, 5, 7) && digitsAt(text, 8, 10);
  if (!shape) return null;
  const locale: SettlementLocale = dayFirst ? 'decimal-comma' : 'decimal-point';
  const y = dayFirst ? text.slice(6, 10) : text.slice(0, 4);
  const mo = dayFirst ? text.slice(3, 5) : text.slice(5, 7);
  const d = dayFirst ? text.slice(0, 2) : text.slice(8, 10);
  if (length === 10) return build(y, mo, d, undefined, undefined, undefined, undefined, locale);
  if (text.charCodeAt(10) !== SPACE || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return null;
  if (!digitsAt(text, 11, 13) || !digitsAt(text, 14, 16) || !digitsAt(text, 17, 19)) return null;
  if (length === 23 && text.slice(19) !== ' UTC') return null;
  return build(y, mo, d, text.slice(11, 13), text.slice(14, 16), text.slice(17, 19), undefined, locale);
}

function digitsAt(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return false;
  }
  return true;
}

function build(
  y: string | undefined, mo: string | undefined, d: string | undefined,
  h = '00', mi = '00', s = '00', zone: string | undefined, locale: SettlementLocale,
): SettlementDate | undefined {
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  const year = digits(y);
  const month = digits(mo);
  const day = digits(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (digits(h) > 23 || digits(mi) > 59 || digits(s) > 59) return undefined;
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) return undefined;
  if (offsetMinutes === 0) return { iso: `${y}-${mo}-${d}T${h}:${mi}:${s}Z`, locale };
  const utc = Date.UTC(year, month - 1, day, digits(h), digits(mi) - offsetMinutes, digits(s));
  return { iso: new Date(utc).toISOString().replace('.000Z', 'Z'), locale };
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === ' UTC' || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = digits(zone.slice(1, 3));
  const minutes = digits(zone.slice(zone.length - 2));
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function digits(text: string): number {
  let value = 0;
  for (let i = 0; i < text.length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
