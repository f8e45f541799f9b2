import { dealEditFormData, readDealEditForm, renderDealEditForm } from '../../../cards/dealEdit';
import type { ZodError } from 'zod';
import type { Deal } from '../../../services/domain/model';
import type { Refusal, RefusalCode } from '../../../services/domain/result';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/** Refusals about what was typed: shown on the form, beside the solutions, rather than on the deal card. */
const FORM_REFUSALS: ReadonlySet<RefusalCode> = new Set(['solution_required', 'assessment_exclusive', 'assessment_kind_fixed', 'assessment_location_required', 'team_required']);

/**
 * Save the edit form: every editable field (never the location), and on each invitation only what the
 * inviter may still change. Invalid input comes back on the same form with each error beside its field.
 */
export function editDeal(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.edit',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const solutions = await env.creation.ownSolutions(ref.tenantId);
        const outcome = await env.deals.edit(acting.member, ref, (deal) => readDealEditForm(request.data, deal, solutions));
        const form = (deal: Deal, problems: { error?: ZodError; refusal?: Refusal }) => ({
          card: renderDealEditForm(dealEditFormData(deal, acting.tr, acting.today, solutions, request.data, problems)),
        });
        if (outcome.kind === 'refused' && outcome.deal && FORM_REFUSALS.has(outcome.refusal.code)) return form(outcome.deal, { refusal: outcome.refusal });
        return dealOutcomeView(env, outcome, acting, request.verb, () => acting.tr.t('deal.done.edited'), (deal, error) => form(deal, { error }));
      }),
  };
}
