// An alert record as the notice every channel renders (ports/alert-channel.ts).
import type { AlertRecord } from '../../ports/alert-store.js';
import type { AlertEvent, AlertNotice } from '../../ports/alert-channel.js';
import { ALERT_RULES, runbookAnchor } from '../../domain/alerts/alert-rule-catalogue.js';

export function alertNotice(event: AlertEvent, a: AlertRecord, runbookBaseUrl: string): AlertNotice {
  return {
    event,
    alert: {
      id: String(a.id), rule: a.rule, team: a.team, severity: a.severity, connectionId: a.connectionId,
      summary: a.summary, details: a.details, action: ALERT_RULES[a.rule].action,
      runbook: `${runbookBaseUrl}#${runbookAnchor(a.rule)}`,
      startedAt: new Date(a.startedAt).toISOString(),
      resolvedAt: a.resolvedAt === null ? null : new Date(a.resolvedAt).toISOString(),
    },
  };
}
