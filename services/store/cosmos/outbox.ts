import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ClaimOptions, ClaimSkip, OutboxItem, OutboxLease, OutboxRecord, OutboxRepository } from '../ports';
import type { Collection } from './collection';
import { docId } from './ids';
import { utc } from './time';

const nowIso = (): string => new Date().toISOString();

/** An outbox item as a deal document carries it, committed with the deal, until it is in the outbox container. */
export const PendingItem = z.object({
  id: z.string(),
  kind: z.string(),
  tenantId: z.string(),
  key: z.string().optional(),
  payload: z.record(z.string(), z.unknown()),
  availableAt: z.string(),
  createdAt: z.string(),
});
export type PendingItem = z.infer<typeof PendingItem>;

export function pendingItems(items: readonly OutboxItem[], now: string): PendingItem[] {
  return items.map((item) => ({
    id: item.id,
    kind: item.kind,
    tenantId: item.tenantId,
    ...(item.key !== undefined ? { key: item.key } : {}),
    payload: { ...item.payload },
    availableAt: utc(item.availableAt ?? now),
    createdAt: now,
  }));
}

const OutboxDoc = z.object({
  id: z.string(),
  itemId: z.string(),
  kind: z.string(),
  tenantId: z.string(),
  key: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'done', 'dead']),
  availableAt: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** Who holds the item until when; null when nobody does. */
  leaseOwner: z.string().nullable(),
  leaseUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  _etag: z.string(),
});
type OutboxDoc = z.infer<typeof OutboxDoc>;
type OutboxBody = Omit<OutboxDoc, '_etag'>;

const outboxId = (itemId: string) => docId('outbox', itemId);

function body(doc: OutboxDoc): OutboxBody {
  const { _etag: _ignored, ...rest } = doc;
  return rest;
}

