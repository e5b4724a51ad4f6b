// The Amazon SP-API simulator: an HTTP server that answers like Login with Amazon, Fulfillment
// Outbound 2020-07-01 and FBA Inventory v1 over a simulated warehouse, with Amazon's rate limits and
// deterministic, seeded faults; stock moves with orders, inbound shipments and Amazon's own sales, and
// notifications go to a configured URL. Part of the product: users rehearse peak trading and failures
// on it. See README.md in this folder for the admin API.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { adminRoutes } from './api/admin-routes.js';
import { inventoryRoutes } from './api/inventory-routes.js';
import { AccessTokens, lwaRoutes } from './api/lwa-routes.js';
import { outboundRoutes } from './api/outbound-routes.js';
import { reportsRoutes } from './api/reports-routes.js';
import { DEFAULT_REFUND_RATE, DEFAULT_SETTLEMENT_DAYS, SettlementClerk } from './settlements/settlement-clerk.js';
import { stockAdminRoutes } from './api/stock-admin-routes.js';
import { SummariesTokens } from './api/summaries-tokens.js';
import { FaultInjector } from './http/fault-injector.js';
import { Availability, type AvailabilitySettings } from './http/availability.js';
import { realTimer } from './http/http-io.js';
import { createRequestHandler } from './http/request-pipeline.js';
import { Router } from './http/router.js';
import { OperationRateLimiter } from './http/token-bucket.js';
import { NotificationSender } from './notifications/notification-sender.js';
import { Notifier } from './notifications/notifier.js';
import { SubscriptionOutlet, UrlOutlet, type NotificationOutlet } from './notifications/notification-outlets.js';
import { sqsClientFor } from './notifications/sqs-transport.js';
import { notificationsRoutes } from './api/notifications-routes.js';
import type { SimNotifications } from './api/stock-admin-routes.js';
import { ScaledClock, type SimulatorClock } from './simulator-clock.js';
import {
  checkStockOptions, DEFAULT_SELLER_ID, resolveFaults, type AmazonSimulatorOptions, type FaultOptions, type ResolvedFaults,
} from './simulator-options.js';
import { loadSnapshot, saveSnapshot } from './state-file.js';
import { SimulatorState } from './state/simulator-state.js';
import { Warehouse } from './warehouse/warehouse.js';

export type { AmazonSimulatorOptions, FaultOptions, ResolvedFaults } from './simulator-options.js';
export { describeFaults } from './simulator-options.js';
export type { AvailabilitySettings } from './http/availability.js';
export { ManualClock, ScaledClock, type SimulatorClock } from './simulator-clock.js';
export { SimulatorState } from './state/simulator-state.js';
export type { SimOrder, SimInventoryItem, SimInboundShipment, SimMarketplaceSale } from './state/sim-records.js';
export type { NotifyFormat, NotificationType } from './notifications/notification-json.js';
export { OPERATIONS, usagePlanOf, type OperationName } from './http/usage-plans.js';

export interface AmazonSimulator {
  /** Base URL, e.g. http://127.0.0.1:4010 — use it as the SP-API endpoint and the LWA endpoint. */
  readonly url: string;
  readonly port: number;
  /** Orders, inventory and request counters, live. */
  readonly state: SimulatorState;
  readonly clock: SimulatorClock;
  readonly seed: number;
  readonly rateScale: number;
  /** Moves simulated time forward and lets the warehouse catch up. */
  advance(seconds: number): void;
  faults(): ResolvedFaults;
  /** Changes fault settings at run time; throws RangeError on bad values. */
  setFaults(change: FaultOptions): ResolvedFaults;
  /** Outages and credential trouble on demand (fields not given keep their value). */
  setAvailability(change: Partial<AvailabilitySettings>): AvailabilitySettings;
  /** Resolves once every notification produced so far was delivered or given up (at once without notifyUrl or sqsEndpoint). */
  notificationsIdle(): Promise<void>;
  /** Stops listening, drops open and held connections, writes the state file if configured. */
  close(): Promise<void>;
}

