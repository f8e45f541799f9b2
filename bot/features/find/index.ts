import type { Feature } from '../feature';
import { searchDeals, showPipeline } from './actions';
import { pipelineCommand, searchCommand } from './commands';

/**
 * Finding and seeing deals, read-only: `search <words>` and the search box on the lists (by name,
 * customer, short id, CRM id or partner, with typos and without accents, best first, paged, filtered),
 * and `pipeline` (open deals by stage, forecast, what closes soon, referrals waiting, answer time). Both
 * show deals, so both are private: in a shared chat they answer in the person's personal chat.
 */
export const find: Feature = {
  name: 'find',
  register({ commands, cardActions }, services) {
    commands.on('search', searchCommand(services)).on('pipeline', pipelineCommand(services));
    cardActions.register(searchDeals(services), showPipeline(services));
  },
};
