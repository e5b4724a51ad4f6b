import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Order } from '@commercetools/platform-sdk';
import { OrderVersionCache } from '../../src/adapters/commercetools/order-version-cache.js';

const order = (id: string, version: number) => ({ id, version }) as Order;

test('answers only for the exact version remembered', () => {
  const cache = new OrderVersionCache();
  cache.remember(order('a', 3));
  assert.equal(cache.at('a', 3)?.version, 3);
  assert.equal(cache.at('a', 2), undefined);
  cache.remember(order('a', 4));
  assert.equal(cache.at('a', 3), undefined);
  assert.equal(cache.at('b', 1), undefined);
});

test('keeps at most its capacity, forgetting the least recently remembered', () => {
  const cache = new OrderVersionCache(2);
  cache.remember(order('a', 1));
  cache.remember(order('b', 1));
  cache.remember(order('a', 2));
  cache.remember(order('c', 1));
  assert.equal(cache.at('b', 1), undefined);
  assert.ok(cache.at('a', 2));
  assert.ok(cache.at('c', 1));
});

test('answers the latest version remembered of an order, whatever it is', () => {
  const cache = new OrderVersionCache();
  assert.equal(cache.latest('a'), undefined);
  cache.remember(order('a', 3));
  cache.remember(order('a', 5));
  assert.equal(cache.latest('a')?.version, 5);
});
