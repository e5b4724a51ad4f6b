// Amounts in settlement files are decimal strings in the file's locale: "1.234,56" where dates are
// written dd.mm.yyyy (DE, FR), "1,234.56" or "1234.56" elsewhere. They become integer minor units
// digit by digit — never through a binary float, which cannot hold 0.10 exactly.
// Docs: ../shared/docs/amazon-facts.md, "Settlement report, flat file V2" (Locale).
import { COMMA, DOT, MINUS, NINE, PLUS, ZERO } from './char-codes.js';

/** A settlement file's locale: the decimal separator, and with it the way dates are written. */
export type SettlementLocale = 'decimal-comma' | 'decimal-point';

export const OTHER_LOCALE: Readonly<Record<SettlementLocale, SettlementLocale>> = {
  'decimal-comma': 'decimal-point',
  'decimal-point': 'decimal-comma',
};

/**
 * Integer minor units of `text`, or undefined when it is not a well-formed amount in `locale` with
 * at most `fractionDigits` non-zero decimals. Grouping separators are accepted only in groups of
 * three ("1.234,56", not "12.34,56"); further decimals must be zeros ("12345.00" for JPY).
 */
export function parseAmount(text: string, locale: SettlementLocale, fractionDigits: number): number | undefined {
  return parseAmountIn(text, 0, text.length, locale, fractionDigits);
}

/** parseAmount of text[start, end): an amount read where it stands in its line, without cutting it out. */
export function parseAmountIn(text: string, start: number, end: number, locale: SettlementLocale, fractionDigits: number): number | undefined {
  const decimal = locale === 'decimal-comma' ? COMMA : DOT;
  const group = locale === 'decimal-comma' ? DOT : COMMA;
  const length = end;
  let i = start;
  let negative = false;
  const first = start < end ? text.charCodeAt(start) : NaN;
  if (first === MINUS) { negative = true; i = start + 1; } else if (first === PLUS) i = start + 1;

  let value = 0;
  let integerDigits = 0;
  let groupDigits = 0;
  let grouped = false;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      integerDigits++;
      groupDigits++;
    } else if (c === group) {
      if (grouped ? groupDigits !== 3 : groupDigits === 0 || groupDigits > 3) return undefined;
      grouped = true;
      groupDigits = 0;
    } else if (c === decimal) {
      break;
    } else {
      return undefined;
    }
  }
  if (integerDigits === 0 || (grouped && groupDigits !== 3)) return undefined;

  let kept = 0;
  if (i < length) {
    i++; // the decimal separator
    if (i === length) return undefined;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) return undefined;
      if (kept < fractionDigits) {
        value = value * 10 + (c - ZERO);
        kept++;
      } else if (c !== ZERO) {
        return undefined;
      }
    }
  }
  for (; kept < fractionDigits; kept++) value *= 10;
  if (!Number.isSafeInteger(value)) return undefined;
  return negative && value !== 0 ? -value : value;
}

/** Why `text` is not an amount of this file: the message for a person who must look at the file. */
export function describeBadAmount(text: string, locale: SettlementLocale, fractionDigits: number, currency: string): string {
  if (text === '') return 'is empty';
  const separator = locale === 'decimal-comma' ? ',' : '.';
  const at = text.lastIndexOf(separator);
  const decimals = at < 0 ? '' : text.slice(at + 1);
  if (decimals.length > fractionDigits && /^[0-9]+$/.test(decimals)
    && parseAmount(text.slice(0, fractionDigits === 0 ? at : at + 1 + fractionDigits), locale, fractionDigits) !== undefined) {
    return `'${text}' has more decimals than ${currency} has (${fractionDigits})`;
  }
  if (parseAmount(text, OTHER_LOCALE[locale], fractionDigits) !== undefined) {
    return `'${text}' is written with a decimal ${separatorName(OTHER_LOCALE[locale])}, but this file uses a decimal ${separatorName(locale)} (a file must not mix locales)`;
  }
  return `'${text}' is not a number`;
}

function separatorName(locale: SettlementLocale): string {
  return locale === 'decimal-comma' ? 'comma' : 'point';
}

// The marketplaces' currencies, known without asking Intl: its first NumberFormat loads ICU's
// currency data, some 10 ms — a tenth of a 100,000-row import.
export const MARKETPLACE_CURRENCY_DIGITS: ReadonlyArray<readonly [string, number]> = [
  ['EUR', 2], ['GBP', 2], ['USD', 2], ['CAD', 2], ['MXN', 2], ['BRL', 2], ['AUD', 2], ['SEK', 2], ['PLN', 2], ['TRY', 2],
  ['AED', 2], ['SAR', 2], ['EGP', 2], ['SGD', 2], ['INR', 2], ['ZAR', 2], ['JPY', 0],
];

const currencyDigits = new Map<string, number | undefined>(MARKETPLACE_CURRENCY_DIGITS);

/**
 * Minor-unit digits of an ISO 4217 currency (2 for EUR, 0 for JPY), or undefined for a code that is
 * not one. Taken from the platform's ISO 4217 data (Intl) rather than a hand-kept list.
 */
export function currencyFractionDigits(code: string): number | undefined {
  if (currencyDigits.has(code)) return currencyDigits.get(code);
  let digits: number | undefined;
  if (/^[A-Z]{3}$/.test(code)) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
    } catch {
      digits = undefined;
    }
  }
  currencyDigits.set(code, digits);
  return digits;
}
