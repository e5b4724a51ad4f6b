-- Imported Amazon settlement reports (SQLite). Times are epoch milliseconds (UTC); money is integer
-- minor units of the settlement currency. Keep in step with ../postgres/003_settlements.sql.

-- One row per imported settlement. The file's SHA-256 makes a re-import of the same file a no-op and a
-- different file under the same settlement id a conflict (refused, never overwritten).
CREATE TABLE settlements (
  connection_id   TEXT NOT NULL,
  settlement_id   TEXT NOT NULL,
  file_sha256     TEXT NOT NULL,
  format          TEXT NOT NULL,
  currency        TEXT NOT NULL,
  fraction_digits INTEGER NOT NULL,
  start_date      TEXT NOT NULL,
  end_date        TEXT NOT NULL,
  deposit_date    TEXT NOT NULL,
  total_amount    INTEGER NOT NULL,
  row_count       INTEGER NOT NULL,
  -- The summary in Seller Central's categories plus match counts, as JSON (shown, never queried into).
  summary_json    TEXT NOT NULL,
  imported_at     INTEGER NOT NULL,
  PRIMARY KEY (connection_id, settlement_id)
);

-- Per-order economics of one settlement: every run of the order's rows in the file merged into one row.
-- order_key = merchant-order-id (the sellerFulfillmentOrderId for multi-channel orders), else order-id.
CREATE TABLE settlement_orders (
  connection_id        TEXT NOT NULL,
  settlement_id        TEXT NOT NULL,
  order_key            TEXT NOT NULL,
  order_id             TEXT,
  merchant_order_id    TEXT,
  marketplace_name     TEXT,
  -- 'multi-channel' (marketplace "Non-Amazon …") or 'amazon' (a sale on an Amazon marketplace).
  channel              TEXT NOT NULL,
  -- 'matched' (to a commercetools order), 'amazon-sale', or 'unmatched' (a finance exception says why).
  match_status         TEXT NOT NULL,
  ct_order_id          TEXT,
  ct_order_number      TEXT,
  -- For an order with refund rows: the settlement holding its original sale (this one or an earlier one).
  refund_of_settlement TEXT,
  principal            INTEGER NOT NULL,
  shipping             INTEGER NOT NULL,
  tax                  INTEGER NOT NULL,
  withheld_tax         INTEGER NOT NULL,
  promotions           INTEGER NOT NULL,
  fees                 INTEGER NOT NULL,
  refunds              INTEGER NOT NULL,
  refunded_fees        INTEGER NOT NULL,
  other                INTEGER NOT NULL,
  total                INTEGER NOT NULL,
  sale_rows            INTEGER NOT NULL,
  refund_rows          INTEGER NOT NULL,
  first_line           INTEGER NOT NULL,
  last_line            INTEGER NOT NULL,
  -- merchant-order-item-id values seen (the commercetools line item ids of a multi-channel order), JSON.
  item_ids_json        TEXT NOT NULL,
  PRIMARY KEY (connection_id, settlement_id, order_key)
);
-- Refunds look for their original sale in earlier settlements by order key.
CREATE INDEX settlement_orders_key ON settlement_orders (connection_id, order_key);

-- What could not be matched, with the reason: each is also a finance exception.
CREATE TABLE settlement_unmatched (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id  TEXT NOT NULL,
  settlement_id  TEXT NOT NULL,
  order_key      TEXT,
  line_number    INTEGER NOT NULL,
  exception_type TEXT NOT NULL,
  reason         TEXT NOT NULL,
  amount         INTEGER NOT NULL,
  row_json       TEXT NOT NULL
);
CREATE INDEX settlement_unmatched_settlement ON settlement_unmatched (connection_id, settlement_id, line_number);
