import type { z } from 'zod';
import { DealId, type Deal } from '../services/domain/model';
import { MicrosoftSyncBody, parseSyncBody, RegistrationSyncBody, type PartnerCenterSync, type SyncOutcome } from '../services/deals/sync';
import { describeRefusal, translator } from '../services/i18n';
import { keyMatches, MAX_INTAKE_BYTES, readBody, reply, TooLarge } from './intake';
import type { Logger } from './logger';
import type { HttpRoute } from './server';

export interface SyncRouteDeps {
  readonly sync: PartnerCenterSync;
  /** The same bearer key as the intake (REFERRAL_INTAKE_KEY); unset: the endpoints answer 503. */
  readonly key?: string;
  readonly logger: Logger;
  readonly onWork: () => void;
}

type Kind = 'microsoft' | 'registration';

function summary(kind: Kind, deal: Deal): Record<string, unknown> {
  return kind === 'microsoft'
    ? { referralId: deal.id, microsoft: { status: deal.microsoft.status, markedWon: deal.microsoft.markedWon } }
    : { referralId: deal.id, registration: deal.registration ? { status: deal.registration.status, ...(deal.registration.note ? { note: deal.registration.note } : {}) } : null };
}

/**
 * The compatible extension of the intake API for what only Partner Center knows (docs/deals.md):
 * `POST /api/deals/{referralId}/microsoft` and `POST /api/deals/{referralId}/registration`, with the
 * intake's bearer key and 4xx conventions — 503 not configured, 401 wrong key, 415 not JSON, 413 too
 * large, 400 with per-field issues, 404 unknown deal (or not of that tenant), 409 when the domain
 * refuses (with its code and sentence), 200 with the deal's side as it now is (a repeat changes
 * nothing and answers the same).
 */
function syncRoute<T>(deps: SyncRouteDeps, kind: Kind, schema: z.ZodType<T>, record: (dealId: string, body: T) => Promise<SyncOutcome>): HttpRoute {
  return {
    method: 'post',
    path: `/api/deals/:referralId/${kind}`,
    handler: async (req, res) => {
      const log = deps.logger.child({ route: `sync.${kind}` });
      if (!deps.key) {
        log.warn('sync refused: REFERRAL_INTAKE_KEY is not set');
        return reply(res, 503, { error: 'sync_not_configured', message: 'The Partner Center sync is not configured (REFERRAL_INTAKE_KEY is unset).' });
      }
      if (!keyMatches(req.header('authorization'), deps.key)) {
        log.warn('sync refused: missing or wrong key');
        return reply(res, 401, { error: 'unauthorized', message: 'Missing or wrong bearer key.' });
      }
      if (!/^application\/json\s*(;|$)/i.test(req.header('content-type') ?? '')) {
        return reply(res, 415, { error: 'unsupported_media_type', message: 'Send the body as application/json.' });
      }
      let raw: string;
      try {
        raw = await readBody(req, MAX_INTAKE_BYTES);
      } catch (err) {
        if (!(err instanceof TooLarge)) throw err;
        return reply(res, 413, { error: 'payload_too_large', message: 'The body is larger than 64 KiB.' });
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return reply(res, 400, { error: 'invalid_body', issues: [{ path: '(body)', message: 'Not valid JSON.' }] });
      }
      const parsed = parseSyncBody(schema, body);
      if (!parsed.ok) {
        log.warn('sync refused: invalid body', { issues: parsed.issues });
        return reply(res, 400, { error: 'invalid_body', issues: parsed.issues });
      }
      const referralId = String((req.params as Record<string, unknown>).referralId ?? '');
      if (!DealId.safeParse(referralId).success) return reply(res, 404, { error: 'not_found', message: 'No such deal.' });
      const outcome = await record(referralId, parsed.value);
      switch (outcome.kind) {
        case 'notFound':
          log.warn('sync refused: unknown deal', { referralId });
          return reply(res, 404, { error: 'not_found', message: 'No such deal for this tenant.' });
        case 'refused':
          log.info('sync refused by a rule', { referralId, code: outcome.refusal.code });
          return reply(res, 409, { error: 'refused', code: outcome.refusal.code, message: describeRefusal(outcome.refusal, translator()) });
        case 'done':
          log.info(outcome.changed ? 'sync recorded' : 'sync repeated', { referralId });
          if (outcome.changed) deps.onWork();
          return reply(res, 200, { ...summary(kind, outcome.deal), changed: outcome.changed });
      }
    },
  };
}

export function syncRoutes(deps: SyncRouteDeps): HttpRoute[] {
  return [
    syncRoute(deps, 'microsoft', MicrosoftSyncBody, (id, body) => deps.sync.microsoft(id, body)),
    syncRoute(deps, 'registration', RegistrationSyncBody, (id, body) => deps.sync.registration(id, body)),
  ];
}
