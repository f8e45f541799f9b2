import { z } from 'zod';
import { Offer } from '../../domain/offers';
import { clampLimit, decodeToken, encodeToken } from '../pagination';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  type OfferRepository,
  type Page,
  type PageRequest,
  type Stored,
  type WriteOptions,
} from '../ports';
import type { Collection } from './collection';
import { PendingItem, pendingItems, type CosmosOutbox } from './outbox';
import { OutboxRelay } from './relay';
import { utc } from './time';

const OfferDoc = z.object({
  id: z.string(),
  tenantId: z.string(),
  offer: Offer,
  /** Outbox items committed with this version and not yet known to be in the outbox container. */
  outbox: z.array(PendingItem),
  _etag: z.string(),
});
type OfferDoc = z.infer<typeof OfferDoc>;

function toDocument(offer: Offer, outbox: readonly PendingItem[]) {
  return {
    id: offer.id,
    tenantId: offer.tenantId,
    offer,
    outbox,
    // What queries filter and sort on, beside the offer and indexed.
    nameLower: offer.name.toLowerCase(),
    dueAt: offer.dueAt === null ? null : utc(offer.dueAt),
    // Present only while items wait to be relayed, so the recovery query reads a sparse index.
    ...(outbox.length > 0 ? { outboxSince: new Date().toISOString() } : {}),
  };
}

const stored = (doc: OfferDoc): Stored<Offer> => ({ value: doc.offer, etag: doc._etag });

/**
 * Offers, partitioned by tenant like deals, and written the way deals are (see deals.ts): outbox items
 * travel inside the offer document, so they commit iff its conditional write does, and are relayed to
 * the outbox container before the write returns; a version's etag is not handed out before its items
 * are recorded, and `relayStranded` recovers a writer that died in between. There are few offers per
 * tenant, so the sweeper finds due ones with a query on the indexed dueAt across partitions (background
 * work only) instead of a schedule container.
 */
export class CosmosOffers implements OfferRepository {
  private readonly relayer: OutboxRelay<OfferDoc, Offer>;

  constructor(
    private readonly items: Collection,
    outbox: CosmosOutbox,
  ) {
    this.relayer = new OutboxRelay(items, outbox, { parse: (raw) => OfferDoc.parse(raw), cleared: (doc) => toDocument(doc.offer, []), stored });
  }

  async get(tenantId: string, id: string): Promise<Stored<Offer> | undefined> {
    const raw = await this.items.read(id, tenantId);
    return raw ? this.relayer.reading(OfferDoc.parse(raw)) : undefined;
  }

  async create(offer: Offer, options?: WriteOptions): Promise<Stored<Offer>> {
    const value = Offer.parse(offer);
    const created = await this.items.create(toDocument(value, pendingItems(options?.outbox ?? [], value.updatedAt)));
    if (!created) throw new AlreadyExistsError('offer', value.id);
    return this.relayer.relay(OfferDoc.parse(created));
  }

  async update(offer: Offer, ifMatch: string, options?: WriteOptions): Promise<Stored<Offer>> {
    const value = Offer.parse(offer);
    const replaced = await this.items.replace(toDocument(value, pendingItems(options?.outbox ?? [], value.updatedAt)), value.tenantId, ifMatch);
    if (replaced === 'conflict') throw new ConflictError('offer', value.id);
    if (replaced === 'missing') throw new NotFoundError('offer', value.id);
    return this.relayer.relay(OfferDoc.parse(replaced.doc));
  }

  async delete(tenantId: string, id: string, ifMatch: string): Promise<void> {
    if (await this.items.delete(id, tenantId, ifMatch)) return;
    // Refused: either someone changed it since it was read, or it is gone.
    if (await this.items.read(id, tenantId)) throw new ConflictError('offer', id);
    throw new NotFoundError('offer', id);
  }

  /** Relay the items of offers whose writer died between the write and the relay (OutboxRelay). */
  relayStranded(writtenBefore: string): Promise<void> {
    return this.relayer.relayStranded(writtenBefore);
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Stored<Offer>>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken);
    const found = await this.items.all(
      {
        query: `SELECT TOP ${limit + 1} * FROM c WHERE c.tenantId = @tenantId
                ${after ? 'AND (c.nameLower > @afterName OR (c.nameLower = @afterName AND c.id > @afterId))' : ''}
                ORDER BY c.nameLower, c.id`,
        parameters: [
          { name: '@tenantId', value: tenantId },
          ...(after ? [{ name: '@afterName', value: after[0]! }, { name: '@afterId', value: after[1]! }] : []),
        ],
      },
      { partitionKey: tenantId },
    );
    const docs = found.map((raw) => OfferDoc.parse(raw));
    const items = await Promise.all(docs.slice(0, limit).map((doc) => this.relayer.reading(doc)));
    const last = docs[limit - 1];
    return docs.length > limit && last ? { items, continuationToken: encodeToken([last.offer.name.toLowerCase(), last.id]) } : { items };
  }

  /** Across tenants by nature (the sweeper's), on the dueAt index; never on a card action. */
  async listDue(before: string, page: PageRequest): Promise<Page<Stored<Offer>>> {
    const limit = clampLimit(page.limit);
    const after = decodeToken(page.continuationToken);
    const found = await this.items.all({
      query: `SELECT TOP ${limit + 1} * FROM c WHERE c.dueAt <= @before
              ${after ? 'AND (c.dueAt > @afterDue OR (c.dueAt = @afterDue AND (c.tenantId > @afterTenant OR (c.tenantId = @afterTenant AND c.id > @afterId))))' : ''}
              ORDER BY c.dueAt, c.tenantId, c.id`,
      parameters: [
        { name: '@before', value: utc(before) },
        ...(after ? [{ name: '@afterDue', value: after[0]! }, { name: '@afterTenant', value: after[1]! }, { name: '@afterId', value: after[2]! }] : []),
      ],
    });
    const docs = found.map((raw) => OfferDoc.parse(raw));
    const items = await Promise.all(docs.slice(0, limit).map((doc) => this.relayer.reading(doc)));
    const last = docs[limit - 1];
    return docs.length > limit && last ? { items, continuationToken: encodeToken([utc(last.offer.dueAt!), last.tenantId, last.id]) } : { items };
  }
}