export async function startAmazonSimulator(options: AmazonSimulatorOptions): Promise<AmazonSimulator> {
  const seed = options.seed ?? 1;
  const rateScale = options.rateScale ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(rateScale > 0) || !Number.isFinite(rateScale)) throw new RangeError(`rateScale must be a positive number, got ${rateScale}`);
  let faults = resolveFaults(options.faults);
  checkStockOptions(options);
  const realNow = options.realNow ?? Date.now;

  const state = new SimulatorState();
  const snapshot = options.stateFile ? await loadSnapshot(options.stateFile) : undefined;
  if (snapshot) state.restore(snapshot);
  const startMs = snapshot?.simNowMs ?? (typeof options.startTime === 'string' ? Date.parse(options.startTime) : options.startTime);
  if (startMs !== undefined && Number.isNaN(startMs)) throw new RangeError(`startTime is not a date: ${String(options.startTime)}`);
  const clock = options.clock ?? new ScaledClock({ timeScale: options.timeScale ?? 1, realNow, ...(startMs !== undefined ? { startMs } : {}) });

  const warehouse = new Warehouse({
    seed, state, clock, stuckRate: () => faults.stuckRate, marketplaceSalesPerHour: options.marketplaceSalesPerHour ?? 0,
  });
  const clerk = new SettlementClerk({
    seed, state, periodDays: options.settlementDays ?? DEFAULT_SETTLEMENT_DAYS, refundRate: options.refundRate ?? DEFAULT_REFUND_RATE,
  }, clock.now());
  const notifications = options.notifyUrl || options.sqsEndpoint ? startNotifications(options, seed, warehouse, clerk, clock.now()) : undefined;
  warehouse.observe({ caughtUp: (now) => void clerk.catchUp(now) });
  const injector = new FaultInjector(seed, () => faults);
  const faultControl = {
    get: () => faults,
    set: (change: FaultOptions) => (faults = resolveFaults(change, faults)),
  };
  const tokens = new AccessTokens(seed, realNow);
  const availability = new Availability(() => tokens.revokeAll());
  const limiter = new OperationRateLimiter(rateScale, realNow);
  const router = new Router([
    ...lwaRoutes(tokens, availability),
    ...outboundRoutes(warehouse),
    ...inventoryRoutes(warehouse, new SummariesTokens(seed, realNow)),
    ...adminRoutes({ warehouse, clock, seed, rateScale, faults: faultControl, injector, limiter, availability }),
    ...stockAdminRoutes(warehouse, notifications),
    ...reportsRoutes({ seed, warehouse, clerk, realNow }),
    ...notificationsRoutes(seed, state),
  ]);
  const held = new Set<Socket>();
  const server = createServer(createRequestHandler({
    seed, router, warehouse, tokens, injector, held, limiter, availability,
    timeoutMs: () => faults.timeoutMs, timer: options.realTimer ?? realTimer,
  }));
  // Notifications are due as simulated time passes, not only when someone calls: look every second.
  const ticker = notifications ? setInterval(() => warehouse.advance(), 1000) : undefined;
  ticker?.unref();

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    state,
    clock,
    seed,
    rateScale,
    advance(seconds) {
      clock.advance(seconds);
      warehouse.advance();
    },
    faults: () => faults,
    setFaults: faultControl.set,
    setAvailability: (change) => availability.set(change),
    notificationsIdle: async () => {
      await notifications?.url?.idle();
      await notifications?.subscriptions?.idle();
    },
    close() {
      closing ??= (async () => {
        if (ticker) clearInterval(ticker);
        notifications?.url?.close();
        notifications?.subscriptions?.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of held) socket.destroy();
        server.closeAllConnections();
        await stopped;
        if (options.stateFile) await saveSnapshot(options.stateFile, state.toSnapshot(warehouse.advance()));
      })();
      return closing;
    },
  };
}

function startNotifications(options: AmazonSimulatorOptions, seed: number, warehouse: Warehouse, clerk: SettlementClerk, startMs: number): SimNotifications {
  const retries = options.notifyRetryDelaysMs ? { retryDelaysMs: options.notifyRetryDelaysMs } : {};
  const url = options.notifyUrl ? new UrlOutlet(new NotificationSender({ url: options.notifyUrl, ...(options.notifySecret ? { bearerSecret: options.notifySecret } : {}), ...retries }), options.notifyFormat ?? 'sqs') : undefined;
  const subscriptions = options.sqsEndpoint
    ? new SubscriptionOutlet(warehouse.state, sqsClientFor(options.sqsEndpoint, options.sqsRegion), options.notifyRetryDelaysMs)
    : undefined;
  const outlets: NotificationOutlet[] = [...(url ? [url] : []), ...(subscriptions ? [subscriptions] : [])];
  const notifier = new Notifier({
    seed, warehouse, clerk, outlets, runKey: startMs, sellerId: options.sellerId ?? DEFAULT_SELLER_ID,
  });
  return { notifier, ...(url ? { url } : {}), ...(subscriptions ? { subscriptions } : {}) };
}
