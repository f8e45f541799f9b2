import { systemClock, isoInstant } from '../../services/clock';
import { OutboxDispatcher, type DispatcherOptions, type HandlerOutcome, type OutboxHandler } from '../../services/outbox/dispatcher';
import type { Pacing } from '../../services/outbox/pacing';
import type { OutboxItem, OutboxRecord } from '../../services/store/ports';
import { SqliteStore } from '../../services/store/sqlite';

/*
 * The worker on a real (in-memory) store, in real time, with a handler that records what it was given
 * and can be held in the middle of a call.
 */

class RecordingHandler implements OutboxHandler {
  readonly calls: { id: string; at: number }[] = [];
  private readonly held = new Map<string, () => void>();
  private readonly t0 = performance.now();

  constructor(private readonly paced?: Pacing, private readonly hold: readonly string[] = []) {}

  pacing(): Pacing | undefined {
    return this.paced;
  }

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    this.calls.push({ id: item.id, at: performance.now() - this.t0 });
    if (this.hold.includes(item.id)) await new Promise<void>((resolve) => this.held.set(item.id, resolve));
    return { kind: 'done' };
  }

  /** Let a held call finish. */
  finish(id: string): void {
    this.held.get(id)?.();
  }

  finishAll(): void {
    for (const finish of this.held.values()) finish();
  }

  async called(id: string): Promise<void> {
    while (!this.calls.some((c) => c.id === id)) await new Promise((r) => setTimeout(r, 10));
  }
}

const warnings: string[] = [];
const logger = { warn: (msg: string) => warnings.push(msg), error: (msg: string) => warnings.push(msg), debug: () => undefined };

function items(...specs: [id: string, key: string][]): OutboxItem[] {
  return specs.map(([id, key]) => ({ id, kind: 'job', tenantId: 't1', key, payload: {}, availableAt: isoInstant(systemClock.now()) }));
}

describe('the outbox worker', () => {
  let store: SqliteStore;
  const workers: OutboxDispatcher[] = [];
  const handlers: RecordingHandler[] = [];

  beforeEach(() => {
    store = SqliteStore.inMemory();
    warnings.length = 0;
  });

  afterEach(async () => {
    for (const h of handlers.splice(0)) h.finishAll();
    for (const w of workers.splice(0)) await w.stop();
    await store.close();
  });

  const worker = (handler: RecordingHandler, options: Partial<DispatcherOptions> = {}) => {
    handlers.push(handler);
    const w = new OutboxDispatcher({ store, clock: systemClock, handlers: { job: handler }, logger, idleMs: 50, ...options });
    workers.push(w);
    return w;
  };

  it('when an item must wait for its chat longer than a short turn, then it goes back to the store, not as an attempt, and the worker goes on with the others', async () => {
    const handler = new RecordingHandler({ perKey: { perSecond: 1, burst: 1 } });
    await store.outbox.enqueue(items(['c1', 'chat-c'], ['c2', 'chat-c'], ['c3', 'chat-c'], ['d1', 'chat-d']));
    worker(handler, { parkMs: 300 }).start();
    await handler.called('d1');
    expect(handler.calls.map((c) => c.id).sort()).toEqual(['c1', 'd1']);
    // c3's turn is two seconds away: it waits in the store, with no attempt counted.
    const enqueuedAt = (await store.outbox.get('c3'))!.availableAt;
    let waiting = await store.outbox.get('c3');
    for (let i = 0; waiting!.availableAt === enqueuedAt && i < 50; i++) waiting = await new Promise((r) => setTimeout(r, 10)).then(() => store.outbox.get('c3'));
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    expect(Date.parse(waiting!.availableAt)).toBeGreaterThan(Date.now() + 1000);

    await handler.called('c3');
    expect(handler.calls.map((c) => c.id)).toEqual(expect.arrayContaining(['c1', 'd1', 'c2', 'c3']));
    const at = Object.fromEntries(handler.calls.map((c) => [c.id, c.at]));
    // Each at its turn, a second apart, never earlier (a little timer slack allowed).
    expect(at.c2! - at.c1!).toBeGreaterThanOrEqual(990);
    expect(at.c3! - at.c2!).toBeGreaterThanOrEqual(990);
    expect(handler.calls).toHaveLength(4);
    expect(warnings).toEqual([]);
  });

  it('when stopped with items waiting for a slot, then the call under way is settled and the others are at once available to another worker', async () => {
    const handler = new RecordingHandler(undefined, ['j1']);
    await store.outbox.enqueue(items(['j1', 'a'], ['j2', 'b'], ['j3', 'c'], ['j4', 'd']));
    const first = worker(handler, { concurrency: 1 });
    first.start();
    await handler.called('j1');
    const stopped = first.stop();
    setTimeout(() => handler.finish('j1'), 100);
    await stopped;

    expect(handler.calls.map((c) => c.id)).toEqual(['j1']);
    expect(await store.outbox.get('j1')).toMatchObject({ status: 'done' });
    // Leases last a minute: another worker can take the rest only because they were put back.
    const taken = await store.outbox.claim('another-worker', isoInstant(systemClock.now()), 10, 60_000);
    expect(taken.map((l) => l.item).map((i) => [i.id, i.attempts]).sort()).toEqual([['j2', 0], ['j3', 0], ['j4', 0]]);
  });

  it('when an item waited for a slot until its lease could end during the call, then the lease is renewed before the call', async () => {
    const handler = new RecordingHandler(undefined, ['slow', 'renewed']);
    await store.outbox.enqueue(items(['slow', 'a'], ['renewed', 'b']));
    worker(handler, { concurrency: 1, leaseMs: 1000, handlerBudgetMs: 600 }).start();
    await handler.called('slow');
    await new Promise((r) => setTimeout(r, 500));
    handler.finish('slow');
    await handler.called('renewed');
    await new Promise((r) => setTimeout(r, 700)); // past the end of the lease it was claimed with
    expect(await store.outbox.claim('another-worker', isoInstant(systemClock.now()), 10, 60_000)).toEqual([]);
    handler.finish('renewed');
    await new Promise((r) => setTimeout(r, 100));
    expect(await store.outbox.get('renewed')).toMatchObject({ status: 'done' });
    expect(warnings).toEqual([]);
  });

  it('when another worker took an item while it waited for a slot, then it is never handled here', async () => {
    const handler = new RecordingHandler(undefined, ['slow']);
    await store.outbox.enqueue(items(['slow', 'a'], ['taken', 'b']));
    // Full with these two (room for twice the batch), it claims nothing more, its own items included.
    worker(handler, { concurrency: 1, batchSize: 1, leaseMs: 1000, handlerBudgetMs: 600 }).start();
    await handler.called('slow');
    await new Promise((r) => setTimeout(r, 1100)); // the waiting item's lease ran out (the slow call's too)...
    const taken = await store.outbox.claim('another-worker', isoInstant(systemClock.now()), 10, 60_000);
    expect(taken.map((l) => l.item.id)).toContain('taken'); // ...and another worker took it
    handler.finish('slow');
    await new Promise((r) => setTimeout(r, 200));
    expect(handler.calls.map((c) => c.id)).toEqual(['slow']);
    expect(warnings).toContain('outbox lease lost before the item was handled; left to its new holder');
  });
});
