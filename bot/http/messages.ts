import type { ActivityHandler } from 'botbuilder';
import type restify from 'restify';
import { reply } from '../api';
import type { Logger } from '../logger';
import { checkActivity } from './activity';
import { ClientGone, declaresMoreThan, isJsonContentType, readBody, refusedEncoding } from './body';
import { bearerTokenShapeIsPlausible, NotAuthenticated, type BotAdapter } from './botAdapter';

export interface MessagesDeps {
  readonly adapter: BotAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  /** MicrosoftAppId is set: every request must carry a valid Bot Framework token. */
  readonly requireToken: boolean;
  /** Largest activity accepted. */
  readonly maxActivityBytes: number;
}

/*
 * Fixed bodies: what went wrong is logged, never told — library messages and stack traces say more
 * about the bot than a caller needs.
 */
const UNAUTHORIZED = { error: 'unauthorized' };
const AUTH_UNAVAILABLE = { error: 'authentication_unavailable' };
const INVALID = { error: 'invalid_activity' };
const TOO_LARGE = { error: 'payload_too_large' };
const NOT_JSON = { error: 'unsupported_media_type' };
const FAILED = { error: 'internal_error' };

/**
 * POST /api/messages, the Bot Framework messaging endpoint. Cheapest refusals first, each before
 * anything is buffered: a missing or impossible token (401), a body that is not JSON or is compressed
 * (415), a declared length over the limit (413). Then the body is read up to the limit (413 past
 * it), parsed (400), its shape checked (400), the token verified against the activity (401, or 503
 * when the signing keys cannot be had), and the turn run: 200, or the invoke's own answer.
 */
export function messagesHandler(deps: MessagesDeps) {
  const { adapter, bot, requireToken, maxActivityBytes } = deps;
  const log = deps.logger.child({ route: 'messages' });
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const authHeader = req.header('authorization') ?? '';
    if (requireToken && !bearerTokenShapeIsPlausible(authHeader)) {
      log.warn('activity refused: no usable token');
      return reply(res, 401, UNAUTHORIZED);
    }
    if (!isJsonContentType(req.header('content-type'))) {
      log.warn('activity refused: not JSON', { contentType: req.header('content-type')?.slice(0, 100) });
      return reply(res, 415, NOT_JSON);
    }
    const encoding = refusedEncoding(req.header('content-encoding'));
    if (encoding) {
      log.warn('activity refused: compressed body', { contentEncoding: encoding });
      res.setHeader('accept-encoding', 'identity');
      return reply(res, 415, NOT_JSON);
    }
    if (declaresMoreThan(req.header('content-length'), maxActivityBytes)) {
      log.warn('activity refused: too large', { contentLength: req.header('content-length') });
      return reply(res, 413, TOO_LARGE);
    }

    let raw: string | undefined;
    try {
      raw = await readBody(req, maxActivityBytes);
    } catch (err) {
      if (err instanceof ClientGone) return void log.info('the client left before sending its activity');
      throw err;
    }
    if (raw === undefined) {
      log.warn('activity refused: too large');
      return reply(res, 413, TOO_LARGE);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      log.warn('activity refused: not valid JSON');
      return reply(res, 400, INVALID);
    }
    const checked = checkActivity(body);
    if (!checked.ok) {
      log.warn('activity refused: malformed', { issues: checked.issues });
      return reply(res, 400, INVALID);
    }
    const { activity } = checked;

    let authenticated;
    try {
      authenticated = await adapter.authenticate(activity, authHeader);
    } catch (err) {
      const refusal = err as NotAuthenticated;
      (refusal.status === 503 ? log.error : log.warn)('activity refused: not authenticated', { status: refusal.status, reason: refusal.reason });
      return reply(res, refusal.status, refusal.status === 503 ? AUTH_UNAVAILABLE : UNAUTHORIZED);
    }

    try {
      const answer = await adapter.run(authenticated, activity, (context) => bot.run(context));
      if (answer?.body != null) return reply(res, answer.status, answer.body);
      res.status(answer?.status ?? 200);
      res.end();
    } catch (err) {
      // The turn's own failures are handled by onTurnError; what gets here failed around it.
      log.error('activity failed outside its turn', { error: err, activityId: activity.id, type: activity.type });
      if (!res.headersSent) reply(res, 500, FAILED);
    }
  };
}
