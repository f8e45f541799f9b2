import { declineFormData, renderDeclineForm } from '../../../cards/referral';
import { allowedActions } from '../../../services/domain/actions';
import { authorizeView } from '../../../services/domain/visibility';
import { describeRefusal } from '../../../services/i18n';
import type { Store } from '../../../services/store/ports';
import type { CardActionHandler } from '../router';
import { dealRefOf, errorResult, guarded, whoIsActing, type ActionEnv } from '../support';
import { refusedView } from './views';

/** "Decline" turns the card into the decline form: a reason from the list (or "Other" with why) and notes. */
export function showDeclineForm(env: ActionEnv & { store: Store }): CardActionHandler {
  return {
    verb: 'referral.declineForm',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const ref = dealRefOf(env, request, acting);
        const deal = (await env.store.deals.get(ref.tenantId, ref.dealId))?.value;
        if (!deal) return errorResult(acting.tr, acting.tr.t('error.dealNotFound'));
        const visible = authorizeView(acting.member, deal);
        if (!visible.ok) return errorResult(acting.tr, describeRefusal(visible.refusal, acting.tr));
        if (!allowedActions(deal, acting.member, acting.now).includes('decline')) {
          return refusedView(acting, { code: deal.status === 'received' ? 'referral_expired' : 'not_received' }, deal, ref.purpose, env.logger, request.verb);
        }
        return { card: renderDeclineForm(declineFormData(deal, acting.tr, ref.purpose)) };
      }),
  };
}
