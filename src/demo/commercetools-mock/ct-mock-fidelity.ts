// Places where @labdigital/commercetools-mock 4.4.0 answers differently from commercetools, fixed at
// the mock's HTTP edge so that everything reaching it over HTTP — the bridge, `demo`, tests — sees
// commercetools' behaviour and no adapter carries mock-only branches:
// 1. A cart draft's `lineItems[].supplyChannel` is dropped, so orders from that cart lose the stock pool
//    the bridge routes on. We resolve it and store it on the created cart, as commercetools does.
// 2. `addDelivery` stores the action's `deliveryKey` as `delivery.deliveryKey` instead of `delivery.key`,
//    so the idempotency key never reads back and `addParcelToDelivery` by deliveryKey cannot find it.
// 3. Query endpoints ignore `sort` (the HTTP layer drops it; the storage could sort), so keyset paging
//    by (lastModifiedAt, id) would skip and repeat. We carry `sort` through to the storage.
// 4. Inventory `changeQuantity` sets availableQuantity to the new quantityOnStock, dropping the units
//    reserved by carts and orders; commercetools keeps them reserved (available = quantityOnStock −
//    reserved), and the inventory gateway's writes count on that. Reservations themselves never arise
//    in the mock (it ignores ReserveOnOrder/ReserveOnCart); tests put them into its storage.
// 5. Query strings are parsed with `qs`, which turns a parameter repeated more than 20 times into an
//    object, so `sku in :skus` with 21 or more `var.skus` values silently matches nothing. We re-read
//    repeated `var.*` parameters from the URL as the plain lists commercetools receives.
// Fixes are persisted through the mock's ProjectAPI, so later reads and actions see the fixed resource.
import type {
  Cart,
  CartDraft,
  ChannelResourceIdentifier,
  Delivery,
  InventoryEntry,
  InventoryEntryChangeQuantityAction,
  Order,
} from '@commercetools/platform-sdk';
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

// Resources whose queries honour `sort` after the fix: those the bridge, the demo and tests query.
const SORTABLE = ['order', 'inventory-entry', 'channel', 'product', 'cart', 'shipping-method', 'type', 'store'] as const;
const SORT_VAR = 'var.__fidelitySort';
type QueryFn = (context: unknown, params?: Record<string, unknown>) => Promise<unknown>;

/** @param defaultProjectKey any project: the repositories patched (sort, changeQuantity) are shared by all. */
export function installMockFidelityFixes(mock: CommercetoolsMock, defaultProjectKey: string): void {
  carrySortToStorage(mock, defaultProjectKey);
  keepReservationsOnChangeQuantity(mock, defaultProjectKey);
  keepLongVariableLists(mock);
  mock.app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    if (request.method !== 'POST' || reply.statusCode >= 300 || !payload || typeof payload !== 'object') return payload;
    const route = request.routeOptions.url ?? '';
    const projectKey = (request.params as { projectKey?: string }).projectKey;
    if (!projectKey) return payload;
    if (route === '/:projectKey/carts' || route === '/:projectKey/carts/') {
      return keepSupplyChannels(mock, projectKey, request.body as CartDraft, payload as Cart);
    }
    if (route.startsWith('/:projectKey/orders/')) {
      return keepDeliveryKeys(mock, projectKey, payload as Order);
    }
    return payload;
  });
}

// The HTTP layer passes only expand/where/limit/offset and `var.*` predicate variables on to the
// repository; `sort` rides along as a variable and each repository's query puts it back in place.
function carrySortToStorage(mock: CommercetoolsMock, projectKey: string): void {
  mock.app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (request.method === 'GET' && query && query.sort !== undefined) query[SORT_VAR] = query.sort;
  });
  for (const typeId of SORTABLE) {
    // Typed loosely on purpose: the repositories' query signatures differ only in their result type.
    const repository = mock.project(projectKey).getRepository(typeId) as unknown as { query: QueryFn };
    const query = repository.query.bind(repository);
    repository.query = (context, params = {}) => {
      const { [SORT_VAR]: sort, ...rest } = params;
      return query(context, sort === undefined ? rest : { ...rest, sort });
    };
  }
}

