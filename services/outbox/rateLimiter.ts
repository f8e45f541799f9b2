/**
 * Pacing by reservation (the generic cell rate algorithm): each key has a rate per second and a
 * burst; no window of one second sees more than rate + burst sends on a key, as long as each send
 * goes at the time it reserved.
 */
export interface Rate {
  readonly perSecond: number;
  readonly burst: number;
}

interface KeyState {
  /** Theoretical arrival time of the next send, in ms. */
  tat: number;
  /** How far ahead of its theoretical time a send may go (the burst), in ms. */
  tolerance: number;
}

export class RateLimiter {
  private readonly keys = new Map<string, KeyState>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Reserve one send on a key now; returns the ms to wait before it may go. */
  reserve(key: string, rate: Rate): number {
    const t = this.now();
    const interval = 1000 / rate.perSecond;
    const tolerance = (rate.burst - 1) * interval;
    const tat = this.current(key, t);
    const at = Math.max(t, tat - tolerance);
    this.keys.set(key, { tat: Math.max(tat, at) + interval, tolerance });
    return Math.ceil(at - t);
  }

  /** Nobody may send on this key for `ms` (Teams answered 429 with Retry-After). */
  pause(key: string, rate: Rate, ms: number): void {
    const t = this.now();
    const tolerance = (rate.burst - 1) * (1000 / rate.perSecond);
    this.keys.set(key, { tat: Math.max(this.current(key, t), t + ms + tolerance), tolerance });
  }

  /** Keys on which a send reserved now would wait longer than `ms`, each with that wait. */
  *busy(ms: number): Generator<readonly [string, number]> {
    const t = this.now();
    for (const [key, state] of this.keys) {
      const wait = state.tat - state.tolerance - t;
      if (wait > ms) yield [key, wait];
    }
  }

  private current(key: string, t: number): number {
    const state = this.keys.get(key);
    if (state === undefined || state.tat < t) {
      // Idle keys carry no history; dropping them keeps the map as small as the set of busy keys.
      if (this.keys.size > 10_000) for (const [k, v] of this.keys) if (v.tat < t) this.keys.delete(k);
      return t;
    }
    return state.tat;
  }
}
