import { z } from 'zod';
import { marketingFormData, readMarketingForm, renderMarketingForm } from '../../../cards/solutionForms';
import type { Member } from '../../../services/domain/model';
import type { Offer } from '../../../services/domain/offers';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnOffer, offerNotFound, offerOutcomeView, offerView, offerForAdminForm, type SolutionsEnv } from './views';

/** Members a marketing contact is chosen among, at most: the first page of them by name. */
const MEMBERS_LISTED = 100;

async function membersOf(env: SolutionsEnv, tenantId: string): Promise<Member[]> {
  return (await env.store.members.list(tenantId, { limit: MEMBERS_LISTED })).items.map((m) => m.value);
}

async function marketingForm(env: SolutionsEnv, offer: Offer, tr: Parameters<typeof marketingFormData>[3], typed?: Record<string, unknown>, problems: Parameters<typeof marketingFormData>[5] = {}) {
  const org = await env.offers.organization(offer.tenantId);
  return { card: renderMarketingForm(marketingFormData(offer, await membersOf(env, offer.tenantId), org?.partnerCenterAccountEmail, tr, typed, problems)) };
}

/** "Marketing contact": the form to assign the offer's company marketing contact (002 step 4). */
export function showMarketingForm(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.marketingForm',
    handle: (request) =>
      guarded(async () => {
        const found = await offerForAdminForm(env, request);
        if ('result' in found) return found.result;
        const { acting, offer } = found;
        return marketingForm(env, offer, acting.tr);
      }),
  };
}

/** Save the marketing contact; the rules of 002 (a member, not the account email) come back beside the fields. */
export function saveMarketingContact(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.saveMarketing',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const outcome = await env.offers.assignMarketingContact(acting.member, ref, readMarketingForm(request.data));
        if (outcome.kind === 'refused' && outcome.offer && outcome.refusal.code.startsWith('rewards_')) return marketingForm(env, outcome.offer, acting.tr, request.data, { refusal: outcome.refusal });
        if (outcome.kind === 'invalid' && outcome.offer) return marketingForm(env, outcome.offer, acting.tr, request.data, { error: outcome.error });
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.rewards.contactSaved'));
      }),
  };
}

/** "Activate" a benefit named as on Partner Center: once the offer is live and has a marketing contact (002). */
export function activateBenefit(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.activateBenefit',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const outcome = await env.offers.activateBenefit(acting.member, ref, { name: request.data.benefitName });
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.rewards.activated'), (_error, offer) =>
          offer ? offerView(offer, acting, { text: acting.tr.t('solutions.rewards.benefitRequired'), color: 'Attention' }) : offerNotFound(acting),
        );
      }),
  };
}

const Benefit = z.object({ benefitId: z.string().min(1).max(128) });

/** "The rewards team made contact" about an activated benefit: its reminder is no longer needed. */
export function recordBenefitContact(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.benefitContact',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const benefit = Benefit.safeParse(request.data);
        const outcome = await env.offers.recordBenefitContact(acting.member, ref, benefit.success ? benefit.data.benefitId : '');
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.rewards.contactRecorded'));
      }),
  };
}

/** "Rewards message received": there is no owner to look for four weeks after going live. */
export function recordRewardsMessage(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.rewardsMessage',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const outcome = await env.offers.recordRewardsMessage(acting.member, ref);
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.rewards.messageRecorded'));
      }),
  };
}
