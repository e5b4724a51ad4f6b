import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettlementDate } from './settlement-date.js';

describe('parseSettlementDate', () => {
  const cases: Array<[string, string | undefined, string?]> = [
    ['11.10.2024 08:59:52 UTC', '2024-10-11T08:59:52Z', 'decimal-comma'],
    ['14.10.2024', '2024-10-14T00:00:00Z', 'decimal-comma'],
    ['29.02.2024 23:59:59 UTC', '2024-02-29T23:59:59Z', 'decimal-comma'],
    ['2024-10-11 08:59:52 UTC', '2024-10-11T08:59:52Z', 'decimal-point'],
    ['2024-10-14', '2024-10-14T00:00:00Z', 'decimal-point'],
    ['2024/10/11 08:59:52 UTC', '2024-10-11T08:59:52Z', 'decimal-point'],
    ['2024-10-11T08:59:52+00:00', '2024-10-11T08:59:52Z', 'decimal-point'],
    ['2003-10-03T16:00:00-07:00', '2003-10-03T23:00:00Z', 'decimal-point'],
    ['2024-01-01T01:30:00+02:00', '2023-12-31T23:30:00Z', 'decimal-point'],
    ['2024-10-11T08:59:52Z', '2024-10-11T08:59:52Z', 'decimal-point'],
    ['2024-10-11T08:59:52.000Z', '2024-10-11T08:59:52Z', 'decimal-point'],
    ['29.02.2023', undefined], ['31.04.2024', undefined], ['00.10.2024', undefined], ['11.13.2024', undefined],
    ['2024-10-11 24:00:00 UTC', undefined], ['2024-10-11 08:60:00 UTC', undefined], ['2024-10/11', undefined],
    ['11.10.2024 08:59:52', '2024-10-11T08:59:52Z', 'decimal-comma'], ['2024-10-11 08:59:52', '2024-10-11T08:59:52Z', 'decimal-point'],
    ['31.12.2024 23:59:59 UTC', '2024-12-31T23:59:59Z', 'decimal-comma'], ['11.10.2024 08:59:52 GMT', undefined], ['11.10.2024T08:59:52', undefined],
    ['1x.10.2024', undefined], ['2024-10-11 08:5x:52 UTC', undefined], ['2024-10.11', undefined], ['11-10-2024', undefined],
    ['11/10/2024', undefined], ['11.10.24', undefined], ['', undefined], ['2024-10-11 08:59:52 CET', undefined],
  ];
  for (const [text, iso, locale] of cases) {
    it(`${JSON.stringify(text)} → ${String(iso)}`, () => {
      const parsed = parseSettlementDate(text);
      assert.equal(parsed?.iso, iso);
      assert.equal(parsed?.locale, locale);
    });
  }
});
