import { CardFactory, type TurnContext } from 'botbuilder';
import { renderErrorCard } from '../../../cards/notice';
import type { Clock } from '../../../services/clock';
import type { DealQueries } from '../../../services/deals/queries';
import { translator } from '../../../services/i18n';
import { listView } from '../deals/lists';
import { readerOfTurn } from '../../middleware/presence';
import { actingOf } from '../../commands/acting';
import type { Command } from '../../commands/parse';

/** `inbound`, `outbound`, `favorites` (optionally `open`, `closed`, `all`): the first page of that list. */
export function listCommand(deps: { clock: Clock; queries: DealQueries }) {
  return async (context: TurnContext, command: Extract<Command, { name: 'inbound' | 'outbound' | 'favorites' }>): Promise<void> => {
    const acting = actingOf(deps.clock, context);
    if (!acting) {
      const tr = translator(readerOfTurn(context));
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderErrorCard(tr.t('error.title'), tr.t('error.badCardData')))] });
      return;
    }
    const view = await listView(deps.queries, acting, command.name, command.filter);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(view.card)] });
  };
}
