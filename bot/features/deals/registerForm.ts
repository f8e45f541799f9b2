import { dealRegisterFormData, renderDealRegisterForm } from '../../../cards/dealRegister';
import { checkRegistrable } from '../../../services/domain/registration';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealForForm, type DealActionEnv } from './views';

/** "Register now" turns the deal card into the registration form, while the deal can still be registered. */
export function showRegisterForm(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.registerForm',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const found = await dealForForm(env, acting, ref, request.verb, checkRegistrable);
        if ('result' in found) return found.result;
        return { card: renderDealRegisterForm(dealRegisterFormData(found.deal, acting.tr)) };
      }),
  };
}
