import { CardFactory, type TurnContext } from 'botbuilder';
import { renderErrorCard } from '../../../cards/notice';
import { CREATE_DEAL_DIALOG } from '../../../dialogs/createDeal/dialog';
import type { DialogHost } from '../../../dialogs/host';
import { translator } from '../../../services/i18n';
import { memberOf, readerOfTurn } from '../../middleware/presence';

/** `new deal`: start the create-deal dialog (a draft already going in this chat is replaced). */
export function newDealCommand(dialogs: DialogHost) {
  return async (context: TurnContext): Promise<void> => {
    if (!memberOf(context)) {
      const tr = translator(readerOfTurn(context));
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderErrorCard(tr.t('error.title'), tr.t('error.badCardData')))] });
      return;
    }
    await dialogs.begin(context, CREATE_DEAL_DIALOG);
  };
}
