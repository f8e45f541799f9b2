import { offerFormData, renderOfferForm } from '../../../cards/solutionForms';
import { OfferId } from '../../../services/domain/offers';
import { authorizeOfferChange } from '../../../services/domain/offers';
import { describeRefusal } from '../../../services/i18n';
import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded } from '../../cardActions/support';
import { actingInOrganization, offerNotFound, offerView, type SolutionsEnv } from './views';

/** "Add an offer" (no offer id) or "Edit offer": the offer form, for referral admins. */
export function showOfferForm(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.form',
    handle: (request) =>
      guarded(async () => {
        const acting = await actingInOrganization(env, request);
        const offerId = OfferId.safeParse(request.data.offerId);
        const offer = offerId.success ? await env.offers.view(acting.member, { tenantId: acting.member.tenantId, offerId: offerId.data }) : undefined;
        if (offerId.success && !offer) return offerNotFound(acting);
        const allowed = authorizeOfferChange(acting.member);
        if (!allowed.ok) {
          const text = describeRefusal(allowed.refusal, acting.tr);
          return offer ? offerView(offer, acting, { text, color: 'Attention' }) : errorResult(acting.tr, text);
        }
        return { card: renderOfferForm(offerFormData(acting.member.tenantId, offer, acting.tr)) };
      }),
  };
}
