import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/** Register now: a won deal that is eligible gets its registration submitted; Microsoft's review shows on the card. */
export function registerDeal(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.register',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const outcome = await env.deals.register(acting.member, ref);
        return dealOutcomeView(env, outcome, acting, request.verb, () => acting.tr.t('deal.done.registered'));
      }),
  };
}
