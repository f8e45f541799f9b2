import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/** Won, confirmed on the card ("this cannot be undone"); on an inbound deal its sender is told. */
export function markWon(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.won',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const outcome = await env.deals.markWon(acting.member, ref);
        return dealOutcomeView(env, outcome, acting, request.verb, () => acting.tr.t('deal.done.won'));
      }),
  };
}
