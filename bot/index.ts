import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { renderErrorCard } from '../cards/notice';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/render';
import { systemClock, type Clock } from '../services/clock';
import { parseLeadTimes, type TimeRules } from '../services/domain/schedule';
import { translator } from '../services/i18n';
import { openStore } from '../services/store';
import type { Store } from '../services/store/ports';
import { CardActionRouter } from './cardActions/router';
import { CoSellBot } from './coSellBot';
import { helpCommand } from './commands/help';
import { CommandRouter } from './commands/router';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { createServer } from './server';
import { readerFromActivity } from './turn';

/*
 * The one wiring point: config → store → services → bot → HTTP server. Everything else receives its
 * collaborators through its constructor. Tests call createApp with overrides (a fixed clock, a store);
 * `npm start` runs main().
 */

export interface AppOverrides {
  readonly clock?: Clock;
  readonly store?: Store;
  readonly logger?: Logger;
}

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timeRules: TimeRules;
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  /** Listen on the configured port (0: any free port); resolves with the base URL. */
  start(): Promise<string>;
  /** Stop accepting requests, finish background work, close the store. */
  stop(): Promise<void>;
}

function turnErrorHandler(logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const activity = context.activity;
    logger.error('turn failed', { error, activityId: activity.id, type: activity.type, name: activity.name, conversationId: activity.conversation?.id });
    const tr = translator(readerFromActivity(activity));
    const card = renderErrorCard(tr.t('error.title'), tr.t('error.generic'));
    try {
      if (activity.type === ActivityTypes.Invoke) {
        // An invoke expects an answer in the HTTP response: give the card instead of a failure.
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } } });
      } else if (activity.type === ActivityTypes.Message) {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      }
    } catch (sendError) {
      logger.error('could not tell the user about a failed turn', { error: sendError, activityId: activity.id });
    }
  };
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const store = overrides.store ?? (await openStore({ kind: config.store, dataDir: config.dataDir, cosmos: config.cosmos }));
  const timeRules: TimeRules = { reminderLeadTimes: parseLeadTimes(config.reminderLeadTimes) };

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = turnErrorHandler(logger);

  const help = helpCommand(store.members);
  const commands = new CommandRouter(help).on('help', help);
  const cardActions = new CardActionRouter({
    logger,
    unknownVerbCard: (context) => {
      const tr = translator(readerFromActivity(context.activity));
      return renderErrorCard(tr.t('error.title'), tr.t('error.unknownAction'));
    },
  });
  const installations = {
    onInstalled: (context: TurnContext) => help(context, { name: 'help' }, { welcome: true }),
    onUninstalled: async () => undefined,
  };
  const bot = new CoSellBot({ messages: commands, cardActions, installations });
  const server = createServer({ adapter, bot, store, logger });

  let stopping: Promise<void> | undefined;
  return {
    config,
    store,
    clock,
    logger,
    timeRules,
    server,
    adapter,
    start: () =>
      new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
          logger.info('bot listening', { url, store: store.kind, authenticated: Boolean(config.bot.appId) });
          resolve(url);
        });
      }),
    stop: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.server.closeIdleConnections();
        await closed;
        await store.close();
      })()),
  };
}

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.start();
  const shutdown = (signal: string) => {
    app.logger.info('shutting down', { signal });
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        app.logger.error('shutdown failed', { error: err });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
