-- The bridge's own state (SQLite). Times are epoch milliseconds (UTC).
-- Keep in step with ../postgres/001_initial.sql: same tables, columns and meanings.

CREATE TABLE connections (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  ct_project_key TEXT NOT NULL,
  marketplace_id TEXT NOT NULL,
  seller_key     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

-- The queue: one row per (connection, kind, subject), re-used each time the subject turns dirty.
-- AUTOINCREMENT so an id is never reused: a late worker fenced by (id, lease owner) must not match a new row.
CREATE TABLE work_items (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id    TEXT NOT NULL,
  kind             TEXT NOT NULL,
  subject_id       TEXT NOT NULL,
  priority         INTEGER NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'done', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  run_at           INTEGER NOT NULL,
  lease_owner      TEXT,
  lease_expires_at INTEGER,
  -- The dirty flag: set (to the requested run time) when the subject is enqueued while leased, so the
  -- running attempt's outcome does not swallow news that arrived during it. NULL = clean.
  dirty_run_at     INTEGER,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (connection_id, kind, subject_id)
);
CREATE INDEX work_items_due ON work_items (priority DESC, run_at, id) WHERE state = 'pending';
CREATE INDEX work_items_leases ON work_items (lease_expires_at) WHERE state = 'leased';

CREATE TABLE order_links (
  connection_id               TEXT NOT NULL,
  ct_order_id                 TEXT NOT NULL,
  order_number                TEXT,
  seller_fulfillment_order_id TEXT,
  state                       TEXT NOT NULL,
  fba_status                  TEXT,
  shipping_speed              TEXT,
  fba_lines                   INTEGER NOT NULL,
  local_lines                 INTEGER NOT NULL,
  submitted_at                INTEGER,
  fba_status_at               INTEGER,
  created_at                  INTEGER NOT NULL,
  updated_at                  INTEGER NOT NULL,
  PRIMARY KEY (connection_id, ct_order_id)
);
-- One storefront order per Amazon order: two links to one sellerFulfillmentOrderId would be a bug.
CREATE UNIQUE INDEX order_links_fba_order ON order_links (connection_id, seller_fulfillment_order_id)
  WHERE seller_fulfillment_order_id IS NOT NULL;
CREATE INDEX order_links_order_number ON order_links (connection_id, order_number);
CREATE INDEX order_links_state ON order_links (connection_id, state, updated_at);

CREATE TABLE exceptions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id TEXT NOT NULL,
  type          TEXT NOT NULL,
  owner         TEXT NOT NULL,
  subject_type  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  subject_label TEXT,
  reason        TEXT NOT NULL,
  action        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'ignored')),
  occurrences   INTEGER NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  resolved_at   INTEGER
);
-- At most one unresolved record per problem; raising it again refreshes that one (an upsert on this index).
CREATE UNIQUE INDEX exceptions_unresolved ON exceptions (connection_id, type, subject_type, subject_id)
  WHERE status IN ('open', 'ignored');
CREATE INDEX exceptions_status ON exceptions (connection_id, status, last_seen_at);
CREATE INDEX exceptions_subject ON exceptions (connection_id, subject_type, subject_id);

CREATE TABLE inbox_messages (
  source      TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (source, message_id)
);
CREATE INDEX inbox_messages_received ON inbox_messages (received_at);

CREATE TABLE watermarks (
  connection_id TEXT NOT NULL,
  name          TEXT NOT NULL,
  value         TEXT NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (connection_id, name)
);

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id TEXT NOT NULL,
  system        TEXT NOT NULL,
  action        TEXT NOT NULL,
  subject_type  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  outcome       TEXT NOT NULL,
  message       TEXT NOT NULL,
  at            INTEGER NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (connection_id, subject_id, at);
