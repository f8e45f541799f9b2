import { createHash } from 'node:crypto';
import { Deal } from '../../domain/model';
import { DealFigures, type FiguresRead } from '../../domain/pipeline';
import { dealSearchKeys, dealSearchSource } from '../../domain/search';
import { isTerminal } from '../../domain/stages';
import { clampFiguresLimit, clampLimit, decodeToken, encodeToken } from '../pagination';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  type DealQuery,
  type DealRepository,
  type KeyQuery,
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

/**
 * Every key in the search index carries its tenant's tag, so a tenant's search reads only its own
 * postings (a tag two tenants happened to share would only cost reads: rows are filtered by tenant too).
 */
const tenantTag = (tenantId: string): string => createHash('sha256').update(tenantId).digest('hex').slice(0, 10);

/** The index's document for a deal: its keys, space-separated (the ascii tokenizer keeps each key whole). */
export const searchDocument = (deal: Deal): string => {
  const tag = tenantTag(deal.tenantId);
  return dealSearchKeys(deal)
    .map((key) => tag + key)
    .join(' ');
};

/**
 * Keys are letters and digits (dealSearchKeys): the ascii tokenizer keeps such a string whole. Anything
 * else (ASCII punctuation or spaces) could never be in the index, and quoted it would be a phrase.
 */
