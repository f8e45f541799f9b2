import type { TurnContext } from 'botbuilder';
import type { Seller } from '../../../dialogs/createDeal/dialog';
import { present } from '../../../dialogs/surface';
import type { Clock } from '../../../services/clock';
import type { Deal } from '../../../services/domain/model';
import type { Membership } from '../../../services/members/membership';
import type { Store } from '../../../services/store/ports';
import { rememberDealCard } from '../deals/copies';
import { dealView } from '../deals/views';

/**
 * The dialog created a deal: its status card replaces the summary (kept as a copy of the deal's
 * cards), the phone the seller gave is remembered for their next form, and the outbox worker is woken
 * for the invitations the creation queued.
 */
export function showCreatedDeal(deps: { store: Store; clock: Clock; membership: Membership; onWork: () => void }) {
  return async (context: TurnContext, seller: Seller, deal: Deal): Promise<void> => {
    deps.onWork();
    const acting = { ...seller, now: deps.clock.now() };
    const view = dealView(deal, acting, { text: seller.tr.t('deal.done.created'), color: 'Good' });
    const activityId = await present(context, view.card);
    await rememberDealCard(deps.store, deps.clock, context, deal, seller.member.userId, activityId);
    const self = deal.team.find((t) => t.userId === seller.member.userId || t.email.toLowerCase() === seller.member.email?.toLowerCase());
    if (self?.phone) await deps.membership.rememberPhone(seller.member, self.phone);
  };
}
