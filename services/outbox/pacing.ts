import type { ClaimSkip, OutboxRecord } from '../store/ports';
import { RateLimiter, type Rate } from './rateLimiter';

/** How one item is paced: per its outbox key (e.g. one Teams conversation) and per its tenant. */
export interface Pacing {
  readonly perKey?: Rate;
  readonly perTenant?: Rate;
}

interface Turn {
  /** When the item may go on this key (limiter ms). */
  readonly at: number;
  /** One interval of the key's rate: how late a turn may be taken before it crowds the next ones. */
  readonly slack: number;
}

interface ItemTurns {
  readonly turns: Map<string, Turn>;
  /** Set while the item waits in the store for its turn. */
  away?: { readonly availableAt: string; readonly back: number };
}

/** An item that waits in the store is forgotten this long after it was due back: another worker took it. */
const FORGET_AWAY_AFTER_MS = 5 * 60_000;

/**
 * Decides, before anything is sent, whether an item may go now, and remembers each item's reserved
 * turns, so that an item sent back to the store until its turn keeps that turn when it returns
 * instead of queueing again behind everything reserved since.
 *
 * It also tells the worker which backlogs to leave in the store: those of a key (chat) or tenant whose
 * next turn is too far off to take more of its items now. Rates are per process, as the limits in the
 * configuration say.
 */
export class Pacer {
  private readonly limiter: RateLimiter;
  private readonly items = new Map<string, ItemTurns>();
  private readonly window = new SendWindow();

  constructor(private readonly now: () => number = () => performance.now()) {
    this.limiter = new RateLimiter(now);
  }

  /**
   * This item's turn, reserved on each key most specific first (its key, then its tenant). The tenant
   * is reserved only once the key's turn has come, so that one busy chat never holds tenant turns
   * that other chats could use now. Returns 0 when the item may go now, else the ms to its next turn
   * (which it keeps: ask again then).
   */
  turn(item: OutboxRecord, pacing: Pacing): number {
    const t = this.now();
    let entry = this.items.get(item.id);
    if (!entry) this.items.set(item.id, (entry = { turns: new Map() }));
    if (entry.away) {
      entry.away = undefined;
      // Back from the store later than its turn (a slow claim, a busy process): sent now, it would
      // crowd the turns after it, so it takes a new one.
      for (const [key, turn] of entry.turns) if (t - turn.at > turn.slack) entry.turns.delete(key);
    }
    const keys = keysOf(item, pacing);
    for (const [key, rate] of keys) {
      let turn = entry.turns.get(key);
      if (!turn) {
        turn = { at: t + this.limiter.reserve(key, rate), slack: 1000 / rate.perSecond };
        entry.turns.set(key, turn);
      }
      if (turn.at > t) return Math.ceil(turn.at - t);
    }
    return this.window.admit(keys, t);
  }

  /** The item waits in the store until `availableAt`, which is `backInMs` from now; it keeps its turns. */
  away(itemId: string, availableAt: string, backInMs: number): void {
    const entry = this.items.get(itemId);
    if (entry) entry.away = { availableAt, back: this.now() + backInMs };
  }

  /** The item went, or is no longer this worker's: its turns are spent. */
  done(itemId: string): void {
    this.items.delete(itemId);
  }

  /** Nobody of this tenant may send for `ms` (Teams answered 429). */
  pauseTenant(tenantId: string, rate: Rate, ms: number): void {
    this.limiter.pause(tenantKey(tenantId), rate, ms);
  }

  /**
   * What a claim should leave in the store: the items of each key or tenant on which a new item would
   * wait longer than `horizonMs` — those that became available before the first of its items waiting
   * in the store for a turn (those come back for their turns; items newer than that are taken and get
   * turns of their own). The longest waits first, at most `max`.
   */
  skips(horizonMs: number, max: number): ClaimSkip[] {
    const busy = [...this.limiter.busy(horizonMs)].sort((a, b) => b[1] - a[1]).slice(0, max);
    if (busy.length === 0) return [];
    const firstBack = this.firstAwayByKey();
    return busy.map(([key]) => {
      const availableBefore = firstBack.get(key);
      const skip = key.startsWith(KEY) ? { key: key.slice(KEY.length) } : { tenantId: key.slice(TENANT.length) };
      return availableBefore === undefined ? skip : { ...skip, availableBefore };
    });
  }

  /**
   * The ms until pacing lets a claim take something it would leave now: the next item due back from
   * the store, or the next busy key or tenant coming within `horizonMs` of its turn.
   */
  nextChange(horizonMs: number): number | undefined {
    const t = this.now();
    let next = Infinity;
    // Items already due back were there for the claim just made; one not taken went to another worker.
    for (const entry of this.items.values()) if (entry.away && entry.away.back > t) next = Math.min(next, entry.away.back - t);
    for (const [, wait] of this.limiter.busy(horizonMs)) next = Math.min(next, wait - horizonMs);
    return Number.isFinite(next) ? Math.max(0, Math.ceil(next)) : undefined;
  }

  private firstAwayByKey(): Map<string, string> {
    const t = this.now();
    const first = new Map<string, string>();
    for (const [id, entry] of this.items) {
      if (!entry.away) continue;
      if (t - entry.away.back > FORGET_AWAY_AFTER_MS) {
        this.items.delete(id);
        continue;
      }
      for (const key of entry.turns.keys()) {
        const known = first.get(key);
        if (known === undefined || entry.away.availableAt < known) first.set(key, entry.away.availableAt);
      }
    }
    return first;
  }
}

const KEY = 'key:';
const TENANT = 'tenant:';
const tenantKey = (tenantId: string) => `${TENANT}${tenantId}`;

function keysOf(item: OutboxRecord, pacing: Pacing): (readonly [string, Rate])[] {
  const keys: (readonly [string, Rate])[] = [];
  if (pacing.perKey && item.key !== undefined) keys.push([`${KEY}${item.key}`, pacing.perKey]);
  if (pacing.perTenant) keys.push([tenantKey(item.tenantId), pacing.perTenant]);
  return keys;
}

/**
 * Turns keep to the limits only if each send goes at its turn. A busy process wakes its waiting items
 * late, several at once, and those would go out together with the ones on time; so the sends that
 * actually go are counted too, and none goes while the last second already holds rate + burst of them.
 */
class SendWindow {
  private readonly sent = new Map<string, number[]>();

  /** 0, with the send counted on every key, or the ms until every key has room. */
  admit(keys: readonly (readonly [string, Rate])[], t: number): number {
    let wait = 0;
    for (const [key, rate] of keys) {
      const times = this.recent(key, t);
      const room = Math.max(1, Math.floor(rate.perSecond + rate.burst));
      if (times.length >= room) wait = Math.max(wait, Math.ceil(times[times.length - room]! + 1000 - t));
    }
    if (wait > 0) return wait;
    for (const [key] of keys) this.recent(key, t).push(t);
    return 0;
  }

  private recent(key: string, t: number): number[] {
    let times = this.sent.get(key);
    if (!times) {
      // Quiet keys carry no history; dropping them keeps the map as small as the set of busy keys.
      if (this.sent.size > 10_000) for (const [k, v] of this.sent) if (v[v.length - 1]! <= t - 1000) this.sent.delete(k);
      this.sent.set(key, (times = []));
    }
    while (times.length > 0 && times[0]! <= t - 1000) times.shift();
    return times;
  }
}