function keepLongVariableLists(mock: CommercetoolsMock): void {
  mock.app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (request.method !== 'GET' || !query || !request.url.includes('var.')) return;
    const params = new URL(request.url, 'http://mock.invalid').searchParams;
    for (const key of new Set(params.keys())) {
      if (!key.startsWith('var.')) continue;
      const values = params.getAll(key);
      query[key] = values.length === 1 ? values[0] : values;
    }
  });
}

// The update handler mutates a working copy of the entry, which the mock then stores with a new version.
function keepReservationsOnChangeQuantity(mock: CommercetoolsMock, projectKey: string): void {
  type Quantities = { -readonly [K in 'quantityOnStock' | 'availableQuantity']: InventoryEntry[K] };
  const repository = mock.project(projectKey).getRepository('inventory-entry') as unknown as { actions: Record<string, unknown> };
  repository.actions.changeQuantity = (_context: unknown, entry: Quantities, { quantity }: InventoryEntryChangeQuantityAction) => {
    const reserved = entry.quantityOnStock - entry.availableQuantity;
    entry.quantityOnStock = quantity;
    entry.availableQuantity = quantity - reserved;
  };
}

async function keepSupplyChannels(mock: CommercetoolsMock, projectKey: string, draft: CartDraft, cart: Cart): Promise<Cart> {
  const drafts = draft.lineItems ?? [];
  if (!drafts.some((line) => line.supplyChannel)) return cart;
  const lineItems = await Promise.all(
    cart.lineItems.map(async (line) => {
      // The mock creates one line per draft line, in order; the sku check guards that assumption.
      const wanted = drafts.find((d) => d.sku === line.variant.sku)?.supplyChannel;
      const id = wanted ? await channelId(mock, projectKey, wanted) : undefined;
      return id ? { ...line, supplyChannel: { typeId: 'channel' as const, id } } : line;
    }),
  );
  const fixed: Cart = { ...cart, lineItems };
  await mock.project(projectKey).unsafeAdd('cart', fixed);
  return fixed;
}

async function keepDeliveryKeys(mock: CommercetoolsMock, projectKey: string, order: Order): Promise<Order> {
  type MockDelivery = Delivery & { deliveryKey?: string };
  const deliveries = (order.shippingInfo?.deliveries ?? []) as MockDelivery[];
  if (!order.shippingInfo || !deliveries.some((d) => d.deliveryKey !== undefined)) return order;
  const fixedDeliveries = deliveries.map(({ deliveryKey, ...delivery }) => ({ ...delivery, key: delivery.key ?? deliveryKey }));
  const fixed: Order = { ...order, shippingInfo: { ...order.shippingInfo, deliveries: fixedDeliveries } };
  // The response may carry expanded references; store the order without them, as the mock would.
  const stored = await mock.project(projectKey).get('order', order.id);
  const storedDeliveries = (stored.shippingInfo?.deliveries ?? []) as MockDelivery[];
  const storedFixed = storedDeliveries.map(({ deliveryKey, ...delivery }) => ({ ...delivery, key: delivery.key ?? deliveryKey }));
  if (stored.shippingInfo) {
    await mock.project(projectKey).unsafeAdd('order', { ...stored, shippingInfo: { ...stored.shippingInfo, deliveries: storedFixed } });
  }
  return fixed;
}

async function channelId(mock: CommercetoolsMock, projectKey: string, ref: ChannelResourceIdentifier): Promise<string | undefined> {
  if (ref.id) return ref.id;
  if (!ref.key) return undefined;
  const channel = await mock.project(projectKey).getRepository('channel').getByKey({ projectKey }, ref.key);
  return channel?.id;
}
