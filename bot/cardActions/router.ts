import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Logger } from '../logger';

/** What a card action turns into: the card that replaces the one clicked. */
export interface CardActionResult {
  readonly card: AdaptiveCardJson;
}

export interface CardActionRequest {
  readonly context: TurnContext;
  readonly verb: string;
  /** The action's data merged with the card's inputs. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Action.Execute (Universal Actions) or its Action.Submit fallback. */
  readonly via: 'execute' | 'submit';
}

/** One small handler per verb, registered in bot/index.ts. */
export interface CardActionHandler {
  readonly verb: string;
  handle(request: CardActionRequest): Promise<CardActionResult>;
}

export interface CardActionRouterOptions {
  readonly logger: Logger;
  /** The card shown when no handler knows the verb. */
  readonly unknownVerbCard: (context: TurnContext) => AdaptiveCardJson;
}

export class CardActionRouter {
  private readonly handlers = new Map<string, CardActionHandler>();

  constructor(private readonly options: CardActionRouterOptions) {}

  register(...handlers: CardActionHandler[]): this {
    for (const h of handlers) {
      if (this.handlers.has(h.verb)) throw new Error(`card action "${h.verb}" registered twice`);
      this.handlers.set(h.verb, h);
    }
    return this;
  }

  verbs(): string[] {
    return [...this.handlers.keys()];
  }

  async dispatch(request: CardActionRequest): Promise<CardActionResult> {
    const handler = this.handlers.get(request.verb);
    if (!handler) {
      this.options.logger.warn('card action refused: unknown verb', {
        verb: request.verb.slice(0, 100),
        via: request.via,
        activityId: request.context.activity.id,
      });
      return { card: this.options.unknownVerbCard(request.context) };
    }
    return handler.handle(request);
  }
}
