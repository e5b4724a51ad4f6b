// Connections: one commercetools project paired with one Amazon seller and marketplace. Configuration
// is the source of truth; the row exists so the store's records (and the dashboard) can name them.
import type { ConnectionRecord, Store } from '../../ports/store.js';
import type { SqlDriver } from './sql-driver.js';

interface ConnectionRow {
  id: string;
  name: string;
  ct_project_key: string;
  marketplace_id: string;
  seller_key: string;
}

type ConnectionRepository = Store['connections'];

export class SqlConnectionRepository implements ConnectionRepository {
  constructor(private readonly db: SqlDriver) {}

  async upsert(connection: ConnectionRecord, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO connections (id, name, ct_project_key, marketplace_id, seller_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, ct_project_key = excluded.ct_project_key,
         marketplace_id = excluded.marketplace_id, seller_key = excluded.seller_key, updated_at = excluded.updated_at`,
      [connection.id, connection.name, connection.ctProjectKey, connection.marketplaceId, connection.sellerKey, now],
    );
  }

  async list(): Promise<ConnectionRecord[]> {
    const rows = await this.db.query<ConnectionRow>('SELECT id, name, ct_project_key, marketplace_id, seller_key FROM connections ORDER BY id');
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      ctProjectKey: row.ct_project_key,
      marketplaceId: row.marketplace_id,
      sellerKey: row.seller_key,
    }));
  }
}
