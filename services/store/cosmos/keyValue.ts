import { z } from 'zod';
import { ConflictError, StoreUnavailableError, type IdempotencyRepository, type StateItem, type StateStorage } from '../ports';
import type { Collection } from './collection';
import { docId } from './ids';
import { utc } from './time';

const IdempotencyDoc = z.object({ value: z.unknown(), expiresAt: z.string(), _etag: z.string() });
const idempotencyId = (key: string) => docId('key', key);

/**
 * Idempotency keys, partitioned by key. The first caller is whoever the service lets create the
 * document (a second create of an id is refused with 409, across processes). An expired record counts
 * as absent without waiting for any TTL: it is taken over by a replace conditional on its etag, so of
 * several callers meeting the same expired record, one wins.
 */
export class CosmosIdempotency implements IdempotencyRepository {
  constructor(private readonly items: Collection) {}

  async putIfAbsent<T>(key: string, value: T, expiresAt: string, now: string): Promise<{ created: true } | { created: false; value: T }> {
    const id = idempotencyId(key);
    const doc = { id, key, value, expiresAt: utc(expiresAt) };
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await this.items.create(doc)) return { created: true };
      const raw = await this.items.read(id, id);
      // Refused, then gone: purged in between, or a replica behind the create. Try again.
      if (!raw) continue;
      const existing = IdempotencyDoc.parse(raw);
      if (existing.expiresAt >= utc(now)) return { created: false, value: existing.value as T };
      if (typeof (await this.items.replace(doc, id, existing._etag)) !== 'string') return { created: true };
    }
    throw new StoreUnavailableError(`idempotency key ${key} is contended`);
  }

  async set<T>(key: string, value: T, expiresAt: string): Promise<void> {
    const id = idempotencyId(key);
    await this.items.upsert({ id, key, value, expiresAt: utc(expiresAt) });
  }

  async get<T>(key: string, now: string): Promise<T | undefined> {
    const id = idempotencyId(key);
    const raw = await this.items.read(id, id);
    if (!raw) return undefined;
    const doc = IdempotencyDoc.parse(raw);
    return doc.expiresAt >= utc(now) ? (doc.value as T) : undefined;
  }

  /** Across partitions (the records are keyed by key alone); housekeeping, not a hot path. */
  async purgeExpired(now: string): Promise<number> {
    const expired = await this.items.all({
      query: 'SELECT c.id, c._etag FROM c WHERE c.expiresAt < @now',
      parameters: [{ name: '@now', value: utc(now) }],
    });
    const refs = z.array(z.object({ id: z.string(), _etag: z.string() })).parse(expired);
    // Conditional: a record renewed since the query is kept.
    const deleted = await Promise.all(refs.map((ref) => this.items.delete(ref.id, ref.id, ref._etag)));
    return deleted.filter(Boolean).length;
  }
}

const StateDoc = z.object({ state: z.record(z.string(), z.unknown()), _etag: z.string() });
const stateId = (key: string) => docId('state', key);

/** botbuilder Storage semantics (as MemoryStorage): eTag '*' or absent overwrites; any other must match. */
export class CosmosStateStorage implements StateStorage {
  constructor(private readonly items: Collection) {}

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    const found = await Promise.all(keys.map(async (key) => [key, await this.items.read(stateId(key), stateId(key))] as const));
    const items: Record<string, StateItem> = {};
    for (const [key, raw] of found) {
      if (!raw) continue;
      const doc = StateDoc.parse(raw);
      items[key] = { ...doc.state, eTag: doc._etag };
    }
    return items;
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag, ...state } = item;
        const doc = { id: stateId(key), key, state };
        if (!eTag || eTag === '*') {
          await this.items.upsert(doc);
          return;
        }
        const replaced = await this.items.replace(doc, doc.id, eTag);
        // MemoryStorage writes an item that is not there whatever its eTag; one created meanwhile is a conflict.
        if (replaced === 'conflict' || (replaced === 'missing' && !(await this.items.create(doc)))) throw new ConflictError('state', key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.items.delete(stateId(key), stateId(key))));
  }
}
