// Reading the fields of a settlement line: trimmed text, optional values, whole numbers.

/** A field without the blanks real files pad values with ('321.69    '). */
export function cell(fields: readonly string[], at: number): string {
  if (at < 0) return '';
  const value = fields[at];
  if (value === undefined || value === '') return '';
  const last = value.charCodeAt(value.length - 1);
  return last <= 32 || value.charCodeAt(0) <= 32 ? value.trim() : value;
}

export function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

export function wholeNumber(text: string): number | undefined {
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + (c - 48);
  }
  return Number.isSafeInteger(value) ? value : undefined;
}
