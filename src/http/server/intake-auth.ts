// Who may post events. commercetools events arrive as Google Pub/Sub push requests carrying an OIDC
// token (verified against the JWKS, issuer and audience configured) or, from a relay, the shared bearer
// secret; Amazon notifications carry the bearer secret. Nothing configured: nobody is let in.
// Docs: https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { AccessSettings } from '../../config/access-schema.js';
import { sameSecret } from '../../adapters/auth/secret-token.js';

export type IntakeSource = 'commercetools' | 'amazon';

export interface IntakeAuthenticator {
  /** False when no credential is configured: every intake request is then refused. */
  readonly configured: boolean;
  /** Why the request is refused, or null when it may pass. */
  check(source: IntakeSource, authorization: string | undefined): Promise<string | null>;
}

const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

export function intakeAuthenticator(access: AccessSettings): IntakeAuthenticator {
  const secret = access.intakeSecret?.reveal();
  const pubSub = access.pubSub;
  const jwks = pubSub ? createRemoteJWKSet(new URL(pubSub.jwksUrl)) : null;
  // Google signs with either spelling of its issuer; a configured one is taken as it is.
  const issuers = pubSub && GOOGLE_ISSUERS.includes(pubSub.issuer) ? GOOGLE_ISSUERS : pubSub ? [pubSub.issuer] : [];

  async function verifyPubSub(token: string): Promise<string | null> {
    if (!pubSub || !jwks) return 'not the intake secret';
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: issuers, audience: pubSub.audience, algorithms: ['RS256', 'ES256'] });
      if (pubSub.serviceAccount && (payload.email !== pubSub.serviceAccount || payload.email_verified !== true)) return 'the token names another service account';
      return null;
    } catch (err) {
      return `the Pub/Sub token does not verify (${(err as Error).message})`;
    }
  }

  return {
    configured: secret !== undefined || pubSub !== undefined,
    async check(source, authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) return 'no bearer token';
      if (secret !== undefined && sameSecret(token, secret)) return null;
      if (source === 'commercetools' && token.split('.').length === 3) return verifyPubSub(token);
      return 'not the intake secret';
    },
  };
}
