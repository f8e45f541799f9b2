import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded } from '../../cardActions/support';
import { ListRequest } from './lists';
import { actingOnDeal, dealView, refusedDealView, type DealActionEnv } from './views';

/**
 * Open a deal: its status card as it is now (a list row's Open, Open deal on a referral or reminder,
 * Back on a form, Teams' automatic refresh). Opened from a list page, it offers "Back to list" to
 * that page.
 */
export function showDeal(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.show',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const found = await env.queries.view(acting.member, ref.tenantId, ref.dealId);
        if (found.kind === 'notFound') return errorResult(acting.tr, acting.tr.t('error.dealNotFound'));
        if (found.kind === 'refused') return refusedDealView(acting, found.refusal, undefined, env.logger, request.verb);
        const from = ListRequest.safeParse(request.data);
        const back = from.success ? { list: from.data.list, filter: from.data.filter, ...(from.data.token ? { token: from.data.token } : {}) } : undefined;
        return dealView(found.deal, acting, undefined, back);
      }),
  };
}
