import { declineFormData, renderDeclineForm } from '../../../cards/referral';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { answerableReferral, type ReferralEnv } from './views';

/** "Decline" turns the card into the decline form: a reason from the list (or "Other" with why) and notes. */
export function showDeclineForm(env: ReferralEnv): CardActionHandler {
  return {
    verb: 'referral.declineForm',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref, deal } = await answerableReferral(env, request, 'decline');
        return { card: renderDeclineForm(declineFormData(deal, acting.tr, ref.purpose)) };
      }),
  };
}
