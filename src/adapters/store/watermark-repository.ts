// Watermarks: how far each periodic sweep has read (e.g. the last lastModifiedAt seen), per connection.
import type { WatermarkRepository } from '../../ports/store.js';
import type { SqlDriver } from './sql-driver.js';

export class SqlWatermarkRepository implements WatermarkRepository {
  constructor(private readonly db: SqlDriver) {}

  async get(connectionId: string, name: string): Promise<string | null> {
    const rows = await this.db.query<{ value: string }>(
      'SELECT value FROM watermarks WHERE connection_id = $1 AND name = $2',
      [connectionId, name],
    );
    return rows[0]?.value ?? null;
  }

  async set(connectionId: string, name: string, value: string, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO watermarks (connection_id, name, value, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [connectionId, name, value, now],
    );
  }
}
