// The storefront side of a rehearsal: places the profile's order curve in commercetools (speed and
// kind mix, sold-out SKUs turned away), Amazon's own marketplace sales, inbound arrivals and the
// profile's faults, sampling the backlog as it goes.
import type { Order } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';
import { createDemoOrder } from '../seeders/demo-orders.js';
import { SeededRandom } from '../../simulator/seeded-random.js';
import { kindFor, orderRate, PROFILE, SHIPPING_METHOD_OF, speedFor, within, type OrderKind, type Speed } from './rehearsal-profile.js';
import type { BacklogSample, Observations } from './rehearsal-result.js';
import type { StorefrontStock } from './storefront-stock.js';
import type { StockProbes } from './stock-probes.js';
import type { RehearsalOptions } from './run-rehearsal.js';
import { getJson, postJson, sleep } from './rehearsal-http.js';

export const CHANNELS = ['fba-eu', 'fba-eu-b2b'] as const;
export const SELLING = ['KTL-1700-BLK', 'FRP-350-STL', 'GRN-BURR-01', 'MUG-CER-2PK', 'BTL-750-INS', 'LNC-BOX-BMB', 'YGA-MAT-6MM'];
/** Selling SKUs with little stock: they sell out and are restocked by inbound shipments. */
export const SCARCE = new Set(['LNC-BOX-BMB', 'YGA-MAT-6MM']);
export const MERCHANT_SKU = 'CND-SOY-LAV';
export interface Driven {
  readonly startedMs: number;
  readonly endedMs: number;
  /** The bridge's CPU in ms when the first order was placed (see readCpuMs); null when it cannot be read. */
  readonly cpuStart: number | null;
  readonly placed: Observations['placed'] extends ReadonlyArray<infer T> ? T[] : never;
  readonly idByNumber: Map<string, string>;
  readonly declinedSoldOut: number;
  readonly backlog: BacklogSample[];
  readonly faults: Array<{ what: string; fromSeconds: number; toSeconds: number }>;
  readonly inboundUnits: number;
}

