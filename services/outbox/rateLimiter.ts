/**
 * Pacing by reservation (the generic cell rate algorithm): each key has a rate per second and a
 * burst; no window of one second sees more than rate + burst sends on a key. Waiting callers are
 * served in the order they reserved, without polling.
 */
export interface Rate {
  readonly perSecond: number;
  readonly burst: number;
}

export class RateLimiter {
  /** Theoretical arrival time of the next send per key, in ms. */
  private readonly tat = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Wait for a turn on every key, one after the other — most specific first (the conversation, then
   * the tenant). Reserving the tenant only once the conversation's turn has come keeps one busy
   * conversation from holding tenant slots in the future that other conversations could use now.
   */
  async acquire(keys: readonly (readonly [string, Rate])[]): Promise<void> {
    for (const [key, rate] of keys) {
      const wait = this.reserve(key, rate);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** Reserve one send on a key now; returns the ms to wait before it may go. */
  reserve(key: string, rate: Rate): number {
    const t = this.now();
    const interval = 1000 / rate.perSecond;
    const tolerance = (rate.burst - 1) * interval;
    const tat = this.current(key, t);
    const at = Math.max(t, tat - tolerance);
    this.tat.set(key, Math.max(tat, at) + interval);
    return Math.ceil(at - t);
  }

  /** Nobody may send on this key for `ms` (Teams answered 429 with Retry-After). */
  pause(key: string, rate: Rate, ms: number): void {
    const t = this.now();
    const tolerance = (rate.burst - 1) * (1000 / rate.perSecond);
    this.tat.set(key, Math.max(this.current(key, t), t + ms + tolerance));
  }

  private current(key: string, t: number): number {
    const tat = this.tat.get(key);
    if (tat === undefined || tat < t) {
      // Idle keys carry no history; dropping them keeps the map as small as the set of busy keys.
      if (this.tat.size > 10_000) for (const [k, v] of this.tat) if (v < t) this.tat.delete(k);
      return t;
    }
    return tat;
  }
}
