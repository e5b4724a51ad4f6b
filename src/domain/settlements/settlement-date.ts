// Dates in settlement files, in the shapes Amazon writes them, to ISO 8601 UTC.
// - decimal-comma files (DE, FR): `11.10.2024 08:59:52 UTC`, `14.10.2024`
// - decimal-point files: `2024-10-11 08:59:52 UTC`, `2024-10-14`, and in the older flat file
//   `2024-10-11T08:59:52+00:00` (any offset: converted to UTC); JP files write `2024/10/11 …`.
// Docs: ../shared/docs/amazon-facts.md, "Settlement report, flat file V2" (Locale);
// https://developer-docs.amazon.com/sp-api/docs/report-type-values-settlement
import type { SettlementLocale } from './settlement-amount.js';
import { COLON, DOT, MINUS, SPACE, ZERO } from './char-codes.js';

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
  let year: number;
  let month: number;
  let day: number;
  if (dayFirst) {
    if (text.charCodeAt(5) !== DOT) return null;
    day = twoDigits(text, 0);
    month = twoDigits(text, 3);
    year = fourDigits(text, 6);
  } else {
    if (text.charCodeAt(4) !== MINUS || text.charCodeAt(7) !== MINUS) return null;
    year = fourDigits(text, 0);
    month = twoDigits(text, 5);
    day = twoDigits(text, 8);
  }
  if (year < 0 || month < 0 || day < 0) return null;
  let time = 'T00:00:00Z';
  if (length > 10) {
    if (text.charCodeAt(10) !== SPACE || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return null;
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    const second = twoDigits(text, 17);
    if (hour < 0 || minute < 0 || second < 0) return null;
    if (length === 23 && !text.endsWith(' UTC')) return null;
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    time = `T${text.slice(11, 19)}Z`;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const locale: SettlementLocale = dayFirst ? 'decimal-comma' : 'decimal-point';
  return { iso: isoDay(text, dayFirst) + time, locale };
}

// The day of the last date read, as written and as ISO: the lines of a file share a few days.
let lastDayText = '';
let lastIsoDay = '';

/** `YYYY-MM-DD` of a date whose shape plainDate has checked. */
function isoDay(text: string, dayFirst: boolean): string {
  if (!dayFirst) return text.slice(0, 10);
  const dayText = text.slice(0, 10);
  if (dayText !== lastDayText) {
    lastDayText = dayText;
    lastIsoDay = `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
  }
  return lastIsoDay;
}

/** The number written with two digits at `at`, or -1 when they are not digits. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - ZERO;
  const b = text.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function fourDigits(text: string, at: number): number {
  const high = twoDigits(text, at);
  const low = twoDigits(text, at + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
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
