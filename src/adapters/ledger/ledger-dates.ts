// Journal dates (YYYY-MM-DD, UTC) in the formats accounting imports read. Pure string work: no Date
// object, so no time zone can shift a day.
const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type LedgerDateFormat = 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD MMM YYYY' | 'YYYY-MM-DD';

export function formatLedgerDate(isoDay: string, format: LedgerDateFormat): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  const [year, month, day] = [m?.[1], m?.[2], m?.[3]];
  const monthName = MONTH_ABBREVIATIONS[Number.parseInt(month ?? '', 10) - 1];
  if (year === undefined || month === undefined || day === undefined || monthName === undefined) throw new Error(`not a journal date: "${isoDay}"`);
  switch (format) {
    case 'DD/MM/YYYY': return `${day}/${month}/${year}`;
    case 'MM/DD/YYYY': return `${month}/${day}/${year}`;
    case 'DD MMM YYYY': return `${day} ${monthName} ${year}`;
    case 'YYYY-MM-DD': return isoDay;
  }
}
