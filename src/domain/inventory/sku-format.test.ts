import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileSkuRule, DEFAULT_SKU_RULE, skuFormatProblems, SKU_FORMAT_PROBLEM_INFO, SKU_FORMAT_PROBLEMS, type SkuFormatProblem } from './sku-format.js';

describe('skuFormatProblems with the default rule', () => {
  const cases: Array<[string, SkuFormatProblem[]]> = [
    ['MUG-BLU-01', []], ['mug_blue.01', []], ['A', []], ['CND-SOY-LAV', []], ['X'.repeat(40), []],
    ['', ['empty']],
    [' MUG-1', ['surrounding-whitespace', 'pattern-mismatch']],
    ['MUG-1\t', ['surrounding-whitespace', 'pattern-mismatch']],
    ['MUG 1', ['pattern-mismatch']],
    ['-MUG', ['pattern-mismatch']],
    ['MUG/1', ['pattern-mismatch']],
    ['MUG+1', ['pattern-mismatch']],
    ['MÜG-1', ['pattern-mismatch']],
    ['X'.repeat(41), ['pattern-mismatch']],
    ['X'.repeat(51), ['too-long-for-amazon', 'pattern-mismatch']],
  ];
  for (const [sku, expected] of cases) it(JSON.stringify(sku.length > 45 ? `${sku.slice(0, 6)}…(${sku.length})` : sku), () => assert.deepEqual(skuFormatProblems(sku, DEFAULT_SKU_RULE), expected));
});

describe('compileSkuRule', () => {
  it('anchors the pattern: it must match the whole SKU', () => {
    const r = compileSkuRule('[A-Z]{3}-[0-9]{2}');
    assert.ok(r.ok);
    assert.deepEqual(skuFormatProblems('MUG-01', r.value), []);
    assert.deepEqual(skuFormatProblems('XMUG-012', r.value), ['pattern-mismatch']);
  });
  it('anchors alternatives as a whole', () => {
    const r = compileSkuRule('AB|CD');
    assert.ok(r.ok);
    assert.deepEqual(skuFormatProblems('ABX', r.value), ['pattern-mismatch']);
    assert.deepEqual(skuFormatProblems('CD', r.value), []);
  });
  it('says what is wrong with a broken pattern', () => {
    const r = compileSkuRule('[A-Z');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /not a valid regular expression/);
    assert.equal(compileSkuRule('  ').ok, false);
  });
  it('the Amazon length limit applies whatever the pattern', () => {
    const r = compileSkuRule('.*');
    assert.ok(r.ok);
    assert.deepEqual(skuFormatProblems('Y'.repeat(51), r.value), ['too-long-for-amazon']);
  });
  it('every problem has a message for the ecommerce team', () => {
    for (const p of SKU_FORMAT_PROBLEMS) assert.ok(SKU_FORMAT_PROBLEM_INFO[p].length > 10);
  });
});
