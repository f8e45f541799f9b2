import type { SqlParameter } from '@azure/cosmos';
import { z } from 'zod';
import { Deal } from '../../domain/model';
import { DealFigures, type FiguresRead } from '../../domain/pipeline';
import { dealSearchKeys, searchStageOf } from '../../domain/search';
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
import type { Collection } from './collection';
import { PendingItem, pendingItems, type CosmosOutbox } from './outbox';
import { OutboxRelay } from './relay';
import { DueHint, type HintDoc, type Schedule } from './schedule';
import { utc } from './time';

const DealDoc = z.object({
  id: z.string(),
  tenantId: z.string(),
  deal: Deal,
  dueHint: DueHint.nullable(),
  /** Outbox items committed with this version and not yet known to be in the outbox container. */
  outbox: z.array(PendingItem),
  _etag: z.string(),
});
type DealDoc = z.infer<typeof DealDoc>;

function teamKeys(deal: Deal): string[] {
  const keys = new Set<string>();
  for (const m of deal.team) {
    keys.add(`e:${m.email.toLowerCase()}`);
    if (m.userId) keys.add(`u:${m.userId}`);
  }
  return [...keys];
}

/**
 * Which scheme of search keys a document was written with; documents from before (none) or an older
 * scheme are rewritten in the background (`indexOlderDeals`).
 */
const SEARCH_VERSION = 1;

/** DealFigures as the figures query projects it (absent properties are left out by Cosmos DB). */
const ProjectedFigures = z.object({ money: z.object({ amount: z.number(), currency: z.string() }) }).passthrough();

function toDocument(deal: Deal, dueHint: DueHint | null, outbox: readonly PendingItem[]) {
  return {
    id: deal.id,
    tenantId: deal.tenantId,
    deal,
    dueHint,
    outbox,
    // What lists filter on but cannot compute in a query cheaply, kept beside the deal and indexed.
    open: !isTerminal(deal),
    nameLower: deal.name.toLowerCase(),
    team: teamKeys(deal),
    // Search (domain/search.ts): the deal's keys, looked up one by one in the index, and its stage.
    searchKeys: dealSearchKeys(deal),
    stage: searchStageOf(deal),
    searchVersion: SEARCH_VERSION,
    // Present only while items wait to be relayed, so the recovery query reads a sparse index.
    ...(outbox.length > 0 ? { outboxSince: new Date().toISOString() } : {}),
  };
}

/*
 * The etag callers see is Cosmos DB's _etag together with the due hint that version relies on. An update
 * names the version it replaces, so it learns which hint that version used without reading it first:
 * it keeps the hint when dueAt is unchanged and deletes it once the new version no longer needs it.
 */
const Version = z.union([z.tuple([z.string()]), z.tuple([z.string(), z.string(), z.string()])]);