export async function driveStorefront(
  o: RehearsalOptions, api: CommercetoolsApi, simUrl: string,
  proxy: { setReachable(r: boolean): void }, stock: StorefrontStock, probes: StockProbes, readCpuMs: () => Promise<number | null>,
  announce: (order: Order) => void,
): Promise<Driven> {
  const profile = PROFILE[o.profile];
  // The same seed, the same storefront.
  const rng = new SeededRandom(o.seed);
  const random = () => rng.next();
  const durationMs = o.minutes * 60_000;
  const placed: Driven['placed'] = [];
  const idByNumber = new Map<string, string>();
  const backlog: BacklogSample[] = [];
  const faults: Driven['faults'] = [];
  let declinedSoldOut = 0;
  let inboundUnits = 0;
  let due = 0;
  let n = 0;
  const inFlight = new Set<Promise<void>>();
  let errors = 0;

  const placeOne = async (): Promise<void> => {
    const number = `R-${String(100000 + n++)}`;
    const kind: OrderKind = kindFor(random());
    const speed: Speed = speedFor(random());
    const sku = SELLING[Math.min(SELLING.length - 1, Math.floor(random() ** 1.5 * SELLING.length))]!;
    const quantity = 1 + Math.floor(random() * 2);
    const channel = random() < 0.65 ? CHANNELS[0] : CHANNELS[1];
    if (kind !== 'merchant' && stock.available(sku, channel) < quantity) {
      declinedSoldOut++;
      return;
    }
    const fbaLines = kind === 'merchant' ? [] : [{ sku, quantity, supplyChannelKey: channel }];
    const localLines = kind === 'fba' ? [] : [{ sku: MERCHANT_SKU, quantity: 1, supplyChannelKey: 'warehouse-berlin' }];
    if (kind !== 'merchant') stock.sold(sku, channel, quantity, Date.now());
    const order = await createDemoOrder(api, {
      orderNumber: number, customerEmail: 'peak@example.com', shippingMethodKey: kind === 'merchant' ? 'dhl-home' : SHIPPING_METHOD_OF[speed],
      shippingAddress: { firstName: 'Ada', lastName: 'Rehearsal', streetName: 'Torstraße', streetNumber: '1', postalCode: '10119', city: 'Berlin', country: 'DE' },
      lines: [...fbaLines, ...localLines],
    });
    idByNumber.set(number, order.id);
    announce(order);
    placed.push({ id: order.id, createdMs: Date.parse(order.createdAt), speed, kind, fbaUnits: kind === 'merchant' ? 0 : quantity });
  };

  const startedMs = Date.now();
  // The bridge's CPU from the first order on: its start-up (compiling, migrations, first sync) is not per order.
  const cpuStart = await readCpuMs();
  let lastTick = startedMs;
  let lastSample = 0;
  let lastRefresh = 0;
  let lastProbe = 0;
  let nextInbound = 0.15;
  let amazonDown = false;
  let ctDown = false;

  const sample = async (t: number) => {
    const state = await getJson<{ counts: { orders: number } }>(`${simUrl}/_simulator/state`);
    backlog.push({ t: Math.round(t / 100) / 10, placedFba: placed.filter((p) => p.kind !== 'merchant').length, atAmazon: state.counts.orders });
  };

  for (;;) {
    const now = Date.now();
    const t = now - startedMs;
    const progress = t / durationMs;
    const curve = progress < 1;
    if (curve) {
      due += (orderRate(profile, o.steadyRate, progress) * (now - lastTick)) / 1000;
      while (due >= 1 && inFlight.size < 16) {
        due -= 1;
        const p = placeOne().catch(() => { errors++; }).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      // Amazon's own customers buy the same SKUs at half the storefront's pace.
      if (random() < (orderRate(profile, o.steadyRate, progress) * 0.5 * (now - lastTick)) / 1000) {
        const sku = SELLING[Math.floor(random() * SELLING.length)]!;
        await postJson(`${simUrl}/_simulator/marketplace-sale`, { sellerSku: sku, quantity: 1 }).catch(() => undefined);
      }
      if (progress >= nextInbound) {
        nextInbound += 0.25;
        for (const sku of SCARCE) {
          await postJson(`${simUrl}/_simulator/inbound`, { sellerSku: sku, quantity: 30, arriveAfterSeconds: 60 });
          inboundUnits += 30;
        }
      }
      const amazonShouldBeDown = within(profile.amazonDown, progress);
      if (amazonShouldBeDown !== amazonDown) {
        amazonDown = amazonShouldBeDown;
        await postJson(`${simUrl}/_simulator/faults`, { faultRate: amazonDown ? 1 : 0 });
        o.say(amazonDown ? 'outage: Amazon answers 5xx to every SP-API call' : 'outage over: Amazon answers again');
        if (amazonDown) faults.push({ what: 'Amazon answers 5xx', fromSeconds: t / 1000, toSeconds: t / 1000 });
        else faults[faults.length - 1] = { ...faults[faults.length - 1]!, toSeconds: t / 1000 };
      }
      const ctShouldBeDown = within(profile.commercetoolsDown, progress);
      if (ctShouldBeDown !== ctDown) {
        ctDown = ctShouldBeDown;
        proxy.setReachable(!ctDown);
        o.say(ctDown ? 'outage: commercetools unreachable for the bridge' : 'outage over: commercetools reachable again');
        if (ctDown) faults.push({ what: 'commercetools unreachable', fromSeconds: t / 1000, toSeconds: t / 1000 });
        else faults[faults.length - 1] = { ...faults[faults.length - 1]!, toSeconds: t / 1000 };
      }
      if (now - lastProbe >= 5_000) {
        lastProbe = now;
        await probes.change();
      }
    }
    lastTick = now;
    if (now - lastRefresh >= 1_000) {
      lastRefresh = now;
      await stock.refresh().catch(() => undefined);
      probes.observe(stock);
    }
    if (now - lastSample >= 2_000) {
      lastSample = now;
      await sample(t);
      const last = backlog[backlog.length - 1]!;
      if (!curve) {
        const drained = last.atAmazon >= last.placedFba && probes.inFlight === 0;
        if (drained || t > durationMs + Math.max(30_000, durationMs / 2)) break;
      }
      if (Math.round(t / 1000) % 10 < 2) o.say(`  ${Math.round(t / 1000)} s: ${placed.length} orders placed (${declinedSoldOut} turned away: sold out), ${last.atAmazon} at Amazon, backlog ${Math.max(0, last.placedFba - last.atAmazon)}`);
    }
    await sleep(100);
  }
  await Promise.all(inFlight);
  probes.finish();
  if (errors > 0) o.say(`${errors} storefront orders could not be placed (commercetools-mock refused them)`);
  return { startedMs, endedMs: Date.now(), cpuStart, placed, idByNumber, declinedSoldOut, backlog, faults, inboundUnits };
}
