import { CardFactory } from 'botbuilder';
import { z } from 'zod';
import type { CardActionHandler } from '../../cardActions/router';
import { errorResult, guarded, whoIsActing, type ActionEnv } from '../../cardActions/support';
import type { Feature } from '../feature';
import type { PartnerCenterChat } from './chat';

const DisconnectData = z.object({ tenantId: z.string().min(1).max(128) });

/** The connection card's Disconnect, after its confirmation. */
function disconnectAction(env: ActionEnv, chat: PartnerCenterChat): CardActionHandler {
  return {
    verb: 'partnerCenter.disconnect',
    handle: (request) =>
      guarded(async () => {
        const acting = await whoIsActing(env, request);
        const data = DisconnectData.safeParse(request.data);
        if (!data.success || data.data.tenantId !== acting.member.tenantId) {
          env.logger.warn('partnerCenter.disconnect refused: bad or foreign tenant', { userId: acting.member.userId });
          return errorResult(acting.tr, acting.tr.t('error.badCardData'));
        }
        return { card: await chat.disconnect(request.context) };
      }),
  };
}

/**
 * The Partner Center connection: `connect partner center`, `partner center`, `disconnect partner
 * center` and the connection card's Disconnect. Registered only when bot/index.ts built the connector.
 */
export const partnerCenter: Feature = {
  name: 'partnerCenter',
  register({ commands, cardActions }, services) {
    const chat = services.partnerCenter?.chat;
    if (!chat) return;
    commands.on('connectPartnerCenter', (context) => chat.connect(context));
    commands.on('partnerCenter', (context) => chat.status(context));
    commands.on('disconnectPartnerCenter', async (context) => {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await chat.disconnect(context))] });
    });
    cardActions.register(disconnectAction(services, chat));
  },
};
