import { z } from 'zod';
import { dealListCardData, renderDealListCard, type ListFilter, type ListName } from '../../../cards/dealList';
import type { Deal } from '../../../services/domain/model';
import type { DealQueries } from '../../../services/deals/queries';
import type { CardView } from '../../cardActions/router';
import type { Acting } from '../../cardActions/support';

export const ListRequest = z.object({
  list: z.enum(['inbound', 'outbound', 'favorites']),
  filter: z.enum(['open', 'closed', 'all']).catch('open'),
  token: z.string().max(2000).optional().catch(undefined),
});

type Notice = { text: string; color: 'Good' | 'Attention' };

/** One page of Inbound, Outbound or Favorites for this member: only deals they may see, newest first. */
export async function listView(queries: DealQueries, acting: Acting, list: ListName, filter: ListFilter, token?: string, notice?: Notice): Promise<CardView> {
  const { tr } = acting;
  const outcome = await queries.list(acting.member, list, filter, token || undefined);
  if (outcome.kind === 'badToken') return listView(queries, acting, list, filter, undefined, { text: tr.t('deal.list.badToken'), color: 'Attention' });
  // Nothing open, yet closed deals (a favorite that was won): say where they are rather than "nothing here".
  const closed = outcome.deals.length === 0 && filter === 'open' && !token ? await queries.list(acting.member, list, 'closed') : undefined;
  const onlyClosed = closed?.kind === 'page' && closed.deals.length > 0;
  const data = dealListCardData(outcome.deals, acting.member, tr, acting.now, acting.today, {
    title: tr.t('deal.list.titleFiltered', { list: tr.tk(`deal.list.title.${list}`), filter: tr.tk(`deal.list.filter.${filter}`) }),
    list,
    filter,
    ...(token ? { pageToken: token } : {}),
    ...(outcome.continuationToken ? { nextToken: outcome.continuationToken } : {}),
    empty: onlyClosed ? tr.tk(`deal.list.onlyClosed.${list}`) : tr.tk(`deal.list.empty.${list}`),
    ...(notice ? { notice } : {}),
  });
  return { card: renderDealListCard(data), shows: 'nothing' };
}

/** The matches of `deal <name or id>`, as a list (not paged: the search returns the newest few). */
export function searchView(deals: readonly Deal[], acting: Acting, query: string): CardView {
  const { tr } = acting;
  const data = dealListCardData(deals, acting.member, tr, acting.now, acting.today, {
    title: tr.t('deal.search.title', { query: query.slice(0, 80) }),
    empty: tr.t('deal.search.none', { query: query.slice(0, 80) }),
  });
  return { card: renderDealListCard(data), shows: 'nothing' };
}
