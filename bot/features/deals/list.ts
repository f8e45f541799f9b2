import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded, whoIsActing } from '../../cardActions/support';
import { ListRequest, listView } from './lists';
import type { DealActionEnv } from './views';

/** Page through a list, or switch its filter (open, closed, all); the paging token travels in the card. */
export function pageDeals(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.list',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const parsed = ListRequest.safeParse(request.data);
        if (!parsed.success) {
          env.logger.warn('deal.list refused: unreadable data', { userId: acting.member.userId });
          return errorResult(acting.tr, acting.tr.t('error.badCardData'));
        }
        return listView(env.queries, acting, parsed.data.list, parsed.data.filter, parsed.data.token);
      }),
  };
}
