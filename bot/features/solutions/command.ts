import { CardFactory, type TurnContext } from 'botbuilder';
import { renderErrorCard } from '../../../cards/notice';
import { translator } from '../../../services/i18n';
import { actingOf } from '../../commands/acting';
import { readerOfTurn } from '../../middleware/presence';
import { listView, type SolutionsEnv } from './views';

/** `solutions`: the organization's marketplace offers, for everyone in it. */
export function solutionsCommand(env: SolutionsEnv) {
  return async (context: TurnContext): Promise<void> => {
    const acting = actingOf(env.clock, context);
    if (!acting) {
      const tr = translator(readerOfTurn(context));
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderErrorCard(tr.t('error.title'), tr.t('error.badCardData')))] });
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await listView(env, acting))] });
  };
}
