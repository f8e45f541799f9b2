import type { Deal } from '../services/domain/model';
import { formatDateTime, type Translator } from '../services/i18n';
import { openDeal, renderCompactCard } from './compact';
import { actorName } from './dealText';
import type { Fact } from './referral';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/sender-outcome.json';
import { isLonger, oneLine, shorten } from './untrusted';

/** Told to the admins of the organization that sent a referral, when the receiving partner answers. */
export interface SenderOutcomeCardData {
  header: string;
  title: string;
  facts: Fact[];
  /** Says that the notes were cut ('' when they were not). */
  shortened: string;
  tooLarge: string;
  /** The sender's own deal, for a partner invitation sent from this deployment ('' dealId: none to open). */
  own: { dealId: string; tenantId: string; title: string };
}

/**
 * How much of the partner's notes the sender's card carries. The sender's organization cannot open
 * the partner's deal, so this is all it sees in Teams: a generous share, and the card says when it
 * is cut.
 */
export const SENDER_NOTES_SHOWN = 1500;

export function renderSenderOutcomeCard(data: SenderOutcomeCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    compact: (d) => renderCompactCard({ header: d.header, title: d.title, message: d.tooLarge, ...(d.own.dealId ? { action: openDeal(d.own.title, d.own.dealId, d.own.tenantId) } : {}) }),
  });
}

/** What the sender may know: the outcome, who and when, and the reason and notes the partner gave. */
export function senderOutcomeCardData(deal: Deal, receiverName: string, tr: Translator): SenderOutcomeCardData {
  const response = deal.response;
  const outcome = deal.status === 'open' ? 'accepted' : deal.status;
  const reason = response?.reason === 'other' ? response.reasonText : response?.reason ? tr.tk(`declineReason.${response.reason}`) : undefined;
  const notes = response?.notes ?? '';
  const facts = [
    { title: tr.t('senderOutcome.fact.status'), value: tr.tk(`referral.status.${deal.status}`) },
    ...(response ? [{ title: tr.t('senderOutcome.fact.by'), value: actorName(response.by, tr, 200) }] : []),
    { title: tr.t('senderOutcome.fact.when'), value: formatDateTime(response?.at ?? deal.updatedAt, tr.reader) },
    ...(reason ? [{ title: tr.t('senderOutcome.fact.reason'), value: oneLine(reason, 200) }] : []),
    ...(notes ? [{ title: tr.t('senderOutcome.fact.notes'), value: shorten(notes, SENDER_NOTES_SHOWN) }] : []),
  ];
  return {
    header: tr.t('senderOutcome.header'),
    title: tr.t('senderOutcome.title', { partner: oneLine(receiverName, 200), outcome, name: oneLine(deal.name, 200) }),
    facts,
    shortened: isLonger(notes, SENDER_NOTES_SHOWN) ? tr.t('senderOutcome.shortened') : '',
    tooLarge: tr.t('senderOutcome.tooLarge'),
    // The partner's deal is theirs to see, never the sender's; a P2P invitation has a deal on each side.
    own:
      deal.inbound?.inviterDealId && deal.inbound.sender.tenantId
        ? { dealId: deal.inbound.inviterDealId, tenantId: deal.inbound.sender.tenantId, title: tr.t('senderOutcome.openOwn') }
        : { dealId: '', tenantId: '', title: '' },
  };
}
