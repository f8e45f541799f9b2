import { CardFactory, type TurnContext } from 'botbuilder';
import { isoInstant, type Clock } from '../../../services/clock';
import type { Deal } from '../../../services/domain/model';
import type { Store } from '../../../services/store/ports';
import type { CardView } from '../../cardActions/router';

/**
 * Keep a deal card the bot showed as a copy of that deal's cards, so that every later change (a
 * teammate's action, a partner's answer, Microsoft's side) updates it in place through the outbox.
 */
export async function rememberDealCard(store: Store, clock: Clock, context: TurnContext, deal: Deal, userId: string, activityId: string | undefined): Promise<void> {
  const conversationId = context.activity.conversation?.id?.split(';')[0];
  if (!activityId || !conversationId) return;
  await store.cardCopies.add({ tenantId: deal.tenantId, dealId: deal.id, conversationId, activityId, userId, kind: 'deal', sentAt: isoInstant(clock.now()) });
}

/** Send a deal card as a new message and keep the copy. */
export async function sendDealCard(store: Store, clock: Clock, context: TurnContext, deal: Deal, userId: string, view: CardView): Promise<void> {
  const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(view.card)] });
  await rememberDealCard(store, clock, context, deal, userId, sent?.id);
}
