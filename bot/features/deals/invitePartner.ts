import { partnerFormData, renderPartnerForm } from '../../../cards/dealInvite';
import { str } from '../../../cards/formParts';
import { readPartnerBlock, type PartnerMatchChoice } from '../../../cards/partnerBlock';
import type { ZodError } from 'zod';
import type { Deal } from '../../../services/domain/model';
import type { Refusal, RefusalCode } from '../../../services/domain/result';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

const FORM_REFUSALS: ReadonlySet<RefusalCode> = new Set(['partner_already_invited', 'cannot_invite_self']);

/**
 * Invite one partner with its own fields. A partner picked from the search is named as this
 * deployment knows it; if it uses the bot, the invitation reaches it as an inbound P2P referral.
 */
export function invitePartner(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.invitePartner',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const pickId = str(request.data.partnerPick).trim();
        const org = pickId ? (await env.store.organizations.get(pickId))?.value : undefined;
        const results: PartnerMatchChoice[] = org ? [{ tenantId: org.tenantId, name: org.name }] : [];
        const outcome = await env.deals.invitePartner(acting.member, ref, (deal) => readPartnerBlock(request.data, results, deal.team, deal.solutions));
        const form = (deal: Deal, problems: { error?: ZodError; refusal?: Refusal }) => ({
          card: renderPartnerForm(partnerFormData(deal, acting.tr, acting.today, { typed: request.data, results, searched: results.length > 0, ...problems })),
        });
        if (outcome.kind === 'refused' && outcome.deal && FORM_REFUSALS.has(outcome.refusal.code)) return form(outcome.deal, { refusal: outcome.refusal });
        return dealOutcomeView(
          env,
          outcome,
          acting,
          request.verb,
          (deal) => acting.tr.t('deal.done.partnerInvited', { partner: deal.invitations.at(-1)?.partner.name ?? '' }),
          (deal, error) => form(deal, { error }),
        );
      }),
  };
}
