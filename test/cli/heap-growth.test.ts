// The bridge bounds its heap's growth itself (docs/adr/0019), unless the user chose a factor: then
// theirs stands. The effect on memory is measured by bench/inventory, not here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { limitHeapGrowth } from '../../src/cli/heap-growth.js';

describe('limitHeapGrowth', () => {
  it('sets the factor when neither node\'s arguments nor NODE_OPTIONS name one', () => {
    assert.equal(limitHeapGrowth(['--enable-source-maps'], '--max-old-space-size=512'), true);
    assert.equal(limitHeapGrowth([], undefined), true);
  });

  it('keeps a factor the user gave, in either spelling and either place', () => {
    assert.equal(limitHeapGrowth(['--heap-growing-percent=80'], undefined), false);
    assert.equal(limitHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=10'), false);
    assert.equal(limitHeapGrowth(['--heap-growing-percent', '50'], ''), false);
  });
});
