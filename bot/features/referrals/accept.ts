import { acceptFormData, readAcceptForm, renderAcceptForm } from '../../../cards/referral';
import { picked } from '../../../cards/formParts';
import type { DealCreation } from '../../../services/deals/create';
import type { Membership } from '../../../services/members/membership';
import type { ReferralResponses } from '../../../services/referrals/respond';
import type { CardActionHandler } from '../../cardActions/router';
import { dealRefOf, guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { outcomeView } from './views';

/**
 * Accept from the form: invalid input comes back on the same form with each error beside its field;
 * otherwise the referral is accepted (once: a second click sees "already answered") and every copy
 * of its card is updated in the background.
 */
export function acceptReferral(env: ActionEnv & { responses: ReferralResponses; membership: Membership; creation: DealCreation; onWork: () => void }): CardActionHandler {
  return {
    verb: 'referral.accept',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const ref = dealRefOf(env, request, acting);
        // The organization's solutions are read only when the seller picked some (an accept is a hot path).
        const own = picked(request.data.own).length > 0 ? await env.creation.ownSolutions(acting.member.tenantId) : [];
        const outcome = await env.responses.accept(acting.member, ref.tenantId, ref.dealId, readAcceptForm(request.data, own));
        if (outcome.kind === 'invalid') {
          const deal = outcome.deal;
          env.logger.info('accept form invalid', { userId: acting.member.userId, dealId: ref.dealId, fields: outcome.error.issues.map((i) => i.path.join('.')) });
          return { card: renderAcceptForm(acceptFormData(deal, acting.member, acting.tr, acting.today, ref.purpose, request.data, outcome.error, await env.creation.ownSolutions(acting.member.tenantId))) };
        }
        if (outcome.kind === 'done') {
          env.onWork();
          // Teams does not share phone numbers: remember the one the member typed for their next form.
          const self = outcome.deal.team.find((t) => t.userId === acting.member.userId || t.email.toLowerCase() === acting.member.email?.toLowerCase());
          if (self?.phone) await env.membership.rememberPhone(acting.member, self.phone);
        }
        return outcomeView(outcome, acting, ref.purpose, env.logger, request.verb, acting.tr.t('referral.notice.accepted'));
      }),
  };
}
