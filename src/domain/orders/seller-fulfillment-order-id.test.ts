import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isValidSellerFulfillmentOrderId, sellerFulfillmentOrderIdFor, sellerFulfillmentOrderItemIdFor,
} from './seller-fulfillment-order-id.js';

const SAFE = /^[A-Za-z0-9_-]+$/;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

describe('sellerFulfillmentOrderIdFor', () => {
  const id = '6f1c2f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f';

  it('keeps a plain order number readable and appends a stable hash of the order id', () => {
    const result = sellerFulfillmentOrderIdFor({ id, orderNumber: '10042' });
    assert.match(result, /^10042-[a-z2-7]{10}$/);
    assert.equal(result, sellerFulfillmentOrderIdFor({ id, orderNumber: '10042' }), 'deterministic');
  });

  it('the hash depends on the order id only', () => {
    const a = sellerFulfillmentOrderIdFor({ id, orderNumber: '10042' });
    const b = sellerFulfillmentOrderIdFor({ id: '7f1c2f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f', orderNumber: '10042' });
    assert.notEqual(a, b);
    assert.equal(a.slice(-10), sellerFulfillmentOrderIdFor({ id, orderNumber: 'other' }).slice(-10));
  });

  const readable: Array<[string, string | undefined, RegExp]> = [
    ['# and spaces become dashes', 'DE #1001 / 2024', /^DE-1001-2024-[a-z2-7]{10}$/],
    ['+ is never kept (it decodes to a space in GET paths)', 'A+B', /^A-B-[a-z2-7]{10}$/],
    ['accents are dropped', 'Bestellung-Müller-ß', /^Bestellung-Muller-ss-[a-z2-7]{10}$/],
    ['Cyrillic is transliterated', 'Заказ №17', /^Zakaz-No17-[a-z2-7]{10}$/],
    ['Polish and Danish letters', 'Łódź-Ærø', /^Lodz-AEro-[a-z2-7]{10}$/],
    ['underscores survive', 'web_2024_17', /^web_2024_17-[a-z2-7]{10}$/],
    ['leading and trailing separators are trimmed', '--#17#--', /^17-[a-z2-7]{10}$/],
    ['no order number: the order id', undefined, /^6f1c2f4e-8a3b-4c1d-9e2f-0a1b2-[a-z2-7]{10}$/],
    ['an order number with nothing URL-safe: the order id', '注文番号', /^6f1c2f4e-8a3b-4c1d-9e2f-0a1b2-[a-z2-7]{10}$/],
  ];
  for (const [name, orderNumber, pattern] of readable) {
    it(name, () => {
      const result = sellerFulfillmentOrderIdFor(orderNumber === undefined ? { id } : { id, orderNumber });
      assert.match(result, pattern);
      assert.ok(result.length <= 40);
    });
  }

  it('a long order number keeps its end, where the running number is', () => {
    const result = sellerFulfillmentOrderIdFor({ id, orderNumber: 'SHOP-DE-WEB-CHECKOUT-2024-000000123456' });
    assert.equal(result.length, 40);
    assert.match(result, /000000123456-[a-z2-7]{10}$/);
    assert.doesNotMatch(result, /^-/);
  });

  it('order numbers that sanitise to the same text still give different ids', () => {
    const a = sellerFulfillmentOrderIdFor({ id: 'id-a', orderNumber: 'A#1' });
    const b = sellerFulfillmentOrderIdFor({ id: 'id-b', orderNumber: 'A 1' });
    const c = sellerFulfillmentOrderIdFor({ id: 'id-c', orderNumber: 'A+1' });
    assert.equal(a.slice(0, 4), 'A-1-');
    assert.equal(new Set([a, b, c]).size, 3);
  });

  it('prefixes', () => {
    assert.match(sellerFulfillmentOrderIdFor({ id, orderNumber: '7' }, 'ct-'), /^ct-7-[a-z2-7]{10}$/);
    assert.match(sellerFulfillmentOrderIdFor({ id, orderNumber: '7' }, 'c t#'), /^ct7-[a-z2-7]{10}$/);
    const long = sellerFulfillmentOrderIdFor({ id, orderNumber: 'X'.repeat(60) }, 'brand-12345-');
    assert.equal(long.length, 40);
    assert.ok(long.startsWith('brand-12345-X'));
    assert.throws(() => sellerFulfillmentOrderIdFor({ id, orderNumber: '7' }, 'a-much-too-long-prefix-'), RangeError);
  });

  it('10,000 random order numbers (unicode, #, +, spaces): deterministic, ≤ 40, URL-safe, unique', () => {
    const random = mulberry32(20240501);
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789#+ -_/.äöüßÉŁłő注文😀Жж\u00A0\u3000'];
    const seen = new Map<string, string>();
    for (let n = 0; n < 10_000; n++) {
      const length = Math.floor(random() * 50);
      let orderNumber = '';
      for (let i = 0; i < length; i++) orderNumber += alphabet[Math.floor(random() * alphabet.length)] ?? '';
      // Every fifth order shares its number with a neighbour's sanitised form, to force clashes.
      if (n % 5 === 0) orderNumber = `#${n % 50}`;
      const order = { id: uuidFrom(random), orderNumber };
      const result = sellerFulfillmentOrderIdFor(order);
      assert.ok(result.length <= 40, `too long: ${result}`);
      assert.match(result, SAFE, `unsafe: ${JSON.stringify(orderNumber)} → ${result}`);
      assert.ok(!result.startsWith('-'), result);
      assert.ok(isValidSellerFulfillmentOrderId(result));
      assert.equal(sellerFulfillmentOrderIdFor({ ...order }), result, 'deterministic');
      const clash = seen.get(result);
      assert.equal(clash, undefined, `${result} for both ${clash ?? ''} and ${order.id}`);
      seen.set(result, order.id);
    }
    assert.equal(seen.size, 10_000);
  });
});

describe('sellerFulfillmentOrderItemIdFor', () => {
  it('a commercetools line item id (UUID) is used as it is', () => {
    const lineItemId = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
    assert.equal(sellerFulfillmentOrderItemIdFor(lineItemId), lineItemId);
  });
  it('a safe id of exactly 50 characters is kept', () => {
    const fifty = 'x'.repeat(50);
    assert.equal(sellerFulfillmentOrderItemIdFor(fifty), fifty);
  });
  it('anything else becomes safe, ≤ 50, deterministic and distinct', () => {
    const inputs = ['y'.repeat(51), 'y'.repeat(52), 'line #1', 'line+1', 'Zeile ü', '注文'];
    const outputs = inputs.map(sellerFulfillmentOrderItemIdFor);
    for (const out of outputs) {
      assert.ok(out.length <= 50, out);
      assert.match(out, SAFE);
    }
    assert.equal(new Set(outputs).size, inputs.length);
    assert.deepEqual(inputs.map(sellerFulfillmentOrderItemIdFor), outputs);
    assert.match(sellerFulfillmentOrderItemIdFor('line #1'), /^line-1-[a-z2-7]{10}$/);
  });
});

describe('isValidSellerFulfillmentOrderId', () => {
  const cases: Array<[string, boolean]> = [['abc-1_2', true], ['x'.repeat(40), true], ['x'.repeat(41), false], ['', false], ['a b', false], ['a+b', false], ['a#b', false]];
  for (const [value, expected] of cases) it(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(isValidSellerFulfillmentOrderId(value), expected));
});
