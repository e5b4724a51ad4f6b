// A line that repeats the last clean row's fields (all but amount-type, amount-description, amount) is
// read from that row: the rows and problems must be exactly those of reading every field, which a file
// whose varying columns are not side by side always gets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateSettlementText } from '../../demo/settlements/settlement-generator.js';
import { collectSettlement } from './settlement-reader.js';

/** The file with its columns in another order: amount-type last, so no line is read as a repeat. */
function reordered(text: string): string {
  const lines = text.split('\n');
  const at = (lines[0] ?? '').split('\t').indexOf('amount-type');
  return lines.map((line) => {
    if (line === '') return line;
    const fields = line.split('\t');
    const [moved] = fields.splice(at, 1);
    return [...fields, moved ?? ''].join('\t');
  }).join('\n');
}

/** A copy of line `n` (0-based) with `column` set to `value` (or an extra column), inserted after it. */
function withCopy(text: string, n: number, change: (fields: string[], header: string[]) => void): string {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').split('\t');
  const fields = (lines[n] ?? '').split('\t');
  change(fields, header);
  lines.splice(n + 1, 0, fields.join('\t'));
  return lines.join('\n');
}

const set = (column: string, value: string) => (fields: string[], header: string[]): void => { fields[header.indexOf(column)] = value; };

describe('settlement lines repeating the previous row', () => {
  it('read as every field would be: the same rows and the same problems, line for line', async () => {
    let text = generateSettlementText({ format: 'v2', market: 'DE', seed: 5, detailRows: 400 });
    // Copies of detail lines, each with one thing wrong, among clean repeats of the same order.
    text = withCopy(text, 10, set('amount', 'zwölf'));
    text = withCopy(text, 20, set('posted-date-time', '31.02.2024 10:00:00 UTC'));
    text = withCopy(text, 21, set('amount', '1,00')); // repeats line 21's (bad) date: still a problem
    text = withCopy(text, 30, set('settlement-id', '999'));
    text = withCopy(text, 40, set('quantity-purchased', 'x'));
    text = withCopy(text, 50, (fields) => { fields.push('extra'); });
    text = withCopy(text, 60, set('amount', ''));
    text = withCopy(text, 70, set('total-amount', '2,00'));
    text = withCopy(text, 80, set('amount-description', 'Something new'));
    // Same text before the varying columns, another after them (a new item): read from there on.
    text = withCopy(text, 90, (fields, header) => { set('sku', 'NEU-1')(fields, header); set('posted-date-time', '30.02.2024 10:00:00 UTC')(fields, header); });
    text = withCopy(text, 100, (fields, header) => { set('merchant-order-item-id', 'item-9')(fields, header); set('quantity-purchased', '-1')(fields, header); });
    text = withCopy(text, 110, (fields, header) => { set('sku', 'NEU-2')(fields, header); set('amount-type', ' ItemFees ')(fields, header); });
    text = withCopy(text, 111, set('amount', ' 3,00 '));
    text = withCopy(text, 120, (fields, header) => { set('posted-date', '12.10.2024')(fields, header); fields.pop(); });
    const asWritten = await collectSettlement([text]);
    const fieldByField = await collectSettlement([reordered(text)]);
    assert.equal(asWritten.problems.length, 12, JSON.stringify(asWritten.problems));
    assert.deepEqual(asWritten.problems, fieldByField.problems);
    assert.equal(asWritten.rows.length, fieldByField.rows.length);
    // Row by row: a failing deepEqual of hundreds of rows takes minutes to describe its difference.
    asWritten.rows.forEach((row, i) => assert.deepEqual(row, fieldByField.rows[i], `line ${row.lineNumber}`));
    assert.ok(asWritten.rows.some((r) => r.amountDescription === 'Something new'));
  });
});
