import { bindTemplate } from './binder';

/** An Adaptive Card as JSON, ready to attach. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  $schema?: string;
  [key: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Bind a template (cards/templates/*.json) to its view model. Templates only bind and `$when`; every
 * decision (text, which actions) is already in the view model.
 */
export function expandCard<T extends object>(template: object, data: T): AdaptiveCardJson {
  return bindTemplate(template, data) as AdaptiveCardJson;
}
