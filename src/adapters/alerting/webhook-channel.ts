// The generic webhook: the notice as JSON, signed X-Fba-Bridge-Signature: sha256=<hex HMAC-SHA256 of
// the exact body> when a secret is configured, so the receiver can tell the bridge from anyone else.
import { createHmac } from 'node:crypto';
import type { AlertChannel, AlertNotice } from '../../ports/alert-channel.js';
import type { Secret } from '../../config/secret.js';
import { postOrThrow } from './http-post.js';

export const SIGNATURE_HEADER = 'x-fba-bridge-signature';

export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookChannel(name: string, url: string, secret?: Secret): AlertChannel {
  return {
    name,
    async send(notice: AlertNotice, signal: AbortSignal): Promise<void> {
      const body = JSON.stringify(notice);
      await postOrThrow(url, body, secret ? { [SIGNATURE_HEADER]: signatureOf(body, secret.reveal()) } : {}, signal, `webhook ${new URL(url).host}`);
    },
  };
}
