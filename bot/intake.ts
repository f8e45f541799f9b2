import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { IntakeDeps } from '../services/referrals/intake';
import { parseIntakeBody, receiveInbound, toReferralIntake } from '../services/referrals/intake';
import type { Logger } from './logger';
import type { HttpRoute } from './server';

/** The contract's body limit. */
export const MAX_INTAKE_BYTES = 64 * 1024;

export interface IntakeRouteDeps extends IntakeDeps {
  /** REFERRAL_INTAKE_KEY; unset: the endpoint answers 503. */
  readonly key?: string;
  readonly logger: Logger;
  readonly onWork: () => void;
}

export function reply(res: restify.Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.send(body);
}

export function keyMatches(header: string | undefined, key: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '', 'utf8');
  const expected = Buffer.from(key, 'utf8');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

export class TooLarge extends Error {}

export async function readBody(req: restify.Request, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * POST /api/referrals, exactly as shared/contracts/inbound-referral.md says: 503 when not
 * configured, 401 without the key, 415 when not JSON, 413 above 64 KiB, 400 with per-field issues,
 * 201 when stored (notifications queued), 200 for a repeat of an id already received.
 */
export function intakeRoute(deps: IntakeRouteDeps): HttpRoute {
  return {
    method: 'post',
    path: '/api/referrals',
    handler: async (req, res) => {
      const log = deps.logger.child({ route: 'intake' });
      if (!deps.key) {
        log.warn('intake refused: REFERRAL_INTAKE_KEY is not set');
        return reply(res, 503, { error: 'intake_not_configured', message: 'The referral intake is not configured (REFERRAL_INTAKE_KEY is unset).' });
      }
      if (!keyMatches(req.header('authorization'), deps.key)) {
        log.warn('intake refused: missing or wrong key');
        return reply(res, 401, { error: 'unauthorized', message: 'Missing or wrong bearer key.' });
      }
      if (!/^application\/json\s*(;|$)/i.test(req.header('content-type') ?? '')) {
        log.warn('intake refused: not JSON', { contentType: req.header('content-type') });
        return reply(res, 415, { error: 'unsupported_media_type', message: 'Send the referral as application/json.' });
      }
      if (Number(req.header('content-length') ?? 0) > MAX_INTAKE_BYTES) {
        log.warn('intake refused: too large', { contentLength: req.header('content-length') });
        return reply(res, 413, { error: 'payload_too_large', message: 'The body is larger than 64 KiB.' });
      }
      let raw: string;
      try {
        raw = await readBody(req, MAX_INTAKE_BYTES);
      } catch (err) {
        if (!(err instanceof TooLarge)) throw err;
        log.warn('intake refused: too large');
        return reply(res, 413, { error: 'payload_too_large', message: 'The body is larger than 64 KiB.' });
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        log.warn('intake refused: body is not valid JSON');
        return reply(res, 400, { error: 'invalid_referral', issues: [{ path: '(body)', message: 'Not valid JSON.' }] });
      }
      const parsed = parseIntakeBody(body);
      if (!parsed.ok) {
        log.warn('intake refused: invalid referral', { issues: parsed.issues });
        return reply(res, 400, { error: 'invalid_referral', issues: parsed.issues });
      }
      const result = await receiveInbound(deps, toReferralIntake(parsed.value));
      log.info(result.status === 'received' ? 'referral received' : 'referral repeated', { tenantId: parsed.value.tenantId, id: parsed.value.id, referralId: result.referralId });
      if (result.status === 'received') deps.onWork();
      return reply(res, result.status === 'received' ? 201 : 200, { referralId: result.referralId, status: 'received' });
    },
  };
}
