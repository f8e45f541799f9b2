import { reminderOf, renderRewardsReminderCard, rewardsReminderCardData } from '../../../cards/solutionReminder';
import { isAdmin } from '../../../services/domain/visibility';
import { translator } from '../../../services/i18n';
import type { Membership } from '../../../services/members/membership';
import type { Store } from '../../../services/store/ports';
import type { PurposeComposer } from '../../teams/sender';

/**
 * The rewards reminder a sweep queued for the organization's admins, composed when it is sent: from the
 * offer as it is then, for the reader's language. Nothing is sent when the offer is gone, the reminder
 * no longer applies, or the reader is no longer an admin.
 */
export function rewardsReminderComposer(store: Store, membership: Membership): PurposeComposer {
  return async (tenantId, p) => {
    const offer = (await store.offers.get(p.dealTenantId, p.dealId))?.value;
    const reminder = offer && p.lead ? reminderOf(offer, p.lead) : undefined;
    const member = p.userId ? (await store.members.get(tenantId, p.userId))?.value : undefined;
    if (!offer || !reminder || offer.tenantId !== tenantId || (member && !isAdmin(member))) return undefined;
    const tr = translator(await membership.readerFor(tenantId, member));
    const data = rewardsReminderCardData(offer, reminder, tr);
    return { card: renderRewardsReminderCard(data), summary: tr.t('notification.summary', { label: data.header, text: data.title }) };
  };
}
