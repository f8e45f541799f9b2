import { z } from 'zod';
import { scopesText } from '../../../cards/members';
import { Role } from '../../../services/domain/model';
import { describeRefusal } from '../../../services/i18n';
import type { Membership } from '../../../services/members/membership';
import type { Store } from '../../../services/store/ports';
import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { membersView } from './view';

const Target = z.object({ userId: z.string().min(1).max(256), index: z.coerce.number().int().min(0).max(199) });

/** Save one member's role and location scopes from the members card; refusals come back on the card. */
export function updateMember(env: ActionEnv & { membership: Membership; store: Store }): CardActionHandler {
  return {
    verb: 'member.update',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const target = Target.safeParse(request.data);
        if (!target.success) {
          env.logger.warn('member.update refused: unreadable data', { userId: acting.member.userId });
          return errorResult(acting.tr, acting.tr.t('error.badCardData'));
        }
        const { userId, index } = target.data;
        const role = Role.safeParse(request.data[`role${index}`]);
        if (!role.success) return errorResult(acting.tr, acting.tr.t('v.choice'));
        const scopes = String(request.data[`scopes${index}`] ?? '')
          .split(/[\s,;]+/)
          .filter(Boolean);
        const result = await env.membership.changeMember(acting.member, userId, { role: role.data, locationScopes: scopes });
        if (!result.ok) {
          env.logger.info('member.update refused', { code: result.refusal.code, actor: acting.member.userId, target: userId });
          return { card: await membersView(env, acting.member, acting.tr, undefined, { text: describeRefusal(result.refusal, acting.tr), color: 'Attention' }) };
        }
        const m = result.value;
        const text = acting.tr.t('members.saved', { name: m.name, role: acting.tr.tk(`role.${m.role}`), scopes: scopesText(m, acting.tr) });
        return { card: await membersView(env, acting.member, acting.tr, undefined, { text, color: 'Good' }) };
      }),
  };
}
