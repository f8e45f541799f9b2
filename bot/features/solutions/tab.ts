import { coSellTabFormData, readCoSellTabForm, renderCoSellTabForm } from '../../../cards/solutionForms';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnOffer, offerNotFound, offerOutcomeView, offerForAdminForm, type SolutionsEnv } from './views';

/** "Co-sell tab": the form of the offer's Co-sell with Microsoft listing, prefilled. */
export function showCoSellTabForm(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.tabForm',
    handle: (request) =>
      guarded(async () => {
        const found = await offerForAdminForm(env, request);
        if ('result' in found) return found.result;
        const { acting, offer } = found;
        return { card: renderCoSellTabForm(coSellTabFormData(offer, acting.tr)) };
      }),
  };
}

/** Save the co-sell tab; the offer card then shows what it still lacks. */
export function saveCoSellTab(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.saveTab',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const outcome = await env.offers.setCoSellTab(acting.member, ref, readCoSellTabForm(request.data));
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.form.saved'), (error, offer) =>
          offer ? { card: renderCoSellTabForm(coSellTabFormData(offer, acting.tr, request.data, { error })) } : offerNotFound(acting),
        );
      }),
  };
}
