// The `start` logger (pino behind the Logger port): one JSON object per line with the correlation ids,
// and no secret or personal data — by field name anywhere in the object, and in free text.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { PinoLogger } from '../../src/adapters/logging/pino-logger.js';
import { Secret } from '../../src/config/secret.js';

function capture(level: 'debug' | 'info' = 'info'): { logger: PinoLogger; lines: () => Array<Record<string, unknown>> } {
  const out: string[] = [];
  const logger = new PinoLogger({ level, destination: { write: (s: string) => { out.push(s); } } });
  return { logger, lines: () => out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

it('writes JSON lines with level, time, message and correlation fields, children included', () => {
  const { logger, lines } = capture();
  logger.child({ connection: 'shop-eu' }).info('order sent', { orderId: 'o-1', sellerFulfillmentOrderId: 'SFO-1', sku: 'KTL-1700-BLK', settlementId: '123' });
  logger.debug('not at info level');
  const [line] = lines();
  assert.equal(lines().length, 1);
  assert.equal(line!.level, 'info');
  assert.match(String(line!.time), /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual([line!.msg, line!.connection, line!.orderId, line!.sellerFulfillmentOrderId, line!.sku, line!.settlementId], ['order sent', 'shop-eu', 'o-1', 'SFO-1', 'KTL-1700-BLK', '123']);
});

it('redacts secrets and a customer\'s name, address, e-mail and phone, in fields and in text', () => {
  const { logger, lines } = capture();
  logger.warn('customer anna@example.com (+49 30 1234567) complained about 112-1234567-1234567', {
    clientSecret: 'cs-123', refreshToken: new Secret('Atzr|x'), order: { shippingAddress: { firstName: 'Anna', streetName: 'Hauptstraße' }, email: 'anna@example.com' },
    requestId: 'beeb3a68-54ea-1234-5678-dcfa44a75b12', error: new Error('LWA said: bad grant for anna@example.com'),
  });
  const text = JSON.stringify(lines()[0]);
  for (const leaked of ['cs-123', 'Atzr|x', 'Anna', 'Hauptstraße', 'anna@example.com', '1234567)']) assert.ok(!text.includes(leaked), `${leaked} leaked: ${text}`);
  assert.match(text, /\[email\] \(\[phone\]\)/);
  assert.ok(text.includes('112-1234567-1234567'), 'an Amazon order id is not a phone number');
  assert.ok(text.includes('beeb3a68-54ea-1234-5678-dcfa44a75b12'), 'ids stay intact');
  assert.match(text, /"error":\{"name":"Error","message":"LWA said: bad grant for \[email\]"\}/);
});
