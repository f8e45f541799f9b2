import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Clock } from '../clock';
import { isoInstant } from '../clock';
import type { ClaimSkip, OutboxLease, OutboxRecord, Store } from '../store/ports';
import { Pacer, type Pacing } from './pacing';

/** How one item went. */
export type HandlerOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly afterMs: number; readonly error: string }
  | { readonly kind: 'dead'; readonly error: string };

export interface OutboxHandler {
  /** How this item is paced; none: it may go at once. */
  pacing?(item: OutboxRecord): Pacing | undefined;
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
  /** Turns of paced items; shared with whoever must slow a tenant down (a 429). */
  readonly pacer?: Pacer;
  /** Handler calls at once. */
  readonly concurrency?: number;
  /** Items claimed at once. */
  readonly batchSize?: number;
  readonly leaseMs?: number;
  /**
   * The longest one handler call may take, its own timeouts included. A call starts only with this
   * much of its lease left (the lease is renewed first otherwise), so it ends — and is recorded —
   * while the item is still this worker's.
   */
  readonly handlerBudgetMs?: number;
  /** The longest pacing wait spent in the process; an item that must wait longer goes back to the store until its turn. */
  readonly parkMs?: number;
  /**
   * Claims leave in the store the items of a chat or tenant whose next turn is further away than
   * this: what is claimed can go soon, and the rest of the claim is everyone else's. Shorter than
   * parkMs, so that a tenant paced at tens per second is worked from the process, not the store.
   */
  readonly claimAheadMs?: number;
  /** How long to sleep when nothing is due (a wake() cuts it short). */
  readonly idleMs?: number;
}

/** At most this many paced keys or tenants are left out of a claim (the busiest). */
const MAX_SKIPS = 100;

/**
 * Works the outbox: claims due items under a lease (two processes never hold one item at once),
 * runs each through the handler for its kind, and records the outcome. An item whose handler throws
 * is retried with backoff; a process that dies mid-item loses only its lease, and another process
 * takes the item when the lease runs out. Delivery is therefore at least once; handlers make repeats
 * harmless (deterministic ids, idempotent writes).
 *
 * Nothing waits on pacing while holding other work: an item is paced before it is handled, waits in
 * the process only for a short turn (parkMs) and otherwise goes back to the store until its turn; the
 * worker keeps claiming, leaving in the store the backlog of chats and tenants that could not go now.
 * Items move on one by one, not in rounds, so one slow item never holds the others.
 */
export class OutboxDispatcher {
  readonly owner = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  /** Set by stop(): items waiting for a turn or a slot go back to the store at once. */
  private halt = haltSignal();
  /** Items this worker holds, by id, with their current lease and the promise of their end. */
  private readonly inProcess = new Map<string, Work>();
  private readonly slots: Slots;
  private readonly pacer: Pacer;
  private readonly batchSize: number;
  private readonly capacity: number;
  private readonly leaseMs: number;
  private readonly handlerBudgetMs: number;
  private readonly parkMs: number;
  private readonly claimAheadMs: number;
  private readonly idleMs: number;

  constructor(private readonly options: DispatcherOptions) {
    this.slots = new Slots(options.concurrency ?? 16);
    this.pacer = options.pacer ?? new Pacer();
    this.batchSize = options.batchSize ?? 64;
    // Room for what is paced within claimAheadMs (plus one claim) beside what is being sent.
    this.capacity = 2 * this.batchSize;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.handlerBudgetMs = options.handlerBudgetMs ?? this.leaseMs / 2;
    this.parkMs = options.parkMs ?? 3000;
    this.claimAheadMs = Math.min(this.parkMs, options.claimAheadMs ?? 1000);
    this.idleMs = options.idleMs ?? 1000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.halt = haltSignal();
    this.loop = this.run();
  }

