// bench/intake: the server-side CPU of one intake request, as an Amazon notification arrives over HTTP
// (an EventBridge API destination posts one per request). A child process serves POST /events/amazon
// with a small JSON body, once as bare node:http and once as Fastify with the bridge's server options
// (bridge-server.ts: body limit, timeouts, the per-source POST hook, a route-level onRequest guard);
// the handler parses the URL and answers 202, and does no store work. This process sends them
// over keep-alive loopback connections, four at a time; the child measures its own CPU (user + system)
// over the timed requests. Printed: µs of CPU per request for each, and Fastify ÷ node:http, measured
// in one run. The store's transaction per notification comes on top (ADR 0023).
// Usage: npm run bench:intake [-- --requests 5000 --rounds 2]
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';

type Kind = 'node-http' | 'fastify';
type ToChild = 'cpu-start' | 'cpu';
type FromChild = { port: number } | 'started' | { cpuMs: number };

const self = fileURLToPath(import.meta.url);
const { values } = parseArgs({ options: { child: { type: 'string' }, requests: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '2' } } });

async function serve(kind: Kind): Promise<Server> {
  if (kind === 'fastify') {
    const Fastify = (await import('fastify')).default;
    const app = Fastify({ bodyLimit: 1_048_576, logger: false, return503OnClosing: true, forceCloseConnections: 'idle', requestTimeout: 30_000, http: { connectionsCheckingInterval: 1_000 } });
    app.addHook('onRequest', async (req) => { if (req.method !== 'POST') return; });
    app.route({
      method: 'POST', url: '/events/amazon', onRequest: async () => undefined,
      handler: async (req, reply) => { new URL(req.url, 'http://localhost'); return reply.code(202).send({ accepted: 'DEMO-1' }); },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server;
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      new URL(req.url ?? '/', 'http://localhost');
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":"DEMO-1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function child(kind: Kind): Promise<void> {
  const server = await serve(kind);
  const send = (m: FromChild): void => { process.send?.(m); };
  send({ port: (server.address() as AddressInfo).port });
  let start = process.cpuUsage();
  process.on('message', (m: ToChild) => {
    if (m === 'cpu-start') { start = process.cpuUsage(); send('started'); return; }
    const used = process.cpuUsage(start);
    send({ cpuMs: (used.user + used.system) / 1000 });
    server.close();
    process.exit(0);
  });
}

const BODY = JSON.stringify({
  NotificationVersion: '1.0', NotificationType: 'FULFILLMENT_ORDER_STATUS', PayloadVersion: '1.0', EventTime: '2026-12-05T04:00:00Z',
  Payload: { FulfillmentOrderStatusNotification: { SellerId: 'A1', SellerFulfillmentOrderId: 'DEMO-1', EventType: 'Order', FulfillmentOrderStatus: 'Processing', StatusUpdatedDateTime: '2026-12-05T04:00:00Z' } },
  NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: '2026-12-05T04:00:01Z', NotificationId: 'n-1' },
});

async function measure(kind: Kind, requests: number): Promise<number> {
  const proc = fork(self, ['--child', kind], { execArgv: process.execArgv });
  const next = (): Promise<FromChild> => new Promise((resolve) => proc.once('message', (m) => resolve(m as FromChild)));
  const ready = await next();
  if (typeof ready !== 'object' || !('port' in ready)) throw new Error(`the ${kind} server did not start`);
  const agent = new Agent({ connections: 4 });
  const post = async (): Promise<void> => {
    const answer = await request(`http://127.0.0.1:${ready.port}/events/amazon`, { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' }, dispatcher: agent });
    await answer.body.text();
    if (answer.statusCode !== 202) throw new Error(`${kind} answered ${answer.statusCode}`);
  };
  for (let i = 0; i < 500; i++) await post(); // warm-up, not timed
  proc.send('cpu-start');
  await next();
  for (let i = 0; i < requests; i += 4) await Promise.all([post(), post(), post(), post()]);
  proc.send('cpu');
  const done = await next();
  await agent.close();
  if (typeof done !== 'object' || !('cpuMs' in done)) throw new Error(`the ${kind} server did not report its CPU`);
  return (done.cpuMs * 1000) / requests;
}

if (values.child === 'node-http' || values.child === 'fastify') {
  await child(values.child);
} else {
  const requests = Math.max(100, Number.parseInt(values.requests ?? '5000', 10));
  const rounds = Math.max(1, Number.parseInt(values.rounds ?? '2', 10));
  process.stdout.write(`server-side CPU per small JSON POST, ${requests} requests per measurement, keep-alive loopback, 4 in flight\n`);
  for (let round = 1; round <= rounds; round++) {
    const bare = await measure('node-http', requests);
    const fastify = await measure('fastify', requests);
    process.stdout.write(`round ${round}: node:http ${bare.toFixed(0)} µs, Fastify (the bridge's options) ${fastify.toFixed(0)} µs, Fastify ÷ node:http ${(fastify / bare).toFixed(2)}\n`);
  }
}
