import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type SigninStateVerificationQuery,
  type TurnContext,
} from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/render';
import type { CardActionRouter } from './cardActions/router';

/** Handles typed text (commands, dialogs). */
export interface MessageHandler {
  onText(context: TurnContext): Promise<void>;
}

/** Installation and removal of the bot (personal, group chat, team). */
export interface InstallationHandler {
  onInstalled(context: TurnContext): Promise<void>;
  onUninstalled(context: TurnContext): Promise<void>;
}

/** The end of an OAuth sign-in in Teams (signin/verifyState, signin/tokenExchange invokes). */
export interface SignInHandler {
  verifyState(context: TurnContext, query: SigninStateVerificationQuery): Promise<void>;
  tokenExchange(context: TurnContext, query: SigninStateVerificationQuery): Promise<void>;
}

export interface CoSellBotDeps {
  readonly messages: MessageHandler;
  readonly cardActions: CardActionRouter;
  readonly installations: InstallationHandler;
  /** Sign-ins the bot asked for (Partner Center); without one, Teams is told they are not implemented. */
  readonly signIn?: SignInHandler;
}

/** A card's Action.Submit arrives as a message whose `value` holds the data (and no text). */
function submittedData(context: TurnContext): Record<string, unknown> | undefined {
  const value = context.activity.value as unknown;
  if (value && typeof value === 'object' && !Array.isArray(value) && !context.activity.text) return value as Record<string, unknown>;
  return undefined;
}

/**
 * The Teams activity handler. It only routes: text to the message handler, card actions (both
 * Universal Action.Execute and the Action.Submit fallback) to the card action router, installs and
 * removals to the installation handler. It decides nothing itself.
 */
export class CoSellBot extends TeamsActivityHandler {
  constructor(private readonly deps: CoSellBotDeps) {
    super();

    this.onMessage(async (context, next) => {
      const data = submittedData(context);
      if (data) await this.onCardSubmit(context, data);
      else await deps.messages.onText(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await deps.installations.onInstalled(context);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await deps.installations.onUninstalled(context);
      await next();
    });

    // Local clients (Emulator, Agents Playground) announce the bot through conversationUpdate only.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.channelId !== 'msteams' && context.activity.membersAdded?.some((m) => m.id === botId)) {
        await deps.installations.onInstalled(context);
      }
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue?.action;
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    const data = action?.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {};
    const result = await this.deps.cardActions.dispatch({ context, verb, data, via: 'execute' });
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: result.card as unknown as Record<string, unknown> };
  }

  protected override async handleTeamsSigninVerifyState(context: TurnContext, query: SigninStateVerificationQuery): Promise<void> {
    if (!this.deps.signIn) return super.handleTeamsSigninVerifyState(context, query);
    await this.deps.signIn.verifyState(context, query);
  }

  protected override async handleTeamsSigninTokenExchange(context: TurnContext, query: SigninStateVerificationQuery): Promise<void> {
    if (!this.deps.signIn) return super.handleTeamsSigninTokenExchange(context, query);
    await this.deps.signIn.tokenExchange(context, query);
  }

  private async onCardSubmit(context: TurnContext, data: Record<string, unknown>): Promise<void> {
    const verb = typeof data.verb === 'string' ? data.verb : '';
    const result = await this.deps.cardActions.dispatch({ context, verb, data, via: 'submit' });
    const attachment = CardFactory.adaptiveCard(result.card);
    // The fallback path cannot answer in place, so it replaces the clicked card when it knows which one it was.
    if (context.activity.replyToId) {
      await context.updateActivity({ type: ActivityTypes.Message, id: context.activity.replyToId, attachments: [attachment] });
    } else {
      await context.sendActivity({ type: ActivityTypes.Message, attachments: [attachment] });
    }
  }
}
