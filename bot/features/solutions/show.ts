import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnOffer, offerNotFound, offerView, type SolutionsEnv } from './views';

/** Open an offer: its card as it is now (Open on the list, Back on a form, Teams' automatic refresh). */
export function showOffer(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.show',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const offer = await env.offers.view(acting.member, ref);
        return offer ? offerView(offer, acting) : offerNotFound(acting);
      }),
  };
}
