import { ActivityTypes, CardFactory, type CloudAdapter, type TurnContext } from 'botbuilder';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { renderErrorCard } from '../cards/notice';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/render';
import { isoInstant, systemClock, type Clock } from '../services/clock';
import { parseLeadTimes, type TimeRules } from '../services/domain/schedule';
import { translator } from '../services/i18n';
import { openStore } from '../services/store';
import type { Store } from '../services/store/ports';
import { Membership } from '../services/members/membership';
import { Effects, OutboxKind } from '../services/notifications/effects';
import { DigestHandler, HandoverHandler } from '../services/notifications/digest';
import { EventDelivery } from '../services/notifications/events';
import { FanoutHandler, PartnerResponseHandler, RefreshHandler } from '../services/notifications/handlers';
import { OutboxDispatcher, type OutboxHandler } from '../services/outbox/dispatcher';
import { Pacer } from '../services/outbox/pacing';
import { ReferralResponses } from '../services/referrals/respond';
import { DealActions } from '../services/deals/actions';
import { DealCreation } from '../services/deals/create';
import { PipelineQueries } from '../services/deals/pipeline';
import { DealQueries } from '../services/deals/queries';
import { DealSearch } from '../services/deals/search';
import { PartnerCenterSync } from '../services/deals/sync';
import { PartnerInvitationHandler } from '../services/p2p/deliver';
import { MAX_CSV_BYTES } from '../services/solutions/contactsFile';
import { ImportTargets } from '../services/solutions/importTarget';
import { OfferCatalog } from '../services/solutions/offers';
import { RewardsReminders } from '../services/solutions/reminders';
import { Sweeper } from '../services/sweeper';
import { PartnerCenterClient, PartnerCenterService, type PartnerCenterTokens } from '../services/partnerCenter';
import { certificatesFromPem, WebhookVerifier } from '../services/partnerCenter/webhook';
import { CardActionRouter } from './cardActions/router';
import { CoSellBot } from './coSellBot';
import { CommandRouter } from './commands/router';
import { ConfigError, loadConfig, type Config } from './config';
import { registerFeatures } from './features';
import { rewardsReminderComposer } from './features/solutions/reminderCard';
import { helpCommand } from './features/help/help';
import { keepShownCards } from './features/deals/copies';
import { Installations } from './installations';
import { intakeRoute } from './intake';
import { PartnerCenterChat } from './features/partnerCenter/chat';
import { PartnerCenterNoticeSender } from './features/partnerCenter/notice';
import { BotFrameworkSignIn, botFrameworkTokens, DevSignIn, devTokens, noPartnerCenterTokens, type PartnerCenterSignIn } from './features/partnerCenter/signIn';
import { partnerCenterEventsRoute } from './partnerCenterEvents';
import { syncRoutes } from './sync';
import { createLogger, routeConsole, type Logger } from './logger';
import { dedupeMiddleware } from './middleware/dedupe';
import { presenceMiddleware, readerOfTurn } from './middleware/presence';
import { botAuthentication, BotAdapter } from './http/botAdapter';
import { PrivateChat, sharedConversationPolicies } from './privateChat';
import { createServer } from './server';
import { appTokenSource, BotConnector, type TokenSource } from './teams/connector';
import { CardComposer, TeamsSender } from './teams/sender';
import { tenantIdOf } from './turn';

/*
 * The one wiring point: config → store → services → features → bot → HTTP server. Everything else
 * receives its collaborators through its constructor; each feature (bot/features/) registers its own
 * commands and card verbs. Tests call createApp with overrides (a fixed clock, a store); `npm start`
 * runs main().
 */

export interface AppOverrides {
  readonly clock?: Clock;
  readonly store?: Store;
  readonly logger?: Logger;
  /** Tokens for calls to Teams (tests use none). */
  readonly tokens?: TokenSource;
  /** Start the outbox worker and the sweeper with the server (default true); tests may drive them by hand. */
  readonly workers?: boolean;
  /** The admin's Partner Center tokens and sign-in (tests use fakes instead of the Bot Framework token service). */
  readonly partnerCenter?: { readonly tokens?: PartnerCenterTokens; readonly signIn?: PartnerCenterSignIn };
  /** Where the Bot Framework channel's signing keys are published (tests serve their own). */
  readonly openIdMetadataUrl?: string;
  /**
   * Tests only: fetch files sent in chat over plain http from 127.0.0.1, where the connector stand-in
   * serves them. Never set by configuration: in production only https is fetched.
   */
  readonly allowHttpFileDownloads?: boolean;
}

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timeRules: TimeRules;
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  readonly membership: Membership;
  readonly dispatcher: OutboxDispatcher;
  readonly sweeper: Sweeper;
  readonly partnerCenter: PartnerCenterService;
  /** Listen on the configured port (0: any free port); resolves with the base URL. */
  start(): Promise<string>;
  /** Stop accepting requests, finish background work, close the store. */
  stop(): Promise<void>;
}

