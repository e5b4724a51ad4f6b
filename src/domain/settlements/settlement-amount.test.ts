import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MARKETPLACE_CURRENCY_DIGITS, currencyFractionDigits, describeBadAmount, parseAmount, type SettlementLocale } from './settlement-amount.js';

describe('parseAmount', () => {
  const cases: Array<[string, SettlementLocale, number, number | undefined]> = [
    ['196,65', 'decimal-comma', 2, 19665],
    ['-108,40', 'decimal-comma', 2, -10840],
    ['0,00', 'decimal-comma', 2, 0],
    ['-0,00', 'decimal-comma', 2, 0],
    ['1.234,56', 'decimal-comma', 2, 123456],
    ['1.234.567,8', 'decimal-comma', 2, 123456780],
    ['1234,5', 'decimal-comma', 2, 123450],
    ['12', 'decimal-comma', 2, 1200],
    ['+3,10', 'decimal-comma', 2, 310],
    ['1.234', 'decimal-comma', 2, 123400],
    ['196.65', 'decimal-point', 2, 19665],
    ['-0.01', 'decimal-point', 2, -1],
    ['1,234.56', 'decimal-point', 2, 123456],
    ['12345.00', 'decimal-point', 0, 12345],
    ['12345', 'decimal-point', 0, 12345],
    ['0.1', 'decimal-point', 2, 10],
    ['0.10', 'decimal-point', 2, 10],
    ['0.105', 'decimal-point', 2, undefined],
    ['0.100', 'decimal-point', 2, 10],
    ['196.65', 'decimal-comma', 2, undefined],
    ['196,65', 'decimal-point', 2, undefined],
    ['12.34,56', 'decimal-comma', 2, undefined],
    ['1.2345,00', 'decimal-comma', 2, undefined],
    [',50', 'decimal-comma', 2, undefined],
    ['5,', 'decimal-comma', 2, undefined],
    ['-', 'decimal-comma', 2, undefined],
    ['', 'decimal-comma', 2, undefined],
    ['1e3', 'decimal-point', 2, undefined],
    [' 1.00', 'decimal-point', 2, undefined],
    ['1.00 ', 'decimal-point', 2, undefined],
    ['--1.00', 'decimal-point', 2, undefined],
    ['99999999999999999', 'decimal-point', 2, undefined],
  ];
  for (const [text, locale, digits, expected] of cases) {
    it(`${JSON.stringify(text)} (${locale}, ${digits} digits) → ${String(expected)}`, () => {
      assert.equal(parseAmount(text, locale, digits), expected);
    });
  }
});

describe('describeBadAmount', () => {
  const cases: Array<[string, SettlementLocale, string]> = [
    ['zwölf', 'decimal-comma', "'zwölf' is not a number"],
    ['-2.50', 'decimal-comma', "'-2.50' is written with a decimal point, but this file uses a decimal comma (a file must not mix locales)"],
    ['-2,50', 'decimal-point', "'-2,50' is written with a decimal comma, but this file uses a decimal point (a file must not mix locales)"],
    ['12,505', 'decimal-comma', "'12,505' has more decimals than EUR has (2)"],
    ['', 'decimal-point', 'is empty'],
  ];
  for (const [text, locale, message] of cases) {
    it(`${JSON.stringify(text)} (${locale})`, () => assert.equal(describeBadAmount(text, locale, 2, 'EUR'), message));
  }
});

describe('currencyFractionDigits', () => {
  const cases: Array<[string, number | undefined]> = [
    ['EUR', 2], ['USD', 2], ['GBP', 2], ['JPY', 0], ['SEK', 2], ['PLN', 2], ['eur', undefined], ['EURO', undefined], ['', undefined],
  ];
  for (const [code, digits] of cases) it(`${JSON.stringify(code)} → ${String(digits)}`, () => assert.equal(currencyFractionDigits(code), digits));
  it('the marketplaces\' currencies, known without Intl, are what Intl says', () => {
    for (const [code, digits] of MARKETPLACE_CURRENCY_DIGITS) {
      assert.equal(digits, new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits, code);
    }
  });
  it('a currency outside the table is asked of Intl', () => assert.equal(currencyFractionDigits('CHF'), 2));
});
