-- Settlement imports write in short transactions (SQLite's write lock is never held for a whole file):
-- a settlement is first 'importing' — its orders and unmatched rows are written batch by batch, seen by
-- nobody — and becomes 'imported' in one short transaction at the end (publish). A rejected or
-- abandoned import's rows are deleted; a stale 'importing' row is taken over by the next import of the
-- same settlement. Keep in step with ../postgres/005_settlement_staging.sql.
ALTER TABLE settlements ADD COLUMN status TEXT NOT NULL DEFAULT 'imported';
-- One unmatched row per order and reason: a later run of the same order adds to it.
CREATE UNIQUE INDEX settlement_unmatched_order ON settlement_unmatched (connection_id, settlement_id, exception_type, order_key);
