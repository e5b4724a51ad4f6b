// Login with Amazon, as far as SP-API clients use it: POST /auth/o2/token with a refresh_token (or
// client_credentials) grant answers an access token valid 3600 s, which SP-API calls must then carry
// in `x-amz-access-token`. Expiry runs in REAL time, like the client's token cache. A client_credentials
// token is grantless: it names its scope and is good only for the operations of that scope (the
// Notifications API's destination operations), as a seller's token is not good for those.
// Docs: https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api#step-1-request-a-login-with-amazon-access-token
import { MIXED_ALNUM, streamFor } from '../seeded-random.js';
import type { Route, SimRequest, SimResponse } from '../http/route.js';
import type { Availability } from '../http/availability.js';

export const ACCESS_TOKEN_LIFETIME_S = 3600;

/** The scopes LWA grants without a seller. Docs: https://developer-docs.amazon.com/sp-api/docs/grantless-operations */
export const GRANTLESS_SCOPES = ['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation'] as const;

export class AccessTokens {
  readonly #expiry = new Map<string, { readonly at: number; readonly scope?: string; readonly seller: string }>();
  #issued = 0;

  constructor(private readonly seed: number, private readonly realNow: () => number = Date.now) {}

  /**
   * A seller's token, or (with `scope`) a grantless one. `seller` names whose rate buckets the token's
   * calls spend (the refresh token it was issued for: one per seller authorisation).
   */
  issue(scope?: string, seller = 'default'): string {
    this.#issued += 1;
    const token = `Atza|sim.${streamFor(this.seed, 'access-token', this.#issued).chars(48, MIXED_ALNUM)}`;
    this.#expiry.set(token, { at: this.realNow() + ACCESS_TOKEN_LIFETIME_S * 1000, seller: scope ? `grantless:${scope}` : seller, ...(scope ? { scope } : {}) });
    return token;
  }

  /** Whose buckets a valid token's calls spend: the seller's refresh token, or the grantless scope. */
  sellerOf(token: string | undefined): string {
    return (token ? this.#expiry.get(token)?.seller : undefined) ?? 'default';
  }

  /** The grantless scope of a valid token, null for a seller's token, undefined when not valid. */
  scopeOf(token: string | undefined): string | null | undefined {
    if (!this.isValid(token)) return undefined;
    return this.#expiry.get(token!)?.scope ?? null;
  }

  /** The seller revoked the app's authorisation: every token issued so far stops working. */
  revokeAll(): void {
    this.#expiry.clear();
  }

  isValid(token: string | undefined): boolean {
    if (!token) return false;
    const expiresAt = this.#expiry.get(token)?.at;
    return expiresAt !== undefined && expiresAt > this.realNow();
  }
}

// LWA answers errors in OAuth2 shape, not SP-API's `errors` array.
const oauthError = (error: string, description: string): SimResponse => ({
  status: 400,
  body: { error_description: description, error },
});

function formOf(request: SimRequest): URLSearchParams {
  const type = String(request.headers['content-type'] ?? '');
  if (type.includes('application/json') && typeof request.body === 'object' && request.body !== null) {
    return new URLSearchParams(Object.entries(request.body as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }
  return new URLSearchParams(request.rawBody);
}

export function lwaRoutes(tokens: AccessTokens, availability?: Availability): Route[] {
  return [{
    method: 'POST',
    pattern: '/auth/o2/token',
    handle(request) {
      const settings = availability?.get();
      // A misbehaving endpoint: the request (client_secret, refresh_token) comes back as plain text.
      if (settings?.lwaEchoesRequest) return { status: 400, body: undefined, headers: { 'content-type': 'text/plain' }, raw: Buffer.from(`bad request: ${request.rawBody}`) };
      // Docs: LWA answers a revoked or unknown refresh token with invalid_grant.
      if (settings?.credentialsRevoked) return oauthError('invalid_grant', 'The request has an invalid grant parameter : refresh_token');
      const form = formOf(request);
      const grant = form.get('grant_type');
      const missing = (name: string) => oauthError('invalid_request', `The request is missing a required parameter : ${name}`);
      if (!grant) return missing('grant_type');
      if (grant !== 'refresh_token' && grant !== 'client_credentials') return oauthError('unsupported_grant_type', `The authorization grant type ${grant} is not supported.`);
      const required = grant === 'refresh_token' ? ['refresh_token', 'client_id', 'client_secret'] : ['scope', 'client_id', 'client_secret'];
      for (const name of required) if (!form.get(name)) return missing(name);
      const scope = grant === 'client_credentials' ? form.get('scope')! : undefined;
      // Unverified wording; OAuth 2.0 (RFC 6749 §5.2) names the error invalid_scope.
      if (scope !== undefined && !(GRANTLESS_SCOPES as readonly string[]).includes(scope)) return oauthError('invalid_scope', `The scope ${scope} is not valid for a grantless call.`);
      const body: Record<string, unknown> = {
        access_token: tokens.issue(scope, form.get('refresh_token') ?? undefined),
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_LIFETIME_S,
      };
      if (grant === 'refresh_token') body.refresh_token = form.get('refresh_token');
      return { status: 200, body };
    },
  }];
}
