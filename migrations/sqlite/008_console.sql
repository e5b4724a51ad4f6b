-- The operations console (sqlite): people, their sessions, API tokens, one-time logins, exception
-- assignments and the audit of every console action. Times are epoch milliseconds (UTC).
-- Keep in step with ../postgres/007_console.sql.

-- Local accounts (password_hash set, scrypt) and people first seen through single sign-on (NULL).
CREATE TABLE console_users (
  email         TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'ecommerce', 'operations', 'finance', 'admin')),
  password_hash TEXT,
  source        TEXT NOT NULL CHECK (source IN ('local', 'sso')),
  created_at    BIGINT NOT NULL
);

-- Only a hash of the session id is stored: a copy of the database cannot be replayed as a cookie.
CREATE TABLE console_sessions (
  id_hash    TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  role       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX console_sessions_email ON console_sessions (email);

-- API tokens for scripts: stored hashed; the id is the token's public prefix, shown in lists.
CREATE TABLE console_api_tokens (
  id         TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL,
  label      TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

-- One-time login links (the demo prints one): used once, then worthless.
CREATE TABLE console_login_links (
  token_hash TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);

CREATE TABLE exception_assignments (
  exception_id BIGINT PRIMARY KEY,
  assignee     TEXT NOT NULL,
  assigned_by  TEXT NOT NULL,
  assigned_at  BIGINT NOT NULL
);
CREATE INDEX exception_assignments_assignee ON exception_assignments (assignee);

-- Every console action by every person, refused ones included; the bridge's own writes stay in audit_log.
CREATE TABLE console_audit (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           BIGINT NOT NULL,
  actor        TEXT NOT NULL,
  role         TEXT NOT NULL,
  action       TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
  detail       TEXT NOT NULL
);
CREATE INDEX console_audit_at ON console_audit (at);
CREATE INDEX console_audit_subject ON console_audit (subject_type, subject_id, at);

-- Backlog and lag per flow, sampled every few minutes by the serving process, for the Overview's 24 h charts.
CREATE TABLE console_flow_samples (
  connection_id TEXT NOT NULL,
  flow          TEXT NOT NULL,
  at            BIGINT NOT NULL,
  backlog       BIGINT NOT NULL,
  lag_seconds   BIGINT NOT NULL,
  PRIMARY KEY (connection_id, flow, at)
);

-- Throughput per hour (orders sent to Amazon) for the Overview.
CREATE INDEX order_links_submitted ON order_links (connection_id, submitted_at);

-- The journal of each settlement imported through the console, kept for downloads (Xero, QuickBooks, JSON).
CREATE TABLE console_settlement_journals (
  connection_id TEXT NOT NULL,
  settlement_id TEXT NOT NULL,
  journal       TEXT NOT NULL,
  stored_at     BIGINT NOT NULL,
  PRIMARY KEY (connection_id, settlement_id)
);
