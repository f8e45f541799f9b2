import { z } from 'zod';
import { digestCardData, renderDigestCard } from '../../../cards/reminder';
import type { DealQueries } from '../../../services/deals/queries';
import type { Membership } from '../../../services/members/membership';
import { waitingReferrals } from '../../../services/referrals/waiting';
import type { Store } from '../../../services/store/ports';
import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { referralView } from '../referrals/views';

const Mode = z.object({ mode: z.enum(['single', 'digest']) });

/**
 * "Daily digest instead" (on a reminder) and "Single reminders instead" (on a digest): each member
 * chooses for themselves. The card clicked comes back saying what changed.
 */
export function chooseReminders(env: ActionEnv & { membership: Membership; store: Store; queries: DealQueries }): CardActionHandler {
  return {
    verb: 'member.reminders',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const mode = Mode.safeParse(request.data);
        if (!mode.success) return errorResult(acting.tr, acting.tr.t('error.badCardData'));
        const member = await env.membership.setReminders(acting.member, mode.data.mode);
        const notice = { text: acting.tr.t(mode.data.mode === 'digest' ? 'reminder.digestOn' : 'reminder.singleOn'), color: 'Good' as const };
        const { dealId, tenantId } = request.data;
        if (typeof dealId === 'string' && tenantId === member.tenantId) {
          const found = await env.queries.view(member, member.tenantId, dealId);
          if (found.kind === 'found') return referralView(found.deal, member, acting.tr, acting.now, 'reminder', notice);
        }
        const waiting = await waitingReferrals(env.store, member, acting.now);
        return { card: renderDigestCard(digestCardData(waiting, acting.tr, acting.now, { digest: member.reminders === 'digest', notice })) };
      }),
  };
}
