import type { Feature } from '../feature';
import { helpCommand } from './help';
import { runCommand } from './run';

/**
 * `help` (and anything not understood): what the bot does and which commands exist, and its buttons
 * that send a command. Safe in shared chats.
 */
export const help: Feature = {
  name: 'help',
  register({ commands, cardActions }, { store }) {
    const handler = helpCommand(store.members);
    commands.on('help', handler, { shared: true }).otherwise(handler);
    cardActions.register(runCommand(commands));
  },
};
