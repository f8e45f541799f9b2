import type { Deal, Member } from '../domain/model';
import type { Refusal } from '../domain/result';
import { shortIdKey } from '../domain/search';
import { authorizeView } from '../domain/visibility';
import { InvalidContinuationTokenError } from '../store/pagination';
import type { DealQuery, Store } from '../store/ports';
import { visibleTo } from './access';

/** The three lists a seller works from (003): sent to the organization, created by it, marked with a heart. */
export type DealList = 'inbound' | 'outbound' | 'favorites';
export type ListFilter = 'open' | 'closed' | 'all';

export const LIST_PAGE_SIZE = 8;
export const SEARCH_LIMIT = 10;

export type ListOutcome =
  | { readonly kind: 'page'; readonly deals: Deal[]; readonly continuationToken?: string }
  | { readonly kind: 'badToken' };

export type ViewOutcome = { readonly kind: 'found'; readonly deal: Deal } | { readonly kind: 'refused'; readonly refusal: Refusal } | { readonly kind: 'notFound' };

function queryFor(member: Member, list: DealList, filter: ListFilter): DealQuery {
  return {
    ...(list === 'favorites' ? { favoriteOf: member.userId } : { direction: list }),
    ...(filter === 'all' ? {} : { open: filter === 'open' }),
    ...visibleTo(member),
  };
}

/** Reading deals for a member: only what they may see, newest first, a page at a time. */
export class DealQueries {
  constructor(private readonly store: Store) {}

  async list(member: Member, list: DealList, filter: ListFilter, continuationToken?: string): Promise<ListOutcome> {
    try {
      const page = await this.store.deals.list(member.tenantId, queryFor(member, list, filter), { limit: LIST_PAGE_SIZE, continuationToken });
      return { kind: 'page', deals: page.items.map((s) => s.value), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
    } catch (err) {
      // A token we did not issue (edited card data) is not a failure of ours.
      if (err instanceof InvalidContinuationTokenError) return { kind: 'badToken' };
      throw err;
    }
  }

  /**
   * `deal <name or id>`: deals whose name contains the text, or whose id it is; and, first, the deal
   * whose short id it is ("7Q2K9M", "#7q2k9m"), found by the search index's id key.
   */
  async search(member: Member, text: string): Promise<Deal[]> {
    const key = shortIdKey(text);
    const byShortId = key ? await this.store.deals.searchByKeys(member.tenantId, { groups: [[key]], mode: 'any' }, visibleTo(member), SEARCH_LIMIT) : [];
    const byName = await this.store.deals.search(member.tenantId, text.trim(), visibleTo(member), SEARCH_LIMIT);
    const found = new Map<string, Deal>();
    for (const { value } of [...byShortId, ...byName]) if (!found.has(value.id)) found.set(value.id, value);
    return [...found.values()].slice(0, SEARCH_LIMIT);
  }

  /** One deal, when this member may see it. */
  async view(member: Member, tenantId: string, dealId: string): Promise<ViewOutcome> {
    const stored = await this.store.deals.get(tenantId, dealId);
    if (!stored) return { kind: 'notFound' };
    const allowed = authorizeView(member, stored.value);
    if (!allowed.ok) return { kind: 'refused', refusal: allowed.refusal };
    return { kind: 'found', deal: stored.value };
  }
}
