// Outages and credential trouble on demand, for rehearsing bad days (the admin API's
// /_simulator/availability): SP-API or Login with Amazon unreachable (the connection is dropped, as a
// network outage looks to a client), the seller's authorisation revoked (LWA answers invalid_grant and
// issued access tokens stop working), or an LWA that answers errors by echoing the request as plain
// text — with the client secret and refresh token in it — to prove a client never stores such text.

export interface AvailabilitySettings {
  /** Every SP-API operation's connection is dropped without an answer. */
  readonly spApiDown: boolean;
  /** The LWA token endpoint's connection is dropped without an answer. */
  readonly lwaDown: boolean;
  /** LWA answers 400 invalid_grant; access tokens issued earlier are refused (403). */
  readonly credentialsRevoked: boolean;
  /** LWA answers 400 with the request body echoed back as text/plain. */
  readonly lwaEchoesRequest: boolean;
}

export const ALL_AVAILABLE: AvailabilitySettings = { spApiDown: false, lwaDown: false, credentialsRevoked: false, lwaEchoesRequest: false };

export class Availability {
  #settings: AvailabilitySettings = ALL_AVAILABLE;
  readonly #onRevoke: () => void;

  constructor(onRevoke: () => void) {
    this.#onRevoke = onRevoke;
  }

  get(): AvailabilitySettings {
    return this.#settings;
  }

  /** Changes the fields given; throws RangeError on anything that is not a known boolean field. */
  set(change: Readonly<Record<string, unknown>>): AvailabilitySettings {
    const next: Record<string, boolean> = { ...this.#settings };
    for (const [key, value] of Object.entries(change)) {
      if (!(key in ALL_AVAILABLE)) throw new RangeError(`unknown availability setting "${key}"; known: ${Object.keys(ALL_AVAILABLE).join(', ')}`);
      if (typeof value !== 'boolean') throw new RangeError(`${key} must be true or false`);
      next[key] = value;
    }
    const revoking = next.credentialsRevoked === true && !this.#settings.credentialsRevoked;
    this.#settings = next as unknown as AvailabilitySettings;
    if (revoking) this.#onRevoke();
    return this.#settings;
  }
}
