// The one usage-plan table (src/domain/shared/sp-api-operations.ts) against Amazon's official models:
// every operation of the four APIs is in it, and each published "Usage Plan" (rate, burst) matches.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SANDBOX_ONLY_OPERATIONS, SP_API_OPERATIONS, USAGE_PLANS, type SpApiOperation } from '../../src/domain/shared/sp-api-operations.js';

const MODELS = fileURLToPath(new URL('../../../shared/spapi-models/', import.meta.url));
const FILES = ['fulfillmentOutbound_2020-07-01.json', 'fbaInventory.json', 'reports_2021-06-30.json', 'notifications.json'];
const skip = existsSync(MODELS) ? false : `the official SP-API models are not at ${MODELS} (../shared absent): nothing to compare with`;

interface PublishedOperation { readonly operationId: string; readonly plan: { ratePerSecond: number; burst: number } | null }

function publishedOperations(): PublishedOperation[] {
  return FILES.flatMap((file) => {
    const model = JSON.parse(readFileSync(MODELS + file, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; description?: string }>> };
    return Object.values(model.paths).flatMap((methods) => Object.values(methods).flatMap((op) => {
      if (typeof op !== 'object' || !op?.operationId) return [];
      // The description's table: "| Rate (requests per second) | Burst |\n| ---- | ---- |\n| 2 | 30 |"
      const row = /\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|/.exec(op.description ?? '');
      return [{ operationId: op.operationId, plan: row ? { ratePerSecond: Number(row[1]), burst: Number(row[2]) } : null }];
    }));
  });
}

describe('usage plans', { skip }, () => {
  const published = skip ? [] : publishedOperations();

  it('names every operation of the official models (and no other)', () => {
    const ids = new Set(published.map((p) => p.operationId));
    const missing = [...ids].filter((id) => !(SP_API_OPERATIONS as readonly string[]).includes(id));
    assert.deepEqual(missing, []);
    assert.deepEqual(SP_API_OPERATIONS.filter((op) => !ids.has(op)), []);
  });

  it('matches every published usage plan; only sandbox operations have none', () => {
    for (const { operationId, plan } of published) {
      if (!(SP_API_OPERATIONS as readonly string[]).includes(operationId)) continue;
      const op = operationId as SpApiOperation;
      if (plan === null) {
        assert.ok(SANDBOX_ONLY_OPERATIONS.has(op), `${op} publishes no usage plan: it must be a sandbox-only operation`);
        continue;
      }
      assert.deepEqual(USAGE_PLANS[op], plan, op);
    }
  });
});
