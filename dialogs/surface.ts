import { CardFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';

/*
 * Where a dialog's card goes. A dialog turn started by a card button answers in place: the card
 * replaces the clicked form (the Action.Execute invoke response, or an update of the message for the
 * Action.Submit fallback) — so the form the seller is filling evolves step by step and an old step
 * cannot be sent twice. A turn started by typed text ("back", "cancel") posts a new message.
 */

const IN_PLACE = Symbol('cosell.dialog.inPlace');
const INPUT = Symbol('cosell.dialog.input');

/** What the seller did: a button (`nav`) and what the form's inputs held. */
export interface DialogInput {
  readonly nav: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export function setDialogInput(context: TurnContext, input: DialogInput): void {
  context.turnState.set(INPUT, input);
}

export function dialogInput(context: TurnContext): DialogInput | undefined {
  return context.turnState.get(INPUT) as DialogInput | undefined;
}

/** This turn's card replaces the clicked one; collect it instead of sending it. */
export function answerInPlace(context: TurnContext): void {
  context.turnState.set(IN_PLACE, { card: undefined as AdaptiveCardJson | undefined });
}

export function answerOf(context: TurnContext): AdaptiveCardJson | undefined {
  return (context.turnState.get(IN_PLACE) as { card?: AdaptiveCardJson } | undefined)?.card;
}

/** Show a card; resolves with the id of the message that shows it, when known. */
export async function present(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const slot = context.turnState.get(IN_PLACE) as { card?: AdaptiveCardJson } | undefined;
  if (slot) {
    slot.card = card;
    return context.activity.replyToId;
  }
  const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  return sent?.id;
}
