// The inbox: ids of messages already received, so a redelivered notification is recognised and dropped.
import type { InboxRepository } from '../../ports/store.js';
import type { SqlDriver } from './sql-driver.js';

export class SqlInboxRepository implements InboxRepository {
  constructor(private readonly db: SqlDriver) {}

  async record(source: string, messageId: string, now: number): Promise<boolean> {
    // DO NOTHING rather than catching a unique violation: on Postgres an error would abort the caller's transaction.
    const inserted = await this.db.run(
      'INSERT INTO inbox_messages (source, message_id, received_at) VALUES ($1, $2, $3) ON CONFLICT (source, message_id) DO NOTHING',
      [source, messageId, now],
    );
    return inserted === 1;
  }

  async lastReceivedAt(source: string): Promise<number | null> {
    const rows = await this.db.query<{ at: number | string | null }>('SELECT MAX(received_at) AS at FROM inbox_messages WHERE source = $1', [source]);
    const at = rows[0]?.at;
    return at === null || at === undefined ? null : Number(at);
  }

  purgeOlderThan(cutoff: number): Promise<number> {
    return this.db.run('DELETE FROM inbox_messages WHERE received_at < $1', [cutoff]);
  }
}
