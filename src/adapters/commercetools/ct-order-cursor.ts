// Keyset paging over orders by (lastModifiedAt, id). commercetools refuses offsets above 10,000, and
// offsets also skip or repeat orders when others are modified mid-scan; a cursor holding the last
// (lastModifiedAt, id) seen has neither problem. An order modified during the scan moves past the
// cursor and is simply seen again later — fine for a level-triggered sweep.
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';

export interface OrderCursor {
  readonly lastModifiedAt: string;
  readonly id: string;
}

// Values go into a query predicate: accept only what commercetools produces, nothing that could close
// the string literal.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const RESOURCE_ID = /^[A-Za-z0-9_-]{1,256}$/;

export function encodeCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastModifiedAt, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Result<OrderCursor> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      const [lastModifiedAt, id] = parsed as [string, string];
      if (TIMESTAMP.test(lastModifiedAt) && RESOURCE_ID.test(id)) return ok({ lastModifiedAt, id });
    }
  } catch {
    // falls through to the failure below
  }
  return fail(failure('permanent', 'InvalidCursor', `Not a cursor this bridge issued: "${text}"`));
}

/** Normalises `since` to commercetools' ISO form, or fails for anything that is not a timestamp. */
export function normaliseSince(since: string): Result<string> {
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) return fail(failure('permanent', 'InvalidInput', `"${since}" is not a timestamp`));
  return ok(new Date(ms).toISOString());
}

/**
 * `lastModifiedAt >= since`, and past the cursor when there is one. Ties on lastModifiedAt (common:
 * bulk updates land in the same millisecond) are broken by id, matching the sort.
 */
export function modifiedSincePredicate(since: string, cursor: OrderCursor | undefined): string {
  const base = `lastModifiedAt >= "${since}"`;
  if (!cursor) return base;
  const t = cursor.lastModifiedAt;
  return `${base} and (lastModifiedAt > "${t}" or (lastModifiedAt = "${t}" and id > "${cursor.id}"))`;
}

export const MODIFIED_SINCE_SORT = ['lastModifiedAt asc', 'id asc'];
