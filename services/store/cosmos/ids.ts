import { createHash } from 'node:crypto';

const READABLE = /^[A-Za-z0-9._@-]+$/;
const MAX_READABLE = 200;

/**
 * A Cosmos DB id for a key of ours. Ids are at most 255 characters and may not contain / \ ? #, while
 * our keys (Teams conversation ids, botbuilder state keys, idempotency keys) may be longer or contain
 * them. So an id is the key itself, prefixed by its kind, when it is plainly safe, and a hash of it
 * otherwise. Readable ids never contain '~' and hashed ones always do, so the two forms cannot collide;
 * documents keep the original key beside the id.
 */
export function docId(kind: string, ...parts: string[]): string {
  const readable = [kind, ...parts].join('|');
  if (readable.length <= MAX_READABLE && parts.every((p) => READABLE.test(p))) return readable;
  return `${kind}~${createHash('sha256').update(JSON.stringify(parts)).digest('base64url')}`;
}
