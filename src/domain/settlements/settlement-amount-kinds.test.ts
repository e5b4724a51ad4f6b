import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AmountKinds } from './settlement-amount-kinds.js';

describe('AmountKinds', () => {
  const line = (middle: string): { text: string; start: number; end: number } => {
    const text = `x\ty\t${middle}\tz`;
    return { text, start: 4, end: text.length - 2 };
  };

  it('recalls only pairs seen before, as written, with what they read as', () => {
    const kinds = new AmountKinds();
    const a = line('ItemPrice\tPrincipal\t1,00');
    assert.equal(kinds.recall(a.text, a.start, a.end), undefined);
    kinds.seen('ItemPrice\tPrincipal\t', 'ItemPrice', 'Principal');
    kinds.seen(' ItemFees\tCommission \t', 'ItemFees', 'Commission');
    const kind = kinds.recall(a.text, a.start, a.end);
    assert.deepEqual([kind?.raw, kind?.amountType, kind?.amountDescription], ['ItemPrice\tPrincipal\t', 'ItemPrice', 'Principal']);
    const padded = line(' ItemFees\tCommission \t-0,15');
    assert.equal(kinds.recall(padded.text, padded.start, padded.end)?.amountDescription, 'Commission');
    const other = line('ItemFees\tCommission\t-0,15');
    assert.equal(kinds.recall(other.text, other.start, other.end), undefined, 'not as written: read field by field');
  });

  it('never recalls a pair that reaches beyond the varying fields', () => {
    const kinds = new AmountKinds();
    kinds.seen('ItemPrice\tPrincipal\t', 'ItemPrice', 'Principal');
    kinds.seen('ItemPrice\tTax\t', 'ItemPrice', 'Tax');
    kinds.seen('ItemPrice\tPrincipal\t', 'ItemPrice', 'Principal'); // Principal → Tax is predicted next
    const text = 'ItemPrice\tTax\t';
    assert.equal(kinds.recall(text, 0, text.length - 1), undefined);
    assert.equal(kinds.recall(text, 0, text.length - 5), undefined);
  });
});
