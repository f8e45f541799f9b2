import type { ReferralPurpose } from '../../../cards/referral';
import type { Store } from '../../../services/store/ports';
import { authorizeView } from '../../../services/domain/visibility';
import { describeRefusal } from '../../../services/i18n';
import type { CardActionHandler } from '../router';
import { dealRefOf, errorResult, guarded, whoIsActing, type ActionEnv } from '../support';
import { referralView } from './views';

/** Show the referral card as it is now (the "Back" button, and Teams' automatic refresh). */
export function showReferral(env: ActionEnv & { store: Store }): CardActionHandler {
  return {
    verb: 'referral.show',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const ref = dealRefOf(env, request, acting);
        const deal = (await env.store.deals.get(ref.tenantId, ref.dealId))?.value;
        if (!deal) return errorResult(acting.tr, acting.tr.t('error.dealNotFound'));
        const allowed = authorizeView(acting.member, deal);
        if (!allowed.ok) return errorResult(acting.tr, describeRefusal(allowed.refusal, acting.tr));
        return referralView(deal, acting.member, acting.tr, acting.now, ref.purpose as ReferralPurpose);
      }),
  };
}