function turnErrorHandler(logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const activity = context.activity;
    logger.error('turn failed', { error, activityId: activity.id, type: activity.type, name: activity.name, conversationId: activity.conversation?.id });
    // Presence may not have run (the store failed): the reader is then what the activity says.
    const tr = translator(readerOfTurn(context));
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

  const auth = botAuthentication(config.bot, overrides.openIdMetadataUrl);
  const adapter = new BotAdapter(auth);
  adapter.onTurnError = turnErrorHandler(logger);

  adapter.use(dedupeMiddleware(store.idempotency, clock, logger));
  // Everything a change causes goes through the outbox and this one worker; Teams only through the sender.
  const effects = new Effects({ eventsEnabled: Boolean(config.referrals.eventsUrl) });
  const membership = new Membership({ store, clock, effects, configuredAdmins: config.referrals.admins });
  adapter.use(presenceMiddleware(membership, clock, logger));

  const sendTimeoutMs = config.teams.sendTimeoutMs;
  const connector = new BotConnector({ tokens: overrides.tokens ?? appTokenSource(config.bot), timeoutMs: sendTimeoutMs });
  const pacer = new Pacer();
  const senderOptions = {
    store,
    clock,
    connector,
    composer: new CardComposer(store, clock, membership, { offerReminder: rewardsReminderComposer(store, membership) }),
    membership,
    pacer,
    rates: {
      conversation: { perSecond: config.teams.ratePerConversation, burst: config.teams.burstPerConversation },
      tenant: { perSecond: config.teams.ratePerTenant, burst: config.teams.burstPerTenant },
    },
    timeoutMs: sendTimeoutMs,
    logger: logger.child({ component: 'sender' }),
  };
  const sends = new TeamsSender(senderOptions, 'send');
  const handlers: Record<string, OutboxHandler> = {
    [OutboxKind.fanout]: new FanoutHandler(store, clock),
    [OutboxKind.refresh]: new RefreshHandler(store, clock),
    [OutboxKind.send]: sends,
    [OutboxKind.update]: new TeamsSender(senderOptions, 'update'),
    [OutboxKind.partnerResponse]: new PartnerResponseHandler(store, timeRules, effects),
    [OutboxKind.partnerInvitation]: new PartnerInvitationHandler({ store, clock, timeRules, effects }),
    [OutboxKind.handover]: new HandoverHandler(store, clock, effects),
    [OutboxKind.digest]: new DigestHandler(store, clock, effects),
  };
  if (config.referrals.eventsUrl && config.referrals.eventsSecret) {
    handlers[OutboxKind.event] = new EventDelivery({ url: config.referrals.eventsUrl, secret: config.referrals.eventsSecret, timeoutMs: sendTimeoutMs });
  }

  // The Partner Center connector: tokens from the Bot Framework token service (or the development
  // token against a local stand-in), its outbox handlers, its poll and its webhook route.
  const pc = config.partnerCenter;
  const botTokens = config.bot.appId && pc.connection ? botFrameworkTokens(auth, config.bot.appId, pc.connection) : undefined;
  const pcTokens = overrides.partnerCenter?.tokens ?? (pc.dev ? devTokens(pc.dev, botTokens) : (botTokens ?? noPartnerCenterTokens));
  const botSignIn = pc.connection ? new BotFrameworkSignIn(pc.connection) : undefined;
  const pcSignIn = overrides.partnerCenter?.signIn ?? (pc.dev ? new DevSignIn(pc.dev, (context) => tenantIdOf(context.activity), botSignIn) : botSignIn);
  let publicBaseUrl = pc.publicBaseUrl;
  const partnerCenter = new PartnerCenterService({
    store,
    clock,
    timeRules,
    effects,
    client: new PartnerCenterClient({ apiUrl: pc.apiUrl, webhooksUrl: pc.webhooksUrl, timeoutMs: sendTimeoutMs }),
    tokens: pcTokens,
    logger: logger.child({ component: 'partnerCenter' }),
    onWork: () => dispatcher.wake(),
    publicBaseUrl: () => publicBaseUrl,
    syncIntervalMs: pc.syncMs,
  });
  Object.assign(handlers, partnerCenter.handlers(), {
    [OutboxKind.partnerCenterNotice]: new PartnerCenterNoticeSender({ store, connector, logger: logger.child({ component: 'partnerCenter' }) }),
  });
  const roots = certificatesFromPem(readFileSync(pc.webhookRootsFile, 'utf8'));
  if (roots.length === 0) throw new ConfigError(`Invalid configuration:\n  PARTNER_CENTER_WEBHOOK_ROOTS: ${pc.webhookRootsFile} holds no certificate`);
  const webhookVerifier = new WebhookVerifier({ roots, certHosts: pc.certHosts, clock, timeoutMs: sendTimeoutMs });

  // A handler call is one call out (within its timeout) and a few writes; the lease is twice that, so a
  // send that starts always ends, and is recorded, while the item is still this process's.
  const dispatcher = new OutboxDispatcher({
    store,
    clock,
    handlers,
    pacer,
    logger: logger.child({ component: 'outbox' }),
    handlerBudgetMs: 2 * sendTimeoutMs,
    leaseMs: 4 * sendTimeoutMs,
  });
  const onWork = () => dispatcher.wake();
  const sweeper = new Sweeper({
    store,
    clock,
    timeRules,
    effects,
    logger: logger.child({ component: 'sweeper' }),
    intervalMs: config.sweepIntervalMs,
    onWork,
    others: [new RewardsReminders({ store, effects })],
  });

  // The use cases every feature works through; each feature registers its commands and card verbs.
  const offers = new OfferCatalog({ store, clock });
  const services = {
    clock,
    logger,
    store,
    membership,
    onWork,
    offers,
    importTargets: new ImportTargets(store.botState, clock),
    fileDownloads: { maxBytes: MAX_CSV_BYTES, timeoutMs: config.teams.sendTimeoutMs, allowHttpLoopback: overrides.allowHttpFileDownloads ?? false },
    responses: new ReferralResponses({ store, clock, timeRules, effects }),
    creation: new DealCreation({ store, clock, timeRules, effects, offers, partnerCenter: partnerCenter.connections }),
    queries: new DealQueries(store),
    search: new DealSearch(store),
    pipeline: new PipelineQueries(store),
    deals: new DealActions({ store, clock, timeRules, effects }),
    partnerCenter: {
      chat: new PartnerCenterChat({ service: partnerCenter, signIn: pcSignIn, clock, logger, onWork, syncSeconds: pc.syncMs / 1000, devTenantId: pc.dev?.tenantId }),
    },
  };
  const sync = new PartnerCenterSync({ store, clock, timeRules, effects });
  const shared = sharedConversationPolicies(new PrivateChat({ adapter, store, clock, logger, appId: config.bot.appId }));
  const routers = {
    commands: new CommandRouter(shared.commands),
    cardActions: new CardActionRouter({
      logger,
      policy: shared.cardActions,
      shown: keepShownCards(store, clock),
      unknownVerbCard: (context) => {
        const tr = translator(readerOfTurn(context));
        return renderErrorCard(tr.t('error.title'), tr.t('error.unknownAction'));
      },
    }),
  };
  registerFeatures(routers, services);

  const installations = new Installations({ membership, logger, welcome: helpCommand(store.members) });
  const chat = services.partnerCenter.chat;
  const bot = new CoSellBot({
    messages: routers.commands,
    cardActions: routers.cardActions,
    installations,
    ...(pcSignIn ? { signIn: { verifyState: (context, query) => chat.verifyState(context, query), tokenExchange: (context, query) => chat.tokenExchange(context, query) } } : {}),
  });
  const server = createServer({
    adapter,
    bot,
    store,
    logger,
    requireToken: Boolean(config.bot.appId),
    routes: [
      intakeRoute({ store, clock, timeRules, effects, key: config.referrals.intakeKey, logger, onWork }),
      ...syncRoutes({ sync, key: config.referrals.intakeKey, logger, onWork }),
      partnerCenterEventsRoute({ service: partnerCenter, verifier: webhookVerifier, logger }),
    ],
  });

  // Housekeeping: forget finished outbox items after a week and expired idempotency records.
  const housekeeping = async () => {
    const now = clock.now();
    await store.outbox.purge(isoInstant(now.minus({ days: 7 })));
    await store.idempotency.purgeExpired(isoInstant(now));
  };
  let housekeepingTimer: NodeJS.Timeout | undefined;
  const workers = overrides.workers ?? true;

  let stopping: Promise<void> | undefined;
  // Deals stored before search existed get their keys in the background (search misses them until
  // then); a failure, or a stop half-way, is taken up again a minute later.
  let indexing: Promise<void> | undefined;
  let indexingTimer: NodeJS.Timeout | undefined;
  const indexOlderDeals = async (): Promise<void> => {
    try {
      const { rewritten, complete } = await store.deals.indexOlderDeals(() => stopping !== undefined);
      if (rewritten > 0) logger.info('older deals indexed for search', { rewritten, complete });
      if (complete) return;
    } catch (error) {
      logger.warn('could not index older deals for search; trying again in a minute', { error });
    }
    if (stopping) return;
    indexingTimer = setTimeout(() => (indexing = indexOlderDeals()), 60_000);
    indexingTimer.unref();
  };
  return {
    config,
    store,
    clock,
    logger,
    timeRules,
    server,
    adapter,
    membership,
    dispatcher,
    sweeper,
    partnerCenter,
    start: () =>
      new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
          logger.info('bot listening', { url, store: store.kind, authenticated: Boolean(config.bot.appId) });
          if (pc.dev) {
            publicBaseUrl ??= url;
            void connectDevTenant(partnerCenter, pc.dev, logger).then(onWork);
          }
          if (workers) {
            dispatcher.start();
            sweeper.start();
            partnerCenter.poller.start();
            housekeepingTimer = setInterval(() => housekeeping().catch((err: unknown) => logger.error('housekeeping failed', { error: err })), 3600_000);
            housekeepingTimer.unref();
            indexing = indexOlderDeals();
          }
          resolve(url);
        });
      }),
    stop: () =>
      (stopping ??= (async () => {
        // Background work stops at once, beside the server: a grace period is about 30 s, and the
        // items this process holds are put back for another one rather than left to their leases.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.server.closeIdleConnections();
        if (housekeepingTimer) clearInterval(housekeepingTimer);
        if (indexingTimer) clearTimeout(indexingTimer);
        await Promise.all([closed, dispatcher.stop(), sweeper.stop(), indexing, partnerCenter.poller.stop()]);
        await sends.close();
        await store.close();
      })()),
  };
}

