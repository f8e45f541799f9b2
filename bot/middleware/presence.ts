import { ActivityTypes, TeamsInfo, type Middleware, type TurnContext } from 'botbuilder';
import type { Clock } from '../../services/clock';
import { isoInstant } from '../../services/clock';
import type { Member } from '../../services/domain/model';
import { readerOf, type Reader } from '../../services/i18n';
import type { Membership } from '../../services/members/membership';
import type { ConversationRecord } from '../../services/store/ports';
import type { Logger } from '../logger';
import { heardFrom, tenantIdOf, userIdOf } from '../turn';

const MEMBER_KEY = Symbol('cosell.member');
const READER_KEY = Symbol('cosell.reader');

/** The member resolved for this turn by the presence middleware. */
export function memberOf(context: TurnContext): Member | undefined {
  return context.turnState.get(MEMBER_KEY) as Member | undefined;
}

/**
 * The language and zone everything this turn shows is in, for whoever the turn is from: decided by
 * the presence middleware for a known member (services/members/readers.ts: this activity, then what
 * they said last, then their organization's usual, then English); for a turn from nobody the bot
 * knows (no tenant or user), what the activity says.
 */
export function readerOfTurn(context: TurnContext): Reader {
  const decided = context.turnState.get(READER_KEY) as Reader | undefined;
  if (decided) return decided;
  const heard = heardFrom(context.activity);
  return readerOf(heard.locale, heard.timeZone);
}

/** Carry a turn's member and reader into a proactive turn the bot opens for them (e.g. their personal chat). */
export function actAs(context: TurnContext, member: Member, reader: Reader): void {
  context.turnState.set(MEMBER_KEY, member);
  context.turnState.set(READER_KEY, reader);
}

/** The conversation an activity comes from, as the bot keeps it to reach it again later. */
export function conversationRecordOf(context: TurnContext, clock: Clock): ConversationRecord | undefined {
  const a = context.activity;
  const tenantId = tenantIdOf(a);
  if (!tenantId || !a.conversation?.id || !a.serviceUrl || !a.recipient?.id) return undefined;
  const type = a.conversation.conversationType;
  const scope: ConversationRecord['scope'] = type === 'channel' ? 'team' : type === 'groupChat' ? 'groupChat' : 'personal';
  return {
    // A channel reply thread's id carries ";messageid=…"; the channel itself is what we keep.
    conversationId: a.conversation.id.split(';')[0]!,
    tenantId,
    scope,
    ...(scope === 'personal' && userIdOf(a) ? { userId: userIdOf(a)! } : {}),
    serviceUrl: a.serviceUrl,
    channelId: a.channelId,
    bot: { id: a.recipient.id, ...(a.recipient.name ? { name: a.recipient.name } : {}) },
    ...(a.conversation.name ? { name: a.conversation.name } : {}),
    updatedAt: isoInstant(clock.now()),
  };
}

/**
 * The turn installs the bot in the sender's personal scope: Teams' installationUpdate "add" (or
 * "add-upgrade", when an existing install takes a new version) in a personal conversation; local clients
 * (Emulator, Agents Playground outside msteams) have no installationUpdate and add the bot to the
 * personal conversation instead. A message, an @mention or an install in a team or group chat is not.
 */
function isPersonalInstall(context: TurnContext, record: ConversationRecord | undefined): boolean {
  const a = context.activity;
  if (record?.scope !== 'personal') return false;
  if (a.type === ActivityTypes.InstallationUpdate) return a.action === 'add' || a.action === 'add-upgrade';
  return a.channelId !== 'msteams' && a.type === ActivityTypes.ConversationUpdate && (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
}

function isRemoval(context: TurnContext): boolean {
  const a = context.activity;
  if (a.type === ActivityTypes.InstallationUpdate) return a.action?.startsWith('remove') ?? false;
  return a.type === ActivityTypes.ConversationUpdate && (a.membersRemoved ?? []).some((m) => m.id === a.recipient?.id);
}

/**
 * Who the bot knows, kept current on every turn: the organization, the member (by Entra object id,
 * with the email Teams gives for them, and the locale and zone they last used) and the conversation
 * reference (its serviceUrl can change). The member and the reader are then available to every
 * handler of the turn through memberOf() and readerOfTurn().
 */
export function presenceMiddleware(membership: Membership, clock: Clock, logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const a = context.activity;
      const tenantId = tenantIdOf(a);
      const userId = userIdOf(a);
      if (tenantId && userId && !isRemoval(context) && a.from?.role !== 'bot') {
        const lookupEmail = async () => {
          if (a.channelId !== 'msteams') return undefined;
          try {
            const info = await TeamsInfo.getMember(context, a.from.id);
            return info.email ?? info.userPrincipalName ?? undefined;
          } catch (err) {
            logger.warn('could not look up a member in Teams', { userId, error: err });
            return undefined;
          }
        };
        const conversation = conversationRecordOf(context, clock);
        // Only what this activity says is written: one without a locale keeps the member's last known.
        const heard = heardFrom(a);
        const member = await membership.observe(
          { tenantId, userId, name: a.from?.name ?? '', ...heard },
          { conversation, personalInstall: isPersonalInstall(context, conversation), lookupEmail },
        );
        actAs(context, member, await membership.readerFor(tenantId, member, heard));
      }
      await next();
    },
  };
}
