// The keep-alive fetch the bridge uses for Amazon and commercetools against a real HTTP server on
// loopback: what fetch would answer (status, headers, body, errors, aborts), connections kept for
// many calls, and a connection the server dropped before answering is not a failure.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { keepAliveFetch } from '../../src/adapters/http-client/keep-alive-fetch.js';

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; socketRequest: number }

describe('keepAliveFetch', () => {
  let server: http.Server;
  let base: string;
  const seen: Seen[] = [];
  let connections = 0;
  const requestsOnSocket = new WeakMap<Socket, number>();
  let dropsLeft = 0;
  // Paths with behaviour: /drop closes the connection without answering while dropsLeft > 0.
  before(async () => {
    server = http.createServer((req, res) => {
      const n = (requestsOnSocket.get(req.socket) ?? 0) + 1;
      requestsOnSocket.set(req.socket, n);
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socketRequest: n });
        if (req.url === '/drop' && dropsLeft > 0) { dropsLeft--; return req.socket.destroy(); }
        if (req.url === '/slow') return; // never answers
        if (req.url === '/empty') return res.writeHead(204).end();
        if (req.url === '/untyped') return res.writeHead(200).end(Buffer.from('\ufeffgrüße', 'utf8'));
        if (req.url === '/gzip') return res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' }).end(gzipSync('{"zipped":true}'));
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-amzn-requestid': 'r-1' });
        res.end(JSON.stringify({ method: req.method, body }));
      });
    });
    server.on('connection', () => { connections++; });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('answers as fetch does: status, headers and body; the request body and headers arrive as sent', async () => {
    const f = keepAliveFetch();
    const res = await f(`${base}/orders?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-access-token': 't' }, body: '{"a":"ü"}' });
    assert.equal(res.status, 200);
    assert.equal(res.ok, true);
    assert.equal(res.headers.get('x-amzn-requestid'), 'r-1');
    assert.deepEqual(await res.json(), { method: 'POST', body: '{"a":"ü"}' });
    const request = seen.at(-1)!;
    assert.equal(request.url, '/orders?x=1');
    assert.equal(request.headers['x-amz-access-token'], 't');
    assert.equal(request.headers['content-length'], String(Buffer.byteLength('{"a":"ü"}')));
  });

  it('hands error answers over (fetch does not reject on 4xx), empty answers without a body, and decompresses', async () => {
    const f = keepAliveFetch();
    const missing = await f(`${base}/missing`);
    assert.equal(missing.status, 404);
    assert.equal(missing.ok, false);
    assert.equal((await f(`${base}/empty`)).status, 204);
    assert.deepEqual(await (await f(`${base}/gzip`)).json(), { zipped: true });
  });

  it('reads an answer as fetch reads it: no type added when none was answered, the BOM dropped, the body still a body', async () => {
    const f = keepAliveFetch();
    const res = await f(`${base}/untyped`);
    assert.equal(res.headers.get('content-type'), null);
    assert.equal(await res.text(), 'grüße');
    assert.equal(Buffer.from(await (await f(`${base}/untyped`)).arrayBuffer()).toString('utf8'), 'grüße');
    const builtIn = await fetch(`${base}/untyped`);
    assert.equal(builtIn.headers.get('content-type'), null);
    assert.equal(await builtIn.text(), 'grüße');
  });

  it('sends a form body as fetch does', async () => {
    await keepAliveFetch()(`${base}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'a b' }) });
    const request = seen.at(-1)!;
    assert.equal(request.body, 'grant_type=client_credentials&scope=a+b');
    assert.match(String(request.headers['content-type']), /^application\/x-www-form-urlencoded/);
  });

  it('keeps connections: many calls one after the other, a couple of connections', async () => {
    const f = keepAliveFetch();
    const before = connections;
    for (let i = 0; i < 20; i++) await (await f(`${base}/n`)).text();
    assert.ok(connections - before <= 2, `20 calls opened ${connections - before} connections`);
  });

  it('sends once more on a fresh connection when the server dropped the connection before answering, once only', async () => {
    const f = keepAliveFetch();
    dropsLeft = 1;
    const res = await f(`${base}/drop`, { method: 'POST', body: '{"n":1}' });
    assert.equal(res.status, 200);
    assert.deepEqual(seen.slice(-2).map((s) => [s.url, s.body]), [['/drop', '{"n":1}'], ['/drop', '{"n":1}']], 'the same request twice');
    dropsLeft = 2;
    await assert.rejects(f(`${base}/drop`, { method: 'POST', body: '{}' }), (error: Error) => error instanceof TypeError && error.message === 'fetch failed');
  });

  it('rejects with the signal\'s reason when aborted, and as fetch does when nobody listens', async () => {
    const f = keepAliveFetch();
    await assert.rejects(f(`${base}/slow`, { signal: AbortSignal.timeout(50) }), (error: Error) => error.name === 'TimeoutError');
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(f(`http://127.0.0.1:${port}/`), (error: Error) => error instanceof TypeError && (error.cause as NodeJS.ErrnoException).code === 'ECONNREFUSED');
  });
});
