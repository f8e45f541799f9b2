import type { IntakeDeps } from '../services/referrals/intake';
import { IntakeBody, receiveReferralBody } from '../services/referrals/intake';
import { readJsonRequest, reply, type JsonApi } from './api';
import type { Logger } from './logger';
import type { HttpRoute } from './server';

export interface IntakeRouteDeps extends IntakeDeps {
  /** REFERRAL_INTAKE_KEY; unset: the endpoint answers 503. */
  readonly key?: string;
  readonly logger: Logger;
  readonly onWork: () => void;
}

/**
 * POST /api/referrals, exactly as shared/contracts/inbound-referral.md says: 503 when not
 * configured, 401 without the key, 415 when not JSON, 413 above 64 KiB, 400 with per-field issues
 * (for the body's shape, then for the deal it makes: never a body the store would refuse),
 * 201 when stored (notifications queued), 200 for a repeat of an id already received.
 */
export function intakeRoute(deps: IntakeRouteDeps): HttpRoute {
  const api: JsonApi = {
    name: 'intake',
    key: deps.key,
    notConfigured: 'The referral intake is not configured (REFERRAL_INTAKE_KEY is unset).',
    noun: 'the referral',
    invalidError: 'invalid_referral',
  };
  return {
    method: 'post',
    path: '/api/referrals',
    handler: async (req, res) => {
      const log = deps.logger.child({ route: 'intake' });
      const body = await readJsonRequest(req, res, api, IntakeBody, log);
      if (!body) return;
      const result = await receiveReferralBody(deps, body);
      if (result.status === 'invalid') {
        log.warn('intake refused: invalid referral', { tenantId: body.tenantId, id: body.id, issues: result.issues });
        return reply(res, 400, { error: api.invalidError, issues: result.issues });
      }
      log.info(result.status === 'received' ? 'referral received' : 'referral repeated', { tenantId: body.tenantId, id: body.id, referralId: result.referralId });
      if (result.status === 'received') deps.onWork();
      return reply(res, result.status === 'received' ? 201 : 200, { referralId: result.referralId, status: 'received' });
    },
  };
}
