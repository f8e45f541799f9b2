import { createHmac } from 'node:crypto';
import { backoffMs, parseRetryAfter } from '../outbox/backoff';
import type { HandlerOutcome, OutboxHandler } from '../outbox/dispatcher';
import type { OutboxRecord } from '../store/ports';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as the contract specifies for X-Signature. */
export function signBody(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

export interface EventDeliveryOptions {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

/**
 * Delivers a status event to REFERRAL_EVENTS_URL. Network errors, timeouts, 5xx, 408 and 429 are
 * retried with backoff (429 honours Retry-After) until delivered; the event keeps its eventId so the
 * receiver can drop repeats. Any other 4xx means the receiver refuses it for good: it is kept as dead
 * and logged.
 */
export class EventDelivery implements OutboxHandler {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: EventDeliveryOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const raw = JSON.stringify((item.payload as { body: unknown }).body);
    const retry = (error: string, afterMs?: number): HandlerOutcome => ({
      kind: 'retry',
      afterMs: afterMs ?? backoffMs(item.attempts, 1000, 15 * 60_000),
      error,
    });
    let res: Response;
    try {
      res = await this.fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signBody(raw, this.options.secret) },
        body: raw,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      return retry(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
    if (res.ok) return { kind: 'done' };
    if (res.status === 429) return retry('429 Too Many Requests', parseRetryAfter(res.headers.get('retry-after'), Date.now()));
    if (res.status >= 500 || res.status === 408) return retry(`${res.status} ${res.statusText}`);
    return { kind: 'dead', error: `${res.status} ${res.statusText}: the events receiver refused the event` };
  }
}