const INDEXABLE = /^[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+$/;

/** An FTS5 query asking for the keys: each a quoted string, OR within a group; '' when nothing can match. */
function matchExpression(tenantId: string, keys: KeyQuery): string {
  const tag = tenantTag(tenantId);
  const groups = keys.groups.map((g) => g.filter((k) => INDEXABLE.test(k)));
  if (keys.mode === 'all' && groups.some((g) => g.length === 0)) return '';
  const terms = groups.filter((g) => g.length > 0).map((g) => `(${g.map((k) => `"${tag}${k}"`).join(' OR ')})`);
  return terms.join(keys.mode === 'all' ? ' AND ' : ' OR ');
}

/** The paths DealFigures reads, in order; json_extract with several paths parses each document once. */
const FIGURE_PATHS = ['$.name', '$.customer.name', '$.status', '$.salesStage', '$.assessmentStage', '$.assessment', '$.value', '$.closeDate', '$.createdAt', '$.inbound.receivedAt', '$.inbound.expiresAt', '$.response.at'];

function figuresFrom(id: string, json: string): DealFigures {
  const [name, customer, status, salesStage, assessmentStage, assessment, value, closeDate, createdAt, receivedAt, expiresAt, respondedAt] = JSON.parse(json) as unknown[];
  const present = (key: string, v: unknown) => (v === null || v === undefined ? {} : { [key]: v });
  return DealFigures.parse({
    id,
    name,
    customer,
    status,
    ...present('salesStage', salesStage),
    ...present('assessmentStage', assessmentStage),
    assessment: assessment !== null && assessment !== undefined,
    value,
    closeDate,
    createdAt,
    ...present('receivedAt', receivedAt),
    ...present('expiresAt', expiresAt),
    ...present('respondedAt', respondedAt),
  });
}

/** How many deals written before search keys existed are indexed per transaction when the store opens. */
const INDEXING_BATCH = 500;

export class SqliteDeals implements DealRepository {
  private readonly stmts;
  private readonly docs = new ValidatedDocs(Deal);

  constructor(
    private readonly db: Db,
    private readonly writer: GroupCommit,
    private readonly cache: StatementCache,
    private readonly outbox: SqliteOutbox,
  ) {
    this.stmts = {
      get: db.prepare<[string, string], DealRow>('SELECT etag, doc FROM deals WHERE tenant_id = ? AND id = ?'),
      insert: db.prepare(
        `INSERT INTO deals (tenant_id, id, etag, direction, open, location, name_lower, created_at, due_at, doc, search_source)
         VALUES (@tenantId, @id, @etag, @direction, @open, @location, @nameLower, @createdAt, @dueAt, @doc, @searchSource)`,
      ),
      // Direction, location and creation time never change after creation (the domain refuses it), so
      // the update does not name them: SQLite then leaves the list indexes alone and moves only due_at.
      update: db.prepare(
        `UPDATE deals SET etag = @etag, open = @open, name_lower = @nameLower, due_at = @dueAt, doc = @doc, search_source = @searchSource
         WHERE tenant_id = @tenantId AND id = @id AND etag = @ifMatch`,
      ),
      searchState: db.prepare<[string, string], { rowid: number; search_source: string | null }>(
        'SELECT rowid, search_source FROM deals WHERE tenant_id = ? AND id = ?',
      ),
      unsearchable: db.prepare<[number], { rowid: number; doc: string }>('SELECT rowid, doc FROM deals WHERE search_source IS NULL LIMIT ?'),
      markSearchable: db.prepare('UPDATE deals SET search_source = ? WHERE rowid = ?'),
      clearKeys: db.prepare('DELETE FROM deal_search WHERE rowid = ?'),
      addKeys: db.prepare('INSERT INTO deal_search (rowid, keys) VALUES (?, ?)'),
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
      searchSource: dealSearchSource(deal),
    };
  }

  /** Replace a row's keys in the search index (in the caller's transaction). */
  private writeKeys(rowid: number | bigint, deal: Deal): void {
    this.stmts.clearKeys.run(rowid);
    this.stmts.addKeys.run(rowid, searchDocument(deal));
  }

  /**
   * Index the deals written before this store kept search keys (or by a writer that did not), a batch
   * per transaction so that other processes sharing the file are never held up for long. Runs when the
   * store opens; returns how many it indexed.
   */
  async indexOlderDeals(): Promise<{ rewritten: number; complete: boolean }> {
    return { rewritten: this.indexUnsearchable(), complete: true };
  }

  indexUnsearchable(): number {
    let done = 0;
    const batch = this.db.transaction(() => {
      const rows = this.stmts.unsearchable.all(INDEXING_BATCH);
      for (const row of rows) {
        const deal = Deal.parse(JSON.parse(row.doc));
        this.writeKeys(row.rowid, deal);
        this.stmts.markSearchable.run(dealSearchSource(deal), row.rowid);
      }
      return rows.length;
    });
    for (let n = batch.immediate(); n > 0; n = batch.immediate()) done += n;
    return done;
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
      const inserted = this.stmts.insert.run(this.columns(value, etag));
      this.writeKeys(inserted.lastInsertRowid, value);
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
      const before = this.stmts.searchState.get(value.tenantId, value.id);
      const columns = this.columns(value, etag);
      const result = this.stmts.update.run({ ...columns, ifMatch });
      if (result.changes === 0) {
        if (!before) throw new NotFoundError('deal', value.id);
        throw new ConflictError('deal', value.id);
      }
      // Most writes (a stage, an answer) change nothing search looks at: the keys stay as they are.
      if (before?.search_source !== columns.searchSource) this.writeKeys(before!.rowid, value);
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
    if (query.stage) {
      where.push('d.stage = ?');
      params.push(query.stage);
    }
    if (query.closeBy) {
      where.push('d.close_date <= ?');
      params.push(query.closeBy);
    }
    if (query.respondedSince) {
      where.push('d.responded_at >= ?');
      params.push(query.respondedSince);
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

  async searchByKeys(tenantId: string, keys: KeyQuery, query: DealQuery, limit: number): Promise<Stored<Deal>[]> {
    const expression = matchExpression(tenantId, keys);
    if (!expression) return [];
    const { where, params } = this.filter(tenantId, query);
    // CROSS JOIN keeps SQLite from walking the tenant's deals and probing the index for each: it starts
    // from the postings of the keys asked for.
    const rows = this.cache
      .get<unknown[], DealRow>(
        `SELECT d.etag, d.doc FROM deal_search s CROSS JOIN deals d ON d.rowid = s.rowid
         WHERE s.deal_search MATCH ? AND ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
      )
      .all(expression, ...params, clampLimit(limit));
    return rows.map((r) => this.read(r));
  }

  async figures(tenantId: string, query: DealQuery, limit: number): Promise<FiguresRead> {
    const { where, params } = this.filter(tenantId, query);
    const max = clampFiguresLimit(limit);
    const rows = this.cache
      .get<unknown[], { id: string; f: string }>(
        `SELECT d.id, json_extract(d.doc, ${FIGURE_PATHS.map((p) => `'${p}'`).join(', ')}) AS f FROM deals d
         WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
      )
      .all(...params, max + 1);
    return { items: rows.slice(0, max).map((r) => figuresFrom(r.id, r.f)), truncated: rows.length > max };
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
