// The alert fault rehearsal (issue 10), shared by the e2e test and bench/alerts: commercetools-mock
// (behind a switchable proxy), the SP-API simulator, `fba-bridge start` as a real process, a webhook
// receiver and an SMTP server, all on loopback. A clean period of simulated traffic first (it must
// raise nothing), then each fault in turn: inject it, wait for its alert, clear it, wait for `resolved`.
// inventory.stale has its own stage (inventory-stale-rehearsal.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startWorld, spawnBridge, exited, waitFor, PROJECT_KEY, E2E_INTAKE_SECRET, type World } from '../e2e-world.js';
import { startSmtpReceiver, startWebhookReceiver } from './alert-receivers.js';
import { startSwitchableProxy } from './switchable-proxy.js';
import { runInventoryStaleStage } from './inventory-stale-rehearsal.js';
import { createDemoOrder } from '../../../src/demo/seeders/demo-orders.js';
import { demoOrders, type DemoOrder } from '../../../src/demo/demo-scenario.js';
import { openStore } from '../../../src/adapters/store/open-store.js';
import type { AlertRuleId } from '../../../src/domain/alerts/alert-rule-catalogue.js';
import type { OwnerTeam } from '../../../src/domain/exceptions/exception-types.js';

export interface RehearsalOptions {
  /** ALERT_EVALUATION_SECONDS. */
  readonly evaluationSeconds: number;
  /** Seconds of clean traffic before the faults (one order a second, each announced by an event). */
  readonly cleanSeconds: number;
  /** Simulated Amazon time per real second. */
  readonly timeScale: number;
  readonly log?: (line: string) => void;
}

export interface FaultOutcome {
  readonly rule: AlertRuleId;
  readonly team: OwnerTeam;
  readonly thresholdSeconds: number;
  readonly detected: boolean;
  readonly secondsToDetect: number | null;
  /** Raised within threshold + one evaluation interval (+2 s for the first failing call and delivery). */
  readonly withinBudget: boolean;
  readonly raisedForRule: number;
  readonly resolved: boolean;
  /** The team's own webhook and e-mail got it. */
  readonly routedToTeam: boolean;
  readonly emailed: boolean;
  /** Alerts of other rules raised while this fault was on (and until it had settled). */
  readonly otherAlerts: readonly string[];
}

export interface RehearsalReport {
  readonly faults: readonly FaultOutcome[];
  readonly cleanSeconds: number;
  readonly cleanSimulatedHours: number;
  readonly cleanOrders: number;
  /** Alerts raised in the clean period, and duplicates/other rules during faults. */
  readonly falseAlerts: readonly string[];
  readonly unsignedNotices: number;
  readonly notices: number;
}

const THRESHOLDS: Partial<Record<AlertRuleId, number>> = {
  'amazon.auth-failed': 0, 'amazon.unreachable': 3, 'commercetools.auth-failed': 0, 'commercetools.unreachable': 3,
  'orders.backlog': 6, 'orders.stalled': 15, 'exceptions.new': 0, 'intake.silent': 4,
  // Longer than any other fault lasts: Amazon faults stop settlement downloads too, and must not set it off.
  'settlements.overdue': 45,
};
const TEAM_OF: Partial<Record<AlertRuleId, OwnerTeam>> = {
  'amazon.auth-failed': 'operations', 'amazon.unreachable': 'operations', 'commercetools.auth-failed': 'ecommerce', 'commercetools.unreachable': 'ecommerce',
  'orders.backlog': 'operations', 'orders.stalled': 'operations', 'exceptions.new': 'ecommerce', 'intake.silent': 'ecommerce',
  'settlements.overdue': 'finance',
};
/** Amazon closes a settlement period this often (real seconds) while settlements arrive normally. */
const SETTLEMENT_EVERY_MS = 3000;
const SECRET = 'rehearsal-webhook-secret-0123456789';

interface Fault {
  readonly rule: AlertRuleId;
  inject(): Promise<void>;
  clear(): Promise<void>;
}

/** Every rule's fault: the main stage (Amazon's clock fast), then inventory.stale in a real-time world. */
export async function runAlertRehearsal(o: RehearsalOptions): Promise<RehearsalReport> {
  const main = await runMainStage(o);
  const inventory = await runInventoryStaleStage({ evaluationSeconds: o.evaluationSeconds, cleanSeconds: Math.min(o.cleanSeconds, 30), ...(o.log ? { log: o.log } : {}) });
  return {
    ...main,
    faults: [...main.faults, inventory.fault],
    falseAlerts: [...main.falseAlerts, ...inventory.cleanAlerts, ...inventory.fault.otherAlerts],
  };
}

