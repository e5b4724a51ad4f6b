// The inventory.stale stage of the alert rehearsal (issue 10). Its ages are measured on the same clock
// as the inventory schedule, so it runs in its own world at real time (the main rehearsal runs Amazon's
// clock 600× fast): `start` with an inventory pool synced every minute, a clean period after the first
// scan, then Amazon stops answering inventory requests; the snapshot ages past the threshold and
// ecommerce must hear once; an operations person runs `fba-bridge inventory sync` and it resolves.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorld, spawnBridge, exited, waitFor, runCli } from '../e2e-world.js';
import { startSmtpReceiver, startWebhookReceiver } from './alert-receivers.js';
import { openStore } from '../../../src/adapters/store/open-store.js';
import { DEMO_MARKETPLACE } from '../../../src/demo/run-demo.js';
import type { FaultOutcome } from './alert-rehearsal.js';

/** Above the 60 s schedule plus a sync's run time, so a healthy pool never crosses it. */
const STALE_AFTER_SECONDS = 75;
const SECRET = 'rehearsal-webhook-secret-inventory-0123';

export interface InventoryStageOptions {
  readonly evaluationSeconds: number;
  readonly cleanSeconds: number;
  readonly log?: (line: string) => void;
}

export interface InventoryStageReport {
  readonly fault: FaultOutcome;
  /** Alerts raised in the clean period (none expected). */
  readonly cleanAlerts: readonly string[];
}

export async function runInventoryStaleStage(o: InventoryStageOptions): Promise<InventoryStageReport> {
  const say = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'fba-bridge-alerts-inv-'));
  const world = await startWorld({ orders: 0, seed: 31, timeScale: 1, rateScale: 50 });
  const hooks = await startWebhookReceiver(SECRET);
  const smtp = await startSmtpReceiver();
  const databaseUrl = `sqlite:${join(dir, 'bridge.db')}`;
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({
    inventory: {
      pools: [{ id: 'eu', marketplaceIds: [DEMO_MARKETPLACE], buffer: { units: 2 }, channels: [{ key: 'fba-eu', policy: 'priority', rank: 1 }] }],
      schedule: { incrementalMinutes: 1, fullSyncHourUtc: 3 },
    },
    alerts: {
      rules: { 'inventory.stale': { afterSeconds: STALE_AFTER_SECONDS } },
      teams: Object.fromEntries((['operations', 'ecommerce', 'finance'] as const).map((t) => [t, { email: `${t}@shop.test`, webhookUrl: `${hooks.url}/${t}` }])),
    },
  }));
  const env = world.env(databaseUrl, {
    FBA_BRIDGE_CONFIG: configFile, LOG_LEVEL: 'info', ALERT_EVALUATION_SECONDS: String(o.evaluationSeconds),
    ALERT_WEBHOOK_URL: `${hooks.url}/global`, ALERT_WEBHOOK_SECRET: SECRET, SMTP_URL: smtp.url, ALERT_EMAIL_FROM: 'fba-bridge@shop.test',
    ALERT_DIGEST_HOUR_UTC: String((new Date().getUTCHours() + 12) % 24),
  });
  const child = spawnBridge(env, (line) => { if (/"level":"(warn|error)"/.test(line)) say(`bridge: ${line.slice(0, 300)}`); });
  const raised = (from: number) => hooks.received.filter((r) => r.path === '/global' && r.notice.event === 'alert.raised' && r.at >= from);
  try {
    await waitFor('the first inventory scan', async () => {
      const store = await openStore(databaseUrl);
      try { return (await store.inventory.poolSync('default', 'eu'))?.lastFullScanAt != null; } finally { await store.close(); }
    }, 90_000, 500);
    const cleanFrom = Date.now();
    await sleep(o.cleanSeconds * 1000);
    const cleanAlerts = raised(cleanFrom).map((r) => `inventory clean period: ${r.notice.alert.rule} — ${r.notice.alert.summary}`);
    // Amazon stops answering inventory requests (every getInventorySummaries answers 429).
    const from = Date.now();
    world.sim.setFaults({ throttleRate: 1, operations: ['getInventorySummaries'] });
    const mine = () => raised(from).filter((r) => r.notice.alert.rule === 'inventory.stale');
    const detected = await waitFor('inventory.stale raised', async () => mine().length > 0, (STALE_AFTER_SECONDS + 4 * o.evaluationSeconds + 30) * 1000, 100).then(() => true, () => false);
    const first = mine()[0];
    const secondsToDetect = first ? (first.at - from) / 1000 : null;
    world.sim.setFaults({ throttleRate: 0 });
    // What the runbook says to do once Amazon answers again: sync now rather than wait for the schedule.
    const sync = await runCli(['inventory', 'sync'], env);
    if (sync.code !== 0) say(`inventory sync exited ${sync.code}: ${sync.stderr.slice(0, 300)}`);
    const id = first?.notice.alert.id;
    const resolved = id !== undefined && await waitFor('inventory.stale resolved', async () => hooks.received.some((r) => r.path === '/global' && r.notice.event === 'alert.resolved' && r.notice.alert.id === id), 60_000, 100).then(() => true, () => false);
    await sleep(2 * o.evaluationSeconds * 1000 + 1000);
    const others = raised(from).filter((r) => r.notice.alert.rule !== 'inventory.stale').map((r) => `${r.notice.alert.rule} during inventory.stale: ${r.notice.alert.summary}`);
    const extra = mine().slice(1).map((r) => `second inventory.stale raise: ${r.notice.alert.summary}`);
    const routedToTeam = id !== undefined && hooks.received.some((r) => r.path === '/ecommerce' && r.notice.alert.id === id && r.notice.event === 'alert.raised')
      && !hooks.received.some((r) => r.path !== '/ecommerce' && r.path !== '/global' && r.notice.alert.id === id);
    const emailed = smtp.mails.some((m) => m.at >= from && m.to.includes('ecommerce@shop.test') && m.subject.includes('inventory.stale') && m.subject.includes('ALERT'));
    say(`inventory.stale: detected ${detected} in ${secondsToDetect ?? '-'} s, resolved ${resolved}, team ${routedToTeam}, e-mail ${emailed}, others ${others.length + extra.length}`);
    return {
      cleanAlerts,
      fault: {
        rule: 'inventory.stale', team: 'ecommerce', thresholdSeconds: STALE_AFTER_SECONDS, detected, secondsToDetect,
        withinBudget: secondsToDetect !== null && secondsToDetect <= STALE_AFTER_SECONDS + o.evaluationSeconds + 2,
        raisedForRule: mine().length, resolved, routedToTeam, emailed, otherAlerts: [...others, ...extra],
      },
    };
  } finally {
    child.kill('SIGTERM');
    await exited(child);
    await Promise.all([hooks.close(), smtp.close()]);
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
