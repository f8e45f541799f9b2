import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { memberName, scopesText } from '../../../cards/members';
import { Role, UserId } from '../../../services/domain/model';
import { describeRefusal } from '../../../services/i18n';
import type { Membership } from '../../../services/members/membership';
import type { Store } from '../../../services/store/ports';
import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { membersView } from './view';

/** The member being changed (Change), or none when a colleague is picked (Add a colleague). Cards from before kept an index. */
const Target = z.object({
  userId: z.union([UserId, z.literal('')]),
  token: z.string().max(2000).optional().catch(undefined),
  index: z.coerce.number().int().min(0).max(199).optional().catch(undefined),
});

/** Location scopes as a multi-select sends them ("FR,BE"), or typed into an older card ("FR, BE"). */
const scopesOf = (raw: unknown): string[] =>
  String(raw ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .slice(0, 300);

/**
 * What Teams knows of a colleague picked by id who never wrote to the bot: their name and email, when
 * the conversation can tell (a team or chat they are in); nothing otherwise — they fill in at install.
 */
async function lookUp(context: TurnContext, userId: string): Promise<{ name?: string; email?: string }> {
  if (context.activity.channelId !== 'msteams') return {};
  try {
    const found = await TeamsInfo.getMember(context, userId);
    const email = found.email ?? found.userPrincipalName;
    return { ...(found.name ? { name: found.name } : {}), ...(email ? { email } : {}) };
  } catch {
    return {};
  }
}

/**
 * Save a member's role and location scopes from the members card — a member already known, or a
 * colleague picked with Teams' people picker before they installed the bot. Refusals come back on
 * the card.
 */
export function updateMember(env: ActionEnv & { membership: Membership; store: Store }): CardActionHandler {
  return {
    verb: 'member.update',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const { tr } = acting;
        const target = Target.safeParse(request.data);
        if (!target.success) {
          env.logger.warn('member.update refused: unreadable data', { userId: acting.member.userId });
          return errorResult(tr, tr.t('error.badCardData'));
        }
        const { index, token } = target.data;
        const at = (name: string) => request.data[name] ?? (index !== undefined ? request.data[`${name}${index}`] : undefined);
        const picked = UserId.safeParse(request.data.colleague);
        const userId = target.data.userId || (picked.success ? picked.data : '');
        const again = (notice: { text: string; color: 'Good' | 'Attention' }, edit?: string) => membersView(env, acting.member, tr, token || undefined, notice, edit);
        if (!userId) return { card: await again({ text: tr.t('members.colleagueRequired'), color: 'Attention' }) };
        const role = Role.safeParse(at('role'));
        if (!role.success) return { card: await again({ text: tr.t('v.choice'), color: 'Attention' }, target.data.userId || undefined) };
        const known = await env.store.members.get(acting.member.tenantId, userId);
        const change = { role: role.data, locationScopes: scopesOf(at('scopes')) };
        const result = known
          ? await env.membership.changeMember(acting.member, userId, change)
          : await env.membership.provision(acting.member, userId, { ...change, ...(await lookUp(request.context, userId)) });
        if (!result.ok) {
          env.logger.info('member.update refused', { code: result.refusal.code, actor: acting.member.userId, target: userId });
          return { card: await again({ text: describeRefusal(result.refusal, tr), color: 'Attention' }, target.data.userId || undefined) };
        }
        const m = result.value;
        const params = { name: memberName(m, tr), role: tr.tk(`role.${m.role}`), scopes: scopesText(m, tr) };
        return { card: await again({ text: tr.t(m.installed ? 'members.saved' : 'members.added', params), color: 'Good' }) };
      }),
  };
}
