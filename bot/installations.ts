import type { TurnContext } from 'botbuilder';
import type { Membership } from '../services/members/membership';
import type { InstallationHandler } from './coSellBot';
import type { Command } from './commands/parse';
import type { Logger } from './logger';
import { tenantIdOf } from './turn';

export interface InstallationDeps {
  readonly membership: Membership;
  readonly logger: Logger;
  readonly welcome: (context: TurnContext, command: Command, options: { welcome?: boolean }) => Promise<void>;
}

/**
 * Install and removal. The presence middleware has already recorded the member and conversation by
 * the time an install arrives (and, on a personal install, settled the tenant's first admin); here the
 * bot says hello. On removal the conversation and the card
 * copies in it are forgotten, so nothing is sent there again.
 */
export class Installations implements InstallationHandler {
  constructor(private readonly deps: InstallationDeps) {}

  async onInstalled(context: TurnContext): Promise<void> {
    this.deps.logger.info('installed', { conversationId: context.activity.conversation?.id, type: context.activity.conversation?.conversationType });
    await this.deps.welcome(context, { name: 'help' }, { welcome: true });
  }

  async onUninstalled(context: TurnContext): Promise<void> {
    const tenantId = tenantIdOf(context.activity);
    const conversationId = context.activity.conversation?.id?.split(';')[0];
    if (!tenantId || !conversationId) return;
    await this.deps.membership.conversationGone(tenantId, conversationId);
    this.deps.logger.info('uninstalled; conversation forgotten', { conversationId });
  }
}
