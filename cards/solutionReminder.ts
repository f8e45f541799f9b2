import { rewardsContactExpectedBy } from '../services/domain/marketplaceRewards';
import { liveDay, type Offer, type RewardsReminder } from '../services/domain/offers';
import { formatDate, formatDateTime, type Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { NAME_SHOWN } from './dealText';
import type { Fact } from './referral';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/solution-reminder.json';
import { oneLine } from './untrusted';

/**
 * A marketplace rewards reminder to the organization's referral admins (002): the rewards team should
 * have contacted the marketing contact within a week of an activation, or an offer has been live more
 * than four weeks without a rewards message (look for its owner, or open a support ticket).
 */
export interface RewardsReminderCardData {
  tenantId: string;
  offerId: string;
  header: string;
  title: string;
  message: string;
  facts: Fact[];
  openTitle: string;
  tooLarge: string;
}

export function renderRewardsReminderCard(data: RewardsReminderCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    compact: (d) => renderCompactCard({ header: d.header, title: d.title, message: d.tooLarge, action: { title: d.openTitle, verb: 'offer.show', data: { tenantId: d.tenantId, offerId: d.offerId } } }),
  });
}

/** The reminder a sweep sent, read back from its key (`rewardsReminders` keys name their cause). */
export function reminderOf(offer: Offer, key: string): RewardsReminder | undefined {
  if (key.startsWith('owner:') && offer.liveSince) return { kind: 'lookForOwner', key, dueAt: key.slice('owner:'.length) };
  const benefit = offer.rewards.benefits.find((b) => key === `contact:${b.id}:${b.activatedAt}`);
  const dueAt = benefit && rewardsContactExpectedBy(benefit);
  return benefit && dueAt ? { kind: 'contactExpected', key, dueAt, benefitId: benefit.id, benefitName: benefit.name } : undefined;
}

export function rewardsReminderCardData(offer: Offer, reminder: RewardsReminder, tr: Translator): RewardsReminderCardData {
  const name = oneLine(offer.name, NAME_SHOWN);
  const contact = offer.rewards.marketingContact;
  const facts: Fact[] = [{ title: tr.t('solutions.reminder.offer'), value: name }];
  if (offer.liveSince) facts.push({ title: tr.t('solutions.reminder.liveSince'), value: formatDate(liveDay(offer), tr.reader) });
  if (reminder.kind === 'contactExpected') {
    const benefit = offer.rewards.benefits.find((b) => b.id === reminder.benefitId);
    facts.push({ title: tr.t('solutions.reminder.benefit'), value: oneLine(reminder.benefitName, NAME_SHOWN) });
    if (benefit?.activatedAt) facts.push({ title: tr.t('solutions.reminder.activated'), value: formatDateTime(benefit.activatedAt, tr.reader) });
    facts.push({ title: tr.t('solutions.reminder.expectedBy'), value: formatDateTime(reminder.dueAt, tr.reader) });
    if (contact) facts.push({ title: tr.t('solutions.reminder.marketingContact'), value: contact.email });
  }
  return {
    tenantId: offer.tenantId,
    offerId: offer.id,
    header: tr.t('solutions.reminder.header'),
    title: reminder.kind === 'contactExpected' ? tr.t('solutions.reminder.contactTitle', { name }) : tr.t('solutions.reminder.ownerTitle', { name }),
    message: reminder.kind === 'contactExpected' ? tr.t('solutions.reminder.contactMessage') : tr.t('rewards.lookForOfferOwner'),
    facts,
    openTitle: tr.t('solutions.action.openOffer'),
    tooLarge: tr.t('card.tooLarge'),
  };
}
