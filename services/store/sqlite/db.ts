import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

export type Db = Database.Database;

/**
 * Schema, versioned by `user_version`. Documents are stored whole as JSON in `doc`; the columns
 * beside them exist only to be indexed.
 */
const MIGRATIONS: readonly (string | ((db: Db) => void))[] = [
  `
  CREATE TABLE deals (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    etag TEXT NOT NULL,
    direction TEXT NOT NULL,
    open INTEGER NOT NULL,
    location TEXT NOT NULL,
    name_lower TEXT NOT NULL,
    created_at TEXT NOT NULL,
    due_at TEXT,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE INDEX deals_by_created ON deals (tenant_id, created_at DESC, id DESC);
  CREATE INDEX deals_by_direction ON deals (tenant_id, direction, created_at DESC, id DESC);
  CREATE INDEX deals_due ON deals (due_at, tenant_id, id) WHERE due_at IS NOT NULL;

  -- Who is on a deal's team (user id or lower-cased email) and who marked it a favourite; kept in
  -- step with the deal's document in the same transaction, so list filters can use indexes.
  CREATE TABLE deal_team (
    tenant_id TEXT NOT NULL, deal_id TEXT NOT NULL, member TEXT NOT NULL,
    PRIMARY KEY (tenant_id, deal_id, member)
  );
  CREATE INDEX deal_team_by_member ON deal_team (tenant_id, member);
  CREATE TABLE deal_favorites (
    tenant_id TEXT NOT NULL, user_id TEXT NOT NULL, deal_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id, deal_id)
  );

  CREATE TABLE organizations (
    tenant_id TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    name_lower TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX organizations_by_name ON organizations (name_lower);

  CREATE TABLE members (
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    etag TEXT NOT NULL,
    email_lower TEXT,
    name_lower TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
  );
  CREATE INDEX members_by_email ON members (tenant_id, email_lower);
  CREATE INDEX members_by_name ON members (tenant_id, name_lower, user_id);

  CREATE TABLE conversations (
    tenant_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    user_id TEXT,
    scope TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
  );
  CREATE INDEX conversations_by_user ON conversations (tenant_id, user_id);

  CREATE TABLE card_copies (
    tenant_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    deal_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id, activity_id)
  );
  CREATE INDEX card_copies_by_deal ON card_copies (tenant_id, deal_id);

  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    key TEXT,
    status TEXT NOT NULL,
    available_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until TEXT,
    last_error TEXT,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX outbox_ready ON outbox (available_at, seq) WHERE status = 'pending';
  CREATE INDEX outbox_finished ON outbox (updated_at) WHERE status <> 'pending';

  CREATE TABLE idempotency (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX idempotency_by_expiry ON idempotency (expires_at);

  CREATE TABLE bot_state (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  `,
  `
  -- Per tenant, what serializes its role changes: every role change moves \`version\` in the transaction
  -- that writes the member, so a change decided on an older roster is refused. \`first_admin_settled\`
  -- is 1 once a personal install decided who the tenant's first admin is. No row: version 0, unsettled.
  CREATE TABLE member_roles (
    tenant_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    first_admin_settled INTEGER NOT NULL
  );
  `,
  // What search filters on and the pipeline counts by, computed by SQLite from the document itself, so
  // they hold for every row whoever wrote it and whenever (no backfill); `stage` mirrors
  // services/domain/search.ts searchStageOf (the store contract checks they agree). Search keys
  // (services/domain/search.ts) go in deal_search, one document per deal row (same rowid), each key
  // prefixed with its tenant's tag: an inverted index, so a search reads the postings of the keys it
  // asks for and never a tenant's deals; contentless (the keys derive from the deal) and without
  // positions (only "which rows hold this key" is asked). `search_source` is what a row's keys were made
  // from; NULL until they are written (older rows are indexed when the store opens). Written to be run
  // again safely on a file that already has part of it (a user_version set back by hand or by a tool).
  (db) => {
    addColumn(
      db,
      'deals',
      'stage',
      `TEXT GENERATED ALWAYS AS (
        CASE json_extract(doc, '$.status') WHEN 'open' THEN coalesce(json_extract(doc, '$.salesStage'), 'created') ELSE json_extract(doc, '$.status') END
      ) VIRTUAL`,
    );
    addColumn(db, 'deals', 'close_date', `TEXT GENERATED ALWAYS AS (json_extract(doc, '$.closeDate')) VIRTUAL`);
    addColumn(db, 'deals', 'responded_at', `TEXT GENERATED ALWAYS AS (json_extract(doc, '$.response.at')) VIRTUAL`);
    addColumn(db, 'deals', 'search_source', 'TEXT');
    db.exec(`
      CREATE INDEX IF NOT EXISTS deals_by_stage ON deals (tenant_id, stage, created_at DESC, id DESC);
      CREATE INDEX IF NOT EXISTS deals_by_close_date ON deals (tenant_id, close_date);
      CREATE INDEX IF NOT EXISTS deals_by_response ON deals (tenant_id, responded_at) WHERE responded_at IS NOT NULL;
      CREATE INDEX IF NOT EXISTS deals_unsearchable ON deals (tenant_id) WHERE search_source IS NULL;
      CREATE VIRTUAL TABLE IF NOT EXISTS deal_search USING fts5(keys, content='', contentless_delete=1, detail=none, tokenize='ascii');
    `);
  },
  `
  -- The organization's own marketplace offers; due_at is when its next rewards reminder falls due.
  CREATE TABLE IF NOT EXISTS offers (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    etag TEXT NOT NULL,
    name_lower TEXT NOT NULL,
    due_at TEXT,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE INDEX IF NOT EXISTS offers_by_name ON offers (tenant_id, name_lower, id);
  CREATE INDEX IF NOT EXISTS offers_due ON offers (due_at, tenant_id, id) WHERE due_at IS NOT NULL;
  `,
  `
  -- One Partner Center connection per organization (services/partnerCenter). IF NOT EXISTS: a file whose
  -- user_version was set back (a restored or hand-repaired database) may already hold it.
  CREATE TABLE IF NOT EXISTS partner_center_connections (
    tenant_id TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    active INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS partner_center_active ON partner_center_connections (tenant_id) WHERE active = 1;
  `,
];

