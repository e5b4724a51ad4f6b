// The store's part of alerting: alert episodes (what was sent, so every worker hears each problem once)
// and job leases (which worker runs a periodic job this period). Times are epoch ms.
import type { AlertRuleId, AlertSeverity } from '../domain/alerts/alert-rule-catalogue.js';
import type { OwnerTeam } from '../domain/exceptions/exception-types.js';

export interface AlertRecord {
  readonly id: number;
  readonly key: string;
  readonly rule: AlertRuleId;
  readonly connectionId: string;
  readonly team: OwnerTeam;
  readonly severity: AlertSeverity;
  readonly summary: string;
  readonly details: Readonly<Record<string, string | number>>;
  readonly status: 'active' | 'resolved';
  readonly startedAt: number;
  readonly lastNotifiedAt: number;
  readonly reminders: number;
  readonly resolvedAt: number | null;
}

export interface RaiseAlertInput {
  readonly key: string;
  readonly rule: AlertRuleId;
  readonly connectionId: string;
  readonly team: OwnerTeam;
  readonly severity: AlertSeverity;
  readonly summary: string;
  readonly details: Readonly<Record<string, string | number>>;
}

export interface AlertRepository {
  /** Opens an alert; null when one is already active for the key (another worker raised it). */
  raise(input: RaiseAlertInput, now: number): Promise<AlertRecord | null>;
  /** Records a reminder (summary and details refreshed); null when the alert is no longer active or was reminded since `lastNotifiedAt`. */
  remind(id: number, lastNotifiedAt: number, summary: string, details: RaiseAlertInput['details'], now: number): Promise<AlertRecord | null>;
  /** Resolves an active alert; null when it was not active. */
  resolve(id: number, now: number): Promise<AlertRecord | null>;
  listActive(): Promise<AlertRecord[]>;
  /** The most recent episodes first (active and resolved). */
  listRecent(limit: number): Promise<AlertRecord[]>;
}

export interface JobLeaseRepository {
  /**
   * Takes the named lease until now + holdMs when nobody holds it or its holder's lease has expired
   * (the holder itself included: a job run once per period asks again next period). True: run the job.
   */
  tryAcquire(name: string, owner: string, now: number, holdMs: number): Promise<boolean>;
  /** Gives the lease back early (on shutdown), if this owner holds it. */
  release(name: string, owner: string): Promise<void>;
}