function toRecord(doc: OutboxDoc): OutboxRecord {
  return {
    id: doc.itemId,
    kind: doc.kind,
    tenantId: doc.tenantId,
    ...(doc.key !== null ? { key: doc.key } : {}),
    payload: doc.payload,
    status: doc.status,
    availableAt: doc.availableAt,
    attempts: doc.attempts,
    ...(doc.lastError !== null ? { lastError: doc.lastError } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/**
 * The outbox container, partitioned by item id: `get` is a point read and recording an item is a
 * create, which the service refuses (409) when the id exists, so recording twice keeps the first.
 */
export class CosmosOutbox implements OutboxRepository {
  /**
   * @param beforeClaim runs first in every claim: it relays outbox items that a crashed writer left in
   * deal documents, so that the worker that claims is also the one that recovers them.
   */
  constructor(
    private readonly items: Collection,
    private readonly beforeClaim: () => Promise<void>,
  ) {}

  /** Create each item unless its id is there already (in any status). */
  async record(items: readonly PendingItem[]): Promise<void> {
    await Promise.all(
      items.map((item) =>
        this.items.create({
          id: outboxId(item.id),
          itemId: item.id,
          kind: item.kind,
          tenantId: item.tenantId,
          key: item.key ?? null,
          payload: item.payload,
          status: 'pending',
          availableAt: item.availableAt,
          attempts: 0,
          lastError: null,
          leaseOwner: null,
          leaseUntil: null,
          createdAt: item.createdAt,
          updatedAt: item.createdAt,
        } satisfies OutboxBody),
      ),
    );
  }

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    await this.record(pendingItems(items, nowIso()));
  }

  async claim(owner: string, now: string, limit: number, leaseMs: number, { kinds, skip = [] }: ClaimOptions = {}): Promise<OutboxLease[]> {
    await this.beforeClaim();
    const at = utc(now);
    const leaseUntil = DateTime.fromISO(at).plus({ milliseconds: leaseMs }).toUTC().toISO() as string;
    const wanted = Math.max(0, Math.floor(limit));
    const leases: OutboxLease[] = [];
    if (wanted === 0) return leases;
    const skipping = skipClause(skip);
    const ready = {
      query: `SELECT * FROM c WHERE c.status = 'pending' AND c.availableAt <= @now AND (c.leaseUntil = null OR c.leaseUntil < @now)
              ${kinds ? 'AND ARRAY_CONTAINS(@kinds, c.kind)' : ''} ${skipping.clause} ORDER BY c.availableAt`,
      parameters: [{ name: '@now', value: at }, ...(kinds ? [{ name: '@kinds', value: [...kinds] }] : []), ...skipping.parameters],
    };
    for await (const page of this.items.pages(ready, { pageSize: wanted })) {
      const candidates = page.map((raw) => OutboxDoc.parse(raw));
      while (candidates.length > 0 && leases.length < wanted) {
        const batch = candidates.splice(0, wanted - leases.length);
        const taken = await Promise.all(batch.map((doc) => this.lease(doc, owner, leaseUntil)));
        for (const lease of taken) if (lease) leases.push(lease);
      }
      if (leases.length >= wanted) break;
    }
    return leases;
  }

  async renew(lease: OutboxLease, now: string, leaseMs: number): Promise<OutboxLease | undefined> {
    const leaseUntil = DateTime.fromISO(utc(now)).plus({ milliseconds: leaseMs }).toUTC().toISO() as string;
    const doc = await this.held(lease);
    if (!doc) return undefined;
    const replaced = await this.items.replace({ ...body(doc), leaseUntil }, doc.id, doc._etag);
    return typeof replaced === 'string' ? undefined : { ...lease, leaseUntil };
  }

  async release(lease: OutboxLease, availableAt: string, now: string): Promise<boolean> {
    return this.settle(lease, (doc) => ({ ...doc, availableAt: utc(availableAt), updatedAt: utc(now) }));
  }

  /**
   * Lease the version we read, on condition that it is still that version: when another worker leased
   * (or settled) it in between, the etag no longer matches and the item is skipped.
   */
  private async lease(doc: OutboxDoc, owner: string, leaseUntil: string): Promise<OutboxLease | undefined> {
    const replaced = await this.items.replace({ ...body(doc), leaseOwner: owner, leaseUntil }, doc.id, doc._etag);
    if (typeof replaced === 'string') return undefined;
    return { item: toRecord(OutboxDoc.parse(replaced.doc)), owner, leaseUntil };
  }

  async complete(lease: OutboxLease, now: string): Promise<boolean> {
    return this.settle(lease, (doc) => ({ ...doc, status: 'done', updatedAt: utc(now) }));
  }

  async retry(lease: OutboxLease, availableAt: string, error: string, now: string): Promise<boolean> {
    return this.settle(lease, (doc) => ({
      ...doc,
      availableAt: utc(availableAt),
      attempts: doc.attempts + 1,
      lastError: error.slice(0, 2000),
      updatedAt: utc(now),
    }));
  }

  async fail(lease: OutboxLease, error: string, now: string): Promise<boolean> {
    return this.settle(lease, (doc) => ({ ...doc, status: 'dead', attempts: doc.attempts + 1, lastError: error.slice(0, 2000), updatedAt: utc(now) }));
  }

  /** Apply a change if `lease` still holds the item; the replace is conditional, so a lease lost meanwhile wins. */
  private async settle(lease: OutboxLease, change: (doc: OutboxBody) => OutboxBody): Promise<boolean> {
    const doc = await this.held(lease);
    if (!doc) return false;
    const replaced = await this.items.replace({ ...change(body(doc)), leaseOwner: null, leaseUntil: null }, doc.id, doc._etag);
    return typeof replaced !== 'string';
  }

  /** The item as stored, if `lease` still holds it. */
  private async held(lease: OutboxLease): Promise<OutboxDoc | undefined> {
    const id = outboxId(lease.item.id);
    const raw = await this.items.read(id, id);
    if (!raw) return undefined;
    const doc = OutboxDoc.parse(raw);
    return doc.status === 'pending' && doc.leaseOwner === lease.owner && doc.leaseUntil === lease.leaseUntil ? doc : undefined;
  }

  async get(id: string): Promise<OutboxRecord | undefined> {
    const raw = await this.items.read(outboxId(id), outboxId(id));
    return raw ? toRecord(OutboxDoc.parse(raw)) : undefined;
  }

  async counts(): Promise<{ pending: number; done: number; dead: number }> {
    // Summed: a count across partitions may come back as one partial count per page.
    const count = async (status: OutboxRecord['status']) => {
      const counts = await this.items.all({
        query: 'SELECT VALUE COUNT(1) FROM c WHERE c.status = @status',
        parameters: [{ name: '@status', value: status }],
      });
      return z.array(z.number()).parse(counts).reduce((sum, n) => sum + n, 0);
    };
    const [pending, done, dead] = await Promise.all([count('pending'), count('done'), count('dead')]);
    return { pending, done, dead };
  }

  async purge(before: string): Promise<number> {
    const finished = await this.items.all({
      query: `SELECT c.id, c._etag FROM c WHERE (c.status = 'done' OR c.status = 'dead') AND c.updatedAt < @before`,
      parameters: [{ name: '@before', value: utc(before) }],
    });
    const refs = z.array(z.object({ id: z.string(), _etag: z.string() })).parse(finished);
    const deleted = await Promise.all(refs.map((ref) => this.items.delete(ref.id, ref.id, ref._etag)));
    return deleted.filter(Boolean).length;
  }
}

/**
 * The skip list as a filter in the query text (one condition per entry, each with its own
 * parameters): Cosmos DB SQL cannot join a query parameter's array against the documents. Those items
 * are still read by the query engine, so a long backlog costs request units, though no lease.
 */
function skipClause(skip: readonly ClaimSkip[]): { clause: string; parameters: { name: string; value: string }[] } {
  const conditions: string[] = [];
  const parameters: { name: string; value: string }[] = [];
  skip.forEach((s, i) => {
    const [field, value] = 'key' in s ? ['c.key', s.key] : ['c.tenantId', s.tenantId];
    parameters.push({ name: `@skip${i}`, value });
    if (s.availableBefore !== undefined) parameters.push({ name: `@before${i}`, value: utc(s.availableBefore) });
    conditions.push(`(${field} = @skip${i}${s.availableBefore !== undefined ? ` AND c.availableAt < @before${i}` : ''})`);
  });
  return { clause: conditions.length ? `AND NOT (${conditions.join(' OR ')})` : '', parameters };
}
