// A console on loopback for tests: the real store (SQLite file or PostgreSQL schema), the bridge's
// Fastify server with the bridge routes and the console, one account per role, and a small HTTP client
// that keeps cookies and reads CSRF tokens off the pages like a browser does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { Store } from '../../src/ports/store.js';
import type { Clock } from '../../src/ports/clock.js';
import { systemClock } from '../../src/ports/clock.js';
import type { BridgeConfig } from '../../src/config/bridge-config.js';
import type { AccessSettings } from '../../src/config/access-schema.js';
import { Secret } from '../../src/config/secret.js';
import { DEFAULT_ROUTING } from '../../src/domain/orders/routing.js';
import { bridgeRoutes } from '../../src/http/bridge-routes.js';
import { startBridgeServer, type BridgeServer } from '../../src/http/server/bridge-server.js';
import { addLocalUser } from '../../src/actions/people.js';
import { ROLES, type Role } from '../../src/domain/access/roles.js';
import type { InventorySyncRunner } from '../../src/flows/inventory/inventory-sync-runner.js';
import { FakeRateGovernor } from './fakes/fake-rate-governor.js';
import { RecordingLogger } from '../engine/recording-logger.js';

export const PASSWORD = 'a-long-test-password';
export const INTAKE_SECRET = 'intake-secret-for-tests-0123456789';
export const emailOf = (role: Role) => `${role}@example.com`;

export interface ConsoleWorld {
  readonly store: Store;
  readonly server: BridgeServer;
  readonly base: string;
  readonly logger: RecordingLogger;
  close(): Promise<void>;
}

export interface ConsoleWorldOptions {
  readonly store?: Store;
  readonly access?: Partial<AccessSettings>;
  readonly config?: Partial<BridgeConfig>;
  readonly clock?: Clock;
  readonly inventory?: ReadonlyMap<string, InventorySyncRunner>;
  readonly connectionId?: string;
}

export function testConfig(connectionId = 'shop'): BridgeConfig {
  return {
    connections: [{
      id: connectionId,
      commercetools: { projectKey: `${connectionId}-project`, clientId: 'c', clientSecret: new Secret('s'), authUrl: 'http://127.0.0.1:9/auth', apiUrl: 'http://127.0.0.1:9/api', scopes: [] },
      amazon: { endpoint: 'http://127.0.0.1:9', lwaEndpoint: 'http://127.0.0.1:9/lwa', lwaClientId: 'l', lwaClientSecret: new Secret('s'), refreshToken: new Secret('r'), marketplaceId: 'A1PA6795UKMFR9', sellerKey: 'seller-1', timeoutMs: 20_000 },
      routing: DEFAULT_ROUTING,
    }],
    databaseUrl: new Secret(':memory:'), port: 0, logLevel: 'warn', setupOnStart: false,
    engine: { concurrency: 1, maxAttempts: 3, leaseMs: 60_000, fbaPollMs: 60_000, ctPollMs: 60_000, stuckInPlanningMs: 86_400_000 },
  };
}

export async function startConsoleWorld(o: ConsoleWorldOptions = {}): Promise<ConsoleWorld> {
  const store = o.store ?? (await openStore(join(mkdtempSync(join(tmpdir(), 'console-')), 'bridge.db')));
  const connectionId = o.connectionId ?? 'shop';
  await store.connections.upsert({ id: connectionId, name: connectionId, ctProjectKey: `${connectionId}-project`, marketplaceId: 'A1PA6795UKMFR9', sellerKey: 'seller-1' }, Date.now());
  for (const role of ROLES) {
    const added = await addLocalUser(store, emailOf(role), role, PASSWORD, Date.now());
    if (!added.ok) throw new Error(added.error);
  }
  const config = { ...testConfig(connectionId), ...o.config };
  const logger = new RecordingLogger();
  const access: AccessSettings = { sessionMs: 3600_000, intakeSecret: new Secret(INTAKE_SECRET), ...o.access };
  const routes = bridgeRoutes({ store, governor: new FakeRateGovernor(), config, workClock: systemClock, logger, wake: () => {} });
  const server = await startBridgeServer(routes, {
    store, config, access, clock: o.clock ?? systemClock, workClock: systemClock, logger, inventory: o.inventory ?? new Map(),
  }, 0, '127.0.0.1');
  return {
    store, server, logger, base: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      if (!o.store) await store.close();
    },
  };
}

/** A cookie-keeping client: what a browser does, minus the rendering. */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (k) this.cookies.set(k.trim(), v.join('='));
    }
    return res;
  }

  /** The CSRF token of a page's forms (and the cookie that goes with it). */
  async csrf(path = '/login'): Promise<string> {
    const text = await (await this.request(path)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path}`);
    return token;
  }

  async form(path: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  }

  async signIn(email: string, password = PASSWORD): Promise<Response> {
    return this.form('/login', { email, password, _csrf: await this.csrf('/login') });
  }
}
