import { DateTime } from 'luxon';
import type { Deal, Member } from '../domain/model';
import { visibleTo } from '../deals/access';
import type { Store } from '../store/ports';

/** The most referrals a hand-over or a digest names: each waits at most its 14 days, so a handful in practice. */
export const WAITING_MAX = 50;

/**
 * The inbound referrals waiting for an answer that this member may see, the one expiring first
 * first: what a digest lists and what a newly installed member is handed.
 */
export async function waitingReferrals(store: Store, member: Member, now: DateTime, max = WAITING_MAX): Promise<Deal[]> {
  const waiting: Deal[] = [];
  let token: string | undefined;
  do {
    const page = await store.deals.list(member.tenantId, { direction: 'inbound', open: true, ...visibleTo(member) }, { limit: 100, continuationToken: token });
    for (const { value: deal } of page.items) {
      if (deal.status === 'received' && deal.inbound && now < DateTime.fromISO(deal.inbound.expiresAt)) waiting.push(deal);
    }
    token = page.continuationToken;
  } while (token && waiting.length < max);
  return waiting.sort((a, b) => a.inbound!.expiresAt.localeCompare(b.inbound!.expiresAt)).slice(0, max);
}
