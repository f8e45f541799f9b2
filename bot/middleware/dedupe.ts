import { ActivityTypes, INVOKE_RESPONSE_KEY, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Clock } from '../../services/clock';
import { isoInstant } from '../../services/clock';
import type { IdempotencyRepository } from '../../services/store/ports';
import type { Logger } from '../logger';

type TurnRecord = { state: 'started' } | { state: 'failed' } | { state: 'done'; response?: unknown };

const KEEP_FOR_HOURS = 24;
const WAIT_FOR_FIRST_MS = 8000;

/**
 * Teams re-sends an activity it thinks timed out. The same activity processed twice must change
 * nothing the second time: a repeated message is dropped, and a repeated invoke gets the answer the
 * first one gave (waiting a little if the first is still running). A turn that failed may run again.
 */
export function dedupeMiddleware(idempotency: IdempotencyRepository, clock: Clock, logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const a = context.activity;
      if (!a.id || (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Invoke)) return next();
      const key = `turn:${a.conversation?.id ?? ''}:${a.id}`;
      const expires = isoInstant(clock.now().plus({ hours: KEEP_FOR_HOURS }));
      const first = await idempotency.putIfAbsent<TurnRecord>(key, { state: 'started' }, expires);
      if (!first.created && first.value.state !== 'failed') {
        logger.info('repeated activity ignored', { activityId: a.id, type: a.type });
        if (a.type === ActivityTypes.Invoke) await answerLikeTheFirst(context, idempotency, key);
        return;
      }
      try {
        await next();
      } catch (err) {
        await idempotency.set<TurnRecord>(key, { state: 'failed' }, expires);
        throw err;
      }
      const response = (context.turnState.get(INVOKE_RESPONSE_KEY) as Partial<Activity> | undefined)?.value;
      await idempotency.set<TurnRecord>(key, { state: 'done', ...(response !== undefined ? { response } : {}) }, expires);
    },
  };
}

async function answerLikeTheFirst(context: TurnContext, idempotency: IdempotencyRepository, key: string): Promise<void> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const record = await idempotency.get<TurnRecord>(key);
    if (record?.state === 'done' && record.response !== undefined) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: record.response });
      return;
    }
    if (record?.state !== 'started' || Date.now() > deadline) {
      // The first turn gave no answer to repeat; an empty 200 tells Teams it was received.
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
