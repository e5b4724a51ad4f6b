import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateSettlementLines, generateSettlementText, generatedEntries, type SettlementGeneratorOptions } from './settlement-generator.js';
import { collectSettlement } from '../../domain/settlements/settlement-reader.js';

const BASE: SettlementGeneratorOptions = { format: 'v2', market: 'DE', seed: 5, detailRows: 200 };

describe('settlement generator', () => {
  it('is deterministic: the same options give the same text, another seed another', () => {
    assert.equal(generateSettlementText(BASE), generateSettlementText(BASE));
    assert.notEqual(generateSettlementText(BASE), generateSettlementText({ ...BASE, seed: 6 }));
  });

  it('writes about as many detail rows as asked', () => {
    const count = [...generatedEntries(BASE)].length;
    assert.ok(count >= 200 && count < 215, String(count));
    assert.equal([...generateSettlementLines(BASE)].length, count + 2);
  });

  for (const format of ['v2', 'legacy'] as const) {
    for (const [market, locale] of [['DE', 'decimal-comma'], ['US', 'decimal-point'], ['DE', 'decimal-point'], ['US', 'decimal-comma']] as const) {
      it(`${format}, ${market}, ${locale}: parses without a problem into the rows it generated`, async () => {
        const options = { ...BASE, format, market, locale, lineEnding: '\r\n' as const };
        const { rows, problems, result } = await collectSettlement([generateSettlementText(options)]);
        assert.deepEqual(problems, []);
        assert.equal(result.format, format);
        assert.equal(result.locale, locale);
        const entries = [...generatedEntries(options)];
        assert.equal(rows.length, entries.length);
        rows.forEach((row, i) => {
          const entry = entries[i];
          assert.ok(entry);
          const { postedAt, ...fields } = entry;
          assert.equal(row.postedDate, new Date(postedAt).toISOString().replace('.000Z', 'Z'));
          // Columns the reader does not keep (shipment id, SKU, …) are written but not read back.
          for (const [key, value] of Object.entries(fields)) if (key in row) assert.deepEqual(row[key as keyof typeof row], value, `line ${row.lineNumber} ${key}`);
        });
      });
    }
  }

  it('has every kind of money a bridge seller sees, even in a small file', () => {
    const entries = [...generatedEntries({ ...BASE, detailRows: 40 })];
    const kinds = new Set(entries.map((e) => `${e.transactionType}/${e.amountType}/${e.amountDescription}`));
    for (const kind of [
      'Order/ItemPrice/Principal', 'Order/ItemPrice/Shipping', 'Order/ItemFees/FBAPerUnitFulfillmentFee', 'Order/ItemFees/Commission',
      'Order/ItemWithheldTax/MarketplaceFacilitatorVAT-Principal', 'Order/Promotion/Principal', 'Refund/ItemPrice/Principal',
      'Refund/ItemFees/RefundCommission', 'other-transaction/other-transaction/Storage Fee', 'other-transaction/other-transaction/Subscription Fee',
      'other-transaction/other-transaction/Previous Reserve Amount Balance', 'other-transaction/other-transaction/Current Reserve Amount',
    ]) assert.ok(kinds.has(kind), kind);
  });

  it('writes MCF rows as Amazon does: Non-Amazon marketplace, AFN, principal 0, a fee per item, the sellerFulfillmentOrderId and line item id', () => {
    const mcf = [...generatedEntries(BASE)].filter((e) => e.marketplaceName === 'Non-Amazon DE');
    assert.ok(mcf.length > 20);
    for (const e of mcf) {
      assert.equal(e.transactionType, 'Order');
      assert.equal(e.fulfillmentId, 'AFN');
      assert.match(e.merchantOrderId ?? '', /^DEMO-\d{4,}-[a-z2-7]{10}$/);
      assert.match(e.merchantOrderItemId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      if (e.amountType === 'ItemPrice') assert.deepEqual([e.amountDescription, e.amount], ['Principal', 0]);
      else assert.deepEqual([e.amountType, e.amountDescription, e.amount < 0], ['ItemFees', 'FBAPerUnitFulfillmentFee', true]);
    }
  });
});
