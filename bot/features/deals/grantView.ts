import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingOnDeal, dealOutcomeView, type DealActionEnv } from './views';

/** Let Microsoft sellers view a Private deal: it becomes Partner-led. */
export function grantMicrosoftView(env: DealActionEnv): CardActionHandler {
  return {
    verb: 'deal.grantView',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnDeal(env, request);
        const outcome = await env.deals.grantMicrosoftView(acting.member, ref);
        return dealOutcomeView(env, outcome, acting, request.verb, () => acting.tr.t('deal.done.viewGranted'));
      }),
  };
}
