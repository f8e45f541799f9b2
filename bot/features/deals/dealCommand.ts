import { CardFactory, type TurnContext } from 'botbuilder';
import { renderErrorCard } from '../../../cards/notice';
import type { Clock } from '../../../services/clock';
import type { DealQueries } from '../../../services/deals/queries';
import { translator } from '../../../services/i18n';
import type { Store } from '../../../services/store/ports';
import { sendDealCard } from '../deals/copies';
import { searchView } from '../deals/lists';
import { dealView } from '../deals/views';
import { readerOfTurn } from '../../middleware/presence';
import { actingOf } from '../../commands/acting';
import type { Command } from '../../commands/parse';

/**
 * `deal <name or id>`: one match opens its status card (kept as a copy, so later changes update it);
 * several are listed to choose from; none says so. Only deals the member may see are searched.
 */
export function dealCommand(deps: { clock: Clock; queries: DealQueries; store: Store }) {
  return async (context: TurnContext, command: Extract<Command, { name: 'deal' }>): Promise<void> => {
    const acting = actingOf(deps.clock, context);
    if (!acting) {
      const tr = translator(readerOfTurn(context));
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderErrorCard(tr.t('error.title'), tr.t('error.badCardData')))] });
      return;
    }
    const found = await deps.queries.search(acting.member, command.query);
    if (found.length === 1) {
      await sendDealCard(deps.store, deps.clock, context, found[0]!, acting.member.userId, dealView(found[0]!, acting));
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(searchView(found, acting, command.query).card)] });
  };
}
