// Property: the classification values of a settlement (transaction types, amount types, amount
// descriptions, the older file's fee and price types) are an open set. Whatever values a file that
// sums to its total carries, it is imported — never refused — its net proceeds still equal its total,
// and its journal still balances (what the chart does not map lands in suspense).
// Seeded pseudo-random values, reproducible: a failure names the seed and the trial.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateSettlementText } from '../../src/demo/settlements/settlement-generator.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../src/domain/settlements/default-chart-of-accounts.js';
import { buildSettlementJournal } from '../../src/domain/settlements/journal-builder.js';
import { collectSettlement } from '../../src/domain/settlements/settlement-reader.js';
import { summariseSettlement } from '../../src/domain/settlements/settlement-summary.js';

const CORPUS = fileURLToPath(new URL('../fixtures/settlements/real-shaped/', import.meta.url));
const CLASSIFYING = new Set(['transaction-type', 'amount-type', 'amount-description', 'price-type', 'item-related-fee-type', 'shipment-fee-type',
  'order-fee-type', 'other-fee-reason-description', 'promotion-type', 'direct-payment-type']);
const TRIALS = 40;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PIECES = ['Order', 'Refund', 'Fee', 'other-transaction', 'ItemFees', 'Gebühr', 'Frais', '手数料', 'Reserve', 'Principal', 'Tax', '*', '__proto__', 'constructor', 'toString', '€', '', '-', '1,00'];

/** A new value: pieces of known and strange words, odd casing, blanks around; never a tab or a line end. */
function randomValue(random: () => number, old: string): string {
  const roll = random();
  if (roll < 0.15) return old.toUpperCase();
  if (roll < 0.25) return `  ${old}   `;
  const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => PIECES[Math.floor(random() * PIECES.length)] ?? '');
  const value = parts.join(random() < 0.5 ? ' ' : '_');
  return value.trim() === '' ? 'X' : value;
}

/** The file with every non-empty classification value of every data line replaced. */
function mutate(text: string, random: () => number): string {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\ufeff/, '').split('\t');
  const columns = header.map((name, i) => (CLASSIFYING.has(name.trim()) ? i : -1)).filter((i) => i >= 0);
  return lines.map((line, n) => {
    if (n < 2 || line === '') return line; // the header and the summary row
    const fields = line.split('\t');
    for (const i of columns) if ((fields[i] ?? '').trim() !== '') fields[i] = randomValue(random, fields[i] ?? '');
    return fields.join('\t');
  }).join('\n');
}

function decode(path: string): string {
  const bytes = readFileSync(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const sources: Array<{ name: string; text: string }> = [
  ...readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f, text: decode(join(CORPUS, f)) })),
  { name: 'generated v2 DE', text: generateSettlementText({ format: 'v2', market: 'DE', seed: 5, detailRows: 300 }) },
  { name: 'generated legacy US', text: generateSettlementText({ format: 'legacy', market: 'US', seed: 6, detailRows: 300 }) },
];

describe('any classification values: a file that sums is never refused', () => {
  for (const source of sources) {
    it(`${source.name}: ${TRIALS} files with other values are all imported, net proceeds = total, journal balanced`, async () => {
      for (let trial = 0; trial < TRIALS; trial++) {
        const seed = 1_000 * trial + source.name.length;
        const text = mutate(source.text, mulberry32(seed));
        const { header, rows, problems, result } = await collectSettlement([text]);
        assert.deepEqual(problems, [], `seed ${seed}`);
        assert.equal(result.verdict, 'accepted', `seed ${seed}`);
        assert.ok(header !== undefined);
        assert.equal(summariseSettlement(rows).netProceeds, header.totalAmount, `seed ${seed}`);
        const journal = buildSettlementJournal(header, rows, DEFAULT_CHART_OF_ACCOUNTS);
        assert.ok(journal.ok, `seed ${seed}`);
        assert.equal(journal.value.totalDebit, journal.value.totalCredit, `seed ${seed}`);
      }
    });
  }
});
