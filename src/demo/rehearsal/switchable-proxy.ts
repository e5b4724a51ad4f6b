// A TCP proxy in front of commercetools-mock that the rehearsal can switch off: while off, every
// connection — new or open — is destroyed at once, which is how an unreachable commercetools looks to
// the bridge's SDK (connection reset), with no change to the bridge itself.
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface SwitchableProxy {
  readonly url: string;
  setReachable(reachable: boolean): void;
  close(): Promise<void>;
}

export async function startSwitchableProxy(targetPort: number): Promise<SwitchableProxy> {
  let reachable = true;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (!reachable) return client.destroy();
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    setReachable(value) {
      reachable = value;
      if (!value) for (const s of open) s.destroy();
    },
    close: () => new Promise((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}
