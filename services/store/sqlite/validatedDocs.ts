import type { z } from 'zod';

/** Documents remembered per repository: hot members and deals, a few hundred kilobytes of etags. */
const CAPACITY = 10_000;

/**
 * Reads stored JSON documents through their schema, once per version. Every store returns what the
 * schema gives (STYLE: parse what you read), but a card action reads the member and the deal it
 * changes on every turn, and parsing them costs more than the rest of reading them. An etag names one
 * version of one document (a new random one on every write), so a version whose JSON is already what
 * the schema gives need not go through it again:
 * - a version this process wrote: its JSON is `JSON.stringify` of the schema's own output, and the
 *   schema gives that output back (its transforms are idempotent; test/store/validatedDocs.test.ts);
 * - a version read a second time and found unchanged by the schema (its output serializes to the
 *   stored text); a document the schema normalizes (an older shape, a default to fill) never is, and
 *   goes through the schema on every read, as does anything another writer changed (a new etag).
 * Each read still returns a fresh object: nothing is shared between callers.
 */
export class ValidatedDocs<T> {
  /** etag → true once its document may skip the schema, false when it was read once. */
  private readonly known = new Map<string, boolean>();

  constructor(private readonly schema: z.ZodType<T>) {}

  read(etag: string, doc: string): T {
    const known = this.known.get(etag);
    if (known) return JSON.parse(doc) as T;
    const value = this.schema.parse(JSON.parse(doc));
    // Checked on the second read only: most versions are read once (then changed), and the check costs a serialization.
    if (known === undefined) this.remember(etag, false);
    else if (JSON.stringify(value) === doc) this.remember(etag, true);
    return value;
  }

  /** This process just stored `JSON.stringify(value)` of the schema's output under `etag`. */
  wrote(etag: string): void {
    this.remember(etag, true);
  }

  private remember(etag: string, trusted: boolean): void {
    this.known.delete(etag);
    if (this.known.size >= CAPACITY) this.known.delete(this.known.keys().next().value!);
    this.known.set(etag, trusted);
  }
}
