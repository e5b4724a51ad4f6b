// CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field quoted when it holds a comma, a
// quote, a line break or leading/trailing spaces (which spreadsheet imports would otherwise trim), with
// quotes doubled inside. Docs: https://www.rfc-editor.org/rfc/rfc4180
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** Header and records, each ended by CRLF. */
export function csvDocument(header: readonly string[], records: Iterable<readonly string[]>): string {
  const out = [csvRecord(header)];
  for (const record of records) out.push(csvRecord(record));
  return out.join('\r\n') + '\r\n';
}
