import { declineFormData, readDeclineForm, renderDeclineForm } from '../../../cards/referral';
import type { ReferralResponses } from '../../../services/referrals/respond';
import type { CardActionHandler } from '../../cardActions/router';
import { dealRefOf, guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { outcomeView } from './views';

/** Decline from the form; the sender is told (status event, and its admins when it uses this bot). */
export function declineReferral(env: ActionEnv & { responses: ReferralResponses; onWork: () => void }): CardActionHandler {
  return {
    verb: 'referral.decline',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const ref = dealRefOf(env, request, acting);
        const outcome = await env.responses.decline(acting.member, ref.tenantId, ref.dealId, readDeclineForm(request.data));
        if (outcome.kind === 'invalid') {
          return { card: renderDeclineForm(declineFormData(outcome.deal, acting.tr, ref.purpose, request.data, outcome.error)) };
        }
        if (outcome.kind === 'done') env.onWork();
        return outcomeView(outcome, acting, ref.purpose, env.logger, request.verb, acting.tr.t('referral.notice.declined'));
      }),
  };
}
