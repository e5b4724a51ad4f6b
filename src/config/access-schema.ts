// Who may reach the bridge's HTTP: event intake credentials (Pub/Sub push OIDC tokens, a shared bearer
// secret), the metrics token or port, single sign-on for the console and its session length. Parsed
// from the same flat settings as the rest (environment wins over the config file).
import { z } from 'zod';
import { Secret } from './secret.js';

const GOOGLE_ISSUER = 'https://accounts.google.com';
const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

const optionalText = (name: string) => z.string().trim().min(1, `${name} is empty: set it or leave it unset`).optional();
const httpUrl = (name: string) => z.string().trim().refine((v) => /^https?:\/\/\S+$/.test(v), { message: `${name} must be an http(s) URL` });

export const accessSettingsSchema = z.object({
  INTAKE_SECRET: z.string().trim().min(24, 'INTAKE_SECRET must be at least 24 characters (e.g. `openssl rand -hex 32`)').optional(),
  PUBSUB_AUDIENCE: optionalText('PUBSUB_AUDIENCE'),
  PUBSUB_ISSUER: httpUrl('PUBSUB_ISSUER').default(GOOGLE_ISSUER),
  PUBSUB_JWKS_URL: httpUrl('PUBSUB_JWKS_URL').default(GOOGLE_JWKS_URL),
  /** The service account Pub/Sub signs as; when set, tokens of any other account are refused. */
  PUBSUB_SERVICE_ACCOUNT: optionalText('PUBSUB_SERVICE_ACCOUNT'),
  METRICS_TOKEN: z.string().trim().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number({ error: 'METRICS_PORT must be a number' }).int('METRICS_PORT must be a whole number').min(0).max(65535, 'METRICS_PORT must be ≤ 65535').optional(),
  OIDC_ISSUER_URL: httpUrl('OIDC_ISSUER_URL').optional(),
  OIDC_CLIENT_ID: optionalText('OIDC_CLIENT_ID'),
  OIDC_CLIENT_SECRET: optionalText('OIDC_CLIENT_SECRET'),
  /** The ID token claim that carries the role (a string, or a list whose first known role wins). */
  OIDC_ROLE_CLAIM: z.string().trim().min(1).default('role'),
  /** Where people reach the console, e.g. https://bridge.example.com: the SSO redirect is built from it. */
  CONSOLE_URL: httpUrl('CONSOLE_URL').optional(),
  SESSION_HOURS: z.coerce.number({ error: 'SESSION_HOURS must be a number' }).positive('SESSION_HOURS must be greater than 0').max(24 * 30, 'SESSION_HOURS must be at most 720').default(12),
});

/** Checked apart from the schema, so it is reported even when another setting is wrong too. */
export function oidcSettingsProblem(raw: Readonly<Record<string, string | undefined>>): string | null {
  const set = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].map((k) => (raw[k] ?? '').trim() !== '');
  return set.some(Boolean) && !set.every(Boolean) ? 'single sign-on needs all of OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or none of them)' : null;
}

export interface PubSubSettings {
  readonly audience: string;
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly serviceAccount?: string;
}

export interface OidcSettings {
  readonly issuerUrl: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly roleClaim: string;
}

export interface AccessSettings {
  readonly intakeSecret?: Secret;
  /** Set when PUBSUB_AUDIENCE is: Pub/Sub push tokens are then accepted on the commercetools intake. */
  readonly pubSub?: PubSubSettings;
  readonly metricsToken?: Secret;
  readonly metricsPort?: number;
  readonly oidc?: OidcSettings;
  readonly consoleUrl?: string;
  readonly sessionMs: number;
}

export const NO_ACCESS_SETTINGS: AccessSettings = { sessionMs: 12 * 3600_000 };

export function toAccessSettings(s: z.infer<typeof accessSettingsSchema>): AccessSettings {
  return {
    sessionMs: s.SESSION_HOURS * 3600_000,
    ...(s.INTAKE_SECRET ? { intakeSecret: new Secret(s.INTAKE_SECRET) } : {}),
    ...(s.PUBSUB_AUDIENCE ? { pubSub: { audience: s.PUBSUB_AUDIENCE, issuer: s.PUBSUB_ISSUER, jwksUrl: s.PUBSUB_JWKS_URL, ...(s.PUBSUB_SERVICE_ACCOUNT ? { serviceAccount: s.PUBSUB_SERVICE_ACCOUNT } : {}) } } : {}),
    ...(s.METRICS_TOKEN ? { metricsToken: new Secret(s.METRICS_TOKEN) } : {}),
    ...(s.METRICS_PORT !== undefined ? { metricsPort: s.METRICS_PORT } : {}),
    ...(s.OIDC_ISSUER_URL && s.OIDC_CLIENT_ID && s.OIDC_CLIENT_SECRET
      ? { oidc: { issuerUrl: s.OIDC_ISSUER_URL, clientId: s.OIDC_CLIENT_ID, clientSecret: new Secret(s.OIDC_CLIENT_SECRET), roleClaim: s.OIDC_ROLE_CLAIM } } : {}),
    ...(s.CONSOLE_URL ? { consoleUrl: s.CONSOLE_URL.replace(/\/$/, '') } : {}),
  };
}
