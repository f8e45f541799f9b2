import { parseCommand } from '../../commands/parse';
import type { CommandRouter } from '../../commands/router';
import type { CardActionHandler } from '../../cardActions/router';
import { readerOfTurn } from '../../middleware/presence';
import { translator } from '../../../services/i18n';

/** The longest command a button may carry: ours are a few words; anything longer was not made by us. */
const COMMAND_MAX = 100;

/**
 * A button that sends a command (the help card's quick actions): the command runs exactly as if it
 * were typed — through the command router, so in a team channel or group chat whatever is private is
 * answered in the person's personal chat. Its answer comes as a new message; the clicked card stays.
 */
export function runCommand(commands: CommandRouter): CardActionHandler {
  return {
    verb: 'command.run',
    shared: true,
    async handle(request) {
      const command = typeof request.data.command === 'string' ? request.data.command.slice(0, COMMAND_MAX) : '';
      await commands.run(request.context, parseCommand(command));
      return { note: translator(readerOfTurn(request.context)).t('help.actionDone') };
    },
  };
}