  /** New work was committed in this process: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Stop claiming; put every item still waiting for its turn or a slot back in the store, available
   * at once to another worker; let the handler calls under way finish (each ends within its own
   * timeout) and record their outcomes.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.halt.abort();
    this.wake();
    await this.loop;
    await Promise.all([...this.inProcess.values()].map((work) => work.ended));
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

  /**
   * One claim of everything due, each item handled before it returns — pacing waited out in the
   * process as far as the lease allows, as a lone worker with nothing else to do would. For tests and
   * benchmarks; returns the number of items claimed.
   */
  async round(): Promise<number> {
    const leases = await this.claim(this.batchSize, []);
    await Promise.all(leases.map((lease) => this.track(lease, Infinity)));
    return leases.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      const room = this.capacity - this.inProcess.size;
      if (room > 0) {
        try {
          const limit = Math.min(this.batchSize, room);
          const leases = await this.claim(limit, this.pacer.skips(this.claimAheadMs, MAX_SKIPS));
          for (const lease of leases) void this.track(lease, this.parkMs);
          more = leases.length === limit;
        } catch (err) {
          this.options.logger.error('outbox claim failed', { error: err });
        }
      }
      if (this.running && !more) await this.idle();
    }
  }

  private claim(limit: number, skip: readonly ClaimSkip[]): Promise<OutboxLease[]> {
    const { store, clock, handlers } = this.options;
    return store.outbox.claim(this.owner, isoInstant(clock.now()), limit, this.leaseMs, { kinds: Object.keys(handlers), skip });
  }

  /** Sleep until woken, until pacing lets a claim take more, or for idleMs. */
  private idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    const ms = Math.min(this.idleMs, this.pacer.nextChange(this.claimAheadMs) ?? Infinity);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
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

  private track(lease: OutboxLease, parkMs: number): Promise<void> {
    const id = lease.item.id;
    const held = this.inProcess.get(id);
    if (held) {
      // Its lease ran out while it waited here and nobody else took it: it is still ours, for longer.
      held.lease = lease;
      return held.ended;
    }
    const work: Work = { lease, ended: Promise.resolve() };
    work.ended = this.process(work, parkMs)
      .catch((err: unknown) => this.options.logger.error('outbox item could not be settled', { id, kind: lease.item.kind, error: err }))
      .finally(() => {
        // A full worker stopped claiming: there is room again.
        if (this.inProcess.size >= this.capacity) this.wake();
        this.inProcess.delete(id);
      });
    this.inProcess.set(id, work);
    return work.ended;
  }

  private async process(work: Work, parkMs: number): Promise<void> {
    const item = work.lease.item;
    const handler = this.options.handlers[item.kind];
    const pacing = handler?.pacing?.(item);
    let away = false;
    try {
      if (pacing) {
        for (let wait = this.pacer.turn(item, pacing); wait > 0; wait = this.pacer.turn(item, pacing)) {
          if (wait > parkMs || !this.lasts(work.lease, wait)) {
            away = await this.untilTurn(work.lease, wait);
            return;
          }
          if (!(await this.sleep(wait))) return await this.putBack(work.lease);
        }
      }
      if (!(await this.slots.take(this.halt.signal))) return await this.putBack(work.lease);
      try {
        const held = await this.holding(work.lease);
        if (!held) {
          this.options.logger.warn('outbox lease lost before the item was handled; left to its new holder', { id: item.id, kind: item.kind });
          return;
        }
        work.lease = held;
        await this.handle(work, handler);
        // Unpaced work (a fan-out, a refresh) usually queues more: look for it now, not at the next poll.
        if (!pacing) this.wake();
      } finally {
        this.slots.give();
      }
    } finally {
      if (!away) this.pacer.done(item.id);
    }
  }

  /** Whether the lease, after waiting `waitMs`, still leaves a handler call its whole budget. */
  private lasts(lease: OutboxLease, waitMs: number): boolean {
    return Date.parse(lease.leaseUntil) - this.options.clock.now().toMillis() - waitMs >= this.handlerBudgetMs;
  }

  /** The lease, renewed when too little of it is left for a handler call; undefined when it was lost. */
  private async holding(lease: OutboxLease): Promise<OutboxLease | undefined> {
    if (this.lasts(lease, 0)) return lease;
    return this.options.store.outbox.renew(lease, isoInstant(this.options.clock.now()), this.leaseMs);
  }

  /**
   * Back to the store until a little before its turn (so that it is claimed in time and waits the
   * rest in the process), without counting an attempt. Returns whether it is now waiting there.
   */
  private async untilTurn(lease: OutboxLease, waitMs: number): Promise<boolean> {
    const backInMs = waitMs - Math.min(waitMs, this.parkMs) / 2;
    const now = this.options.clock.now();
    const availableAt = isoInstant(now.plus({ milliseconds: backInMs }));
    if (!(await this.options.store.outbox.release(lease, availableAt, isoInstant(now)))) {
      this.options.logger.warn('outbox lease lost before the item was put back for its turn', { id: lease.item.id, kind: lease.item.kind });
      return false;
    }
    this.pacer.away(lease.item.id, availableAt, backInMs);
    return true;
  }

  /** Stopping: available again at once, for another worker. */
  private async putBack(lease: OutboxLease): Promise<void> {
    const now = isoInstant(this.options.clock.now());
    if (!(await this.options.store.outbox.release(lease, now, now))) {
      this.options.logger.warn('outbox lease lost before the item was put back', { id: lease.item.id, kind: lease.item.kind });
    }
  }

  /** Resolves true after `ms`, or false as soon as the worker is stopping. */
  private sleep(ms: number): Promise<boolean> {
    const signal = this.halt.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', stopped);
        resolve(true);
      }, ms);
      const stopped = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', stopped, { once: true });
    });
  }

  private async handle(work: Work, handler: OutboxHandler | undefined): Promise<void> {
    const { store, clock, logger } = this.options;
    const item = work.lease.item;
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
    const lease = work.lease;
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

interface Work {
  lease: OutboxLease;
  ended: Promise<void>;
}

/** Every item waiting for its turn or a slot listens to it: a hundred listeners is normal, not a leak. */
function haltSignal(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/** A counting semaphore whose waiters are served in order and can give up when the worker stops. */
class Slots {
  private readonly waiting: ((taken: boolean) => void)[] = [];

  constructor(private free: number) {}

  take(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const waiter = (taken: boolean) => {
        signal.removeEventListener('abort', stopped);
        resolve(taken);
      };
      const stopped = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        resolve(false);
      };
      this.waiting.push(waiter);
      signal.addEventListener('abort', stopped, { once: true });
    });
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next(true);
    else this.free++;
  }
}
