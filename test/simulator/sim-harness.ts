// Shared set-up of the simulator tests: a simulator on 127.0.0.1 port 0, a tiny SP-API client over
// real HTTP, order builders, and ajv validators built from the official models in ../shared (absent
// when the project is checked out alone: the contract tests then skip, saying so).
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { SpApiHttpClient } from '../../src/adapters/amazon/sp-api-http.js';
import { Secret } from '../../src/config/secret.js';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { ManualClock, startAmazonSimulator, type AmazonSimulator, type AmazonSimulatorOptions } from '../../src/simulator/index.js';

export const US = 'ATVPDKIKX0DER';
export const OUTBOUND = '/fba/outbound/2020-07-01';

export const MODELS_DIR = fileURLToPath(new URL('../../../shared/spapi-models', import.meta.url));
export const modelsAvailable = existsSync(join(MODELS_DIR, 'fulfillmentOutbound_2020-07-01.json'));
export const MODELS_MISSING = `../shared/spapi-models is not there (project checked out alone): contract checks against Amazon's models skipped`;

export interface Answer {
  readonly status: number;
  /** Parsed JSON; loosely typed because tests assert answers field by field. */
  readonly json: any;
  readonly headers: Headers;
}

// Just enough of the answers' shapes for assertions (the contract tests check the full shapes).
export interface PackageJson { packageNumber: number; carrierCode: string; trackingNumber: string }
export interface ShipmentItemJson { sellerFulfillmentOrderItemId: string; quantity: number; packageNumber?: number }
export interface ShipmentJson {
  fulfillmentShipmentStatus: string;
  fulfillmentShipmentItem: ShipmentItemJson[];
  fulfillmentShipmentPackage?: PackageJson[];
}
export interface OrderItemJson { sellerFulfillmentOrderItemId: string; unfulfillableQuantity: number; cancelledQuantity: number }
export interface SummaryJson { sellerSku: string; totalQuantity: number; asin: string; inventoryDetails?: { fulfillableQuantity: number } }

export class SpApiTestClient {
  token = '';

  constructor(readonly url: string) {}

