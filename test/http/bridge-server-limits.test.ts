// The bridge's Fastify server with a route table of its own: the body cap (answered with 413 even while
// the sender keeps sending, then the connection closed), JSON bodies, a route that throws, a sender that
// trickles, and the per-source rate limit on posts (issue 8's limits, carried by the one server).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import type { Routes } from '../../src/http/routes.js';
import type { ServerLimits } from '../../src/http/server/bridge-server.js';
import { RecordingLogger } from '../engine/recording-logger.js';
import { serveRoutes, type ServedRoutes } from '../support/serve-routes.js';

let server: ServedRoutes | null = null;
afterEach(async () => { await server?.close(); server = null; });

async function serve(routes: Routes, logger = new RecordingLogger(), limits: ServerLimits = {}): Promise<string> {
  server = await serveRoutes(routes, logger, { limits });
  return server.base;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('the bridge server\'s limits', () => {
  it('hands the route the parsed JSON body and the URL', async () => {
    const seen: unknown[] = [];
    const base = await serve({ 'POST /echo': async ({ body, url }) => { seen.push(body, url.searchParams.get('q')); return { status: 201, body: { ok: true } }; } });
    const res = await fetch(`${base}/echo?q=1`, { method: 'POST', headers: JSON_HEADERS, body: '{"a":[1,2]}' });
    assert.deepEqual([res.status, res.headers.get('content-type'), await res.json()], [201, 'application/json; charset=utf-8', { ok: true }]);
    assert.deepEqual(seen, [{ a: [1, 2] }, '1']);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const base = await serve({ 'POST /x': async ({ body }) => ({ status: 200, body: { length: (body as string).length } }) });
    const text = JSON.stringify('y'.repeat(1_048_576 - 2));
    const res = await fetch(`${base}/x`, { method: 'POST', headers: JSON_HEADERS, body: text });
    assert.deepEqual([res.status, await res.json()], [200, { length: 1_048_574 }]);
  });

  // The test's timeout guards against a connection left open (a hang), not a speed target.
  it('answers 413 to a sender that goes on past 1 MiB, then closes the connection', { timeout: 60_000 }, async () => {
    let called = false;
    const base = await serve({ 'POST /x': async () => { called = true; return { status: 200, body: {} }; } });
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => { received += d.toString('latin1'); });
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('POST /x HTTP/1.1\r\nHost: bridge\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n');
    socket.write(Buffer.alloc(2_000_000, 0x20));

    await closed; // the server closes it: a connection left open ends the test by its timeout
    socket.destroy();

    assert.match(received, /^HTTP\/1\.1 413 /);
    assert.match(received, /body larger than 1048576 bytes/);
    assert.equal(called, false);
  });

  it('answers 500 without details when a route throws, and logs it', async () => {
    const logger = new RecordingLogger();
    const base = await serve({ 'GET /boom': async () => { throw new Error('bug'); } }, logger);
    const res = await fetch(`${base}/boom`);
    assert.deepEqual([res.status, await res.json()], [500, { error: 'internal error' }]);
    assert.deepEqual(logger.messages('error'), ['http handler failed']);
  });

  it('closes the connection of a sender that trickles its body past the request timeout', async () => {
    let called = false;
    const base = await serve({ 'POST /x': async () => { called = true; return { status: 200, body: {} }; } }, new RecordingLogger(), { requestTimeoutMs: 1_000, headersTimeoutMs: 500 });
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.on('error', () => undefined);
    let received = '';
    socket.on('data', (d: Buffer) => { received += d.toString('latin1'); });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('POST /x HTTP/1.1\r\nHost: bridge\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
    const trickle = setInterval(() => socket.write(' '), 200);
    await closed; // the test's own timeout fails it if the server never closes
    clearInterval(trickle);
    assert.equal(called, false);
    assert.match(received, /^HTTP\/1\.1 408 |^$/, 'a 408 or a plain close');
  });

  it('rate limits posts per source address with 429 and Retry-After, leaving reads alone', async () => {
    const base = await serve({ 'POST /x': async () => ({ status: 202, body: {} }), 'GET /health': async () => ({ status: 200, body: {} }) }, new RecordingLogger(), { postsPerSource: { ratePerSecond: 1, burst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${base}/x`, { method: 'POST', headers: JSON_HEADERS, body: '{}' })).status);
    assert.deepEqual(statuses.slice(0, 3), [202, 202, 202]);
    const limited = await fetch(`${base}/x`, { method: 'POST', headers: JSON_HEADERS, body: '{}' });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await fetch(`${base}/health`)).status, 200);
  });
});
