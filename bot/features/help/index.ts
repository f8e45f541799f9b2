import type { Feature } from '../feature';
import { helpCommand } from './help';

/** `help` (and anything not understood): what the bot does and which commands exist. Safe in shared chats. */
export const help: Feature = {
  name: 'help',
  register({ commands }, { store }) {
    const handler = helpCommand(store.members);
    commands.on('help', handler, { shared: true }).otherwise(handler);
  },
};
