import { CreateDealDialog } from '../../../dialogs/createDeal/dialog';
import { DialogHost } from '../../../dialogs/host';
import { actingOf } from '../../commands/acting';
import { parseCommand } from '../../commands/parse';
import type { Feature } from '../feature';
import { continueCreateDeal } from './continue';
import { showCreatedDeal } from './created';
import { newDealCommand } from './newDeal';

/**
 * `new deal`: the create-deal dialog through Partner Center's six steps. Its state lives in the
 * store (botState), so a restart or another process continues a dialog where the seller was.
 */
export const createDeal: Feature = {
  name: 'createDeal',
  register({ commands, cardActions }, services) {
    const { clock, creation, store } = services;
    const dialogs = new DialogHost(store.botState, [
      new CreateDealDialog({ creation, seller: (context) => actingOf(clock, context), showCreated: showCreatedDeal(services) }),
    ]);
    // A dialog waiting for an answer takes typed "back"/"cancel" (and non-commands) before commands are read.
    commands.intercept((context) => dialogs.onText(context, (text) => parseCommand(text).name !== 'unknown')).on('newDeal', newDealCommand(dialogs));
    cardActions.register(continueCreateDeal({ ...services, dialogs }));
  },
};
