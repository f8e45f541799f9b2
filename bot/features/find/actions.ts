import { z } from 'zod';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import { SEARCH_CANDIDATES_MAX } from '../../../services/deals/search';
import { ANY } from '../../../cards/dealSearch';
import { pipelineView, searchView, type FindEnv } from './views';

/**
 * What a search card sends: the search box, the filters, the page. Anything else in it (a forged or
 * stale card) reads as "not given"; the text is cut before it is read (services/deals/search.ts).
 */
const SearchRequest = z.object({
  searchWords: z.string().catch(''),
  searchStage: z.string().catch(''),
  searchDirection: z.string().catch(''),
  searchBefore: z.string().catch(''),
  searchOffset: z.coerce.number().int().min(0).max(SEARCH_CANDIDATES_MAX).catch(0),
});

const chosen = (value: string): string => (value === ANY ? '' : value);

/** `deal.search`: the search box on a list or search card, the search card's filters, its pages. */
export function searchDeals(env: ActionEnv & FindEnv): CardActionHandler {
  return {
    verb: 'deal.search',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const data = SearchRequest.parse({ searchWords: '', searchStage: '', searchDirection: '', searchBefore: '', searchOffset: 0, ...request.data });
        const inputs = { stage: chosen(data.searchStage), direction: chosen(data.searchDirection), before: data.searchBefore };
        return searchView(env, acting, data.searchWords, inputs, data.searchOffset);
      }),
  };
}

/** `pipeline.show`: the pipeline card again, as it is now (its Refresh button). */
export function showPipeline(env: ActionEnv & FindEnv): CardActionHandler {
  return {
    verb: 'pipeline.show',
    handle: (request) => guarded(async () => pipelineView(env, await whoIsActing(env, request))),
  };
}
