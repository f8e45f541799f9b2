import { Offer } from '../../domain/offers';
import { clampLimit, decodeToken, encodeToken } from '../pagination';
import { AlreadyExistsError, ConflictError, NotFoundError, type OfferRepository, type Page, type PageRequest, type Stored, type WriteOptions } from '../ports';
import { newEtag, type Db, type GroupCommit } from './db';
import type { SqliteOutbox } from './outbox';

interface OfferRow {
  etag: string;
  doc: string;
}

/** Offers, one row each; the outbox items a write carries commit in the same transaction. */
export class SqliteOffers implements OfferRepository {
  private readonly stmts;

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
    private readonly outbox: SqliteOutbox,
  ) {
    this.stmts = {
      get: db.prepare<[string, string], OfferRow>('SELECT etag, doc FROM offers WHERE tenant_id = ? AND id = ?'),
      exists: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM offers WHERE tenant_id = ? AND id = ?'),
      insert: db.prepare('INSERT INTO offers (tenant_id, id, etag, name_lower, due_at, doc) VALUES (@tenantId, @id, @etag, @nameLower, @dueAt, @doc)'),
      update: db.prepare(
        `UPDATE offers SET etag = @etag, name_lower = @nameLower, due_at = @dueAt, doc = @doc
         WHERE tenant_id = @tenantId AND id = @id AND etag = @ifMatch`,
      ),
      delete: db.prepare('DELETE FROM offers WHERE tenant_id = ? AND id = ? AND etag = ?'),
      page: db.prepare<[string, string, string, number], OfferRow & { name_lower: string; id: string }>(
        `SELECT etag, doc, name_lower, id FROM offers WHERE tenant_id = ? AND (name_lower, id) > (?, ?)
         ORDER BY name_lower, id LIMIT ?`,
      ),
      due: db.prepare<[string, string, string, string, number], OfferRow & { due_at: string; tenant_id: string; id: string }>(
        `SELECT etag, doc, due_at, tenant_id, id FROM offers
         WHERE due_at IS NOT NULL AND due_at <= ? AND (due_at, tenant_id, id) > (?, ?, ?)
         ORDER BY due_at, tenant_id, id LIMIT ?`,
      ),
    };
  }

  private columns(offer: Offer, etag: string) {
    return { tenantId: offer.tenantId, id: offer.id, etag, nameLower: offer.name.toLowerCase(), dueAt: offer.dueAt, doc: JSON.stringify(offer) };
  }

  private read(row: OfferRow): Stored<Offer> {
    return { value: Offer.parse(JSON.parse(row.doc)), etag: row.etag };
  }

  async get(tenantId: string, id: string): Promise<Stored<Offer> | undefined> {
    const row = this.stmts.get.get(tenantId, id);
    return row ? this.read(row) : undefined;
  }

  async create(offer: Offer, options?: WriteOptions): Promise<Stored<Offer>> {
    const value = Offer.parse(offer);
    const etag = newEtag();
    await this.writer.run(() => {
      if (this.stmts.exists.get(value.tenantId, value.id)) throw new AlreadyExistsError('offer', value.id);
      this.stmts.insert.run(this.columns(value, etag));
      if (options?.outbox?.length) this.outbox.enqueueNow(options.outbox, value.updatedAt);
    });
    return { value, etag };
  }

  async update(offer: Offer, ifMatch: string, options?: WriteOptions): Promise<Stored<Offer>> {
    const value = Offer.parse(offer);
    const etag = newEtag();
    await this.writer.run(() => {
      const result = this.stmts.update.run({ ...this.columns(value, etag), ifMatch });
      if (result.changes === 0) {
        if (!this.stmts.exists.get(value.tenantId, value.id)) throw new NotFoundError('offer', value.id);
        throw new ConflictError('offer', value.id);
      }
      if (options?.outbox?.length) this.outbox.enqueueNow(options.outbox, value.updatedAt);
    });
    return { value, etag };
  }

  async delete(tenantId: string, id: string, ifMatch: string): Promise<void> {
    await this.writer.run(() => {
      if (this.stmts.delete.run(tenantId, id, ifMatch).changes > 0) return;
      if (!this.stmts.exists.get(tenantId, id)) throw new NotFoundError('offer', id);
      throw new ConflictError('offer', id);
    });
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Stored<Offer>>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken) ?? ['', ''];
    const rows = this.stmts.page.all(tenantId, String(after[0]), String(after[1]), limit + 1);
    const items = rows.slice(0, limit).map((r) => this.read(r));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { items, continuationToken: encodeToken([last.name_lower, last.id]) } : { items };
  }

  async listDue(before: string, page: PageRequest): Promise<Page<Stored<Offer>>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken) ?? ['', '', ''];
    const rows = this.stmts.due.all(before, String(after[0]), String(after[1]), String(after[2]), limit + 1);
    const items = rows.slice(0, limit).map((r) => this.read(r));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { items, continuationToken: encodeToken([last.due_at, last.tenant_id, last.id]) } : { items };
  }
}
