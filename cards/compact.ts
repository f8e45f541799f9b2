import { expandCard, type AdaptiveCardJson } from './render';
import template from './templates/compact.json';
import { oneLine, shorten, shownAsText } from './untrusted';

/** Where the compact card sends the reader: a card action and what it sends. */
export interface CompactAction {
  readonly title: string;
  readonly verb: string;
  readonly data: Readonly<Record<string, string>>;
}

export interface CompactCardInput {
  readonly header?: string;
  readonly title: string;
  /** Why the full card is not shown (from the catalog). */
  readonly message: string;
  readonly action?: CompactAction;
}

/**
 * The last resort when a card would be over Teams' size limit even shortened (cards/render.ts): what
 * it is about, why the rest is not here, and where to go next. Small whatever it is given: every
 * text is cut to a few hundred characters.
 */
export function renderCompactCard(input: CompactCardInput): AdaptiveCardJson {
  const action = input.action;
  return shownAsText(
    expandCard(template, {
      header: oneLine(input.header ?? '', 200),
      title: oneLine(input.title, 200),
      message: shorten(input.message, 600),
      action: action
        ? { title: oneLine(action.title, 100), verb: action.verb, data: action.data, submitData: { verb: action.verb, ...action.data } }
        : { title: '', verb: '', data: {}, submitData: {} },
    }),
  );
}

/** Back to the deal card: what every compact card about a deal offers. */
export const openDeal = (title: string, dealId: string, tenantId: string): CompactAction => ({ title, verb: 'deal.show', data: { dealId, tenantId } });
