import { microsoftFormData, readMicrosoftForm, renderMicrosoftForm } from '../../../cards/dealInvite';
import type { RefusalCode } from '../../../services/domain/result';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

const FORM_REFUSALS: ReadonlySet<RefusalCode> = new Set(['help_required', 'customer_contact_required', 'customer_consent_required']);

/** Invite Microsoft with the kind of help: the deal becomes Co-sell and Microsoft has 14 days to decide. */
export function inviteMicrosoft(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.inviteMicrosoft',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const outcome = await env.deals.inviteMicrosoft(acting.member, ref, readMicrosoftForm(request.data));
        if (outcome.kind === 'refused' && outcome.deal && FORM_REFUSALS.has(outcome.refusal.code)) {
          return { card: renderMicrosoftForm(microsoftFormData(outcome.deal, acting.tr, request.data, { refusal: outcome.refusal })) };
        }
        return dealOutcomeView(env, outcome, acting, request.verb, () => acting.tr.t('deal.done.microsoftInvited'), (deal, error) => ({
          card: renderMicrosoftForm(microsoftFormData(deal, acting.tr, request.data, { error })),
        }));
      }),
  };
}
