// A loopback HTTP proxy in front of commercetools-mock that can play a dependency's bad days: 'pass'
// forwards, 'down' drops every connection (unreachable), 'refuse' answers 401 invalid_token (the API
// client's credentials refused).
import { createServer, request } from 'node:http';
import { closeServer, listen } from './alert-receivers.js';

export type ProxyMode = 'pass' | 'down' | 'refuse';

export interface SwitchableProxy {
  readonly url: string;
  mode: ProxyMode;
  close(): Promise<void>;
}

export async function startSwitchableProxy(target: string): Promise<SwitchableProxy> {
  const to = new URL(target);
  const proxy: { mode: ProxyMode } = { mode: 'pass' };
  const server = createServer((req, res) => {
    if (proxy.mode === 'down') return req.socket.destroy();
    if (proxy.mode === 'refuse') {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ statusCode: 401, message: 'invalid_token', errors: [{ code: 'invalid_token', message: 'invalid_token' }] }));
    }
    const forward = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const port = await listen(server);
  return Object.assign(proxy, { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) });
}
