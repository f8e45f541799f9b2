import { CardFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Logger } from '../logger';

/**
 * What a card action turns into: the card that replaces the one clicked, or — for a button that only
 * sends something new, as the help card's quick actions do — a short note, the clicked card staying
 * as it was.
 */
export type CardActionResult = CardView | { readonly note: string };

/** A card shown in answer. */
export interface CardView {
  readonly card: AdaptiveCardJson;
  /**
   * What the clicked message shows from now on, so that later changes keep it right in place: a
   * deal (as its deal card, or as its referral or reminder card), or nothing a deal change touches (a
   * list). Absent: the message keeps following the deal it followed, if any (a form about it).
   */
  readonly shows?: ShownInMessage;
}

/** See CardView.shows. `version`: the deal's version the card shows (services/notifications/effects.ts, dealVersion). */
export type ShownInMessage =
  | { readonly tenantId: string; readonly dealId: string; readonly userId: string; readonly kind: 'deal' | 'referral' | 'reminder'; readonly version: string }
  | 'nothing';

export interface CardActionRequest {
  readonly context: TurnContext;
  readonly verb: string;
  /** The action's data merged with the card's inputs. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Action.Execute (Universal Actions) or its Action.Submit fallback. */
  readonly via: 'execute' | 'submit';
}

/** One small handler per verb, registered by its feature (bot/features/). */
export interface CardActionHandler {
  readonly verb: string;
  /**
   * It applies the shared-chat rule itself (it runs a command through the command router, which
   * does), so the router runs it where it was clicked. Default: private, run in the personal chat.
   */
  readonly shared?: boolean;
  handle(request: CardActionRequest): Promise<CardActionResult>;
}

/** How card actions meet shared conversations (channels, group chats). */
export interface SharedCardPolicy {
  isShared(context: TurnContext): boolean;
  /**
   * Run `logic` in the person's personal chat; the card it returns is the one that replaces the
   * clicked card in the shared conversation (a short notice, no data).
   */
  redirect(context: TurnContext, logic: (personal: TurnContext) => Promise<void>): Promise<AdaptiveCardJson>;
}

export interface CardActionRouterOptions {
  readonly logger: Logger;
  /** The card shown when no handler knows the verb. */
  readonly unknownVerbCard: (context: TurnContext) => AdaptiveCardJson;
  readonly policy: SharedCardPolicy;
  /** A card answered in the clicked message (`replyToId`) says what that message shows now. */
  readonly shown?: (context: TurnContext, messageId: string, shows: ShownInMessage) => Promise<void>;
}

/**
 * Verb in, card out. Every card action shows or changes a deal, a referral or the members, so none
 * answers in a shared conversation: there it runs in the clicker's personal chat, its card is posted
 * there, and the clicked card is replaced by a notice with no data.
 */
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
    if (handler.shared || !this.options.policy.isShared(request.context)) {
      const result = await handler.handle(request);
      const messageId = request.context.activity.replyToId;
      if ('card' in result && result.shows && messageId && this.options.shown) {
        // Bookkeeping for later refreshes: the action itself is done, so a failure here must not turn its answer into an error.
        await this.options.shown(request.context, messageId, result.shows).catch((error: unknown) =>
          this.options.logger.warn('could not record which card a message shows', { verb: request.verb, error }),
        );
      }
      return result;
    }
    const notice = await this.options.policy.redirect(request.context, async (personal) => {
      const result = await handler.handle({ ...request, context: personal });
      if ('card' in result) await personal.sendActivity({ attachments: [CardFactory.adaptiveCard(result.card)] });
    });
    return { card: notice };
  }
}
