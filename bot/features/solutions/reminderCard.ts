import { reminderOf, renderRewardsReminderCard, rewardsReminderCardData } from '../../../cards/solutionReminder';
import { isAdmin } from '../../../services/domain/visibility';
import { DEFAULT_READER, readerOf, translator } from '../../../services/i18n';
import type { Store } from '../../../services/store/ports';
import type { PurposeComposer } from '../../teams/sender';

/**
 * The rewards reminder a sweep queued for the organization's admins, composed when it is sent: from the
 * offer as it is then, for the reader's language. Nothing is sent when the offer is gone, the reminder
 * no longer applies, or the reader is no longer an admin.
 */
export function rewardsReminderComposer(store: Store): PurposeComposer {
  return async (tenantId, p) => {
    const offer = (await store.offers.get(p.dealTenantId, p.dealId))?.value;
    const reminder = offer && p.lead ? reminderOf(offer, p.lead) : undefined;
    const member = p.userId ? (await store.members.get(tenantId, p.userId))?.value : undefined;
    if (!offer || !reminder || offer.tenantId !== tenantId || (member && !isAdmin(member))) return undefined;
    const tr = translator(member ? readerOf(member.locale, member.timeZone) : DEFAULT_READER);
    const data = rewardsReminderCardData(offer, reminder, tr);
    return { card: renderRewardsReminderCard(data), summary: `${data.header}: ${data.title}` };
  };
}
