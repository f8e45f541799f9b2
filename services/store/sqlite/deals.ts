import { Deal } from '../../domain/model';
import { isTerminal } from '../../domain/stages';
import { clampLimit, decodeToken, encodeToken } from '../pagination';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  type DealQuery,
  type DealRepository,
  type Page,
  type PageRequest,
  type Stored,
  type WriteOptions,
} from '../ports';
import { newEtag, type Db, type GroupCommit, type StatementCache } from './db';
import type { SqliteOutbox } from './outbox';
import { ValidatedDocs } from './validatedDocs';

interface DealRow {
  etag: string;
  doc: string;
}

function teamKeys(deal: Deal): string[] {
  const keys = new Set<string>();
  for (const m of deal.team) {
    keys.add(`e:${m.email.toLowerCase()}`);
    if (m.userId) keys.add(`u:${m.userId}`);
  }
  return [...keys];
}

export class SqliteDeals implements DealRepository {
  private readonly stmts;
  private readonly docs = new ValidatedDocs(Deal);

  constructor(
    db: Db,
    private readonly writer: GroupCommit,
    private readonly cache: StatementCache,
    private readonly outbox: SqliteOutbox,
  ) {
    this.stmts = {
      get: db.prepare<[string, string], DealRow>('SELECT etag, doc FROM deals WHERE tenant_id = ? AND id = ?'),
      insert: db.prepare(
        `INSERT INTO deals (tenant_id, id, etag, direction, open, location, name_lower, created_at, due_at, doc)
         VALUES (@tenantId, @id, @etag, @direction, @open, @location, @nameLower, @createdAt, @dueAt, @doc)`,
      ),
      // Direction, location and creation time never change after creation (the domain refuses it), so
      // the update does not name them: SQLite then leaves the list indexes alone and moves only due_at.
      update: db.prepare(
        `UPDATE deals SET etag = @etag, open = @open, name_lower = @nameLower, due_at = @dueAt, doc = @doc
         WHERE tenant_id = @tenantId AND id = @id AND etag = @ifMatch`,
      ),
      exists: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM deals WHERE tenant_id = ? AND id = ?'),
      clearTeam: db.prepare('DELETE FROM deal_team WHERE tenant_id = ? AND deal_id = ?'),
      addTeam: db.prepare('INSERT OR IGNORE INTO deal_team (tenant_id, deal_id, member) VALUES (?, ?, ?)'),
      clearFavorites: db.prepare('DELETE FROM deal_favorites WHERE tenant_id = ? AND deal_id = ?'),
      addFavorite: db.prepare('INSERT OR IGNORE INTO deal_favorites (tenant_id, user_id, deal_id) VALUES (?, ?, ?)'),
      due: db.prepare<[string, string, string, string, number], DealRow & { due_at: string; tenant_id: string; id: string }>(
        `SELECT etag, doc, due_at, tenant_id, id FROM deals
         WHERE due_at IS NOT NULL AND due_at <= ? AND (due_at, tenant_id, id) > (?, ?, ?)
         ORDER BY due_at, tenant_id, id LIMIT ?`,
      ),
    };
  }

  private columns(deal: Deal, etag: string) {
    return {
      tenantId: deal.tenantId,
      id: deal.id,
      etag,
      direction: deal.direction,
      open: isTerminal(deal) ? 0 : 1,
      location: deal.location,
      nameLower: deal.name.toLowerCase(),
      createdAt: deal.createdAt,
      dueAt: deal.dueAt,
      doc: JSON.stringify(deal),
    };
  }

  private writeSideTables(deal: Deal): void {
    this.stmts.clearTeam.run(deal.tenantId, deal.id);
    for (const key of teamKeys(deal)) this.stmts.addTeam.run(deal.tenantId, deal.id, key);
    this.stmts.clearFavorites.run(deal.tenantId, deal.id);
    for (const userId of deal.favoritedBy) this.stmts.addFavorite.run(deal.tenantId, userId, deal.id);
  }

  private read(row: DealRow): Stored<Deal> {
    return { value: this.docs.read(row.etag, row.doc), etag: row.etag };
  }

  async get(tenantId: string, id: string): Promise<Stored<Deal> | undefined> {
    const row = this.stmts.get.get(tenantId, id);
    return row ? this.read(row) : undefined;
  }

