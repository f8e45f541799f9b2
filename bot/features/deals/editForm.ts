import { dealEditFormData, renderDealEditForm } from '../../../cards/dealEdit';
import { guardOpen } from '../../../services/domain/change';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealForForm, type DealActionEnv } from './views';

/** "Edit" turns the deal card into the edit form, prefilled with the deal as it is now. */
export function showEditForm(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.editForm',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const found = await dealForForm(env, acting, ref, request.verb, guardOpen);
        if ('result' in found) return found.result;
        const solutions = await env.creation.ownSolutions(found.deal.tenantId);
        return { card: renderDealEditForm(dealEditFormData(found.deal, acting.tr, acting.today, solutions)) };
      }),
  };
}
