import { z } from 'zod';
import { StoreUnavailableError, type Stored } from '../ports';
import type { Collection, WriteDocument } from './collection';
import type { CosmosOutbox, PendingItem } from './outbox';

/** A document that carries the outbox items committed with its version (deals, offers). */
export interface CarryingDoc {
  readonly tenantId: string;
  readonly outbox: readonly PendingItem[];
  readonly _etag: string;
}

/** How one repository's documents read and are written back without their items. */
export interface Carrier<Doc extends CarryingDoc, T> {
  parse(raw: unknown): Doc;
  /** The same version with no items left to relay. */
  cleared(doc: Doc): WriteDocument;
  stored(doc: Doc): Stored<T>;
}

/**
 * The second half of writing outbox items inside a document (so they commit iff its conditional write
 * does): relay them to the outbox container and clear them. Nobody is handed the etag of a version
 * whose items are not recorded yet, so no later write can drop them; a writer that dies in between is
 * covered by `relayStranded`.
 */
export class OutboxRelay<Doc extends CarryingDoc, T> {
  constructor(
    private readonly items: Collection,
    private readonly outbox: CosmosOutbox,
    private readonly carrier: Carrier<Doc, T>,
  ) {}

  /**
   * After a write: record the items it carried, then clear them from the document. Until they are
   * recorded the version's etag must not leave the store, so a failure to record fails the call (the
   * document is written all the same, and the next reader or claim relays the items).
   */
  async relay(doc: Doc): Promise<Stored<T>> {
    if (doc.outbox.length === 0) return this.carrier.stored(doc);
    await this.outbox.record(doc.outbox);
    // Clearing only spares later readers a redundant relay. When a later write got there first (412) it
    // carries none of our items, which are recorded; when the service is busy, the version we have is
    // as good to return.
    const cleared = await this.items.replace(this.carrier.cleared(doc), doc.tenantId, doc._etag).catch((err: unknown) => {
      if (err instanceof StoreUnavailableError) return 'unavailable' as const;
      throw err;
    });
    return typeof cleared === 'string' ? this.carrier.stored(doc) : this.carrier.stored(this.carrier.parse(cleared.doc));
  }

  /** Before handing out a version's etag, make sure the items it carries are recorded. */
  async reading(doc: Doc): Promise<Stored<T>> {
    if (doc.outbox.length > 0) await this.outbox.record(doc.outbox);
    return this.carrier.stored(doc);
  }

  /**
   * Relay the items of documents whose writer died between the write and the relay: those still
   * carrying items written before `writtenBefore`. The query reads the sparse index on outboxSince, so
   * it costs what is stranded (usually nothing), not what is stored. It spans tenants but runs in the
   * outbox worker, never on a card action.
   */
  async relayStranded(writtenBefore: string): Promise<void> {
    const spec = { query: 'SELECT c.id, c.tenantId FROM c WHERE c.outboxSince <= @before', parameters: [{ name: '@before', value: writtenBefore }] };
    const refs = z.array(z.object({ id: z.string(), tenantId: z.string() })).parse(await this.items.all(spec));
    for (const ref of refs) {
      const raw = await this.items.read(ref.id, ref.tenantId);
      if (raw) await this.relay(this.carrier.parse(raw));
    }
  }
}
