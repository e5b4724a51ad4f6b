// One alert evaluation, run by `start` every ALERT_EVALUATION_SECONDS in every worker, but carried out
// by one: the worker that takes the 'alerts.evaluate' job lease for this period. It gathers each
// connection's facts, runs the rules, and turns the difference with the stored alerts into notices
// (domain/alerts/alert-lifecycle.ts): raised, reminded, resolved. The store's unique active key makes
// a raise happen once even if two workers ever evaluated at the same moment.
import type { Store } from '../../ports/store.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { DependencyStatusSource } from '../../ports/dependency-status.js';
import type { AlertEvent } from '../../ports/alert-channel.js';
import type { AlertRecord } from '../../ports/alert-store.js';
import type { AlertSettings } from '../../config/alerts-schema.js';
import type { InventorySettings } from '../../config/inventory-schema.js';
import type { Finding } from '../../domain/alerts/alert-facts.js';
import { planAlerts } from '../../domain/alerts/alert-lifecycle.js';
import { evaluateConnection, type ConnectionEvaluation } from '../../reports/bridge-evaluation.js';
import type { AlertDispatcher } from './alert-dispatcher.js';
import { alertNotice } from './alert-notice.js';

export const EVALUATION_LEASE = 'alerts.evaluate';
const LAST_EVALUATION_WATERMARK = 'alerts.last-evaluation';

export interface AlertEvaluatorDeps {
  readonly store: Store;
  readonly connectionIds: readonly string[];
  readonly settings: AlertSettings;
  readonly stuckInPlanningMs: number;
  readonly inventory?: InventorySettings | undefined;
  readonly dependencies: DependencyStatusSource;
  readonly workerId: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly dispatcher: AlertDispatcher;
  /** Told of every notice (for the alerts counter). */
  readonly onNotice?: (event: AlertEvent, alert: AlertRecord) => void;
}

export interface EvaluationReport {
  /** False when another worker holds this period's lease. */
  readonly ran: boolean;
  readonly raised: number;
  readonly reminded: number;
  readonly resolved: number;
  readonly evaluations: readonly ConnectionEvaluation[];
}

export async function evaluateAlerts(deps: AlertEvaluatorDeps): Promise<EvaluationReport> {
  const { store, settings } = deps;
  const now = deps.clock.now().getTime();
  // Held for a little less than the period, so this worker's own next run finds it expired.
  if (!(await store.jobLeases.tryAcquire(EVALUATION_LEASE, deps.workerId, now, Math.floor(settings.evaluationMs * 0.9)))) {
    return { ran: false, raised: 0, reminded: 0, resolved: 0, evaluations: [] };
  }
  const evaluations: ConnectionEvaluation[] = [];
  for (const id of deps.connectionIds) {
    try {
      const last = Number((await store.watermarks.get(id, LAST_EVALUATION_WATERMARK)) ?? Number.NaN);
      const freshSince = Number.isFinite(last) ? last : now - settings.evaluationMs;
      evaluations.push(await evaluateConnection({ store, dependencies: deps.dependencies, inventory: deps.inventory },
        { rules: settings.rules, stuckInPlanningMs: deps.stuckInPlanningMs }, id, now, freshSince));
      await store.watermarks.set(id, LAST_EVALUATION_WATERMARK, String(now), now);
    } catch (error) {
      // Its alerts stay as they are (neither raised nor resolved) until the facts can be read again.
      deps.logger.error('alert evaluation failed for a connection', { connection: id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const findings = evaluations.flatMap((e) => e.findings);
  const plan = planAlerts(findings, await store.alerts.listActive(), new Set(evaluations.map((e) => e.connectionId)), now, settings.reminderMs);
  const send = (event: AlertEvent, record: AlertRecord | null): number => {
    if (!record) return 0;
    deps.logger.info(`alert ${event.slice('alert.'.length)}`, { rule: record.rule, team: record.team, connection: record.connectionId, alertId: record.id, summary: record.summary });
    deps.onNotice?.(event, record);
    deps.dispatcher.dispatch(alertNotice(event, record, settings.runbookBaseUrl));
    return 1;
  };
  let raised = 0;
  let reminded = 0;
  let resolved = 0;
  for (const f of plan.raise) raised += send('alert.raised', await store.alerts.raise(raiseInput(f), now));
  for (const { alert, finding } of plan.remind) reminded += send('alert.reminder', await store.alerts.remind(alert.id, alert.lastNotifiedAt, finding.summary, finding.details, now));
  for (const alert of plan.resolve) resolved += send('alert.resolved', await store.alerts.resolve(alert.id, now));
  return { ran: true, raised, reminded, resolved, evaluations };
}

function raiseInput(f: Finding) {
  return { key: f.key, rule: f.rule, connectionId: f.connectionId, team: f.team, severity: f.severity, summary: f.summary, details: f.details };
}
