import { CardFactory, type TurnContext } from 'botbuilder';
import { renderErrorCard } from '../../../cards/notice';
import type { Clock } from '../../../services/clock';
import { translator } from '../../../services/i18n';
import type { Acting } from '../../cardActions/support';
import type { CardView } from '../../cardActions/router';
import { actingOf } from '../../commands/acting';
import type { Command } from '../../commands/parse';
import { readerOfTurn } from '../../middleware/presence';
import { pipelineView, searchView, type FindEnv } from './views';

type Deps = FindEnv & { readonly clock: Clock };

/** Answer a typed command with the card `show` makes for whoever typed it; without one (no tenant or user), say so. */
async function answer(deps: Deps, context: TurnContext, show: (acting: Acting) => Promise<CardView>): Promise<void> {
  const acting = actingOf(deps.clock, context);
  let card;
  if (acting) card = (await show(acting)).card;
  else {
    const tr = translator(readerOfTurn(context));
    card = renderErrorCard(tr.t('error.title'), tr.t('error.badCardData'));
  }
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** `search <words>`: the matches, best first; `search` alone: the search card to fill in. */
export function searchCommand(deps: Deps) {
  return (context: TurnContext, command: Extract<Command, { name: 'search' }>) => answer(deps, context, (acting) => searchView(deps, acting, command.query));
}

/** `pipeline`: open deals by stage, the forecast, what closes soon, referrals waiting, answer time. */
export function pipelineCommand(deps: Deps) {
  return (context: TurnContext) => answer(deps, context, (acting) => pipelineView(deps, acting));
}