async function runMainStage(o: RehearsalOptions): Promise<RehearsalReport> {
  const say = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'fba-bridge-alerts-'));
  const world = await startWorld({ orders: 0, seed: 21, timeScale: o.timeScale, rateScale: 50 });
  const proxy = await startSwitchableProxy(world.ct.apiUrl);
  const hooks = await startWebhookReceiver(SECRET);
  const smtp = await startSmtpReceiver();
  const databaseUrl = `sqlite:${join(dir, 'bridge.db')}`;
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({
    alerts: {
      rules: {
        ...Object.fromEntries(Object.entries(THRESHOLDS).map(([rule, s]) => [rule, { afterSeconds: s }])),
        'inventory.stale': { enabled: false },
      },
      teams: Object.fromEntries((['operations', 'ecommerce', 'finance'] as const).map((t) => [t, { email: `${t}@shop.test`, webhookUrl: `${hooks.url}/${t}` }])),
    },
  }));
  const env = world.env(databaseUrl, {
    // Settlement reports looked for every 1.8 s (Amazon closes a period every few seconds here).
    SETTLEMENT_POLL_HOURS: '0.0005',
    FBA_BRIDGE_CONFIG: configFile, CTP_AUTH_URL: proxy.url, CTP_API_URL: proxy.url, LOG_LEVEL: 'info', MAX_ATTEMPTS: '100',
    ALERT_EVALUATION_SECONDS: String(o.evaluationSeconds), ALERT_WEBHOOK_URL: `${hooks.url}/global`, ALERT_WEBHOOK_SECRET: SECRET,
    SMTP_URL: smtp.url, ALERT_EMAIL_FROM: 'fba-bridge@shop.test', ALERT_DIGEST_HOUR_UTC: String((new Date().getUTCHours() + 12) % 24),
  });
  let port = 0;
  const child: ChildProcess = spawnBridge(env, (line) => {
    const m = /"port":(\d+).*"msg":"listening"/.exec(line);
    if (m) port = Number(m[1]);
    if (/"level":"(warn|error)"/.test(line)) say(`bridge: ${line.slice(0, 300)}`);
  });
  const specs = demoOrders(400, 3).filter((d) => d.case === 'fba-standard' || d.case === 'fba-expedited');
  const unknownSku = demoOrders(400, 4).find((d) => d.case === 'unknown-sku')!;
  let next = 0;
  const createOrder = async (announce: boolean, d: DemoOrder = specs[next++ % specs.length]!): Promise<string> => {
    const order = await createDemoOrder(world.api, { ...d.spec, orderNumber: `R-${Date.now()}-${next}` });
    if (announce) {
      await fetch(`http://127.0.0.1:${port}/events/commercetools`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_INTAKE_SECRET}` },
        body: JSON.stringify({ id: `msg-${order.id}`, projectKey: PROJECT_KEY, type: 'OrderCreated', resource: { typeId: 'order', id: order.id } }),
      });
    }
    return order.id;
  };
  // Settlements arrive as they do for a healthy seller: Amazon closes a period, the bridge finds and imports it.
  let settlementsArrive = true;
  const closeSettlement = () => fetch(`${world.sim.url}/_simulator/settlements/close`, { method: 'POST' }).then((r) => r.body?.cancel(), () => undefined);
  const settlementTicker = setInterval(() => { if (settlementsArrive) void closeSettlement(); }, SETTLEMENT_EVERY_MS);
  const raised = (from: number) => hooks.received.filter((r) => r.path === '/global' && r.notice.event === 'alert.raised' && r.at >= from);
  const falseAlerts: string[] = [];
  const faults: FaultOutcome[] = [];
  try {
    await waitFor('the bridge to listen', async () => port > 0, 60_000, 200);
    // Clean period: traffic as a healthy shop has it; nothing may be raised.
    const cleanFrom = Date.now();
    let cleanOrders = 0;
    while (Date.now() - cleanFrom < o.cleanSeconds * 1000) {
      await createOrder(true);
      cleanOrders++;
      await sleep(1000);
    }
    await sleep(2 * o.evaluationSeconds * 1000);
    for (const r of raised(cleanFrom)) falseAlerts.push(`clean period: ${r.notice.alert.rule} — ${r.notice.alert.summary}`);
    say(`clean period: ${cleanOrders} orders in ${o.cleanSeconds} s, ${falseAlerts.length} alerts`);

    let stalledOrder = '';
    const allFaults: Fault[] = [
      { rule: 'amazon.auth-failed', inject: async () => { world.sim.setAvailability({ credentialsRevoked: true }); }, clear: async () => { world.sim.setAvailability({ credentialsRevoked: false }); } },
      { rule: 'amazon.unreachable', inject: async () => { world.sim.setAvailability({ spApiDown: true, lwaDown: true }); }, clear: async () => { world.sim.setAvailability({ spApiDown: false, lwaDown: false }); } },
      { rule: 'commercetools.auth-failed', inject: async () => { proxy.mode = 'refuse'; }, clear: async () => { proxy.mode = 'pass'; } },
      { rule: 'commercetools.unreachable', inject: async () => { proxy.mode = 'down'; }, clear: async () => { proxy.mode = 'pass'; } },
      {
        rule: 'orders.backlog',
        inject: async () => { world.sim.setFaults({ throttleRate: 1, operations: ['createFulfillmentOrder'] }); await createOrder(true); await createOrder(true); },
        clear: async () => { world.sim.setFaults({ throttleRate: 0 }); },
      },
      {
        rule: 'exceptions.new',
        inject: async () => { await createOrder(true, unknownSku); },
        clear: async () => {
          const store = await openStore(databaseUrl);
          try {
            // What a person does with `fba-bridge exceptions ignore <id>`.
            for (const e of await store.exceptions.list({ status: 'open', type: 'order.unknown-sku' })) await store.exceptions.setStatus(e.id, 'ignored', Date.now());
          } finally { await store.close(); }
        },
      },
      {
        rule: 'intake.silent',
        inject: async () => { for (let i = 0; i < 3; i++) { await createOrder(false); await sleep(1000); } },
        clear: async () => { await createOrder(true); },
      },
      {
        rule: 'orders.stalled',
        inject: async () => { world.sim.setFaults({ stuckRate: 1 }); stalledOrder = await createOrder(true); },
        clear: async () => {
          world.sim.setFaults({ stuckRate: 0 });
          const current = await world.api.orders().withId({ ID: stalledOrder }).get().execute();
          await world.api.orders().withId({ ID: stalledOrder }).post({ body: { version: current.body.version, actions: [{ action: 'changeOrderState', orderState: 'Cancelled' }] } }).execute();
        },
      },
      {
        // Amazon's settlement reports stop arriving (or the bridge stops finding them): finance must hear.
        rule: 'settlements.overdue',
        inject: async () => { settlementsArrive = false; },
        clear: async () => { settlementsArrive = true; await closeSettlement(); },
      },
    ];
    for (const fault of allFaults) {
      const threshold = THRESHOLDS[fault.rule]!;
      const team = TEAM_OF[fault.rule]!;
      const from = Date.now();
      await fault.inject();
      const mine = () => raised(from).filter((r) => r.notice.alert.rule === fault.rule);
      const detectedOk = await waitFor(`${fault.rule} raised`, async () => mine().length > 0, (threshold + 4 * o.evaluationSeconds + 30) * 1000, 100).then(() => true, () => false);
      const first = mine()[0];
      const secondsToDetect = first ? (first.at - from) / 1000 : null;
      await fault.clear();
      const id = first?.notice.alert.id;
      const resolved = id !== undefined && await waitFor(`${fault.rule} resolved`, async () => hooks.received.some((r) => r.path === '/global' && r.notice.event === 'alert.resolved' && r.notice.alert.id === id), 60_000, 100).then(() => true, () => false);
      // Let what the fault set off settle before judging what else it raised.
      await sleep(2 * o.evaluationSeconds * 1000 + 1000);
      const others = raised(from).filter((r) => r.notice.alert.rule !== fault.rule).map((r) => `${r.notice.alert.rule} during ${fault.rule}: ${r.notice.alert.summary}`);
      const extra = mine().slice(1).map((r) => `second ${fault.rule} raise: ${r.notice.alert.summary}`);
      falseAlerts.push(...others, ...extra);
      const routedToTeam = id !== undefined && hooks.received.some((r) => r.path === `/${team}` && r.notice.alert.id === id && r.notice.event === 'alert.raised')
        && !hooks.received.some((r) => r.path !== `/${team}` && r.path !== '/global' && r.notice.alert.id === id);
      const emailed = smtp.mails.some((m) => m.at >= from && m.to.includes(`${team}@shop.test`) && m.subject.includes(fault.rule) && m.subject.includes('ALERT'));
      faults.push({
        rule: fault.rule, team, thresholdSeconds: threshold, detected: detectedOk, secondsToDetect,
        withinBudget: secondsToDetect !== null && secondsToDetect <= threshold + o.evaluationSeconds + 2,
        raisedForRule: mine().length, resolved, routedToTeam, emailed, otherAlerts: [...others, ...extra],
      });
      say(`${fault.rule}: detected ${detectedOk} in ${secondsToDetect ?? '-'} s, resolved ${resolved}, team ${routedToTeam}, e-mail ${emailed}, others ${others.length + extra.length}`);
    }
    return {
      faults, cleanSeconds: o.cleanSeconds, cleanSimulatedHours: (o.cleanSeconds * o.timeScale) / 3600, cleanOrders, falseAlerts,
      unsignedNotices: hooks.received.filter((r) => !r.signatureValid).length, notices: hooks.received.length,
    };
  } finally {
    clearInterval(settlementTicker);
    child.kill('SIGTERM');
    await exited(child);
    await Promise.all([hooks.close(), smtp.close(), proxy.close()]);
    await closeWorld(world);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function closeWorld(world: World): Promise<void> {
  await world.close();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
