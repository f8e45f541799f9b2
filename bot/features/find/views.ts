import { dealSearchCardData, renderDealSearchCard } from '../../../cards/dealSearch';
import { pipelineCardData, renderPipelineCard } from '../../../cards/pipeline';
import type { PipelineQueries } from '../../../services/deals/pipeline';
import { parseSearch, type DealSearch, type SearchInputs } from '../../../services/deals/search';
import type { CardView } from '../../cardActions/router';
import type { Acting } from '../../cardActions/support';

/** What the find feature reads with; built once in bot/index.ts. */
export interface FindEnv {
  readonly search: DealSearch;
  readonly pipeline: PipelineQueries;
}

/** The search card for what was typed (and chosen on the card), at the page starting at `offset`. */
export async function searchView(env: FindEnv, acting: Acting, text: string, inputs: SearchInputs = {}, offset = 0): Promise<CardView> {
  const parsed = parseSearch(text, inputs);
  const outcome = await env.search.run(acting.member, parsed, offset);
  return { card: renderDealSearchCard(dealSearchCardData(parsed, outcome, acting.member, acting.tr, acting.now, acting.today)), shows: 'nothing' };
}

/** The pipeline as this member sees it now. */
export async function pipelineView(env: FindEnv, acting: Acting): Promise<CardView> {
  const view = await env.pipeline.forMember(acting.member, acting.now, acting.today);
  return { card: renderPipelineCard(pipelineCardData(view, acting.member.tenantId, acting.tr, acting.now, acting.today)), shows: 'nothing' };
}
