import { ActivityTypes, CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { renderNoticeCard } from '../cards/notice';
import { isoInstant, type Clock } from '../services/clock';
import type { Member } from '../services/domain/model';
import { translator } from '../services/i18n';
import type { Store } from '../services/store/ports';
import type { SharedCardPolicy } from './cardActions/router';
import type { SharedConversationPolicy } from './commands/router';
import type { Logger } from './logger';
import { actAs, memberOf, readerOfTurn } from './middleware/presence';
import { tenantIdOf } from './turn';

/*
 * Team channels and group chats may hold people who must not see a deal, a referral or the member
 * roster. What shows such data is therefore never answered there: it runs in the person's personal
 * chat with the bot instead — the one the bot already has, or one it opens (Teams lets a bot start a
 * 1:1 chat with anyone in a team or group chat where it is installed) — and the shared conversation
 * gets a short reply with no data in it.
 */

/** A conversation several people read. */
export function isSharedConversation(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel';
}

export type PrivateDelivery = 'sent' | 'unreachable';

export interface PrivateChatDeps {
  readonly adapter: CloudAdapter;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The bot's app id (MicrosoftAppId); empty for local clients without auth. */
  readonly appId?: string;
}

export class PrivateChat {
  constructor(private readonly deps: PrivateChatDeps) {}

  /**
   * Run `logic` in the personal chat of the person behind this shared-conversation turn, as that
   * person: whatever it sends goes there. 'unreachable' when the bot can neither find nor open it.
   */
  async run(context: TurnContext, logic: (personal: TurnContext) => Promise<void>): Promise<PrivateDelivery> {
    const member = memberOf(context);
    const a = context.activity;
    if (!member || !a.serviceUrl || !a.recipient?.id || !a.from?.id) return 'unreachable';
    const reader = readerOfTurn(context);
    const inPersonal = async (personal: TurnContext) => {
      actAs(personal, member, reader);
      await logic(personal);
    };
    const appId = this.deps.appId ?? '';
    const known = await this.deps.store.conversations.findPersonal(member.tenantId, member.userId);
    if (known) {
      const reference: Partial<ConversationReference> = {
        channelId: known.channelId,
        serviceUrl: known.serviceUrl,
        bot: { id: known.bot.id, name: known.bot.name ?? '' },
        user: { id: a.from.id, name: a.from.name ?? '', aadObjectId: member.userId },
        conversation: { id: known.conversationId, isGroup: false, conversationType: 'personal', tenantId: member.tenantId, name: '' },
        locale: a.locale,
      };
      try {
        await this.deps.adapter.continueConversationAsync(appId, reference, inPersonal);
        return 'sent';
      } catch (err) {
        this.deps.logger.warn('could not reach a personal chat; opening a new one', { userId: member.userId, error: err });
      }
    }
    return this.open(context, member, inPersonal);
  }

  /** Start a 1:1 chat with the person (Teams allows it where the bot is installed in a chat they are in), remember it, run `logic` there. */
  private async open(context: TurnContext, member: Member, logic: (personal: TurnContext) => Promise<void>): Promise<PrivateDelivery> {
    const a = context.activity;
    const tenantId = tenantIdOf(a) ?? member.tenantId;
    try {
      await this.deps.adapter.createConversationAsync(
        this.deps.appId ?? '',
        a.channelId,
        a.serviceUrl,
        AuthenticationConstants.ToChannelFromBotOAuthScope,
        { isGroup: false, bot: a.recipient, members: [{ id: a.from.id, name: a.from.name ?? '' }], tenantId, channelData: { tenant: { id: tenantId } } },
        async (personal) => {
          const conversationId = personal.activity.conversation?.id;
          if (conversationId) {
            await this.deps.store.conversations.put({
              conversationId,
              tenantId,
              scope: 'personal',
              userId: member.userId,
              serviceUrl: a.serviceUrl,
              channelId: a.channelId,
              bot: { id: a.recipient.id, ...(a.recipient.name ? { name: a.recipient.name } : {}) },
              updatedAt: isoInstant(this.deps.clock.now()),
            });
          }
          // The create-conversation event names no sender; the person is the one the chat is with.
          personal.activity.from = { id: a.from.id, name: a.from.name ?? '', aadObjectId: member.userId };
          personal.activity.type = ActivityTypes.Event;
          await logic(personal);
        },
      );
      return 'sent';
    } catch (err) {
      this.deps.logger.warn('could not open a personal chat with a member', { userId: member.userId, error: err });
      return 'unreachable';
    }
  }
}

/** The routers' view of shared conversations: redirect private output, and tell the shared chat in a short, data-free notice. */
export function sharedConversationPolicies(chat: PrivateChat): { commands: SharedConversationPolicy; cardActions: SharedCardPolicy } {
  const notice = (context: TurnContext, delivery: PrivateDelivery) => {
    const tr = translator(readerOfTurn(context));
    return delivery === 'sent'
      ? renderNoticeCard({ title: tr.t('shared.sentTitle'), message: tr.t('shared.sent'), color: 'Default' })
      : renderNoticeCard({ title: tr.t('shared.unreachableTitle'), message: tr.t('shared.unreachable'), color: 'Warning' });
  };
  return {
    commands: {
      isShared: isSharedConversation,
      async redirect(context, logic) {
        const card = notice(context, await chat.run(context, logic));
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      },
    },
    cardActions: {
      isShared: isSharedConversation,
      redirect: async (context, logic) => notice(context, await chat.run(context, logic)),
    },
  };
}
