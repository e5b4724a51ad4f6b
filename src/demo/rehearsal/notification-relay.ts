// Between the simulator's notifications and the bridge's POST /events/amazon: forwards each with the
// intake secret, except FBA_INVENTORY_AVAILABILITY_CHANGES about the "polling only" probe SKUs, which it
// drops — so one run measures stock → commercetools both with notifications and with polling alone.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NotificationRelay {
  readonly url: string;
  readonly counts: { forwarded: number; dropped: number; failed: number };
  close(): Promise<void>;
}

/** The SKU a notification body is about, when it is an inventory change (SQS body or EventBridge event). */
export function inventoryNotificationSku(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { NotificationType?: string; Payload?: { SKU?: unknown }; detail?: { NotificationType?: string; Payload?: { SKU?: unknown } } };
    const n = parsed.detail ?? parsed;
    return n.NotificationType === 'FBA_INVENTORY_AVAILABILITY_CHANGES' && typeof n.Payload?.SKU === 'string' ? n.Payload.SKU : null;
  } catch {
    return null;
  }
}

export async function startNotificationRelay(target: () => string | null, secret: string, pollingOnlySkus: ReadonlySet<string>): Promise<NotificationRelay> {
  const counts = { forwarded: 0, dropped: 0, failed: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const sku = inventoryNotificationSku(body);
      const to = target();
      if ((sku !== null && pollingOnlySkus.has(sku)) || to === null) {
        counts.dropped++;
        res.writeHead(204).end();
        return;
      }
      fetch(to, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? 'application/json', authorization: `Bearer ${secret}` }, body, signal: AbortSignal.timeout(10_000) })
        .then((answer) => {
          counts.forwarded++;
          res.writeHead(answer.status).end();
        }, () => {
          counts.failed++;
          res.writeHead(502).end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    counts,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
