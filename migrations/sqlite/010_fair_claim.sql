-- The fair claim (docs/adr/0017-fair-share-across-connections.md) ranks each connection's due items
-- (priority, then age) and counts the items each worker already runs per connection.
CREATE INDEX work_items_due_by_connection ON work_items (connection_id, priority DESC, run_at, id) WHERE state = 'pending';
CREATE INDEX work_items_leased_by_owner ON work_items (lease_owner, connection_id) WHERE state = 'leased';
