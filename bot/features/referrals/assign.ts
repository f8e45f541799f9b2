import { z } from 'zod';
import { UserId } from '../../../services/domain/model';
import type { ReferralResponses } from '../../../services/referrals/respond';
import type { Store } from '../../../services/store/ports';
import type { CardActionHandler } from '../../cardActions/router';
import { dealRefOf, guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { outcomeView, referralView, visibleReferral, type ReferralEnv } from './views';

/** What the people picker sends: the colleague's Entra object id. */
const Assignee = z.object({ assignee: UserId });

/**
 * "Assign" on a referral card (referral admins): the colleague picked joins the deal's team, holds
 * the referral and gets its card in their personal chat; every copy then says who holds it.
 */
export function assignReferral(env: ReferralEnv & ActionEnv & { responses: ReferralResponses; store: Store; onWork: () => void }): CardActionHandler {
  return {
    verb: 'referral.assign',
    handle: (request) =>
      guarded(async () => {
        const picked = Assignee.safeParse(request.data);
        if (!picked.success) {
          const { acting, ref, deal } = await visibleReferral(env, request);
          return referralView(deal, acting.member, acting.tr, acting.now, ref.purpose, { text: acting.tr.t('referral.assign.required'), color: 'Attention' });
        }
        const acting = await whoIsActing(env, request);
        const ref = dealRefOf(env, request, acting);
        const outcome = await env.responses.assign(acting.member, ref.tenantId, ref.dealId, picked.data.assignee);
        if (outcome.kind !== 'done') return outcomeView(outcome, acting, ref.purpose, env.logger, request.verb, '');
        if (outcome.changed) env.onWork();
        const colleague = (await env.store.members.get(ref.tenantId, picked.data.assignee))?.value;
        const name = outcome.deal.heldBy?.name ?? '';
        const text = acting.tr.t(colleague?.installed ? 'referral.notice.assigned' : 'referral.notice.assignedNotInstalled', { name });
        return outcomeView(outcome, acting, ref.purpose, env.logger, request.verb, text);
      }),
  };
}
