// nextToken of getInventorySummaries as Amazon documents it: "The string token will expire 30 seconds
// after being created" — in REAL time, like the client's own clock. A token is also bound to the query
// that produced it (marketplace, granularity, startDateTime, SKU filter): the model warns to resend
// startDateTime with nextToken "to avoid errors". Tokens are opaque and kept here, not decoded.
import { MIXED_ALNUM, streamFor } from '../seeded-random.js';
import { fail, ok, type Result } from '../../domain/shared/result.js';

export const SUMMARIES_TOKEN_LIFETIME_MS = 30_000;

/** The SKU the next page starts after, or why the token is refused. */
export type Redeemed = Result<string, string>;

interface Issued {
  readonly binding: string;
  readonly after: string;
  readonly issuedAt: number;
}

export class SummariesTokens {
  readonly #issued = new Map<string, Issued>();
  #count = 0;

  constructor(private readonly seed: number, private readonly realNow: () => number = Date.now) {}

  /** A token for the page after SKU `after` of the query `binding`. */
  issue(binding: string, after: string): string {
    const now = this.realNow();
    this.#prune(now);
    this.#count += 1;
    const token = Buffer.from(`${this.#count}.${streamFor(this.seed, 'summaries-token', this.#count).chars(40, MIXED_ALNUM)}`).toString('base64url');
    this.#issued.set(token, { binding, after, issuedAt: now });
    return token;
  }

  /** A token may be used again while it lives (a client retrying a page). */
  redeem(token: string, binding: string): Redeemed {
    const issued = this.#issued.get(token);
    if (!issued) return fail('this nextToken was not issued (or has expired and been forgotten)');
    const age = this.realNow() - issued.issuedAt;
    if (age > SUMMARIES_TOKEN_LIFETIME_MS) {
      return fail(`this nextToken expired: it was issued ${(age / 1000).toFixed(1)} s ago and lives ${SUMMARIES_TOKEN_LIFETIME_MS / 1000} s`);
    }
    if (issued.binding !== binding) {
      return fail('this nextToken belongs to another query: resend the parameters of the first request with it (startDateTime included)');
    }
    return ok(issued.after);
  }

  /** Tokens are issued in time order, so expired ones sit at the front of the map. */
  #prune(now: number): void {
    for (const [token, issued] of this.#issued) {
      if (now - issued.issuedAt <= 2 * SUMMARIES_TOKEN_LIFETIME_MS) break;
      this.#issued.delete(token);
    }
  }
}
