-- Scheduled tasks run once per interval across all workers (docs/adr/0016-scheduled-tasks-once-across-workers.md).
-- One row per task (e.g. 'shop-eu:amazon-poll'): the worker that holds it (renewed every third of
-- JOB_LEASE_SECONDS while it lives), until when, and when its last run started. A worker runs a task
-- only after claiming its turn in one statement: the task is due (last_run_at + interval has passed) and
-- the lease is its own or has expired. A worker that dies keeps its tasks until its lease runs out;
-- then another worker's claim takes them over.
CREATE TABLE scheduled_task_leases (
  task_id      TEXT PRIMARY KEY,
  holder       TEXT NOT NULL,
  expires_at   BIGINT NOT NULL,
  last_run_at  BIGINT NOT NULL,
  interval_ms  BIGINT NOT NULL
);
CREATE INDEX scheduled_task_leases_holder ON scheduled_task_leases (holder);

-- Every run started through a claimed turn, for operators ("what ran when, on which worker") and for
-- the failover test; kept a few days (purged by the 'scheduled-run-history-purge' task).
CREATE TABLE scheduled_task_runs (
  id           BIGSERIAL PRIMARY KEY,
  task_id      TEXT NOT NULL,
  holder       TEXT NOT NULL,
  started_at   BIGINT NOT NULL,
  finished_at  BIGINT,
  outcome      TEXT
);
CREATE INDEX scheduled_task_runs_task ON scheduled_task_runs (task_id, started_at);
CREATE INDEX scheduled_task_runs_started ON scheduled_task_runs (started_at);
