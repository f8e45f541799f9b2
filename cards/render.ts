import { bindTemplate } from './binder';
import { shownAsText } from './untrusted';

/** An Adaptive Card as JSON, ready to attach. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  $schema?: string;
  [key: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Teams refuses a message over about 28 KB (413 MessageSizeTooBig); the card is almost all of it. */
export const MAX_CARD_BYTES = 28 * 1024;
/** What a card may weigh: Teams' limit less room for the rest of the activity (summary, addresses, ids). */
export const CARD_BUDGET_BYTES = MAX_CARD_BYTES - 2 * 1024;

/** A card's size as Teams counts it: its JSON in UTF-8 (a CJK character is 3 bytes). */
export const cardBytes = (card: object): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/**
 * Bind a template (cards/templates/*.json) to its view model. Templates only bind and `$when`; every
 * decision (text, which actions) is already in the view model.
 */
export function expandCard<T extends object>(template: object, data: T): AdaptiveCardJson {
  return bindTemplate(template, data) as AdaptiveCardJson;
}

/** How a card keeps within Teams' limit when its data is large. */
export interface Fitting<T> {
  /**
   * Smaller versions of the view model (shorter texts, fewer rows, saying so), each applied to the
   * one before and tried in order while the card is over the limit.
   */
  readonly shrink?: readonly ((data: T) => T)[];
  /** The last resort: a card small whatever the data (cards/compact.ts). */
  readonly compact: (data: T) => AdaptiveCardJson;
}

/**
 * Every card the bot sends or answers with is made here: bound, every text shown as plain text
 * (cards/untrusted.ts), and kept under Teams' size limit — a card over it is never sent, since Teams
 * would refuse the whole message. Cards of ordinary size are bound once; only large ones pay for the
 * smaller versions.
 */
export function renderCard<T extends object>(template: object, data: T, fitting: Fitting<T>): AdaptiveCardJson {
  let card = shownAsText(expandCard(template, data));
  if (cardBytes(card) <= CARD_BUDGET_BYTES) return card;
  let smaller = data;
  for (const step of fitting.shrink ?? []) {
    smaller = step(smaller);
    card = shownAsText(expandCard(template, smaller));
    if (cardBytes(card) <= CARD_BUDGET_BYTES) return card;
  }
  return fitting.compact(smaller);
}
