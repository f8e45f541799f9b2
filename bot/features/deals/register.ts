import type { ZodError } from 'zod';
import { dealRegisterFormData, readDealRegisterForm, renderDealRegisterForm } from '../../../cards/dealRegister';
import type { Deal } from '../../../services/domain/model';
import type { Refusal } from '../../../services/domain/result';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/**
 * Register now, from the registration form: the confirmation and the additional information are
 * checked (errors come back on the form, beside their fields), then the registration is submitted and
 * Microsoft's review shows on the deal card.
 */
export function registerDeal(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.register',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const outcome = await env.deals.register(acting.member, ref, (deal) => readDealRegisterForm(request.data, deal));
        const form = (deal: Deal, problems: { error?: ZodError; refusal?: Refusal }) => ({
          card: renderDealRegisterForm(dealRegisterFormData(deal, acting.tr, request.data, problems)),
        });
        if (outcome.kind === 'refused' && outcome.deal && outcome.refusal.code === 'registration_solution_not_on_deal') return form(outcome.deal, { refusal: outcome.refusal });
        return dealOutcomeView(env, outcome, acting, request.verb, () => acting.tr.t('deal.done.registered'), (deal, error) => form(deal, { error }));
      }),
  };
}
