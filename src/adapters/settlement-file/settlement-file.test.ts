import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatMinorUnits } from '../../domain/shared/money.js';
import { generateSettlementLines, type SettlementGeneratorOptions } from '../../demo/settlements/settlement-generator.js';
import { aggregateOrders } from '../../domain/settlements/settlement-order-aggregate.js';
import { collectSettlement } from '../../domain/settlements/settlement-reader.js';
import { SUMMARY_CATEGORIES, summariseSettlement } from '../../domain/settlements/settlement-summary.js';
import { openSettlementFile, writeSettlementFile, type WriteSettlementFileOptions } from './settlement-file.js';

const REAL_DE = fileURLToPath(new URL('../../../../shared/fixtures/settlement/thetis_DE_V2_23167452842.txt', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/settlements/', import.meta.url));

const decimals = (summary: ReturnType<typeof summariseSettlement>, digits: number): Record<string, string> =>
  Object.fromEntries([...SUMMARY_CATEGORIES, 'netProceeds' as const].map((c) => [c, formatMinorUnits(summary[c], digits)]));

describe('the real DE settlement (../shared/fixtures/settlement)', () => {
  const skip = existsSync(REAL_DE) ? false : `${REAL_DE} is not present (../shared is absent): the real-file test is skipped`;

  it('parses, sums exactly to its total, and reproduces Seller Central’s summary to the cent', { skip }, async () => {
    const { header, rows, problems, result } = await collectSettlement(openSettlementFile(REAL_DE, { chunkSize: 4096 }));
    assert.deepEqual(problems, []);
    assert.equal(result.verdict, 'accepted');
    assert.equal(result.locale, 'decimal-comma');
    assert.equal(header?.settlementId, '23167452842');
    assert.equal(header?.depositDate, '2024-10-27T08:59:51Z');
    assert.equal(rows.length, 102);
    // PROVENANCE.md: Seller Central's own summary of this settlement.
    assert.deepEqual(decimals(summariseSettlement(rows), 2), {
      beginningBalance: '180.95', productCharges: '650.40', shipping: '7.46', refundedSales: '-108.40', refundedExpenses: '16.70',
      amazonFees: '-226.36', fbaFees: '0.00', costOfAdvertising: '0.00', other: '0.00', transfers: '0.00', accountReserve: '-324.10',
      netProceeds: '196.65',
    });
  });

  it('aggregates its orders: every order row in one order, the refunds on the orders they refund', { skip }, async () => {
    const { rows } = await collectSettlement(openSettlementFile(REAL_DE));
    const orders = aggregateOrders(rows);
    assert.equal([...orders.values()].reduce((n, o) => n + o.rowCount, 0), rows.filter((r) => r.orderId !== undefined).length);
    const refunded = orders.get('028-5107213-8109941');
    assert.ok(refunded);
    assert.deepEqual([refunded.refunds, refunded.refundedFees], [-5_420, 835]);
    assert.equal([...orders.values()].filter((o) => o.multiChannel).length, 0);
  });
});

interface Expected {
  readonly format: string;
  readonly locale: string;
  readonly encoding: string;
  readonly byteOrderMark: boolean;
  readonly currency: string;
  readonly totalAmount: string;
  readonly rowCount: number;
  readonly summary: Record<string, string>;
  readonly generatedWith: SettlementGeneratorOptions;
  readonly writtenWith: WriteSettlementFileOptions;
}

describe('the committed generated fixtures (test/fixtures/settlements)', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'fba-settlement-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace('.expected.json', ''));
  it('are there for both formats and both locales', () => {
    assert.equal(names.length, 4);
  });
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected;
    const path = join(FIXTURES, `${name}.txt`);

    it(`${name}: parses and gives the expected summary`, async () => {
      const { header, rows, problems, result } = await collectSettlement(openSettlementFile(path, { chunkSize: 1000 }));
      assert.deepEqual(problems, []);
      assert.equal(result.verdict, 'accepted');
      assert.deepEqual([result.format, result.locale, result.encoding, result.byteOrderMark],
        [expected.format, expected.locale, expected.encoding, expected.byteOrderMark]);
      assert.equal(header?.currency, expected.currency);
      assert.equal(formatMinorUnits(header?.totalAmount ?? Number.NaN, 2), expected.totalAmount);
      assert.equal(rows.length, expected.rowCount);
      assert.deepEqual(decimals(summariseSettlement(rows), 2), expected.summary);
      if (expected.generatedWith.market === 'DE') assert.ok(rows.some((r) => r.marketplaceName === 'Amazon.de'));
    });

    it(`${name}: is still what the generator writes`, async () => {
      const copy = join(dir, `${name}.txt`);
      await writeSettlementFile(copy, generateSettlementLines(expected.generatedWith), expected.writtenWith);
      assert.ok(readFileSync(copy).equals(readFileSync(path)), `regenerate ${name}.txt and check its expected figures`);
    });
  }
});

describe('openSettlementFile and writeSettlementFile', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'fba-settlement-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a gzip-compressed report document as it was downloaded', async () => {
    const plain = join(FIXTURES, 'v2-us-point-utf8bom-lf.txt');
    const gz = join(dir, 'report.gz');
    writeFileSync(gz, gzipSync(readFileSync(plain)));
    const fromGzip = await collectSettlement(openSettlementFile(gz, { chunkSize: 512 }));
    assert.equal(fromGzip.result.verdict, 'accepted');
    assert.deepEqual(fromGzip, await collectSettlement(openSettlementFile(plain)));
  });

  it('refuses to write a character Latin-1 does not have', async () => {
    await assert.rejects(writeSettlementFile(join(dir, 'x.txt'), ['Zakaz: Заказ\n'], { encoding: 'latin1' }), /'З' cannot be written in Latin-1/);
  });

  it('fails on a path it cannot open', async () => {
    await assert.rejects(collectSettlement(openSettlementFile(join(dir, 'missing.txt'))), /ENOENT/);
  });
});
