import { join } from 'node:path';
import type { Store } from '../ports';
import { SqliteConversations, SqliteCardCopies } from './conversations';
import { openDatabase, type Db } from './db';
import { SqliteDeals } from './deals';
import { SqliteMembers, SqliteOrganizations } from './directory';
import { SqliteIdempotency, SqliteStateStorage } from './keyValue';
import { SqliteOutbox } from './outbox';

/** The embedded store: one SQLite file in DATA_DIR, shared safely by several bot processes on one machine. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly deals;
  readonly organizations;
  readonly members;
  readonly conversations;
  readonly cardCopies;
  readonly outbox;
  readonly idempotency;
  readonly botState;
  private closed = false;

  private constructor(private readonly db: Db) {
    this.outbox = new SqliteOutbox(db);
    this.deals = new SqliteDeals(db, this.outbox);
    this.organizations = new SqliteOrganizations(db);
    this.members = new SqliteMembers(db);
    this.conversations = new SqliteConversations(db);
    this.cardCopies = new SqliteCardCopies(db);
    this.idempotency = new SqliteIdempotency(db);
    this.botState = new SqliteStateStorage(db);
  }

  static open(dataDir: string): SqliteStore {
    return new SqliteStore(openDatabase(join(dataDir, 'cosell.sqlite')));
  }

  /** A private in-memory database, for tests that need no file. */
  static inMemory(): SqliteStore {
    return new SqliteStore(openDatabase(':memory:'));
  }

  async ping(): Promise<void> {
    if (this.closed || !this.db.open) throw new Error('store is closed');
    this.db.prepare('SELECT 1').get();
    // A store that can be read but not written (disk full, read-only file) is not usable.
    this.db.prepare(`INSERT INTO idempotency (key, value, expires_at) VALUES ('healthz', '0', '') ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