  /** Signs in as the seller whose authorisation `refreshToken` is (each seller has buckets of its own). */
  async login(refreshToken = 'Atzr|test'): Promise<void> {
    const res = await fetch(`${this.url}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(refreshToken)}&client_id=amzn1.application-oa2-client.test&client_secret=secret`,
    });
    const body = (await res.json()) as { access_token: string };
    this.token = body.access_token;
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(this.url + path, {
      method,
      headers: { 'content-type': 'application/json', 'x-amz-access-token': this.token, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  async admin(method: string, path: string, body?: unknown): Promise<Answer> {
    return this.call(method, `/_simulator${path}`, body);
  }

  async stock(sellerSku: string, quantity: number, marketplaceId = US): Promise<void> {
    const created = await this.call('POST', '/fba/inventory/v1/items', { sellerSku, marketplaceId, productName: `Product ${sellerSku}` });
    if (created.status !== 200) throw new Error(`createInventoryItem ${created.status} ${JSON.stringify(created.json)}`);
    if (quantity === 0) return;
    const added = await this.call('POST', '/fba/inventory/v1/items/inventory', { inventoryItems: [{ sellerSku, marketplaceId, quantity }] },
      { 'x-amzn-idempotency-token': `stock-${sellerSku}-${quantity}-${Math.floor(performance.now() * 1000)}` });
    if (added.status !== 200) throw new Error(`addInventory ${added.status} ${JSON.stringify(added.json)}`);
  }

  createOrder(request: object): Promise<Answer> {
    return this.call('POST', `${OUTBOUND}/fulfillmentOrders`, request);
  }

  getOrder(id: string): Promise<Answer> {
    return this.call('GET', `${OUTBOUND}/fulfillmentOrders/${encodeURIComponent(id)}`);
  }

  async status(id: string): Promise<string> {
    const answer = await this.getOrder(id);
    return answer.json?.payload?.fulfillmentOrder?.fulfillmentOrderStatus;
  }

  cancel(id: string): Promise<Answer> {
    return this.call('PUT', `${OUTBOUND}/fulfillmentOrders/${encodeURIComponent(id)}/cancel`);
  }

  async fulfillable(sellerSku: string): Promise<{ fulfillable: number; reserved: number; total: number }> {
    const answer = await this.call('GET', `/fba/inventory/v1/summaries?details=true&granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}&sellerSkus=${encodeURIComponent(sellerSku)}`);
    const summary = answer.json?.payload?.inventorySummaries?.[0];
    return {
      fulfillable: summary?.inventoryDetails?.fulfillableQuantity,
      reserved: summary?.inventoryDetails?.reservedQuantity?.totalReservedQuantity,
      total: summary?.totalQuantity,
    };
  }
}

export interface Harness {
  readonly sim: AmazonSimulator;
  readonly clock: ManualClock;
  readonly api: SpApiTestClient;
}

/** A simulator on a free port with a standing-still clock (advance it with sim.advance). */
export async function startHarness(options: Partial<AmazonSimulatorOptions> = {}): Promise<Harness> {
  const clock = new ManualClock('2025-03-03T09:00:00Z');
  const sim = await startAmazonSimulator({ port: 0, host: '127.0.0.1', clock, rateScale: 1000, ...options });
  const api = new SpApiTestClient(sim.url);
  await api.login();
  return { sim, clock, api };
}

/** The bridge's real SP-API HTTP client for a simulator (its own LWA exchange and rate governor). */
export function bridgeHttpClient(url: string, seller = 'test-seller'): SpApiHttpClient {
  return new SpApiHttpClient({
    endpoint: url,
    lwa: { endpoint: `${url}/auth/o2/token`, clientId: `amzn1.application-oa2-client.${seller}`, clientSecret: new Secret('s'), refreshToken: new Secret(`Atzr|${seller}`) },
    governor: new PriorityRateGovernor(),
    seller,
    timeoutMs: 10_000,
  });
}

/** Runs `fn` against a fresh simulator and always closes it. */
export async function withHarness(fn: (h: Harness) => Promise<void>, options: Partial<AmazonSimulatorOptions> = {}): Promise<void> {
  const h = await startHarness(options);
  try {
    await fn(h);
  } finally {
    await h.sim.close();
  }
}

type Lines = ReadonlyArray<readonly [sku: string, quantity: number]>;

export function orderRequest(id: string, lines: Lines, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sellerFulfillmentOrderId: id,
    displayableOrderId: id,
    displayableOrderDate: '2025-03-03T08:59:00Z',
    displayableOrderComment: 'Thank you for your order',
    shippingSpeedCategory: 'Standard',
    marketplaceId: US,
    destinationAddress: { name: 'Jane Doe', addressLine1: '1 Main St', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US' },
    items: lines.map(([sellerSku, quantity], i) => ({ sellerSku, sellerFulfillmentOrderItemId: `${id}-${i + 1}`, quantity })),
    ...extra,
  };
}

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (ajv: Ajv) => Ajv;
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** A validator for `definition` of a model file in ../shared/spapi-models, formats included. */
export function modelValidator(file: string, definition: string): ValidateFunction {
  const key = `${file}#${definition}`;
  let validate = compiled.get(key);
  if (!validate) {
    ajv ??= addFormats(new Ajv({ strict: false, allErrors: true, validateFormats: true }));
    const model = JSON.parse(readFileSync(join(MODELS_DIR, file), 'utf8')) as { definitions: object };
    validate = ajv.compile({ $ref: `#/definitions/${definition}`, definitions: model.definitions });
    compiled.set(key, validate);
  }
  return validate;
}

export function explain(validate: ValidateFunction): string {
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}

export const SUMMARIES = `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}`;

/** Every page of a summaries query, the query resent with each nextToken as the model asks. */
export async function allSummaryPages(api: SpApiTestClient, query: string): Promise<{ summaries: any[]; pages: number }> {
  const summaries: any[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const answer = await api.call('GET', `${SUMMARIES}${query}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    if (answer.status !== 200) throw new Error(`summaries page ${pages + 1}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
    summaries.push(...answer.json.payload.inventorySummaries);
    token = answer.json.pagination?.nextToken;
    pages += 1;
  } while (token && pages < 1000);
  return { summaries, pages };
}

/** One SKU's summary with details, or undefined when the SKU is not listed. */
export async function summaryOf(api: SpApiTestClient, sellerSku: string): Promise<any> {
  const answer = await api.call('GET', `${SUMMARIES}&details=true&sellerSkus=${encodeURIComponent(sellerSku)}`);
  return answer.json?.payload?.inventorySummaries?.[0];
}

/** A local HTTP listener that records the notifications POSTed to it; it can be told to fail. */
export class NotificationListener {
  readonly received: any[] = [];
  /** The Authorization header of every request, in order of arrival (undefined when absent). */
  readonly authorizations: Array<string | undefined> = [];
  /** Requests answered with `failStatus` before the listener accepts again. */
  failuresLeft = 0;
  failStatus = 500;
  attempts = 0;
  #server: Server | undefined;
  url = '';

  static async start(): Promise<NotificationListener> {
    const listener = new NotificationListener();
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        listener.attempts += 1;
        listener.authorizations.push(req.headers.authorization);
        if (listener.failuresLeft > 0) {
          listener.failuresLeft -= 1;
          res.writeHead(listener.failStatus).end();
          return;
        }
        listener.received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    listener.#server = server;
    listener.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events/amazon`;
    return listener;
  }

  /**
   * Notifications of a type in the order the simulator produced them. Deliveries run a few at a time
   * and may arrive out of order (as from SQS); the last 12 hex digits of a NotificationId count them.
   */
  ofType(type: string): any[] {
    return this.received.map((b) => b.detail ?? b).filter((n) => n.NotificationType === type)
      .sort((a, b) => (a.NotificationMetadata.NotificationId < b.NotificationMetadata.NotificationId ? -1 : 1));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}

const notificationValidators = new Map<string, ValidateFunction>();

/**
 * A validator for one of the notification schemas in ../shared/spapi-models (whole-document JSON
 * schemas, not `definitions`). Their `$id`s clash (every file says http://example.com/example.json, and
 * inner ones repeat), so they are stripped first; `change` may adjust the schema, saying why.
 */
export function notificationValidator(file: string, change: (schema: any) => void = () => {}): ValidateFunction {
  let validate = notificationValidators.get(file);
  if (!validate) {
    const schema = stripIds(JSON.parse(readFileSync(join(MODELS_DIR, file), 'utf8')));
    change(schema);
    validate = addFormats(new Ajv({ strict: false, allErrors: true, validateFormats: true })).compile(schema);
    notificationValidators.set(file, validate);
  }
  return validate;
}

function stripIds(value: unknown): any {
  if (Array.isArray(value)) return value.map(stripIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$id' && k !== '$schema').map(([k, v]) => [k, stripIds(v)]));
}
