import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/** Mark a sales stage (Qualified 20 %, Developed 40 %, Proposed 60 %, Negotiated 80 %). */
export function markStage(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.stage',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const outcome = await env.deals.markStage(acting.member, ref, { stage: request.data.stage });
        return dealOutcomeView(env, outcome, acting, request.verb, (deal) => acting.tr.t('deal.done.stage', { stage: acting.tr.tk(`stage.${deal.salesStage ?? ''}`) }));
      }),
  };
}
