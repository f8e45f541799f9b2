import type { ReferralResponses } from '../../../services/referrals/respond';
import type { CardActionHandler } from '../../cardActions/router';
import { dealRefOf, guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { outcomeView } from './views';

/** "Remind me tomorrow" on a reminder: one more reminder to the clicker alone, a day later at the same time. */
export function snoozeReferral(env: ActionEnv & { responses: ReferralResponses; onWork: () => void }): CardActionHandler {
  return {
    verb: 'referral.snooze',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const ref = dealRefOf(env, request, acting);
        const outcome = await env.responses.snooze(acting.member, ref.tenantId, ref.dealId);
        return outcomeView(outcome, acting, 'reminder', env.logger, request.verb, acting.tr.t('reminder.snoozed'));
      }),
  };
}
