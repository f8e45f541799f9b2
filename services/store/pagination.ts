/** Opaque continuation tokens: base64url JSON of the last row's sort key. */
export function encodeToken(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A token we did not issue is treated as "from the start" only if absent; a garbled one throws. */
export function decodeToken(token: string | undefined): (string | number)[] | undefined {
  if (token === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through
  }
  throw new InvalidContinuationTokenError();
}

export class InvalidContinuationTokenError extends Error {
  override readonly name = 'InvalidContinuationTokenError';
  constructor() {
    super('invalid continuation token');
  }
}

export function clampLimit(limit: number): number {
  return Math.max(1, Math.min(200, Math.floor(limit) || 1));
}

/** The most figures one read returns: the pipeline counts at most this many deals (services/deals/pipeline.ts). */
export const FIGURES_LIMIT_MAX = 5000;

export function clampFiguresLimit(limit: number): number {
  return Math.max(1, Math.min(FIGURES_LIMIT_MAX, Math.floor(limit) || 1));
}
