// The bridge's Fastify server around a route table, for tests of the routes and of the server's limits:
// a throwaway SQLite store under the console (whose sign-in guards nothing these tests call), intake
// authenticated with TEST_INTAKE_SECRET.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { Routes } from '../../src/http/routes.js';
import type { Logger } from '../../src/ports/logger.js';
import type { Store } from '../../src/ports/store.js';
import { systemClock } from '../../src/ports/clock.js';
import { Secret } from '../../src/config/secret.js';
import { startBridgeServer, type ServerLimits } from '../../src/http/server/bridge-server.js';
import { testConfig } from './console-world.js';

export const TEST_INTAKE_SECRET = 'route-test-intake-secret-0123456789';
/** The header intake needs from these servers. */
export const INTAKE_AUTH = { authorization: `Bearer ${TEST_INTAKE_SECRET}` } as const;

export interface ServedRoutes {
  readonly base: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function serveRoutes(routes: Routes, logger: Logger, o: { limits?: ServerLimits; store?: Store; metricsToken?: string } = {}): Promise<ServedRoutes> {
  const store = o.store ?? (await openStore(join(mkdtempSync(join(tmpdir(), 'routes-')), 'bridge.db')));
  const access = { sessionMs: 3600_000, intakeSecret: new Secret(TEST_INTAKE_SECRET), ...(o.metricsToken ? { metricsToken: new Secret(o.metricsToken) } : {}) };
  const server = await startBridgeServer(routes, { store, config: testConfig(), access, clock: systemClock, workClock: systemClock, logger, inventory: new Map() }, 0, '127.0.0.1', o.limits);
  return {
    base: `http://127.0.0.1:${server.port}`, port: server.port,
    close: async () => {
      await server.close();
      if (!o.store) await store.close();
    },
  };
}
