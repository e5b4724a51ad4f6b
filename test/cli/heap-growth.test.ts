// The bridge bounds its heap's growth itself (docs/adr/0019), unless node was started with a factor:
// then that one stands. The effect on memory is measured by bench/inventory, not here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { limitHeapGrowth } from '../../src/cli/heap-growth.js';

describe('limitHeapGrowth', () => {
  it('sets the factor when node\'s arguments name none', () => {
    assert.equal(limitHeapGrowth(['--enable-source-maps', '--max-old-space-size=512']), true);
    assert.equal(limitHeapGrowth([]), true);
  });

  it('keeps a factor node was started with, in either spelling', () => {
    assert.equal(limitHeapGrowth(['--heap-growing-percent=80']), false);
    assert.equal(limitHeapGrowth(['--max-old-space-size=512', '--heap_growing_percent=10']), false);
    assert.equal(limitHeapGrowth(['--heap-growing-percent', '50']), false);
  });
});
