// What the console's routes share: the store, the configuration, both clocks, the inventory runners,
// and who is asking (the principal a session cookie or an API token names).
import type { BridgeConfig } from '../../config/bridge-config.js';
import type { AccessSettings } from '../../config/access-schema.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { Store } from '../../ports/store.js';
import type { DependencyStatusSource } from '../../ports/dependency-status.js';
import type { Role } from '../../domain/access/roles.js';
import type { InventorySyncRunner } from '../../flows/inventory/inventory-sync-runner.js';

export interface ConsoleContext {
  readonly store: Store;
  readonly config: BridgeConfig;
  readonly access: AccessSettings;
  /** Business time (the demo's may run fast): what the views compare ages with. */
  readonly clock: Clock;
  /** Real time: sessions, tokens, the audit of console actions. */
  readonly workClock: Clock;
  readonly logger: Logger;
  readonly inventory: ReadonlyMap<string, InventorySyncRunner>;
  /** How the dependencies answered lately (the circuits): the Overview's verdicts read it as /health does. */
  readonly dependencies?: DependencyStatusSource;
}

export interface Principal {
  /** The person's email, or `token:<id>` for an API token. */
  readonly name: string;
  readonly role: Role;
  readonly via: 'session' | 'token';
  /** The session's stored hash (sign-out deletes it). */
  readonly sessionHash?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

// The plugins' request/reply decorations (cookies, CSRF, rate-limit route config) for every console file.
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/rate-limit';

export const SESSION_COOKIE = 'fba_session';
