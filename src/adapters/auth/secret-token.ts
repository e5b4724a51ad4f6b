// Random bearer secrets (session ids, API tokens, one-time logins) and the hash the store keeps of them.
// The secrets carry 256 random bits, so a fast hash is enough: nobody can guess one to match a hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of two secrets (different lengths compare unequal). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
