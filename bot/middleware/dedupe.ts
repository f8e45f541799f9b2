import { ActivityTypes, INVOKE_RESPONSE_KEY, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Clock } from '../../services/clock';
import { isoInstant } from '../../services/clock';
import type { IdempotencyRepository } from '../../services/store/ports';
import type { Logger } from '../logger';

interface TurnRecord {
  /** The invoke's answer, to give a repeat the same one. */
  readonly response?: unknown;
}

const KEEP_FOR_MS = 24 * 3_600_000;

/**
 * Teams re-sends an activity it thinks timed out. A repeat of an activity the bot has finished must
 * change nothing: a repeated message is dropped, a repeated invoke gets the answer the first one
 * gave. The record is written once, when the turn ends (one write per turn, not two): a repeat that
 * arrives while the first is still running is rare (turns answer in milliseconds, Teams waits
 * seconds) and harmless, because every state change is guarded by its own rule and etag — the
 * second accept is refused as already answered, and card actions carry the state they set (a
 * favorite sets on or off, it does not toggle).
 */
export function dedupeMiddleware(idempotency: IdempotencyRepository, clock: Clock, logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const a = context.activity;
      if (!a.id || (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Invoke)) return next();
      const key = `turn:${a.conversation?.id ?? ''}:${a.id}`;
      // One reading of the clock per turn: the record expires a day after the turn started.
      const now = clock.now();
      const at = isoInstant(now);
      const done = await idempotency.get<TurnRecord>(key, at);
      if (done) {
        logger.info('repeated activity answered from the first', { activityId: a.id, type: a.type });
        if (a.type === ActivityTypes.Invoke) {
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: done.response ?? { status: 200 } });
        }
        return;
      }
      await next();
      const response = (context.turnState.get(INVOKE_RESPONSE_KEY) as Partial<Activity> | undefined)?.value;
      await idempotency.putIfAbsent<TurnRecord>(key, response !== undefined ? { response } : {}, isoInstant(now.plus(KEEP_FOR_MS)), at);
    },
  };
}
