import { acceptFormData, renderAcceptForm } from '../../../cards/referral';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { answerableReferral, type ReferralEnv } from './views';

/** "Accept" turns the card into the accept form, prefilled from the referral, while it can still be answered. */
export function showAcceptForm(env: ReferralEnv): CardActionHandler {
  return {
    verb: 'referral.acceptForm',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref, deal } = await answerableReferral(env, request, 'accept');
        const own = await env.creation.ownSolutions(deal.tenantId);
        return { card: renderAcceptForm(acceptFormData(deal, acting.member, acting.tr, acting.today, ref.purpose, undefined, undefined, own)) };
      }),
  };
}
