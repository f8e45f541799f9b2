import { join } from 'node:path';
import type { Store } from '../ports';
import { SqliteConversations, SqliteCardCopies } from './conversations';
import { GroupCommit, openDatabase, StatementCache, type Db } from './db';
import { SqliteDeals } from './deals';
import { SqliteMembers, SqliteOrganizations } from './directory';
import { SqliteIdempotency, SqliteStateStorage } from './keyValue';
import { SqliteOffers } from './offers';
import { SqliteOutbox } from './outbox';
import { SqlitePartnerCenterConnections } from './partnerCenter';

/** The embedded store: one SQLite file in DATA_DIR, shared safely by several bot processes on one machine. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly deals;
  readonly offers;
  readonly organizations;
  readonly members;
  readonly conversations;
  readonly cardCopies;
  readonly outbox;
  readonly idempotency;
  readonly botState;
  readonly partnerCenter;
  private closed = false;
  private readonly writer: GroupCommit;

  private constructor(private readonly db: Db) {
    const writer = new GroupCommit(db);
    const cache = new StatementCache(db);
    this.writer = writer;
    this.outbox = new SqliteOutbox(db, writer, cache);
    this.deals = new SqliteDeals(db, writer, cache, this.outbox);
    // Deals from before search keys existed become searchable before the store is handed out.
    this.deals.indexUnsearchable();
    this.offers = new SqliteOffers(db, writer, this.outbox);
    this.organizations = new SqliteOrganizations(db, writer);
    this.members = new SqliteMembers(db, writer);
    this.conversations = new SqliteConversations(db, writer);
    this.cardCopies = new SqliteCardCopies(db, writer);
    this.idempotency = new SqliteIdempotency(db, writer);
    this.botState = new SqliteStateStorage(db, writer);
    this.partnerCenter = new SqlitePartnerCenterConnections(db, writer);
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
    await this.writer.run(() =>
      this.db.prepare(`INSERT INTO idempotency (key, value, expires_at) VALUES ('healthz', '0', '') ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.run(() => undefined); // let writes already asked for commit first
    this.db.close();
  }
}
