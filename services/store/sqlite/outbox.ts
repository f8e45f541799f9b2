import { DateTime } from 'luxon';
import type { ClaimOptions, OutboxItem, OutboxLease, OutboxRecord, OutboxRepository } from '../ports';
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
      lease: db.prepare('UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?'),
      renew: db.prepare(`UPDATE outbox SET lease_until = ? WHERE id = ? AND lease_owner = ? AND lease_until = ? AND status = 'pending'`),
      release: db.prepare(
        `UPDATE outbox SET available_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND lease_owner = ? AND lease_until = ? AND status = 'pending'`,
      ),
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

  async claim(owner: string, now: string, limit: number, leaseMs: number, options: ClaimOptions = {}): Promise<OutboxLease[]> {
    const leaseUntil = DateTime.fromISO(now).plus({ milliseconds: leaseMs }).toUTC().toISO() as string;
    return this.writer.run(() => {
      const rows = this.ready(now, limit, options);
      for (const row of rows) this.stmts.lease.run(owner, leaseUntil, row.id);
      return rows.map((row) => ({ item: toRecord(row), owner, leaseUntil }));
    });
  }

  /**
   * The statement text depends only on which filters are present and on the number of kinds, so the
   * cache holds a handful; the skip list travels as one JSON parameter, read once into a small table.
   */
  private ready(now: string, limit: number, { kinds, skip }: ClaimOptions): OutboxRow[] {
    const skipping = skip !== undefined && skip.length > 0;
    const sql = `${skipping ? `WITH skip (k, t, b) AS MATERIALIZED (SELECT value ->> '$.key', value ->> '$.tenantId', value ->> '$.availableBefore' FROM json_each(?)) ` : ''}
      SELECT * FROM outbox WHERE status = 'pending' AND available_at <= ? AND (lease_until IS NULL OR lease_until < ?)
      ${kinds ? `AND kind IN (${kinds.map(() => '?').join(',')})` : ''}
      ${skipping ? `AND NOT EXISTS (SELECT 1 FROM skip WHERE (skip.k = outbox.key OR skip.t = outbox.tenant_id) AND (skip.b IS NULL OR outbox.available_at < skip.b))` : ''}
      ORDER BY available_at, seq LIMIT ?`;
    const params: unknown[] = [...(skipping ? [JSON.stringify(skip)] : []), now, now, ...(kinds ?? []), limit];
    return this.cache.get<unknown[], OutboxRow>(sql).all(...params);
  }

  async renew(lease: OutboxLease, now: string, leaseMs: number): Promise<OutboxLease | undefined> {
    const leaseUntil = DateTime.fromISO(now).plus({ milliseconds: leaseMs }).toUTC().toISO() as string;
    const renewed = await this.writer.run(() => this.stmts.renew.run(leaseUntil, lease.item.id, lease.owner, lease.leaseUntil).changes === 1);
    return renewed ? { ...lease, leaseUntil } : undefined;
  }

  async release(lease: OutboxLease, availableAt: string, now: string): Promise<boolean> {
    return this.writer.run(() => this.stmts.release.run(availableAt, now, lease.item.id, lease.owner, lease.leaseUntil).changes === 1);
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
