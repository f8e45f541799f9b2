import type { DateTime } from 'luxon';
import { isFavorite } from '../services/domain/favorites';
import type { Deal, Member } from '../services/domain/model';
import type { Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { dueLine, identityLine, NAME_SHOWN, noticeFields, stageLine, valueLine } from './dealText';
import { renderCard, type AdaptiveCardJson } from './render';
import { oneLine } from './untrusted';
import template from './templates/deal-list.json';

export type ListName = 'inbound' | 'outbound' | 'favorites';
export type ListFilter = 'open' | 'closed' | 'all';

export interface DealRow {
  dealId: string;
  tenantId: string;
  name: string;
  summary: string;
  /** Short id, when received or created, and who answers for it: tells apart deals that share a name. */
  identity: string;
  progress: string;
  heart: string;
  /** What the heart sets when clicked: the opposite of what it shows. */
  heartSets: boolean;
}

/**
 * Inbound, Outbound and Favorites (and the matches of `deal <name>`): newest first, a page at a time,
 * filtered open/closed/all. Each row: name, customer, value, stage and %, days to respond or to close,
 * a heart that toggles the favorite, and Open for the deal card. Paging tokens travel in the actions.
 */
export interface DealListCardData {
  title: string;
  notice: string;
  noticeColor: 'Default' | 'Good' | 'Attention';
  empty: string;
  /** Empty for search results, which are not paged or filtered. */
  list: string;
  filter: string;
  /** The token this page was read with ('' for the first page), so a heart click redraws the same page. */
  pageToken: string;
  nextToken: string;
  filters: { title: string; filter: string }[];
  rows: DealRow[];
  labels: { open: string; more: string; first: string; tooLarge: string; search: string; searchPlaceholder: string };
}

export function renderDealListCard(data: DealListCardData): AdaptiveCardJson {
  return renderCard(template, data, { compact: (d) => renderCompactCard({ title: d.title, message: d.labels.tooLarge }) });
}

export interface DealListOptions {
  readonly title: string;
  readonly list?: ListName;
  readonly filter?: ListFilter;
  readonly pageToken?: string;
  readonly nextToken?: string;
  readonly empty: string;
  readonly notice?: { readonly text: string; readonly color: 'Good' | 'Attention' };
}

export function dealRow(deal: Deal, viewer: Member, tr: Translator, now: DateTime, today: string): DealRow {
  const due = dueLine(deal, tr, now, today);
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    name: oneLine(deal.name, NAME_SHOWN),
    summary: tr.t('deal.list.summary', { customer: oneLine(deal.customer.name, NAME_SHOWN), value: valueLine(deal, tr) }),
    identity: identityLine(deal, tr),
    progress: due ? tr.t('deal.list.progress', { stage: stageLine(deal, tr), due }) : stageLine(deal, tr),
    heart: isFavorite(deal, viewer.userId) ? tr.t('deal.favorite.onShort') : tr.t('deal.favorite.offShort'),
    heartSets: !isFavorite(deal, viewer.userId),
  };
}

export function dealListCardData(deals: readonly Deal[], viewer: Member, tr: Translator, now: DateTime, today: string, options: DealListOptions): DealListCardData {
  const filter = options.filter ?? 'open';
  return {
    title: options.title,
    ...noticeFields(options.notice),
    empty: deals.length === 0 ? options.empty : '',
    list: options.list ?? '',
    filter,
    pageToken: options.pageToken ?? '',
    nextToken: options.nextToken ?? '',
    filters: options.list
      ? (['open', 'closed', 'all'] as const).filter((f) => f !== filter).map((f) => ({ filter: f, title: tr.tk(`deal.list.filter.${f}`) }))
      : [],
    rows: deals.map((d) => dealRow(d, viewer, tr, now, today)),
    labels: {
      open: tr.t('deal.list.open'),
      more: tr.t('deal.list.more'),
      first: tr.t('deal.list.first'),
      tooLarge: tr.t('card.tooLarge'),
      // The search box (bot/features/find): what is typed goes to `deal.search` as `searchWords`.
      search: tr.t('search.submit'),
      searchPlaceholder: tr.t('search.listPlaceholder'),
    },
  };
}
