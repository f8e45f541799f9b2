import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/** Lost, confirmed on the card ("this cannot be undone"), with an optional reason; on an inbound deal its sender is told. */
export function markLost(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.lost',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const outcome = await env.deals.markLost(acting.member, ref, { reason: request.data.reason });
        return dealOutcomeView(env, outcome, acting, request.verb, () => acting.tr.t('deal.done.lost'));
      }),
  };
}
