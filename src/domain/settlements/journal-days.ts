// Calendar days of the journal: posting dates are UTC days (YYYY-MM-DD) taken from ISO 8601 values.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The UTC calendar day of an ISO 8601 date or date-time, or null when it is not one. */
export function isoDay(value: string | undefined): string | null {
  const m = value === undefined ? null : ISO_DAY.exec(value);
  if (m === null) return null;
  const [year, month, day] = [m[1], m[2], m[3]].map((part) => Number.parseInt(part ?? '', 10)) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? m[0] : null;
}

export function lastDayOfMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map((p) => Number.parseInt(p, 10)) as [number, number];
  return `${yearMonth}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export const maxDay = (a: string, b: string): string => (a > b ? a : b);
export const minDay = (a: string, b: string): string => (a < b ? a : b);

/**
 * The results must not depend on the order of the rows, so the samples kept for messages are the lowest
 * line numbers, not the first ones seen.
 */
export function keepLowest(list: number[], value: number, limit: number): void {
  if (list.length < limit) list.push(value);
  else if (value < Math.max(...list)) list[list.indexOf(Math.max(...list))] = value;
  else return;
  list.sort((a, b) => a - b);
}

/**
 * A copy of a row's text that does not keep the file's text alive. A row's fields are slices of the
 * chunk they were read from: a builder that kept them (per refunded order) kept every chunk, so memory
 * grew with the file. Concatenating and slicing off again gives a fresh, flat string in V8.
 */
export function detached<T extends string | undefined>(text: T): T {
  return (text === undefined ? undefined : (` ${text}`).slice(1)) as T;
}