  async create(deal: Deal, options?: WriteOptions): Promise<Stored<Deal>> {
    const value = Deal.parse(deal);
    const etag = newEtag();
    await this.writer.run(() => {
      if (this.stmts.exists.get(value.tenantId, value.id)) throw new AlreadyExistsError('deal', value.id);
      this.stmts.insert.run(this.columns(value, etag));
      this.writeSideTables(value);
      if (options?.outbox?.length) this.outbox.enqueueNow(options.outbox, value.updatedAt);
    });
    this.docs.wrote(etag);
    return { value, etag };
  }

  async update(deal: Deal, ifMatch: string, options?: WriteOptions): Promise<Stored<Deal>> {
    const value = Deal.parse(deal);
    const etag = newEtag();
    await this.writer.run(() => {
      const result = this.stmts.update.run({ ...this.columns(value, etag), ifMatch });
      if (result.changes === 0) {
        if (!this.stmts.exists.get(value.tenantId, value.id)) throw new NotFoundError('deal', value.id);
        throw new ConflictError('deal', value.id);
      }
      this.writeSideTables(value);
      if (options?.outbox?.length) this.outbox.enqueueNow(options.outbox, value.updatedAt);
    });
    this.docs.wrote(etag);
    return { value, etag };
  }

  private filter(tenantId: string, query: DealQuery): { where: string[]; params: unknown[] } {
    const where = ['d.tenant_id = ?'];
    const params: unknown[] = [tenantId];
    if (query.direction) {
      where.push('d.direction = ?');
      params.push(query.direction);
    }
    if (query.open !== undefined) {
      where.push('d.open = ?');
      params.push(query.open ? 1 : 0);
    }
    if (query.favoriteOf) {
      where.push('EXISTS (SELECT 1 FROM deal_favorites f WHERE f.tenant_id = d.tenant_id AND f.deal_id = d.id AND f.user_id = ?)');
      params.push(query.favoriteOf);
    }
    if (query.restrictTo) {
      const { locations, userId, email } = query.restrictTo;
      if (locations.length === 0) {
        where.push('0');
      } else {
        where.push(`d.location IN (${locations.map(() => '?').join(',')})`);
        params.push(...locations);
      }
      const members = [`u:${userId}`, ...(email ? [`e:${email.toLowerCase()}`] : [])];
      where.push(
        `EXISTS (SELECT 1 FROM deal_team t WHERE t.tenant_id = d.tenant_id AND t.deal_id = d.id AND t.member IN (${members.map(() => '?').join(',')}))`,
      );
      params.push(...members);
    }
    return { where, params };
  }

  async list(tenantId: string, query: DealQuery, page: PageRequest): Promise<Page<Stored<Deal>>> {
    const limit = clampLimit(page.limit);
    const { where, params } = this.filter(tenantId, query);
    const after = decodeToken(page.continuationToken);
    if (after) {
      where.push('(d.created_at, d.id) < (?, ?)');
      params.push(after[0], after[1]);
    }
    const rows = this.cache
      .get<unknown[], DealRow & { created_at: string; id: string }>(
        `SELECT d.etag, d.doc, d.created_at, d.id FROM deals d WHERE ${where.join(' AND ')}
         ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
      )
      .all(...params, limit + 1);
    const items = rows.slice(0, limit).map((r) => this.read(r));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { items, continuationToken: encodeToken([last.created_at, last.id]) } : { items };
  }

  async search(tenantId: string, text: string, query: DealQuery, limit: number): Promise<Stored<Deal>[]> {
    const { where, params } = this.filter(tenantId, query);
    const needle = text.trim().toLowerCase();
    const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(`(d.id = ? OR d.name_lower LIKE ? ESCAPE '\\')`);
    params.push(text.trim().toUpperCase(), `%${escaped}%`);
    const rows = this.cache
      .get<unknown[], DealRow>(
        `SELECT d.etag, d.doc FROM deals d WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
      )
      .all(...params, clampLimit(limit));
    return rows.map((r) => this.read(r));
  }

  async listDue(before: string, page: PageRequest): Promise<Page<Stored<Deal>>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken) ?? ['', '', ''];
    const rows = this.stmts.due.all(before, String(after[0]), String(after[1]), String(after[2]), limit + 1);
    const items = rows.slice(0, limit).map((r) => this.read(r));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { items, continuationToken: encodeToken([last.due_at, last.tenant_id, last.id]) } : { items };
  }
}
