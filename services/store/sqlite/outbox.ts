import { DateTime } from 'luxon';
import type { OutboxItem, OutboxLease, OutboxRecord, OutboxRepository } from '../ports';
import type { Db, GroupCommit, StatementCache } from './db';

interface OutboxRow {
  id: string;
  kind: string;
  tenant_id: string;
  key: string | null;
  status: OutboxRecord['status'];
  available_at: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  payload: string;
  created_at: string;
  updated_at: string;
}

function toRecord(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    ...(row.key !== null ? { key: row.key } : {}),
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    status: row.status,
    availableAt: row.available_at,
    attempts: row.attempts,
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SqliteOutbox implements OutboxRepository {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
    private readonly cache: StatementCache,
  ) {
    this.stmts = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO outbox (id, kind, tenant_id, key, status, available_at, attempts, payload, created_at, updated_at)
         VALUES (@id, @kind, @tenantId, @key, 'pending', @availableAt, 0, @payload, @now, @now)`,
      ),
      ready: db.prepare<[string, string, number], OutboxRow>(
        `SELECT * FROM outbox WHERE status = 'pending' AND available_at <= ? AND (lease_until IS NULL OR lease_until < ?)
         ORDER BY available_at, seq LIMIT ?`,
      ),
      lease: db.prepare('UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?'),
      complete: db.prepare(
        `UPDATE outbox SET status = 'done', lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND lease_owner = ? AND lease_until = ? AND status = 'pending'`,
      ),
      retry: db.prepare(
        `UPDATE outbox SET available_at = ?, attempts = attempts + 1, last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND lease_owner = ? AND lease_until = ? AND status = 'pending'`,
      ),
      fail: db.prepare(
        `UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND lease_owner = ? AND lease_until = ? AND status = 'pending'`,
      ),
      get: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE id = ?'),
      counts: db.prepare<[], { status: OutboxRecord['status']; n: number }>('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status'),
      purge: db.prepare(`DELETE FROM outbox WHERE status <> 'pending' AND updated_at < ?`),
    };
  }

  /** Insert inside the caller's transaction (used by writes that carry outbox items). */
  enqueueNow(items: readonly OutboxItem[], now: string): void {
    for (const item of items) {
      this.stmts.insert.run({
        id: item.id,
        kind: item.kind,
        tenantId: item.tenantId,
        key: item.key ?? null,
        availableAt: item.availableAt ?? now,
        payload: JSON.stringify(item.payload),
        now,
      });
    }
  }

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    const now = DateTime.utc().toISO() as string;
    await this.writer.run(() => this.enqueueNow(items, now));
  }

  async claim(owner: string, now: string, limit: number, leaseMs: number, kinds?: readonly string[]): Promise<OutboxLease[]> {
    const leaseUntil = DateTime.fromISO(now).plus({ milliseconds: leaseMs }).toUTC().toISO() as string;
    return this.writer.run(() => {
      const rows = kinds ? this.readyOfKinds(now, limit, kinds) : this.stmts.ready.all(now, now, limit);
      for (const row of rows) this.stmts.lease.run(owner, leaseUntil, row.id);
      return rows.map((row) => ({ item: toRecord(row), owner, leaseUntil }));
    });
  }

  private readyOfKinds(now: string, limit: number, kinds: readonly string[]): OutboxRow[] {
    return this.cache
      .get<unknown[], OutboxRow>(
        `SELECT * FROM outbox WHERE status = 'pending' AND available_at <= ? AND (lease_until IS NULL OR lease_until < ?)
         AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY available_at, seq LIMIT ?`,
      )
      .all(now, now, ...kinds, limit);
  }

  async complete(lease: OutboxLease, now: string): Promise<boolean> {
    return this.writer.run(() => this.stmts.complete.run(now, lease.item.id, lease.owner, lease.leaseUntil).changes === 1);
  }

  async retry(lease: OutboxLease, availableAt: string, error: string, now: string): Promise<boolean> {
    return this.writer.run(() => this.stmts.retry.run(availableAt, error.slice(0, 2000), now, lease.item.id, lease.owner, lease.leaseUntil).changes === 1);
  }

  async fail(lease: OutboxLease, error: string, now: string): Promise<boolean> {
    return this.writer.run(() => this.stmts.fail.run(error.slice(0, 2000), now, lease.item.id, lease.owner, lease.leaseUntil).changes === 1);
  }

  async get(id: string): Promise<OutboxRecord | undefined> {
    const row = this.stmts.get.get(id);
    return row ? toRecord(row) : undefined;
  }

  async counts(): Promise<{ pending: number; done: number; dead: number }> {
    const counts = { pending: 0, done: 0, dead: 0 };
    for (const row of this.stmts.counts.all()) counts[row.status] = row.n;
    return counts;
  }

  async purge(before: string): Promise<number> {
    return this.writer.run(() => this.stmts.purge.run(before).changes);
  }
}
