import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmountIn } from './settlement-amount.js';
import { FieldMemo, LineFields, newSpan } from './settlement-line-fields.js';

describe('LineFields: the fields of a line read where they stand', () => {
  // The line sits inside a larger text, as it does inside a decoded chunk.
  const text = 'before\n1001\t  Order \t\t321.69    \t\u00a0x\u00a0\nafter';
  const start = text.indexOf('1001');
  const end = text.indexOf('\nafter');

  it('counts the fields and reads them as String.split and String.trim would', () => {
    const fields = new LineFields();
    assert.equal(fields.scan(text, start, end), 5);
    const line = text.slice(start, end);
    assert.deepEqual(fields.all(), line.split('\t'));
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => fields.cell(i)), ['1001', 'Order', '', '321.69', '\u00a0x\u00a0']);
    assert.equal(fields.cell(5), '', 'a column the line lacks');
    assert.equal(fields.cell(-1), '', 'a column the file lacks');
    assert.equal(fields.optional(2), undefined);
    assert.deepEqual([0, 1, 2, 3].map((i) => fields.isEmpty(i)), [false, false, true, false]);
    assert.ok(fields.is(1, 'Order') && fields.is(2, '') && !fields.is(0, '100') && !fields.is(0, '1002'));
  });

  it('hands over a field for reading in place, blanks excluded', () => {
    const fields = new LineFields();
    fields.scan(text, start, end);
    const span = newSpan();
    fields.span(3, span);
    assert.equal(span.text.slice(span.start, span.end), '321.69');
    assert.equal(parseAmountIn(span.text, span.start, span.end, 'decimal-point', 2), 32169);
    fields.span(0, span);
    assert.equal(parseAmountIn(span.text, span.start, span.end, 'decimal-point', 2), 100100);
  });

  it('grows past 64 fields and finds an empty line one field', () => {
    const fields = new LineFields();
    const wide = Array.from({ length: 100 }, (_, i) => String(i)).join('\t');
    assert.equal(fields.scan(wide, 0, wide.length), 100);
    assert.equal(fields.cell(99), '99');
    assert.equal(fields.scan('', 0, 0), 1);
  });
});

describe('FieldMemo', () => {
  it('recalls the values of recent texts in their context, forgetting the oldest', () => {
    const memo = new FieldMemo<number>(2);
    memo.remember('a', 1);
    memo.remember('b', 2, 'ctx');
    assert.equal(memo.recall('a'), 1);
    assert.equal(memo.recall('b'), undefined, 'another context');
    assert.equal(memo.recall('b', 'ctx'), 2);
    memo.remember('c', 3);
    assert.equal(memo.recall('a'), undefined);
    assert.equal(memo.recall('c'), 3);
  });
});
