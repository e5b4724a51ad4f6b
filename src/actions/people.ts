// Who may sign in: local accounts (scrypt-hashed passwords), API tokens for scripts and one-time login
// links, shared by `fba-bridge users|tokens` and the console. Secrets are shown once and stored hashed.
import type { Store } from '../ports/store.js';
import type { ApiToken, ConsoleUser } from '../ports/console-store.js';
import { isRole, ROLES, type Role } from '../domain/access/roles.js';
import { fail, ok, type Result } from '../domain/shared/result.js';
import { hashPassword, passwordProblem, verifyPassword } from '../adapters/auth/password-hash.js';
import { newSecretToken, tokenHash } from '../adapters/auth/secret-token.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
export const API_TOKEN_PREFIX = 'fbat_';
const ONE_TIME_LOGIN_MS = 24 * 3600_000;

export function parseRole(value: string): Result<Role, string> {
  return isRole(value) ? ok(value) : fail(`role must be one of ${ROLES.join(', ')}, not "${value}"`);
}

export async function addLocalUser(store: Store, email: string, role: string, password: string, now: number): Promise<Result<ConsoleUser, string>> {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address)) return fail(`"${email}" is not an email address`);
  const r = parseRole(role);
  if (!r.ok) return r;
  const problem = passwordProblem(password);
  if (problem) return fail(problem);
  const existing = await store.console.getUser(address);
  const user: ConsoleUser = { email: address, role: r.value, passwordHash: await hashPassword(password), source: 'local', createdAt: existing?.createdAt ?? now };
  await store.console.upsertUser(user);
  return ok(user);
}

/** The person when the password matches a local account; null otherwise (never says which part was wrong). */
export async function checkLocalLogin(store: Store, email: string, password: string): Promise<ConsoleUser | null> {
  const user = await store.console.getUser(email.trim().toLowerCase());
  if (!user?.passwordHash) return null;
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

/** A new API token: the secret is returned once; the store keeps its hash and public id. */
export async function createApiToken(store: Store, role: string, label: string, now: number): Promise<Result<{ token: string; record: ApiToken }, string>> {
  const r = parseRole(role);
  if (!r.ok) return r;
  const token = newSecretToken(API_TOKEN_PREFIX);
  const record: ApiToken = { id: token.slice(0, API_TOKEN_PREFIX.length + 8), role: r.value, label: label.trim() || 'api token', createdAt: now, revokedAt: null };
  await store.console.createToken(record, tokenHash(token));
  return ok({ token, record });
}

/** A link that signs `email` in once (within a day), e.g. the one `demo --serve` prints. */
export async function createLoginLink(store: Store, email: string, now: number): Promise<string> {
  const token = newSecretToken();
  await store.console.createLoginLink(tokenHash(token), email, now + ONE_TIME_LOGIN_MS);
  return token;
}
