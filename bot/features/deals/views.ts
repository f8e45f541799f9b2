import { dealStatusCardData, renderDealStatusCard, type DealStatusOptions } from '../../../cards/dealStatus';
import { allowedActions } from '../../../services/domain/actions';
import type { Deal } from '../../../services/domain/model';
import type { Refusal, Result } from '../../../services/domain/result';
import type { DealActions, DealChangeOutcome } from '../../../services/deals/actions';
import type { DealCreation } from '../../../services/deals/create';
import type { DealQueries } from '../../../services/deals/queries';
import { dealVersion } from '../../../services/notifications/effects';
import { describeRefusal } from '../../../services/i18n';
import type { Store } from '../../../services/store/ports';
import type { Logger } from '../../logger';
import type { CardActionRequest, CardView } from '../../cardActions/router';
import { dealRefOf, errorResult, whoIsActing, type Acting, type ActionEnv } from '../../cardActions/support';

/** What the deal card actions need; built once in bot/index.ts. */
export interface DealActionEnv extends ActionEnv {
  readonly store: Store;
  readonly deals: DealActions;
  readonly queries: DealQueries;
  readonly creation: DealCreation;
  readonly onWork: () => void;
}

type Notice = { text: string; color: 'Good' | 'Attention' | 'Warning' };

/** The deal status card as this member sees it now, optionally with a notice on top and the list it was opened from. */
export function dealView(deal: Deal, acting: Acting, notice?: Notice, back?: DealStatusOptions['back']): CardView {
  const data = dealStatusCardData(deal, acting.member, acting.tr, acting.now, {
    allowed: allowedActions(deal, acting.member, acting.now),
    refreshFor: acting.member.userId,
    ...(notice ? { notice } : {}),
    ...(back ? { back } : {}),
  });
  return { card: renderDealStatusCard(data), shows: { tenantId: deal.tenantId, dealId: deal.id, userId: acting.member.userId, kind: 'deal', version: dealVersion(deal) } };
}

/** A rule refused: the current state with the reason, or only the reason when the member may not see the deal. */
export function refusedDealView(acting: Acting, refusal: Refusal, deal: Deal | undefined, logger: Logger, verb: string): CardView {
  logger.info('card action refused by a rule', { verb, code: refusal.code, userId: acting.member.userId, dealId: deal?.id });
  const text = describeRefusal(refusal, acting.tr);
  return deal ? dealView(deal, acting, { text, color: 'Attention' }) : errorResult(acting.tr, text);
}

/**
 * The card after a deal action: the new state with what happened, the refusal with its reason, or
 * (for `invalid`) whatever `onInvalid` shows — the same form with each error beside its field.
 */
export function dealOutcomeView(
  env: DealActionEnv,
  outcome: DealChangeOutcome,
  acting: Acting,
  verb: string,
  success: (deal: Deal) => string,
  onInvalid?: (deal: Deal, error: NonNullable<Extract<DealChangeOutcome, { kind: 'invalid' }>['error']>) => CardView,
): CardView {
  switch (outcome.kind) {
    case 'notFound':
      return errorResult(acting.tr, acting.tr.t('error.dealNotFound'));
    case 'refused':
      return refusedDealView(acting, outcome.refusal, outcome.deal, env.logger, verb);
    case 'invalid':
      env.logger.info('deal form invalid', { verb, userId: acting.member.userId, dealId: outcome.deal.id, fields: outcome.error.issues.map((i) => i.path.join('.')) });
      if (onInvalid) return onInvalid(outcome.deal, outcome.error);
      return dealView(outcome.deal, acting, { text: acting.tr.t('deal.badInput', { problem: acting.tr.t('error.badCardData') }), color: 'Attention' });
    case 'done':
      if (outcome.changed) env.onWork();
      return dealView(outcome.deal, acting, { text: outcome.changed ? success(outcome.deal) : acting.tr.t('deal.done.unchanged'), color: 'Good' });
  }
}

/** Who acts and on which deal: the common start of every deal card action. */
export async function actingOnDeal(env: DealActionEnv, request: CardActionRequest): Promise<{ acting: Acting; ref: { tenantId: string; dealId: string } }> {
  const acting = await whoIsActing(env, request);
  const ref = dealRefOf(env, request, acting);
  return { acting, ref: { tenantId: ref.tenantId, dealId: ref.dealId } };
}

/**
 * Read a deal for a form: the form is shown when the member may see the deal and the action's rule
 * (`check`, the domain's own guard for it) allows it now; otherwise the deal with the reason.
 */
export async function dealForForm(
  env: DealActionEnv,
  acting: Acting,
  ref: { tenantId: string; dealId: string },
  verb: string,
  check: (deal: Deal) => Result<unknown>,
): Promise<{ deal: Deal } | { result: CardView }> {
  const found = await env.queries.view(acting.member, ref.tenantId, ref.dealId);
  if (found.kind === 'notFound') return { result: errorResult(acting.tr, acting.tr.t('error.dealNotFound')) };
  if (found.kind === 'refused') return { result: refusedDealView(acting, found.refusal, undefined, env.logger, verb) };
  const allowed = check(found.deal);
  if (!allowed.ok) return { result: refusedDealView(acting, allowed.refusal, found.deal, env.logger, verb) };
  return { deal: found.deal };
}
