import { CardFactory, type TurnContext } from 'botbuilder';
import { helpCardData, renderHelpCard } from '../../../cards/help';
import { translator } from '../../../services/i18n';
import type { MemberRepository } from '../../../services/store/ports';
import { isSharedConversation } from '../../privateChat';
import { readerOfTurn } from '../../middleware/presence';
import { tenantIdOf, userIdOf } from '../../turn';
import type { Command } from '../../commands/parse';

/**
 * Sends the help card; with the reader's role when the bot knows them (never in a shared chat), and a
 * notice for text it did not understand.
 */
export function helpCommand(members: MemberRepository) {
  return async (context: TurnContext, command: Command, options: { welcome?: boolean } = {}): Promise<void> => {
    const tr = translator(readerOfTurn(context));
    const tenantId = tenantIdOf(context.activity);
    const userId = userIdOf(context.activity);
    const shared = isSharedConversation(context);
    const member = tenantId && userId && !shared ? await members.get(tenantId, userId) : undefined;
    const data = helpCardData(tr, {
      welcome: options.welcome,
      unknownText: command.name === 'unknown' ? command.text : undefined,
      role: member?.value.role,
      shared,
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderHelpCard(data))] });
  };
}
