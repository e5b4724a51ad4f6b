// OrderFlowDeps put together as src/app/bridge-runtime.ts does (connectFlows), with the real SQLite
// store in memory, the in-memory commercetools and Amazon, and fixed clocks; plus storefront orders
// and work items to feed the flows.
import { openStore } from '../../../src/adapters/store/open-store.js';
import type { StorefrontLineItem, StorefrontOrder } from '../../../src/domain/orders/storefront-order.js';
import { DEFAULT_ROUTING, type RoutingConfig } from '../../../src/domain/orders/routing.js';
import { sellerFulfillmentOrderIdFor } from '../../../src/domain/orders/seller-fulfillment-order-id.js';
import { KnownSkuCache } from '../../../src/flows/orders/known-sku-cache.js';
import type { OrderFlowDeps } from '../../../src/flows/orders/order-flow-types.js';
import { AmazonLookMemory } from '../../../src/flows/shipments/amazon-look-memory.js';
import type { Store, WorkItem, WorkKind } from '../../../src/ports/store.js';
import { RecordingLogger } from '../../engine/recording-logger.js';
import { FakeCommercetoolsOrders } from './fake-commercetools-orders.js';
import { FakeAmazonFulfillment, FakeAmazonInventory } from './fake-amazon-fulfillment.js';
import { FixedClock, T0 } from './fixed-clock.js';

export const CONNECTION = 'shop-eu';
export const MARKETPLACE = 'A1PA6795UKMFR9';
export const STOCKED_SKUS = ['MUG-RED', 'MUG-BLUE', 'TEE-M'] as const;
export const HOUR = 3600_000;

export interface OrderFlowWorld {
  readonly deps: OrderFlowDeps;
  readonly store: Store;
  readonly ct: FakeCommercetoolsOrders;
  readonly amazon: FakeAmazonFulfillment;
  readonly inventory: FakeAmazonInventory;
  /** Business time. */
  readonly clock: FixedClock;
  /** Work-queue time. */
  readonly workClock: FixedClock;
  readonly logger: RecordingLogger;
  close(): Promise<void>;
}

export interface WorldOptions {
  readonly routing?: RoutingConfig;
  readonly stuckInPlanningMs?: number;
}

export async function orderFlowWorld(options: WorldOptions = {}): Promise<OrderFlowWorld> {
  const store = await openStore(':memory:');
  const clock = new FixedClock(T0);
  const workClock = new FixedClock(T0);
  const logger = new RecordingLogger();
  const ct = new FakeCommercetoolsOrders(clock);
  const amazon = new FakeAmazonFulfillment(clock);
  const inventory = new FakeAmazonInventory(STOCKED_SKUS);
  await store.connections.upsert({ id: CONNECTION, name: CONNECTION, ctProjectKey: 'shop', marketplaceId: MARKETPLACE, sellerKey: 'seller-1' }, T0);
  const deps: OrderFlowDeps = {
    connectionId: CONNECTION,
    marketplaceId: MARKETPLACE,
    routing: options.routing ?? DEFAULT_ROUTING,
    store,
    commercetools: ct,
    amazon,
    knownSkus: new KnownSkuCache(inventory, MARKETPLACE, () => workClock.now().getTime()),
    clock,
    workClock,
    logger: logger.child({ connection: CONNECTION }),
    stuckInPlanningMs: options.stuckInPlanningMs ?? 24 * HOUR,
    amazonLooks: new AmazonLookMemory(),
  };
  return { deps, store, ct, amazon, inventory, clock, workClock, logger, close: () => store.close() };
}

let lineSeq = 0;

export function line(sku: string | undefined, quantity = 1, extra: Partial<StorefrontLineItem> = {}): StorefrontLineItem {
  lineSeq++;
  return {
    id: `0000000${lineSeq}`.slice(-8) + '-1111-4111-8111-111111111111', name: `Product ${sku ?? 'without SKU'}`, quantity,
    ...(sku === undefined ? {} : { sku }),
    unitPrice: { centAmount: 1999, currencyCode: 'EUR', fractionDigits: 2 },
    ...extra,
  };
}

let orderSeq = 0;

/** An FBA-bound (fba-standard), valid, open order with one stocked line, unless told otherwise. */
export function storefrontOrder(overrides: Partial<StorefrontOrder> = {}): StorefrontOrder {
  orderSeq++;
  return {
    id: `9b2f6c1e-0000-4000-8000-${String(orderSeq).padStart(12, '0')}`, version: 1, orderNumber: `1000${orderSeq}`,
    createdAt: new Date(T0 - HOUR).toISOString(), lastModifiedAt: new Date(T0 - HOUR).toISOString(),
    orderState: 'Open', shippingMethodKey: 'fba-standard', customerEmail: 'erika@example.com',
    shippingAddress: {
      firstName: 'Erika', lastName: 'Mustermann', streetName: 'Hauptstraße', streetNumber: '5',
      postalCode: '10115', city: 'Berlin', country: 'DE', phone: '+49 30 1234567',
    },
    totalPrice: { centAmount: 1999, currencyCode: 'EUR', fractionDigits: 2 },
    lineItems: [line('MUG-RED', 1)],
    deliveries: [], fields: {},
    ...overrides,
  };
}

/** The id the bridge will send the order under. */
export function fbaIdOf(order: StorefrontOrder): string {
  return sellerFulfillmentOrderIdFor(order);
}

/** A claimed work item as the runner hands it to a flow. */
export function workItem(kind: WorkKind, subjectId: string, priority: number, attempts = 1): WorkItem {
  return {
    id: 1, connectionId: CONNECTION, kind, subjectId, priority, state: 'leased', attempts, runAt: T0,
    leaseOwner: 'test-worker', leaseExpiresAt: T0 + 60_000, lastError: null, createdAt: T0, updatedAt: T0,
  };
}
