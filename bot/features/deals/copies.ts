import { CardFactory, type TurnContext } from 'botbuilder';
import { isoInstant, type Clock } from '../../../services/clock';
import type { Deal } from '../../../services/domain/model';
import type { Store } from '../../../services/store/ports';
import type { CardView, ShownInMessage } from '../../cardActions/router';
import { tenantIdOf } from '../../turn';

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

/**
 * A card action answered in a message the bot sent: from now on that message is a copy of what the
 * answer shows (CardView.shows). So a deal opened in place of its referral card stays the deal when a
 * later change updates it, and a list brought back in its place is no longer touched by that deal. The
 * copy keeps the deal version the answer showed, so the refresh that follows this very change does not
 * send Teams the same card again (and the answer's "Done: …" stays).
 */
export function keepShownCards(store: Store, clock: Clock): (context: TurnContext, messageId: string, shows: ShownInMessage) => Promise<void> {
  return async (context, messageId, shows) => {
    const tenantId = tenantIdOf(context.activity);
    const conversationId = context.activity.conversation?.id?.split(';')[0];
    if (!tenantId || !conversationId) return;
    const message = { tenantId, conversationId, activityId: messageId };
    // A deal is only ever shown to members of its own organization; anything else is not kept.
    const copy = shows !== 'nothing' && shows.tenantId === tenantId ? { ...message, dealId: shows.dealId, userId: shows.userId, kind: shows.kind, version: shows.version, sentAt: isoInstant(clock.now()) } : undefined;
    await store.cardCopies.replace(message, copy);
  };
}
