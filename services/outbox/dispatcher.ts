import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { isoInstant } from '../clock';
import type { OutboxLease, OutboxRecord, Store } from '../store/ports';

/** How one item went. */
export type HandlerOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly afterMs: number; readonly error: string }
  | { readonly kind: 'dead'; readonly error: string };

export interface OutboxHandler {
  handle(item: OutboxRecord): Promise<HandlerOutcome>;
}

export interface DispatcherLogger {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

export interface DispatcherOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly handlers: Readonly<Record<string, OutboxHandler>>;
  readonly logger: DispatcherLogger;
  /** Items handled at once. */
  readonly concurrency?: number;
  /** Items claimed per round; keep it small enough to finish well within the lease. */
  readonly batchSize?: number;
  readonly leaseMs?: number;
  /** How long to sleep when nothing is due (a wake() cuts it short). */
  readonly idleMs?: number;
}

/**
 * Works the outbox: claims due items under a lease (two processes never hold one item at once),
 * runs each through the handler for its kind, and records the outcome. An item whose handler throws
 * is retried with backoff; a process that dies mid-item loses only its lease, and another process
 * takes the item when the lease runs out. Delivery is therefore at least once; handlers make repeats
 * harmless (deterministic ids, idempotent writes).
 */
export class OutboxDispatcher {
  readonly owner = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly idleMs: number;

  constructor(private readonly options: DispatcherOptions) {
    this.concurrency = options.concurrency ?? 16;
    this.batchSize = options.batchSize ?? 64;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.idleMs = options.idleMs ?? 1000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New work was committed in this process: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Process rounds until nothing is due (for tests and benchmarks); returns how many items were handled. */
  async drain(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const handled = await this.round();
      if (handled === 0) return total;
      total += handled;
    }
    return total;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.round();
      } catch (err) {
        this.options.logger.error('outbox round failed', { error: err });
      }
      if (handled === 0 && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.idleMs);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.woken = false;
        done();
      };
    });
  }

  /** One claim-and-handle round; returns the number of items handled. */
  async round(): Promise<number> {
    const { store, clock } = this.options;
    const leases = await store.outbox.claim(this.owner, isoInstant(clock.now()), this.batchSize, this.leaseMs, Object.keys(this.options.handlers));
    if (leases.length === 0) return 0;
    let next = 0;
    const worker = async () => {
      while (next < leases.length) {
        const lease = leases[next++]!;
        await this.handleOne(lease);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, leases.length) }, worker));
    return leases.length;
  }

  private async handleOne(lease: OutboxLease): Promise<void> {
    const { store, clock, logger } = this.options;
    const item = lease.item;
    const handler = this.options.handlers[item.kind];
    let outcome: HandlerOutcome;
    try {
      outcome = handler ? await handler.handle(item) : { kind: 'dead', error: `no handler for ${item.kind}` };
    } catch (err) {
      const attempt = item.attempts;
      const afterMs = Math.min(15 * 60_000, 1000 * 2 ** Math.min(attempt, 10));
      outcome = { kind: 'retry', afterMs, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
      logger.warn('outbox item failed; will retry', { id: item.id, kind: item.kind, attempt, error: err });
    }
    const now = clock.now();
    const settled =
      outcome.kind === 'done'
        ? await store.outbox.complete(lease, isoInstant(now))
        : outcome.kind === 'retry'
          ? await store.outbox.retry(lease, isoInstant(now.plus({ milliseconds: outcome.afterMs })), outcome.error, isoInstant(now))
          : await store.outbox.fail(lease, outcome.error, isoInstant(now));
    if (outcome.kind === 'dead') logger.error('outbox item given up', { id: item.id, kind: item.kind, error: outcome.error });
    if (!settled) logger.warn('outbox lease lost before the item was settled', { id: item.id, kind: item.kind });
  }
}
