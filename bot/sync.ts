import type { z } from 'zod';
import { DealId, type Deal } from '../services/domain/model';
import { MicrosoftSyncBody, RegistrationSyncBody, type PartnerCenterSync, type SyncOutcome } from '../services/deals/sync';
import { describeRefusal, translator } from '../services/i18n';
import { readJsonRequest, reply, type JsonApi } from './api';
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
 * large, 400 with per-field issues (also for a body the store would refuse), 404 unknown deal (or
 * not of that tenant), 409 when the domain refuses (with its code and sentence), 200 with the deal's
 * side as it now is (a repeat changes nothing and answers the same).
 */
function syncRoute<T>(deps: SyncRouteDeps, kind: Kind, schema: z.ZodType<T>, record: (dealId: string, body: T) => Promise<SyncOutcome>): HttpRoute {
  const api: JsonApi = {
    name: 'sync',
    key: deps.key,
    notConfigured: 'The Partner Center sync is not configured (REFERRAL_INTAKE_KEY is unset).',
    noun: 'the body',
    invalidError: 'invalid_body',
  };
  return {
    method: 'post',
    path: `/api/deals/:referralId/${kind}`,
    handler: async (req, res) => {
      const log = deps.logger.child({ route: `sync.${kind}` });
      const body = await readJsonRequest(req, res, api, schema, log);
      if (body === undefined) return;
      const referralId = String((req.params as Record<string, unknown>).referralId ?? '');
      if (!DealId.safeParse(referralId).success) return reply(res, 404, { error: 'not_found', message: 'No such deal.' });
      const outcome = await record(referralId, body);
      switch (outcome.kind) {
        case 'notFound':
          log.warn('sync refused: unknown deal', { referralId });
          return reply(res, 404, { error: 'not_found', message: 'No such deal for this tenant.' });
        case 'invalid':
          log.warn('sync refused: the deal would not be stored', { referralId, issues: outcome.issues });
          return reply(res, 400, { error: api.invalidError, issues: outcome.issues });
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
