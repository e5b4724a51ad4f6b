// The simulator's own admin API under /_simulator/ (not part of SP-API; no access token, no rate
// limits, no faults). It lets tests and people see and steer the simulated Amazon: state and clock,
// every order in full with how many create requests named it, run-time fault settings.
// Documented in src/simulator/README.md.
import type { FaultInjector } from '../http/fault-injector.js';
import type { Availability } from '../http/availability.js';
import { json, type Route, type SimResponse } from '../http/route.js';
import type { OperationRateLimiter } from '../http/token-bucket.js';
import type { SimulatorClock } from '../simulator-clock.js';
import type { FaultOptions, ResolvedFaults } from '../simulator-options.js';
import type { SimOrder } from '../state/sim-records.js';
import { isoSeconds } from '../time-format.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { getFulfillmentOrderPayload } from './fulfillment-order-json.js';
import { inboundJson, saleJson } from './stock-admin-routes.js';

export interface AdminDeps {
  readonly warehouse: Warehouse;
  readonly clock: SimulatorClock;
  readonly seed: number;
  readonly rateScale: number;
  readonly faults: { get(): ResolvedFaults; set(change: FaultOptions): ResolvedFaults };
  readonly injector: FaultInjector;
  readonly limiter: OperationRateLimiter;
  readonly availability: Availability;
}

const PREFIX = '/_simulator';
const badRequest = (message: string): SimResponse => json(400, { error: message });

export function adminRoutes(deps: AdminDeps): Route[] {
  const { warehouse, clock } = deps;
  const state = warehouse.state;

  const summary = () => ({
    clock: { now: new Date(clock.now()).toISOString(), timeScale: clock.timeScale },
    seed: deps.seed,
    rateScale: deps.rateScale,
    faults: deps.faults.get(),
    availability: deps.availability.get(),
    counts: {
      orders: state.orders.size,
      ordersByStatus: state.ordersByStatus(),
      activeOrders: state.active.size,
      stuckOrders: [...state.orders.values()].filter((o) => o.status === 'Planning' && o.nextEventAt === null).length,
      createRequests: [...state.createRequests.values()].reduce((a, b) => a + b, 0),
      inventoryItems: state.inventory.size,
      packages: state.packages.size,
      injectedFaults: deps.injector.log.length,
      /** 429s because a bucket was empty (a client pacing itself by the header sees none). */
      throttledByOperation: Object.fromEntries(deps.limiter.throttled),
      throttledBySeller: Object.fromEntries(deps.limiter.throttledBySeller),
      openInboundShipments: [...state.inbound.values()].filter((s) => s.stage !== 'CLOSED').length,
      pendingMarketplaceSales: state.marketplaceSales.size,
      unitsSoldOnMarketplace: state.counters.unitsSoldOnMarketplace,
      notifications: state.counters.notifications,
    },
  });

  const orderDetail = (order: SimOrder) => ({
    sellerFulfillmentOrderId: order.sellerFulfillmentOrderId,
    displayableOrderId: order.displayableOrderId,
    status: order.status,
    /** Simulated epoch ms, unrounded (Amazon's own dates are whole seconds): for benchmarks. */
    receivedAtMs: order.receivedAt,
    createRequests: state.createRequests.get(order.sellerFulfillmentOrderId) ?? 0,
    cancelRequests: order.cancelRequests,
    stuck: order.plan.stuck,
    lastChangedDate: isoSeconds(order.lastChangedAt),
    nextEventDate: order.nextEventAt === null ? null : isoSeconds(order.nextEventAt),
    items: order.items,
    history: order.history.map((h) => ({ ...h, at: isoSeconds(h.at) })),
    amazon: getFulfillmentOrderPayload(order, (sku) => warehouse.ledger.get(sku)),
  });

  return [
    { method: 'GET', pattern: `${PREFIX}/state`, handle: () => json(200, summary()) },
    {
      method: 'POST', pattern: `${PREFIX}/advance`,
      handle(request) {
        const seconds = (request.body as { seconds?: unknown } | undefined)?.seconds;
        if (typeof seconds !== 'number' || !(seconds >= 0) || !Number.isFinite(seconds)) return badRequest('body must be {"seconds": <number ≥ 0>}');
        clock.advance(seconds);
        warehouse.advance();
        return json(200, summary());
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/orders`,
      handle() {
        const withoutOrder = [...state.createRequests].filter(([id]) => !state.orders.has(id));
        return json(200, {
          orders: [...state.orders.values()].map(orderDetail),
          // Ids some create named but that Amazon never stored (refused, or faulted before storing).
          createRequestsWithoutOrder: Object.fromEntries(withoutOrder),
        });
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/orders/{sellerFulfillmentOrderId}`,
      handle(request) {
        const order = state.orders.get(request.params.sellerFulfillmentOrderId ?? '');
        return order ? json(200, orderDetail(order)) : json(404, { error: `no order ${request.params.sellerFulfillmentOrderId}` });
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/inventory`,
      handle: () => json(200, {
        items: [...state.inventory.values()],
        inbound: [...state.inbound.values()].filter((s) => s.stage !== 'CLOSED').map(inboundJson),
        marketplaceSales: {
          perHour: warehouse.stock.marketplaceSalesPerHour,
          unitsSold: state.counters.unitsSoldOnMarketplace,
          awaitingShipment: [...state.marketplaceSales.values()].map(saleJson),
        },
      }),
    },
    { method: 'GET', pattern: `${PREFIX}/availability`, handle: () => json(200, { availability: deps.availability.get() }) },
    {
      method: 'POST', pattern: `${PREFIX}/availability`,
      handle(request) {
        if (typeof request.body !== 'object' || request.body === null) return badRequest('body must be a JSON object, e.g. {"spApiDown": true} or {"credentialsRevoked": true}');
        try {
          return json(200, { availability: deps.availability.set(request.body as Record<string, unknown>) });
        } catch (error) {
          return badRequest(error instanceof Error ? error.message : String(error));
        }
      },
    },
    { method: 'GET', pattern: `${PREFIX}/faults`, handle: () => json(200, { faults: deps.faults.get(), injected: deps.injector.log.slice(-100) }) },
    {
      method: 'POST', pattern: `${PREFIX}/faults`,
      handle(request) {
        if (typeof request.body !== 'object' || request.body === null) return badRequest('body must be a JSON object of fault settings');
        try {
          return json(200, { faults: deps.faults.set(request.body as FaultOptions) });
        } catch (error) {
          return badRequest(error instanceof Error ? error.message : String(error));
        }
      },
    },
  ];
}
