import type { IdempotencyRepository, StateItem, StateStorage } from '../ports';
import { newEtag, type Db, type GroupCommit } from './db';

export class SqliteIdempotency implements IdempotencyRepository {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
  ) {
    this.stmts = {
      get: db.prepare<[string, string], { value: string }>('SELECT value FROM idempotency WHERE key = ? AND expires_at >= ?'),
      insert: db.prepare(
        `INSERT INTO idempotency (key, value, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at WHERE idempotency.expires_at < ?`,
      ),
      set: db.prepare(
        'INSERT INTO idempotency (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
      ),
      purge: db.prepare('DELETE FROM idempotency WHERE expires_at < ?'),
    };
  }

  async putIfAbsent<T>(key: string, value: T, expiresAt: string, now: string): Promise<{ created: true } | { created: false; value: T }> {
    return this.writer.run((): { created: true } | { created: false; value: T } => {
      // An expired record counts as absent (and is replaced), as it would be once purged.
      const changes = this.stmts.insert.run(key, JSON.stringify(value), expiresAt, now).changes;
      if (changes === 1) return { created: true };
      const existing = this.stmts.get.get(key, now);
      return { created: false, value: JSON.parse(existing!.value) as T };
    });
  }

  async set<T>(key: string, value: T, expiresAt: string): Promise<void> {
    await this.writer.run(() => this.stmts.set.run(key, JSON.stringify(value), expiresAt));
  }

  async get<T>(key: string, now: string): Promise<T | undefined> {
    const row = this.stmts.get.get(key, now);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async purgeExpired(now: string): Promise<number> {
    return this.writer.run(() => this.stmts.purge.run(now).changes);
  }
}

/** botbuilder Storage semantics (as MemoryStorage): eTag '*' or absent overwrites; any other must match. */
export class SqliteStateStorage implements StateStorage {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
  ) {
    this.stmts = {
      get: db.prepare<[string], { etag: string; doc: string }>('SELECT etag, doc FROM bot_state WHERE key = ?'),
      put: db.prepare(
        'INSERT INTO bot_state (key, etag, doc) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc',
      ),
      delete: db.prepare('DELETE FROM bot_state WHERE key = ?'),
    };
  }

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    const items: Record<string, StateItem> = {};
    for (const key of keys) {
      const row = this.stmts.get.get(key);
      if (row) items[key] = { ...(JSON.parse(row.doc) as StateItem), eTag: row.etag };
    }
    return items;
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    await this.writer.run(() => {
      for (const [key, item] of Object.entries(changes)) {
        const current = this.stmts.get.get(key);
        if (current && item.eTag && item.eTag !== '*' && item.eTag !== current.etag) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        const { eTag: _ignored, ...doc } = item;
        this.stmts.put.run(key, newEtag(), JSON.stringify(doc));
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    await this.writer.run(() => keys.forEach((k) => this.stmts.delete.run(k)));
  }
}
