import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Collection } from './collection';

/** What a deal document records about the hint that makes it findable when due. */
export const DueHint = z.object({ id: z.string(), dueAt: z.string() });
export type DueHint = z.infer<typeof DueHint>;

const HintDoc = z.object({
  id: z.string(),
  bucket: z.string(),
  dueAt: z.string(),
  tenantId: z.string(),
  dealId: z.string(),
  createdAt: z.string(),
  _etag: z.string(),
});
export type HintDoc = z.infer<typeof HintDoc>;

/** Hints are partitioned by the UTC day they fall due (dueAt is stored normalised to UTC). */
const bucketOf = (dueAt: string): string => dueAt.slice(0, 10);

/**
 * A hint nobody refers to is left alone for this long before it is deleted: until then it may belong
 * to a write still in flight (the SDK gives up on a request after about a minute plus its 429 budget),
 * and a replica that has not yet seen a deal's latest version catches up in milliseconds.
 */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;

/**
 * The schedule container: one small document per (deal, write that set its dueAt). A hint has its own
 * random id and the deal document names the one it relies on, so the deal stays the authority: a hint
 * the deal does not name is stale and ignored. Writers add the new hint before the deal write (a crash
 * after it cannot lose the due entry) and delete the superseded one after.
 */
export class Schedule {
  constructor(private readonly items: Collection) {}

  async add(tenantId: string, dealId: string, dueAt: string): Promise<DueHint> {
    const hint = { id: randomUUID(), bucket: bucketOf(dueAt), dueAt, tenantId, dealId, createdAt: new Date().toISOString() };
    await this.items.create(hint);
    return { id: hint.id, dueAt };
  }

  /**
   * Delete a hint no deal can refer to any more. Failing only leaves a stale hint behind, which `due`
   * readers skip and `forget` deletes later, so it never fails the write that called it.
   */
  async remove(hint: DueHint): Promise<void> {
    await this.items.delete(hint.id, bucketOf(hint.dueAt)).catch(() => false);
  }

  /** Hints due at or before `before`, soonest first (then by id), after `after`, page by page. */
  async *due(before: string, after: readonly [string, string] | undefined, pageSize: number): AsyncGenerator<HintDoc[]> {
    const spec = {
      query: `SELECT * FROM c WHERE c.dueAt <= @before ${after ? 'AND (c.dueAt > @afterDue OR (c.dueAt = @afterDue AND c.id > @afterId))' : ''}
              ORDER BY c.dueAt, c.id`,
      parameters: [
        { name: '@before', value: before },
        ...(after ? [{ name: '@afterDue', value: after[0] }, { name: '@afterId', value: after[1] }] : []),
      ],
    };
    for await (const page of this.items.pages(spec, { pageSize })) yield page.map((raw) => HintDoc.parse(raw));
  }

  /**
   * A hint its deal does not name: delete it once it is old enough that no write can still come to name
   * it. Like `remove`, failing leaves it for the next sweep rather than failing this one.
   */
  async forget(hint: HintDoc): Promise<void> {
    if (Date.now() - Date.parse(hint.createdAt) <= ORPHAN_GRACE_MS) return;
    await this.items.delete(hint.id, hint.bucket, hint._etag).catch(() => false);
  }
}