function versionOf(doc: DealDoc): string {
  const parts = doc.dueHint ? [doc._etag, doc.dueHint.id, doc.dueHint.dueAt] : [doc._etag];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** `hint` is undefined when the etag is not one we issued: then nothing is known about the old hint. */
function parseVersion(etag: string): { etag: string; hint?: DueHint | null } {
  try {
    const parts = Version.parse(JSON.parse(Buffer.from(etag, 'base64url').toString('utf8')));
    return parts.length === 3 ? { etag: parts[0], hint: { id: parts[1], dueAt: parts[2] } } : { etag: parts[0], hint: null };
  } catch {
    return { etag };
  }
}

const stored = (doc: DealDoc): Stored<Deal> => ({ value: doc.deal, etag: versionOf(doc) });

/**
 * Deals, partitioned by tenant: get is a point read, create and update are one conditional write in
 * the deal's partition, and lists are single-partition queries. Outbox items travel inside the deal
 * document (so they commit iff the conditional write does) and are then relayed to the outbox
 * container and cleared. Nobody is handed the etag of a version whose items are not relayed yet, so no
 * later write can drop them; a writer that dies before relaying is covered by `relayStranded`.
 */
export class CosmosDeals implements DealRepository {
  private readonly relayer: OutboxRelay<DealDoc, Deal>;

  constructor(
    private readonly items: Collection,
    private readonly schedule: Schedule,
    outbox: CosmosOutbox,
  ) {
    this.relayer = new OutboxRelay(items, outbox, { parse: (raw) => DealDoc.parse(raw), cleared: (doc) => toDocument(doc.deal, doc.dueHint, []), stored });
  }

  async get(tenantId: string, id: string): Promise<Stored<Deal> | undefined> {
    const raw = await this.items.read(id, tenantId);
    return raw ? this.relayer.reading(DealDoc.parse(raw)) : undefined;
  }

  async create(deal: Deal, options?: WriteOptions): Promise<Stored<Deal>> {
    const value = Deal.parse(deal);
    const hint = value.dueAt ? await this.schedule.add(value.tenantId, value.id, value.dueAt) : null;
    const created = await this.items.create(toDocument(value, hint, pendingItems(options?.outbox ?? [], value.updatedAt)));
    if (!created) {
      if (hint) await this.schedule.remove(hint);
      throw new AlreadyExistsError('deal', value.id);
    }
    return this.relayer.relay(DealDoc.parse(created));
  }

  async update(deal: Deal, ifMatch: string, options?: WriteOptions): Promise<Stored<Deal>> {
    const value = Deal.parse(deal);
    const previous = parseVersion(ifMatch);
    const kept = previous.hint && previous.hint.dueAt === value.dueAt ? previous.hint : null;
    const hint = kept ?? (value.dueAt ? await this.schedule.add(value.tenantId, value.id, value.dueAt) : null);
    const doc = toDocument(value, hint, pendingItems(options?.outbox ?? [], value.updatedAt));
    const replaced = await this.items.replace(doc, value.tenantId, previous.etag);
    if (typeof replaced === 'string') {
      // The write did not happen, so no version names the new hint.
      if (hint && hint !== kept) await this.schedule.remove(hint);
      throw replaced === 'conflict' ? new ConflictError('deal', value.id) : new NotFoundError('deal', value.id);
    }
    // No version to come names the hint of the one replaced: a dropped hint is never taken up again.
    if (previous.hint && previous.hint !== kept) await this.schedule.remove(previous.hint);
    return this.relayer.relay(DealDoc.parse(replaced.doc));
  }

  /** Relay the items of deals whose writer died between the write and the relay (OutboxRelay). */
  relayStranded(writtenBefore: string): Promise<void> {
    return this.relayer.relayStranded(writtenBefore);
  }

  private filter(tenantId: string, query: DealQuery): { where: string[]; parameters: SqlParameter[] } | undefined {
    const where = ['c.tenantId = @tenantId'];
    const parameters: SqlParameter[] = [{ name: '@tenantId', value: tenantId }];
    if (query.direction) {
      where.push('c.deal.direction = @direction');
      parameters.push({ name: '@direction', value: query.direction });
    }
    if (query.open !== undefined) {
      where.push('c.open = @open');
      parameters.push({ name: '@open', value: query.open });
    }
    if (query.favoriteOf) {
      where.push('ARRAY_CONTAINS(c.deal.favoritedBy, @favoriteOf)');
      parameters.push({ name: '@favoriteOf', value: query.favoriteOf });
    }
    if (query.stage) {
      where.push('c.stage = @stage');
      parameters.push({ name: '@stage', value: query.stage });
    }
    if (query.closeBy) {
      where.push('c.deal.closeDate <= @closeBy');
      parameters.push({ name: '@closeBy', value: query.closeBy });
    }
    if (query.respondedSince) {
      where.push('c.deal.response.at >= @respondedSince');
      parameters.push({ name: '@respondedSince', value: query.respondedSince });
    }
    if (query.restrictTo) {
      const { locations, userId, email } = query.restrictTo;
      if (locations.length === 0) return undefined;
      where.push('ARRAY_CONTAINS(@locations, c.deal.location)', '(ARRAY_CONTAINS(c.team, @memberId) OR ARRAY_CONTAINS(c.team, @memberEmail))');
      parameters.push(
        { name: '@locations', value: [...locations] },
        { name: '@memberId', value: `u:${userId}` },
        // No email: a key no team holds, so the clause stays one shape.
        { name: '@memberEmail', value: email ? `e:${email.toLowerCase()}` : 'u:' },
      );
    }
    return { where, parameters };
  }

  async list(tenantId: string, query: DealQuery, page: PageRequest): Promise<Page<Stored<Deal>>> {
    const limit = clampLimit(page.limit);
    const filter = this.filter(tenantId, query);
    const after = decodeToken(page.continuationToken);
    if (!filter) return { items: [] };
    if (after) {
      filter.where.push('(c.deal.createdAt < @afterCreated OR (c.deal.createdAt = @afterCreated AND c.id < @afterId))');
      filter.parameters.push({ name: '@afterCreated', value: after[0]! }, { name: '@afterId', value: after[1]! });
    }
    const docs = await this.newestFirst(tenantId, filter.where, filter.parameters, limit + 1);
    const items = await Promise.all(docs.slice(0, limit).map((doc) => this.relayer.reading(doc)));
    const last = docs[limit - 1];
    return docs.length > limit && last ? { items, continuationToken: encodeToken([last.deal.createdAt, last.id]) } : { items };
  }

  async search(tenantId: string, text: string, query: DealQuery, limit: number): Promise<Stored<Deal>[]> {
    const filter = this.filter(tenantId, query);
    if (!filter) return [];
    filter.where.push('(c.id = @id OR CONTAINS(c.nameLower, @needle))');
    filter.parameters.push({ name: '@id', value: text.trim().toUpperCase() }, { name: '@needle', value: text.trim().toLowerCase() });
    const docs = await this.newestFirst(tenantId, filter.where, filter.parameters, clampLimit(limit));
    return Promise.all(docs.map((doc) => this.relayer.reading(doc)));
  }

  async searchByKeys(tenantId: string, keys: KeyQuery, query: DealQuery, limit: number): Promise<Stored<Deal>[]> {
    const filter = this.filter(tenantId, query);
    const groups = keys.groups.filter((g) => g.length > 0);
    // A group with no key matches no deal: with `all`, then, none does.
    if (!filter || groups.length === 0 || (keys.mode === 'all' && groups.length < keys.groups.length)) return [];
    // Each ARRAY_CONTAINS is one lookup in the index of /searchKeys/[]: the query reads the deals that
    // hold a key asked for, never the tenant's other deals.
    let n = 0;
    const clauses = groups.map((group) => {
      const alternatives = group.map((key) => {
        const name = `@k${n++}`;
        filter.parameters.push({ name, value: key });
        return `ARRAY_CONTAINS(c.searchKeys, ${name})`;
      });
      return `(${alternatives.join(' OR ')})`;
    });
    filter.where.push(`(${clauses.join(keys.mode === 'all' ? ' AND ' : ' OR ')})`);
    const docs = await this.newestFirst(tenantId, filter.where, filter.parameters, clampLimit(limit));
    return Promise.all(docs.map((doc) => this.relayer.reading(doc)));
  }

  async figures(tenantId: string, query: DealQuery, limit: number): Promise<FiguresRead> {
    const filter = this.filter(tenantId, query);
    if (!filter) return { items: [], truncated: false };
    const max = clampFiguresLimit(limit);
    const spec = {
      query: `SELECT TOP ${max + 1} c.id, c.deal.name, c.deal.customer.name AS customer, c.deal.status, c.deal.salesStage, c.deal.assessmentStage,
        IS_DEFINED(c.deal.assessment) AS assessment, c.deal["value"] AS money, c.deal.closeDate, c.deal.createdAt,
        c.deal.inbound.receivedAt, c.deal.inbound.expiresAt, c.deal.response.at AS respondedAt
        FROM c WHERE ${filter.where.join(' AND ')} ORDER BY c.deal.createdAt DESC, c.id DESC`,
      parameters: filter.parameters,
    };
    // Small projected rows: a few large pages rather than the SDK's pages of 100.
    const rows = await this.items.all(spec, { partitionKey: tenantId, pageSize: 1000 });
    const items = rows.slice(0, max).map((raw) => {
      const { money, ...rest } = ProjectedFigures.parse(raw);
      return DealFigures.parse({ ...rest, value: money });
    });
    return { items, truncated: rows.length > max };
  }

  /**
   * Rewrite, with their search keys, the deals written before the store kept them (or with an older
   * scheme): a query across tenants for such documents, then one conditional replace each. A deal
   * changed in between was rewritten by its writer, keys included, so a conflict is skipped. The query
   * spans tenants: it runs in the background (bot/index.ts), never on a card action.
   */
  async indexOlderDeals(stopped: () => boolean = () => false): Promise<{ rewritten: number; complete: boolean }> {
    let rewritten = 0;
    const spec = {
      query: 'SELECT TOP 100 c.id, c.tenantId FROM c WHERE IS_DEFINED(c.deal) AND (NOT IS_DEFINED(c.searchVersion) OR c.searchVersion < @version)',
      parameters: [{ name: '@version', value: SEARCH_VERSION }],
    };
    for (;;) {
      if (stopped()) return { rewritten, complete: false };
      const refs = z.array(z.object({ id: z.string(), tenantId: z.string() })).parse(await this.items.all(spec));
      if (refs.length === 0) return { rewritten, complete: true };
      let progressed = false;
      for (const ref of refs) {
        const raw = await this.items.read(ref.id, ref.tenantId);
        if (!raw) continue;
        const doc = DealDoc.parse(raw);
        const replaced = await this.items.replace(toDocument(doc.deal, doc.dueHint, doc.outbox), doc.tenantId, doc._etag);
        if (typeof replaced !== 'string') (rewritten++, (progressed = true));
      }
      // Nothing rewritten (each changed under us or vanished): stop; the next maintenance looks again.
      if (!progressed) return { rewritten, complete: false };
    }
  }

  private async newestFirst(tenantId: string, where: string[], parameters: SqlParameter[], top: number): Promise<DealDoc[]> {
    const spec = {
      query: `SELECT TOP ${top} * FROM c WHERE ${where.join(' AND ')} ORDER BY c.deal.createdAt DESC, c.id DESC`,
      parameters,
    };
    return (await this.items.all(spec, { partitionKey: tenantId })).map((raw) => DealDoc.parse(raw));
  }

  /**
   * Read the schedule soonest first and keep each hint whose deal still names it: the deal's own
   * dueAt decides, a hint only says where to look. Costs a point read per hint read, so it grows with
   * the number due, not the number stored.
   */
  async listDue(before: string, page: PageRequest): Promise<Page<Stored<Deal>>> {
    const limit = clampLimit(page.limit);
    const token = decodeToken(page.continuationToken);
    const after = token ? ([String(token[0]), String(token[1])] as const) : undefined;
    const found: { doc: DealDoc; hint: HintDoc }[] = [];
    for await (const hints of this.schedule.due(utc(before), after, limit + 1)) {
      const deals = await Promise.all(hints.map((hint) => this.items.read(hint.dealId, hint.tenantId)));
      for (const [i, hint] of hints.entries()) {
        const raw = deals[i];
        const doc = raw ? DealDoc.parse(raw) : undefined;
        if (doc?.dueHint?.id === hint.id && doc.deal.dueAt === hint.dueAt) found.push({ doc, hint });
        else await this.schedule.forget(hint);
      }
      if (found.length > limit) break;
    }
    const items = await Promise.all(found.slice(0, limit).map(({ doc }) => this.relayer.reading(doc)));
    const last = found[limit - 1];
    return found.length > limit && last ? { items, continuationToken: encodeToken([last.hint.dueAt, last.hint.id]) } : { items };
  }
}
