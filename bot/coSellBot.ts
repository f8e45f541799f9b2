import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type SigninStateVerificationQuery,
  type TurnContext,
} from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/render';
import { translator } from '../services/i18n';
import type { CardActionRouter } from './cardActions/router';
import { readerOfTurn } from './middleware/presence';

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
  /** Sign-ins the bot asked for (Partner Center); without one, sign-in invokes get the polite answer. */
  readonly signIn?: SignInHandler;
}

/**
 * A card's Action.Submit arrives as a message whose `value` holds the data (and no text). The HTTP
 * edge (bot/http/activity.ts) lets a message's value be an object or nothing.
 */
function submittedData(context: TurnContext): Record<string, unknown> | undefined {
  const value = context.activity.value as Record<string, unknown> | null | undefined;
  return value && !context.activity.text ? value : undefined;
}

/**
 * The answer Teams expects to an invoke the bot does not support (botbuilder answers 501, which
 * Teams shows as a failure): where the invoke has a way to show a message, the sentence; otherwise
 * an empty 200, which Teams takes as "done".
 */
function unsupportedInvoke(name: string | undefined, sentence: string): InvokeResponse {
  switch (name) {
    case 'task/fetch':
    case 'task/submit':
    case 'composeExtension/fetchTask':
      return { status: 200, body: { task: { type: 'message', value: sentence } } };
    case 'composeExtension/query':
    case 'composeExtension/queryLink':
    case 'composeExtension/anonymousQueryLink':
    case 'composeExtension/selectItem':
    case 'composeExtension/submitAction':
    case 'composeExtension/querySettingUrl':
      return { status: 200, body: { composeExtension: { type: 'message', text: sentence } } };
    case 'config/fetch':
    case 'config/submit':
      return { status: 200, body: { responseType: 'config', config: { type: 'message', value: sentence } } };
    case 'application/search':
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } } };
    default:
      // signin/* when no sign-in is configured, fileConsent/invoke, tab/*, feedback, unnamed card invokes…
      return { status: 200 };
  }
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

  /** Universal actions and the sign-ins the bot asked for are the invokes it handles; every other one gets Teams' polite answer. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name;
    if (name === 'adaptiveCard/action') return super.onInvokeActivity(context);
    if (this.deps.signIn && (name === 'signin/verifyState' || name === 'signin/tokenExchange')) return super.onInvokeActivity(context);
    return unsupportedInvoke(name, translator(readerOfTurn(context)).t('invoke.notSupported'));
  }

  protected override async handleTeamsSigninVerifyState(context: TurnContext, query: SigninStateVerificationQuery): Promise<void> {
    await this.deps.signIn?.verifyState(context, query);
  }

  protected override async handleTeamsSigninTokenExchange(context: TurnContext, query: SigninStateVerificationQuery): Promise<void> {
    await this.deps.signIn?.tokenExchange(context, query);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    // The HTTP edge (bot/http/activity.ts) has checked the action: a verb and data, each string/object or absent.
    const { verb, data } = invokeValue.action;
    const result = await this.deps.cardActions.dispatch({ context, verb: verb ?? '', data: (data as Record<string, unknown> | null) ?? {}, via: 'execute' });
    // A note keeps the clicked card as it is; Teams shows the text briefly (Universal Actions' message response).
    if ('note' in result) return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.note as unknown as Record<string, unknown> };
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: result.card as unknown as Record<string, unknown> };
  }

  private async onCardSubmit(context: TurnContext, data: Record<string, unknown>): Promise<void> {
    const verb = typeof data.verb === 'string' ? data.verb : '';
    const result = await this.deps.cardActions.dispatch({ context, verb, data, via: 'submit' });
    if ('note' in result) return;
    const attachment = CardFactory.adaptiveCard(result.card);
    // The fallback path cannot answer in place, so it replaces the clicked card when it knows which one it was.
    if (context.activity.replyToId) {
      await context.updateActivity({ type: ActivityTypes.Message, id: context.activity.replyToId, attachments: [attachment] });
    } else {
      await context.sendActivity({ type: ActivityTypes.Message, attachments: [attachment] });
    }
  }
}
