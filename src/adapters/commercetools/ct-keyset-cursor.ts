// Keyset paging by id for the inventory gateway's scans (`where id > :after`, `sort id asc`):
// commercetools refuses offsets above 10,000, and offsets skip or repeat rows when others change
// mid-scan; ids never change, so a scan by id sees each row once. Values travel as predicate input
// variables (`var.after`), never spliced into the predicate text, so nothing in them can change it.
// Docs: https://docs.commercetools.com/api/predicates/query#input-variables
import { createHash } from 'node:crypto';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';

export interface KeysetCursor {
  /** Which listing the cursor belongs to: a digest of its parameters. */
  readonly listing: string;
  /** Index of the SKU chunk being read (0 when the listing has no SKU filter). */
  readonly chunk: number;
  /** Last id returned; absent at the start of a chunk. */
  readonly after?: string;
}

const RESOURCE_ID = /^[A-Za-z0-9_-]{1,256}$/;
const DIGEST = /^[a-f0-9]{16}$/;

/** commercetools answers at most 500 per page; one extra row tells whether another page follows. */
export const MAX_PAGE_SIZE = 499;

export const ID_ORDER = 'id asc';

export function pageSizeOf(requested: number): number {
  return Math.min(Math.max(Math.trunc(requested) || 1, 1), MAX_PAGE_SIZE);
}

/** A short digest of what a listing was asked for, so a cursor cannot be replayed against another one. */
export function listingDigest(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.listing, cursor.chunk, cursor.after ?? null]), 'utf8').toString('base64url');
}

export function decodeKeysetCursor(text: string, listing: string): Result<KeysetCursor> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 3) {
    const [digest, chunk, after] = parsed as unknown[];
    const validAfter = after === null || (typeof after === 'string' && RESOURCE_ID.test(after));
    if (typeof digest === 'string' && DIGEST.test(digest) && Number.isSafeInteger(chunk) && (chunk as number) >= 0 && validAfter) {
      if (digest !== listing) {
        return fail(failure('permanent', 'InvalidCursor', 'The cursor belongs to a listing with other channels or SKUs: start again without it'));
      }
      return ok({ listing: digest, chunk: chunk as number, ...(typeof after === 'string' ? { after } : {}) });
    }
  }
  return fail(failure('permanent', 'InvalidCursor', `Not a cursor this bridge issued: "${text}"`));
}

/** `id > :after` when resuming, with the variable that goes with it. */
export function afterId(after: string | undefined): { readonly where: string[]; readonly vars: Record<string, string> } {
  return after === undefined ? { where: [], vars: {} } : { where: ['id > :after'], vars: { 'var.after': after } };
}
