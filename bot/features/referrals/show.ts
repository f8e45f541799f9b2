import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { referralView, visibleReferral, type ReferralEnv } from './views';

/** Show the referral card as it is now (the "Back" button, and Teams' automatic refresh). */
export function showReferral(env: ReferralEnv): CardActionHandler {
  return {
    verb: 'referral.show',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref, deal } = await visibleReferral(env, request);
        return referralView(deal, acting.member, acting.tr, acting.now, ref.purpose);
      }),
  };
}