/**
 * Open (creating when needed) the database file. WAL lets readers and one writer work at once across
 * processes; synchronous=FULL makes a commit durable once it returns; busy_timeout makes a second
 * process wait for the write lock instead of failing.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  // SQLite's default page cache is 2 MB; a store with a million deals needs its index pages to stay hot.
  db.pragma('cache_size = -65536');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const run = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      const step = MIGRATIONS[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  run.immediate();
}

/** ALTER TABLE … ADD COLUMN unless the table has it (SQLite has no IF NOT EXISTS there; generated columns included). */
function addColumn(db: Db, table: string, column: string, definition: string): void {
  const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_xinfo('${table}')`).all();
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}

export function newEtag(): string {
  return randomUUID();
}

interface PendingWrite {
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: writes asked for during one turn of the event loop are committed together, in one
 * transaction with one fsync, each inside its own savepoint — a write that throws (a stale etag, a
 * taken key) rolls back alone and rejects alone; the others commit. Every promise settles only
 * after the commit is on disk (synchronous=FULL), so durability is unchanged; what changes is that
 * concurrent requests share the cost of the fsync instead of queueing behind one fsync each.
 */
export class GroupCommit {
  private queue: PendingWrite[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const write of batch) {
            try {
              // A transaction function called inside a transaction runs as a savepoint.
              outcomes.push({ ok: true, value: this.db.transaction(write.run)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }
}

/** Prepared statements for SQL built at run time (filters), kept per text so each is compiled once. */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Db) {}

  get<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size < 500) this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }
}
