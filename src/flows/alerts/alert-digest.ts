// The daily digest per team, by e-mail, at ALERT_DIGEST_HOUR_UTC: what to check today — the team's open
// exceptions by age, flows not ok, inventory drift (ecommerce) and reconciliation (finance). Sent by
// one worker per day (the 'alerts.daily-digest' job lease, held for most of a day).
import type { OwnerTeam } from '../../domain/exceptions/exception-types.js';
import { evaluateConnection, type ConnectionEvaluation } from '../../reports/bridge-evaluation.js';
import type { AlertEvaluatorDeps } from './alert-evaluator.js';
import { OWNER_TEAMS } from '../../config/alerts-schema.js';

export const DIGEST_LEASE = 'alerts.daily-digest';
const HOLD_MS = 20 * 3600_000;

export type DigestDeps = Omit<AlertEvaluatorDeps, 'onNotice'>;

/** Sends the digest when it is the digest hour and no worker sent it today; true when it was sent. */
export async function sendDailyDigest(deps: DigestDeps): Promise<boolean> {
  const now = deps.clock.now();
  if (now.getUTCHours() !== deps.settings.digestHourUtc) return false;
  if (!(await deps.store.jobLeases.tryAcquire(DIGEST_LEASE, deps.workerId, now.getTime(), HOLD_MS))) return false;
  const evaluations: ConnectionEvaluation[] = [];
  for (const id of deps.connectionIds) {
    evaluations.push(await evaluateConnection({ store: deps.store, dependencies: deps.dependencies, inventory: deps.inventory },
      { rules: deps.settings.rules, stuckInPlanningMs: deps.stuckInPlanningMs }, id, now.getTime(), now.getTime() - 86_400_000));
  }
  for (const team of OWNER_TEAMS) {
    if (!deps.dispatcher.hasChannels(team)) continue;
    deps.dispatcher.digest({ team, subject: `[fba-bridge] Daily check for ${team}, ${now.toISOString().slice(0, 10)}`, text: await digestText(deps, team, evaluations, now.getTime()) });
  }
  return true;
}

export async function digestText(deps: Pick<DigestDeps, 'store'>, team: OwnerTeam, evaluations: readonly ConnectionEvaluation[], now: number): Promise<string> {
  const lines: string[] = [`What to check today (${team}):`, ''];
  for (const e of evaluations) {
    lines.push(`connection ${e.connectionId}: health ${e.status}`);
    for (const [flow, v] of Object.entries(e.flows)) if (v.status !== 'ok') lines.push(`  ${flow} is ${v.status}: ${v.reason}`);
    const open = await deps.store.exceptions.list({ connectionId: e.connectionId, status: 'open', owner: team, limit: 2000 });
    const byType = new Map<string, { count: number; oldest: number }>();
    for (const x of open) {
      const t = byType.get(x.type) ?? { count: 0, oldest: x.firstSeenAt };
      byType.set(x.type, { count: t.count + 1, oldest: Math.min(t.oldest, x.firstSeenAt) });
    }
    lines.push(`  open exceptions: ${open.length}${open.length === 0 ? '' : ' (by type, oldest first seen):'}`);
    for (const [type, t] of [...byType].sort((a, b) => a[1].oldest - b[1].oldest)) lines.push(`    ${String(t.count).padStart(4)}  ${type}, oldest ${ageText(now - t.oldest)}`);
    if (team === 'ecommerce' && e.facts.inventory) {
      for (const p of e.facts.inventory.pools) lines.push(`  inventory pool ${p.poolId}: ${p.driftBeyondThreshold} entries drifting beyond the threshold, snapshot ${p.snapshotAgeSeconds === null ? 'never taken' : `${p.snapshotAgeSeconds} s old`}`);
    }
    if (team === 'finance') {
      const s = e.facts.settlements;
      lines.push(`  settlements: last imported ${s.lastImportedAt === null ? 'never' : `${ageText(now - s.lastImportedAt)} ago`}; ${s.unreconciledRefunds} refund(s) not reconciled`);
    }
    lines.push('');
  }
  lines.push('Runbooks: docs/runbooks/ (order-exceptions.md, inventory-daily-check.md, finance-month-end.md, alerts.md)');
  return lines.join('\n');
}

function ageText(ms: number): string {
  const hours = Math.floor(ms / 3600_000);
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : `${hours} h`;
}
