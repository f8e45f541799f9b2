import restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { Store } from '../services/store/ports';
import { reply } from './api';
import type { BotAdapter } from './http/botAdapter';
import { messagesHandler } from './http/messages';
import { withTimeout } from './http/timeout';
import type { Logger } from './logger';

/** A route another part of the bot adds (e.g. the referral intake). */
export interface HttpRoute {
  readonly method: 'get' | 'post' | 'put' | 'del';
  readonly path: string;
  /** Handlers must answer themselves and never throw: the server turns a throw into a bare 500. */
  readonly handler: (req: restify.Request, res: restify.Response) => Promise<void>;
}

export interface ServerDeps {
  readonly adapter: BotAdapter;
  readonly bot: ActivityHandler;
  readonly store: Store;
  readonly logger: Logger;
  /** MicrosoftAppId is set: /api/messages requires a valid Bot Framework token. */
  readonly requireToken: boolean;
  readonly routes?: readonly HttpRoute[];
  /** Largest activity accepted on /api/messages. */
  readonly maxActivityBytes?: number;
}

const HEALTH_TIMEOUT_MS = 2000;

/**
 * The bot's HTTP surface: POST /api/messages (Bot Framework), GET /healthz, and the routes other parts
 * add. No handler lets an exception reach restify, whose default error body would leak internals.
 */
export function createServer(deps: ServerDeps): restify.Server {
  const { adapter, bot, store, logger } = deps;
  const server = restify.createServer({ name: 'cosell-bot', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.context());

  // No body parser: each route reads its own body, bounded and after its cheap refusals.
  server.post(
    '/api/messages',
    messagesHandler({ adapter, bot, logger, requireToken: deps.requireToken, maxActivityBytes: deps.maxActivityBytes ?? 1024 * 1024 }),
  );

  // Clients probe the endpoint (the Agents Playground does on every page load): say it is there.
  server.head('/api/messages', async (_req: restify.Request, res: restify.Response) => {
    res.status(200);
    res.end();
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await withTimeout(store.ping(), HEALTH_TIMEOUT_MS);
      reply(res, 200, { status: 'ok', store: store.kind });
    } catch (err) {
      logger.error('health check failed: store unusable', { error: err });
      reply(res, 503, { status: 'unavailable', store: store.kind });
    }
  });

  for (const route of deps.routes ?? []) {
    server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
      try {
        await route.handler(req, res);
      } catch (err) {
        logger.error('route failed', { route: route.path, error: err });
        if (!res.headersSent) reply(res, 500, { error: 'internal_error' });
      }
    });
  }

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    (status >= 500 ? logger.error : logger.warn)('http error', { path: req.path(), status, error: err.message });
    // Replace restify's body (which can carry internal messages) with a plain one.
    err.toJSON = () => ({ error: status === 413 ? 'payload_too_large' : status >= 500 ? 'internal_error' : 'bad_request' });
    callback();
  });

  return server;
}
