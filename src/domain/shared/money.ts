// Money in integer minor units with its currency; never binary floats.
export interface Money {
  readonly centAmount: number;
  readonly currencyCode: string;
  readonly fractionDigits: number;
}

/** Formats minor units as a decimal string without going through floating point ("1999" → "19.99"). */
export function formatMinorUnits(centAmount: number, fractionDigits: number): string {
  const negative = centAmount < 0;
  const digits = String(Math.abs(centAmount)).padStart(fractionDigits + 1, '0');
  const whole = digits.slice(0, digits.length - fractionDigits);
  const frac = fractionDigits > 0 ? '.' + digits.slice(digits.length - fractionDigits) : '';
  return (negative ? '-' : '') + whole + frac;
}
