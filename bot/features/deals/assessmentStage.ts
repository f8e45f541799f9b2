import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/** Complete the next solution-assessment stage (mandatory, in order). */
export function completeAssessmentStage(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.assessmentStage',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const outcome = await env.deals.completeAssessmentStage(acting.member, ref, { stage: request.data.stage });
        return dealOutcomeView(env, outcome, acting, request.verb, (deal) =>
          acting.tr.t('deal.done.assessmentStage', { stage: acting.tr.tk(`assessmentStage.${deal.assessmentStage ?? ''}`) }),
        );
      }),
  };
}
