import restify from 'restify';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import type { Store } from '../services/store/ports';
import type { Logger } from './logger';

/** A route another part of the bot adds (e.g. the referral intake). */
export interface HttpRoute {
  readonly method: 'get' | 'post' | 'put' | 'del';
  readonly path: string;
  /** Handlers must answer themselves and never throw: the server turns a throw into a bare 500. */
  readonly handler: (req: restify.Request, res: restify.Response) => Promise<void>;
}

export interface ServerDeps {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly store: Store;
  readonly logger: Logger;
  readonly routes?: readonly HttpRoute[];
  /** Largest activity accepted on /api/messages. */
  readonly maxActivityBytes?: number;
}

const HEALTH_TIMEOUT_MS = 2000;

function json(res: restify.Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.send(body);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

/**
 * The bot's HTTP surface: POST /api/messages (Bot Framework), GET /healthz, and the routes other parts
 * add. No handler lets an exception reach restify, whose default error body would leak internals.
 */
export function createServer(deps: ServerDeps): restify.Server {
  const { adapter, bot, store, logger } = deps;
  const server = restify.createServer({ name: 'cosell-bot', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.context());

  server.post(
    '/api/messages',
    // restify's typings omit maxBodySize, which jsonBodyParser passes on to its body reader.
    restify.plugins.jsonBodyParser({ maxBodySize: deps.maxActivityBytes ?? 1024 * 1024, mapParams: false } as restify.plugins.JsonBodyParserOptions),
    async (req: restify.Request, res: restify.Response) => {
      try {
        await adapter.process(req, res, (context) => bot.run(context));
      } catch (err) {
        // The adapter validates the activity before authenticating it; a malformed one lands here.
        logger.warn('rejected activity', { error: err, contentLength: req.header('content-length') });
        if (!res.headersSent) json(res, 400, { error: 'invalid_activity' });
      }
    },
  );

  // Clients probe the endpoint (the Agents Playground does on every page load): say it is there.
  server.head('/api/messages', async (_req: restify.Request, res: restify.Response) => {
    res.status(200);
    res.end();
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await withTimeout(store.ping(), HEALTH_TIMEOUT_MS);
      json(res, 200, { status: 'ok', store: store.kind });
    } catch (err) {
      logger.error('health check failed: store unusable', { error: err });
      json(res, 503, { status: 'unavailable', store: store.kind });
    }
  });

  for (const route of deps.routes ?? []) {
    server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
      try {
        await route.handler(req, res);
      } catch (err) {
        logger.error('route failed', { route: route.path, error: err });
        if (!res.headersSent) json(res, 500, { error: 'internal_error' });
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
