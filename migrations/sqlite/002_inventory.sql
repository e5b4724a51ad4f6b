-- Inventory sync state (SQLite). Times are epoch milliseconds (UTC).
-- Keep in step with ../postgres/002_inventory.sql: same tables, columns and meanings.

-- Amazon's figures per (connection, pool, sku), as last read, and when they were read (the snapshot time t_s).
CREATE TABLE inventory_snapshots (
  connection_id          TEXT NOT NULL,
  pool_id                TEXT NOT NULL,
  sku                    TEXT NOT NULL,
  fulfillable            INTEGER NOT NULL,
  reserved_total         INTEGER NOT NULL,
  pending_customer_order INTEGER NOT NULL,
  inbound                INTEGER NOT NULL,
  unfulfillable          INTEGER NOT NULL,
  researching            INTEGER NOT NULL,
  total_quantity         INTEGER NOT NULL,
  amazon_updated_at      TEXT,
  read_at                INTEGER NOT NULL,
  PRIMARY KEY (connection_id, pool_id, sku)
);

-- What commercetools holds per (connection, sku, channel), as last written or observed, and what the
-- bridge expects it to hold. differs_since: since when the observed value has differed from the
-- expected one (NULL while they agree): the drift a person is alerted to past a threshold.
CREATE TABLE inventory_entries (
  connection_id      TEXT NOT NULL,
  sku                TEXT NOT NULL,
  channel_key        TEXT NOT NULL,
  pool_id            TEXT NOT NULL,
  entry_id           TEXT,
  entry_version      INTEGER,
  quantity_on_stock  INTEGER,
  available_quantity INTEGER,
  expected_quantity  INTEGER NOT NULL,
  observed_at        INTEGER NOT NULL,
  written_at         INTEGER,
  differs_since      INTEGER,
  PRIMARY KEY (connection_id, sku, channel_key)
);
CREATE INDEX inventory_entries_drift ON inventory_entries (connection_id, differs_since) WHERE differs_since IS NOT NULL;

-- Per pool: when Amazon was last scanned in full and incrementally (the start time of the scan).
CREATE TABLE inventory_pool_sync (
  connection_id         TEXT NOT NULL,
  pool_id               TEXT NOT NULL,
  last_full_scan_at     INTEGER,
  last_incremental_scan_at INTEGER,
  updated_at            INTEGER NOT NULL,
  PRIMARY KEY (connection_id, pool_id)
);

-- Per channel: the last successful and the last failed post to commercetools.
CREATE TABLE inventory_channel_sync (
  connection_id   TEXT NOT NULL,
  channel_key     TEXT NOT NULL,
  pool_id         TEXT NOT NULL,
  last_success_at INTEGER,
  last_failure_at INTEGER,
  PRIMARY KEY (connection_id, channel_key)
);

-- The FBA-bound lines of each storefront order the bridge routed (units per SKU), so the sync can
-- subtract the units Amazon has not reserved yet (docs/adr/0008) from the bridge's own records.
CREATE TABLE order_lines (
  connection_id TEXT NOT NULL,
  ct_order_id   TEXT NOT NULL,
  sku           TEXT NOT NULL,
  quantity      INTEGER NOT NULL,
  PRIMARY KEY (connection_id, ct_order_id, sku)
);
CREATE INDEX order_lines_sku ON order_lines (connection_id, sku);
