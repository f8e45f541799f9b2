import { z } from 'zod';
import { renderErrorCard } from '../../../cards/notice';
import { renderSolutionListCard, solutionListCardData } from '../../../cards/solutionList';
import { offerCardData, renderOfferCard } from '../../../cards/solutionOffer';
import type { CardColor } from '../../../cards/dealText';
import type { AdaptiveCardJson } from '../../../cards/render';
import { authorizeOfferChange, OfferId, type Offer } from '../../../services/domain/offers';
import { TenantId } from '../../../services/domain/model';
import { describeRefusal } from '../../../services/i18n';
import type { ImportTargets } from '../../../services/solutions/importTarget';
import type { OfferCatalog, OfferOutcome, OfferRef } from '../../../services/solutions/offers';
import type { DownloadOptions } from '../../../services/solutions/download';
import type { Store } from '../../../services/store/ports';
import type { CardActionRequest, CardActionResult, CardView } from '../../cardActions/router';
import { CardRefusal, errorResult, whoIsActing, type Acting, type ActionEnv } from '../../cardActions/support';

/** What the solutions feature's handlers need; built once in bot/index.ts. */
export interface SolutionsEnv extends ActionEnv {
  readonly store: Store;
  readonly offers: OfferCatalog;
  readonly importTargets: ImportTargets;
  readonly fileDownloads: DownloadOptions;
}

export type Notice = { text: string; color: CardColor };

const OfferRefData = z.object({ tenantId: TenantId, offerId: OfferId });
const TenantData = z.object({ tenantId: TenantId });

/** A card's data that names another organization, or cannot be read, is forged or stale: refused and logged. */
function refuseData(env: ActionEnv, request: CardActionRequest, acting: Acting, reason: string): never {
  env.logger.warn('card action refused: bad or foreign offer reference', { verb: request.verb, activityId: request.context.activity.id, userId: acting.member.userId, reason });
  throw new CardRefusal(errorResult(acting.tr, acting.tr.t('error.badCardData')));
}

/** Who acts, and the offer of their organization the card names. */
export async function actingOnOffer(env: SolutionsEnv, request: CardActionRequest): Promise<{ acting: Acting; ref: OfferRef }> {
  const acting = await whoIsActing(env, request);
  const parsed = OfferRefData.safeParse(request.data);
  if (!parsed.success) refuseData(env, request, acting, 'unreadable data');
  if (parsed.data.tenantId !== acting.member.tenantId) refuseData(env, request, acting, 'tenant mismatch');
  return { acting, ref: parsed.data };
}

/** Who acts, on their own organization (cards that name no offer carry the tenant they were drawn for). */
export async function actingInOrganization(env: SolutionsEnv, request: CardActionRequest): Promise<Acting> {
  const acting = await whoIsActing(env, request);
  const parsed = TenantData.safeParse(request.data);
  if (!parsed.success) refuseData(env, request, acting, 'unreadable data');
  if (parsed.data.tenantId !== acting.member.tenantId) refuseData(env, request, acting, 'tenant mismatch');
  return acting;
}

export function offerView(offer: Offer, acting: Acting, notice?: Notice): CardView {
  return { card: renderOfferCard(offerCardData(offer, acting.member, acting.tr, acting.now, notice ? { notice } : {})) };
}

export function offerNotFound(acting: Acting): CardView {
  return errorResult(acting.tr, acting.tr.t('solutions.error.notFound'));
}

/**
 * The start of every admin form about one offer: who acts, and the offer when they may see it and
 * change it; otherwise the card that says why (not found, or the offer with the refusal).
 */
export async function offerForAdminForm(env: SolutionsEnv, request: CardActionRequest): Promise<{ acting: Acting; offer: Offer } | { result: CardView }> {
  const { acting, ref } = await actingOnOffer(env, request);
  const offer = await env.offers.view(acting.member, ref);
  if (!offer) return { result: offerNotFound(acting) };
  const allowed = authorizeOfferChange(acting.member);
  if (!allowed.ok) return { result: offerView(offer, acting, { text: describeRefusal(allowed.refusal, acting.tr), color: 'Attention' }) };
  return { acting, offer };
}

/** The offers list of the member's organization, one page. */
export async function listView(env: SolutionsEnv, acting: Acting, continuationToken?: string, notice?: Notice): Promise<AdaptiveCardJson> {
  const org = await env.offers.organization(acting.member.tenantId);
  if (!org) return renderErrorCard(acting.tr.t('error.title'), acting.tr.t('error.badCardData'));
  const page = await env.offers.list(acting.member, continuationToken);
  if (page.kind === 'badToken') return listView(env, acting, undefined, { text: acting.tr.t('solutions.list.badToken'), color: 'Warning' });
  return renderSolutionListCard(solutionListCardData(org, page.offers, acting.member, acting.tr, { ...(page.continuationToken ? { nextToken: page.continuationToken } : {}), ...(notice ? { notice } : {}) }));
}

/**
 * The card after a change: the offer with what happened, the refusal with its reason (on the offer
 * when there is one), or for `invalid` whatever `onInvalid` shows — the same form, errors beside fields.
 */
export async function offerOutcomeView(
  env: SolutionsEnv,
  outcome: OfferOutcome,
  acting: Acting,
  verb: string,
  success: string,
  onInvalid?: (error: z.ZodError, offer: Offer | undefined) => CardActionResult,
): Promise<CardActionResult> {
  switch (outcome.kind) {
    case 'notFound':
      return offerNotFound(acting);
    case 'removed':
      return { card: await listView(env, acting, undefined, { text: acting.tr.t('solutions.form.removed', { name: outcome.name }), color: 'Good' }) };
    case 'refused': {
      env.logger.info('offer action refused by a rule', { verb, code: outcome.refusal.code, userId: acting.member.userId, offerId: outcome.offer?.id });
      const text = describeRefusal(outcome.refusal, acting.tr);
      return outcome.offer ? offerView(outcome.offer, acting, { text, color: 'Attention' }) : errorResult(acting.tr, text);
    }
    case 'invalid':
      env.logger.info('offer form invalid', { verb, userId: acting.member.userId, fields: outcome.error.issues.map((i) => i.path.join('.')) });
      if (onInvalid) return onInvalid(outcome.error, outcome.offer);
      return outcome.offer ? offerView(outcome.offer, acting, { text: acting.tr.t('error.badCardData'), color: 'Attention' }) : errorResult(acting.tr, acting.tr.t('error.badCardData'));
    case 'done':
      return offerView(outcome.offer, acting, { text: outcome.changed ? success : acting.tr.t('solutions.form.unchanged'), color: 'Good' });
  }
}
