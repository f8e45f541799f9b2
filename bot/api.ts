import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { z } from 'zod';
import { apiIssues } from '../services/i18n';
import { ClientGone, declaresMoreThan, isJsonContentType, readBody, refusedEncoding } from './http/body';
import type { Logger } from './logger';

/*
 * The JSON API other systems call (the referral intake and the Partner Center sync endpoints): one
 * bearer key, uncompressed JSON bodies of at most 64 KiB, and the contract's 4xx answers
 * (shared/contracts/inbound-referral.md).
 */

/** The contract's body limit. */
export const MAX_API_BYTES = 64 * 1024;

export function reply(res: restify.Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.send(body);
}

function keyMatches(header: string | undefined, key: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '', 'utf8');
  const expected = Buffer.from(key, 'utf8');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

export interface JsonApi {
  /** For logs and the 503 error code: `<name>_not_configured`. */
  readonly name: string;
  /** REFERRAL_INTAKE_KEY; unset: every request answers 503. */
  readonly key?: string;
  /** The 503 sentence. */
  readonly notConfigured: string;
  /** What the body is, in the 415 sentence ("the referral"). */
  readonly noun: string;
  /** The 400 error code ("invalid_referral"). */
  readonly invalidError: string;
}

/**
 * Read an authenticated JSON request and validate it with `schema`: 503 when the key is not
 * configured, 401 without it, 415 when not JSON or compressed, 413 above 64 KiB, 400 with per-field
 * issues (in English, the API's language). The key is checked before a byte of the body is read.
 * Returns the valid body, or undefined once it has answered and logged why.
 */
export async function readJsonRequest<T>(req: restify.Request, res: restify.Response, api: JsonApi, schema: z.ZodType<T>, log: Logger): Promise<T | undefined> {
  if (!api.key) {
    log.warn(`${api.name} refused: REFERRAL_INTAKE_KEY is not set`);
    return void reply(res, 503, { error: `${api.name}_not_configured`, message: api.notConfigured });
  }
  if (!keyMatches(req.header('authorization'), api.key)) {
    log.warn(`${api.name} refused: missing or wrong key`);
    return void reply(res, 401, { error: 'unauthorized', message: 'Missing or wrong bearer key.' });
  }
  if (!isJsonContentType(req.header('content-type'))) {
    log.warn(`${api.name} refused: not JSON`, { contentType: req.header('content-type') });
    return void reply(res, 415, { error: 'unsupported_media_type', message: `Send ${api.noun} as application/json.` });
  }
  const encoding = refusedEncoding(req.header('content-encoding'));
  if (encoding) {
    log.warn(`${api.name} refused: compressed body`, { contentEncoding: encoding });
    res.setHeader('accept-encoding', 'identity');
    return void reply(res, 415, { error: 'unsupported_media_type', message: `Send ${api.noun} uncompressed (no Content-Encoding).` });
  }
  const tooLarge = () => {
    log.warn(`${api.name} refused: too large`, { contentLength: req.header('content-length') });
    reply(res, 413, { error: 'payload_too_large', message: 'The body is larger than 64 KiB.' });
  };
  if (declaresMoreThan(req.header('content-length'), MAX_API_BYTES)) return void tooLarge();
  let raw: string | undefined;
  try {
    raw = await readBody(req, MAX_API_BYTES);
  } catch (err) {
    if (!(err instanceof ClientGone)) throw err;
    return void log.info(`${api.name}: the client left before sending its body`);
  }
  if (raw === undefined) return void tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    log.warn(`${api.name} refused: body is not valid JSON`);
    return void reply(res, 400, { error: api.invalidError, issues: [{ path: '(body)', message: 'Not valid JSON.' }] });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = apiIssues(parsed.error);
    log.warn(`${api.name} refused: invalid body`, { issues });
    return void reply(res, 400, { error: api.invalidError, issues });
  }
  return parsed.data;
}
