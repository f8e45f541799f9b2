import type { DateTime } from 'luxon';
import { referralCardFor, type ReferralPurpose } from '../../../cards/referral';
import { allowedActions } from '../../../services/domain/actions';
import type { Deal, Member } from '../../../services/domain/model';
import type { Refusal } from '../../../services/domain/result';
import { describeRefusal, type Translator } from '../../../services/i18n';
import type { DealActionOutcome } from '../../../services/deals/runner';
import type { DealCreation } from '../../../services/deals/create';
import type { DealQueries } from '../../../services/deals/queries';
import { dealVersion } from '../../../services/notifications/effects';
import type { Logger } from '../../logger';
import type { CardActionRequest, CardView } from '../../cardActions/router';
import { CardRefusal, dealRefOf, errorResult, whoIsActing, type Acting, type ActionEnv, type DealRef } from '../../cardActions/support';

export type ReferralEnv = ActionEnv & { readonly queries: DealQueries; readonly creation: DealCreation };

/**
 * The common start of the referral card actions: who clicks, which referral, and the referral as they
 * may see it. A deal that is gone or not theirs to see ends the action with the reason, showing nothing
 * of the deal.
 */
export async function visibleReferral(env: ReferralEnv, request: CardActionRequest): Promise<{ acting: Acting; ref: DealRef; deal: Deal }> {
  const acting = await whoIsActing(env, request);
  const ref = dealRefOf(env, request, acting);
  const found = await env.queries.view(acting.member, ref.tenantId, ref.dealId);
  if (found.kind === 'notFound') throw new CardRefusal(errorResult(acting.tr, acting.tr.t('error.dealNotFound')));
  if (found.kind === 'refused') throw new CardRefusal(errorResult(acting.tr, describeRefusal(found.refusal, acting.tr)));
  return { acting, ref, deal: found.deal };
}

/** A referral this member may answer now (for its forms), or the card saying why not. */
export async function answerableReferral(env: ReferralEnv, request: CardActionRequest, action: 'accept' | 'decline'): Promise<{ acting: Acting; ref: DealRef; deal: Deal }> {
  const found = await visibleReferral(env, request);
  const { acting, ref, deal } = found;
  if (!allowedActions(deal, acting.member, acting.now).includes(action)) {
    throw new CardRefusal(refusedView(acting, { code: deal.status === 'received' ? 'referral_expired' : 'not_received' }, deal, ref.purpose, env.logger, request.verb));
  }
  return found;
}

/**
 * The referral card as this member sees it now, optionally with a notice on top: the full card, or
 * for a reminder the compact reminder card.
 */
export function referralView(
  deal: Deal,
  member: Member,
  tr: Translator,
  now: DateTime,
  purpose: ReferralPurpose,
  notice?: { text: string; color: 'Good' | 'Attention' | 'Warning' },
): CardView {
  return { card: referralCardFor(deal, member, tr, now, purpose, notice), shows: { tenantId: deal.tenantId, dealId: deal.id, userId: member.userId, kind: purpose, version: dealVersion(deal) } };
}

/** What a seller sees when a rule refused: the current state with the reason, or only the reason when they may not see the deal. */
export function refusedView(acting: Acting, refusal: Refusal, deal: Deal | undefined, purpose: ReferralPurpose, logger: Logger, verb: string): CardView {
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
): CardView {
  switch (outcome.kind) {
    case 'notFound':
      return errorResult(acting.tr, acting.tr.t('error.dealNotFound'));
    case 'refused':
      return refusedView(acting, outcome.refusal, outcome.deal, purpose, logger, verb);
    case 'done':
      return referralView(outcome.deal, acting.member, acting.tr, acting.now, purpose, { text: success, color: 'Good' });
  }
}
