import { isFavorite } from '../../../services/domain/favorites';
import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded } from '../../cardActions/support';
import { ListRequest, listView } from './lists';
import { actingOnDeal, dealView, refusedDealView, type DealActionEnv } from './views';

/** The heart, on a list row or on the deal card: the same button adds and removes the favorite. */
export function favoriteDeal(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.favorite',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const wanted = request.data.favorite;
        const sets = wanted === true || wanted === 'true' ? true : wanted === false || wanted === 'false' ? false : undefined;
        const outcome = await env.deals.setFavorite(acting.member, ref, sets);
        if (outcome.kind === 'notFound') return errorResult(acting.tr, acting.tr.t('error.dealNotFound'));
        if (outcome.kind !== 'done') return refusedDealView(acting, outcome.kind === 'refused' ? outcome.refusal : { code: 'not_permitted' }, undefined, env.logger, request.verb);
        const notice = { text: acting.tr.t(isFavorite(outcome.deal, acting.member.userId) ? 'deal.favorite.added' : 'deal.favorite.removed'), color: 'Good' as const };
        const fromList = request.data.from === 'list' ? ListRequest.safeParse(request.data) : undefined;
        if (fromList?.success) return listView(env.queries, acting, fromList.data.list, fromList.data.filter, fromList.data.token, notice);
        return dealView(outcome.deal, acting, notice);
      }),
  };
}
