import { offerFormData, readOfferForm, renderOfferForm } from '../../../cards/solutionForms';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingInOrganization, actingOnOffer, offerOutcomeView, type SolutionsEnv } from './views';

/** Add an offer from the offer form; errors come back on the form, beside their fields. */
export function createOffer(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.create',
    handle: (request) =>
      guarded(async () => {
        const acting = await actingInOrganization(env, request);
        const outcome = await env.offers.create(acting.member, readOfferForm(request.data));
        const form = (problems: Parameters<typeof offerFormData>[4]) => ({ card: renderOfferForm(offerFormData(acting.member.tenantId, undefined, acting.tr, request.data, problems)) });
        if (outcome.kind === 'refused' && outcome.refusal.code === 'offer_name_taken') return form({ refusal: outcome.refusal });
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.form.created'), (error) => form({ error }));
      }),
  };
}

/** Save the offer form of an existing offer: its name, type, listing type and live date. */
export function editOffer(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.edit',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const outcome = await env.offers.editDetails(acting.member, ref, readOfferForm(request.data));
        const form = (offer: Parameters<typeof offerFormData>[1], problems: Parameters<typeof offerFormData>[4]) => ({
          card: renderOfferForm(offerFormData(acting.member.tenantId, offer, acting.tr, request.data, problems)),
        });
        if (outcome.kind === 'refused' && outcome.refusal.code === 'offer_name_taken' && outcome.offer) return form(outcome.offer, { refusal: outcome.refusal });
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.form.saved'), (error, offer) => form(offer, { error }));
      }),
  };
}
