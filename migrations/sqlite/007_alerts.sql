-- Alerts and job leases (sqlite). Times are epoch milliseconds (UTC). Keep in step with ../postgres/007_alerts.sql.

-- One row per alert episode: raised when a rule first finds a problem (key = rule, connection and
-- subject), reminded while it lasts, resolved when it clears. At most one active row per key, so every
-- worker agrees on what was already sent; a recurrence after resolution is a new row (history).
CREATE TABLE alerts (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_key         TEXT NOT NULL,
  rule              TEXT NOT NULL,
  connection_id     TEXT NOT NULL,
  team              TEXT NOT NULL,
  severity          TEXT NOT NULL,
  summary           TEXT NOT NULL,
  -- JSON object of the numbers behind the summary.
  details           TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('active', 'resolved')),
  started_at        INTEGER NOT NULL,
  last_notified_at  INTEGER NOT NULL,
  reminders         INTEGER NOT NULL DEFAULT 0,
  resolved_at       INTEGER
);
CREATE UNIQUE INDEX alerts_active_key ON alerts (alert_key) WHERE status = 'active';
CREATE INDEX alerts_started ON alerts (started_at);

-- A job lease: which worker runs a periodic job (alert evaluation, the daily digest) until when. A
-- worker takes a lease only when there is none or it has expired, so each period runs the job once
-- across all workers, and a dead worker's job is taken over once its lease runs out.
CREATE TABLE job_leases (
  name        TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
);
