import type { Deal } from '../services/domain/model';
import { formatDateTime, type Translator } from '../services/i18n';
import { expandCard, type AdaptiveCardJson } from './render';
import type { Fact } from './referral';
import template from './templates/sender-outcome.json';

/** Told to the admins of the organization that sent a referral, when the receiving partner answers. */
export interface SenderOutcomeCardData {
  header: string;
  title: string;
  facts: Fact[];
}

export function renderSenderOutcomeCard(data: SenderOutcomeCardData): AdaptiveCardJson {
  return expandCard(template, data);
}

/** What the sender may know: the outcome, who and when, and the reason and notes the partner gave. */
export function senderOutcomeCardData(deal: Deal, receiverName: string, tr: Translator): SenderOutcomeCardData {
  const response = deal.response;
  const outcome = deal.status === 'open' ? 'accepted' : deal.status;
  const reason = response?.reason === 'other' ? response.reasonText : response?.reason ? tr.tk(`declineReason.${response.reason}`) : undefined;
  const facts = [
    { title: tr.t('senderOutcome.fact.status'), value: tr.tk(`referral.status.${deal.status}`) },
    ...(response ? [{ title: tr.t('senderOutcome.fact.by'), value: response.by.name }] : []),
    { title: tr.t('senderOutcome.fact.when'), value: formatDateTime(response?.at ?? deal.updatedAt, tr.reader) },
    ...(reason ? [{ title: tr.t('senderOutcome.fact.reason'), value: reason }] : []),
    ...(response?.notes ? [{ title: tr.t('senderOutcome.fact.notes'), value: response.notes }] : []),
  ];
  return {
    header: tr.t('senderOutcome.header'),
    title: tr.t('senderOutcome.title', { partner: receiverName, outcome, name: deal.name }),
    facts,
  };
}
