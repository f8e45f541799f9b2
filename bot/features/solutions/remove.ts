import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnOffer, offerOutcomeView, type SolutionsEnv } from './views';

/** Remove an offer, behind a confirmation on its card; deals that name it keep it. */
export function removeOffer(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.remove',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        return offerOutcomeView(env, await env.offers.remove(acting.member, ref), acting, request.verb, '');
      }),
  };
}