/**
 * Local runs against a Partner Center stand-in: connect the development tenant with its fixed token at
 * every start-up (no sign-in; a stand-in forgets its webhook registrations when it stops). One that is
 * not up yet is only logged: the admin can type `connect partner center` later.
 */
async function connectDevTenant(partnerCenter: PartnerCenterService, dev: { tenantId: string; token: string }, logger: Logger): Promise<void> {
  try {
    const outcome = await partnerCenter.connect(dev.tenantId, { userId: 'partner-center-dev', name: 'Development token' }, dev.token, true);
    logger.info('partner center: development tenant connected', { tenantId: dev.tenantId, outcome: outcome.kind });
  } catch (err) {
    logger.warn('partner center: the development tenant could not be connected', { error: err });
  }
}
const SHUTDOWN_LIMIT_MS = 25_000;

export async function main(): Promise<void> {
  // A developer's .env (next to package.json, where npm start runs) fills what the environment does
  // not set; variables already set win, as with node --env-file.
  if (existsSync('.env')) process.loadEnvFile('.env');
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
  // What libraries print joins the log as JSON lines, so many a minute at the most.
  routeConsole(app.logger);
  await app.start();
  const shutdown = (signal: string) => {
    app.logger.info('shutting down', { signal });
    // Whatever still hangs (a client holding a request open) must not outlast a grace period (~30 s).
    setTimeout(() => {
      app.logger.error('shutdown took too long; exiting', { afterMs: SHUTDOWN_LIMIT_MS });
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
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
