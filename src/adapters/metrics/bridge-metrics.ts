// The bridge's Prometheus metrics (prom-client), one registry per runtime so tests can run several.
// Counters and histograms are fed as things happen; the gauges are set from the shared evaluation and
// the status report at each scrape. Every name here is listed in docs/monitoring (a test checks both).
// Docs: https://github.com/siimots/prom-client
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FlowMetrics } from '../../ports/flow-metrics.js';
import type { AuditInput, RaiseExceptionInput } from '../../ports/store.js';
import type { BucketSnapshot } from '../../ports/rate-governor.js';
import type { ConnectionStatus } from '../../reports/status-report.js';
import type { ConnectionEvaluation } from '../../reports/bridge-evaluation.js';
import type { AlertRecord } from '../../ports/alert-store.js';
import { gaugeSnapshot } from './metric-gauges.js';

// Seconds: from a few seconds (events) to a day (orders held, shipments written back by the sweep).
const ROUND_TRIP_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600];

export interface BridgeMetricsOptions {
  /**
   * Also serve Node's process metrics under prom-client's standard names (process_cpu_seconds_total,
   * process_resident_memory_bytes, nodejs_eventloop_lag_seconds, …), as the running bridge does. Off by
   * default: each registry with them watches garbage collection, which tests creating many do not need.
   */
  readonly processMetrics?: boolean;
}

export class BridgeMetrics implements FlowMetrics {
  readonly registry = new Registry();
  readonly #ordersSent = this.counter('fba_bridge_orders_sent_total', 'Orders created (or adopted) at Amazon', ['connection']);
  readonly #deliveriesWritten = this.counter('fba_bridge_deliveries_written_total', 'Deliveries (Amazon shipments) written to commercetools orders', ['connection']);
  readonly #inventoryWrites = this.counter('fba_bridge_inventory_writes_total', 'Inventory entry writes to commercetools', ['connection']);
  readonly #spApiCalls = this.counter('fba_bridge_sp_api_calls_total', 'SP-API calls by operation and outcome', ['operation', 'outcome']);
  readonly #ctCalls = this.counter('fba_bridge_commercetools_calls_total', 'commercetools HTTP calls by operation and outcome', ['connection', 'operation', 'outcome']);
  readonly #exceptions = this.counter('fba_bridge_exceptions_raised_total', 'Exceptions raised (or raised again) by type and owner team', ['type', 'owner']);
  readonly #alerts = this.counter('fba_bridge_alerts_total', 'Alert notices by rule, team and event (raised, reminder, resolved)', ['rule', 'team', 'event']);
  readonly #deliveries = this.counter('fba_bridge_alert_deliveries_total', 'Alert deliveries by channel and outcome', ['channel', 'outcome']);
  readonly #orderAccept = this.histogram('fba_bridge_order_accept_seconds', 'From order created in commercetools to accepted by Amazon');
  readonly #trackingWriteback = this.histogram('fba_bridge_tracking_writeback_seconds', 'From Amazon shipment to tracking written to commercetools');
  readonly #inventoryPropagation = this.histogram('fba_bridge_inventory_propagation_seconds', 'From FBA stock read to commercetools inventory write');
  // The governor counts 429s; the counter is set to its count at each scrape.
  readonly #throttled = this.counter('fba_bridge_throttled_total', '429 answers per SP-API operation', ['seller', 'operation']);
  readonly #gauges = new Map<string, Gauge>();

  constructor(options: BridgeMetricsOptions = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  orderAccepted(connectionId: string, seconds: number): void { this.#orderAccept.observe({ connection: connectionId }, Math.max(0, seconds)); }
  trackingWritten(connectionId: string, seconds: number): void { this.#trackingWriteback.observe({ connection: connectionId }, Math.max(0, seconds)); }
  inventoryWritten(connectionId: string, seconds: number): void { this.#inventoryPropagation.observe({ connection: connectionId }, Math.max(0, seconds)); }

  /** Writes to either system, as the flows audit them. */
  audited(entry: AuditInput): void {
    if (entry.outcome !== 'ok') return;
    if (entry.action === 'createFulfillmentOrder') this.#ordersSent.inc({ connection: entry.connectionId });
    else if (entry.action === 'addDelivery') this.#deliveriesWritten.inc({ connection: entry.connectionId });
    else if (entry.action === 'changeQuantity' || entry.action === 'createInventoryEntry') this.#inventoryWrites.inc({ connection: entry.connectionId });
  }

  exceptionRaised(input: RaiseExceptionInput): void { this.#exceptions.inc({ type: input.type, owner: input.owner }); }
  spApiCall(operation: string, outcome: string): void { this.#spApiCalls.inc({ operation, outcome }); }
  commercetoolsCall(connectionId: string, operation: string, outcome: string): void { this.#ctCalls.inc({ connection: connectionId, operation, outcome }); }
  alertNotice(event: string, alert: AlertRecord): void { this.#alerts.inc({ rule: alert.rule, team: alert.team, event: event.replace(/^alert\./, '') }); }
  alertDelivery(channel: string, outcome: 'sent' | 'failed'): void { this.#deliveries.inc({ channel, outcome }); }

  /** The Prometheus text, with every gauge set from the status report, the evaluation and the governor. */
  async render(statuses: readonly ConnectionStatus[], evaluations: readonly ConnectionEvaluation[], buckets: readonly BucketSnapshot[], active: readonly AlertRecord[]): Promise<string> {
    for (const [name, { help, labels, samples }] of gaugeSnapshot(statuses, evaluations, buckets, active)) {
      let gauge = this.#gauges.get(name);
      if (!gauge) {
        gauge = new Gauge({ name, help, labelNames: labels, registers: [this.registry] });
        this.#gauges.set(name, gauge);
      }
      gauge.reset();
      for (const s of samples) gauge.set(s.labels, s.value);
    }
    this.#throttled.reset();
    for (const b of buckets) this.#throttled.inc({ seller: b.seller, operation: b.operation }, b.throttled);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private counter(name: string, help: string, labelNames: string[]): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram(name: string, help: string): Histogram {
    return new Histogram({ name, help, labelNames: ['connection'], buckets: ROUND_TRIP_BUCKETS, registers: [this.registry] });
  }
}
