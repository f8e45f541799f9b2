import { RateLimiter } from '../../services/outbox/rateLimiter';
import { backoffMs, parseRetryAfter } from '../../services/outbox/backoff';

/** Reserve `n` sends at once on one key with a fake clock; returns the send times in ms. */
function schedule(limiter: RateLimiter, n: number, key: string, rate: { perSecond: number; burst: number }, now: () => number): number[] {
  return Array.from({ length: n }, () => now() + limiter.reserve(key, rate));
}

/** The largest number of sends inside any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('pacing proactive sends to Teams’ limits', () => {
  it('one tenant at 45/s with a burst of 5 never exceeds 50 sends in any second, and sustains 45/s', () => {
    let t = 0;
    const limiter = new RateLimiter(() => t);
    const times = schedule(limiter, 1000, 'tenant:a', { perSecond: 45, burst: 5 }, () => t);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(50);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    expect(1000 / span).toBeGreaterThan(44);
  });

  it('one conversation at the default 0.45/s with a burst of 3 stays within 7 per second, 8 per 2 s, 60 per 30 s and 1800 per hour', () => {
    let t = 0;
    const limiter = new RateLimiter(() => t);
    const times = schedule(limiter, 2000, 'conversation:c', { perSecond: 0.45, burst: 3 }, () => t);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 2000)).toBeLessThanOrEqual(8);
    expect(maxInWindow(times, 30_000)).toBeLessThanOrEqual(60);
    expect(maxInWindow(times, 3_600_000)).toBeLessThanOrEqual(1800);
  });

  it('after a 429, nobody sends on that key until Retry-After has passed', () => {
    let t = 0;
    const rate = { perSecond: 45, burst: 5 };
    const limiter = new RateLimiter(() => t);
    limiter.pause('tenant:a', rate, 2000);
    expect(limiter.reserve('tenant:a', rate)).toBe(2000);
    expect(limiter.reserve('tenant:b', rate)).toBe(0);
    t = 10_000;
    expect(limiter.reserve('tenant:a', rate)).toBe(0);
  });
});

describe('backoff and Retry-After', () => {
  it('grows exponentially, stays between half and all of the step, and is capped', () => {
    expect(backoffMs(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 0.5)).toBe(6000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores nonsense', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
