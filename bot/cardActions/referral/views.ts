import type { DateTime } from 'luxon';
import { referralCardData, renderReferralCard, type ReferralPurpose } from '../../../cards/referral';
import { allowedActions } from '../../../services/domain/actions';
import type { Deal, Member } from '../../../services/domain/model';
import type { Refusal } from '../../../services/domain/result';
import { describeRefusal, type Translator } from '../../../services/i18n';
import type { DealActionOutcome } from '../../../services/deals/runner';
import type { Logger } from '../../logger';
import type { CardActionResult } from '../router';
import { errorResult, type Acting } from '../support';

/** The referral card as this member sees it now, optionally with a notice on top. */
export function referralView(
  deal: Deal,
  member: Member,
  tr: Translator,
  now: DateTime,
  purpose: ReferralPurpose,
  notice?: { text: string; color: 'Good' | 'Attention' | 'Warning' },
): CardActionResult {
  const data = referralCardData(deal, tr, now, {
    purpose,
    canRespond: allowedActions(deal, member, now).includes('accept'),
    refreshFor: member.userId,
    ...(notice ? { notice } : {}),
  });
  return { card: renderReferralCard(data) };
}

/** What a seller sees when a rule refused: the current state with the reason, or only the reason when they may not see the deal. */
export function refusedView(acting: Acting, refusal: Refusal, deal: Deal | undefined, purpose: ReferralPurpose, logger: Logger, verb: string): CardActionResult {
  logger.info('card action refused by a rule', { verb, code: refusal.code, userId: acting.member.userId, dealId: deal?.id });
  const text = refusal.code === 'not_received' ? acting.tr.t('referral.notice.alreadyAnswered') : describeRefusal(refusal, acting.tr);
  if (!deal) return errorResult(acting.tr, text);
  return referralView(deal, acting.member, acting.tr, acting.now, purpose, { text, color: 'Attention' });
}

export function outcomeView(
  outcome: DealActionOutcome,
  acting: Acting,
  purpose: ReferralPurpose,
  logger: Logger,
  verb: string,
  success: string,
): CardActionResult {
  switch (outcome.kind) {
    case 'notFound':
      return errorResult(acting.tr, acting.tr.t('error.dealNotFound'));
    case 'refused':
      return refusedView(acting, outcome.refusal, outcome.deal, purpose, logger, verb);
    case 'done':
      return referralView(outcome.deal, acting.member, acting.tr, acting.now, purpose, { text: success, color: 'Good' });
  }
}
