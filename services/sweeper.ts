import type { DateTime } from 'luxon';
import { isoInstant, type Clock } from './clock';
import type { Deal } from './domain/model';
import type { TimeRules } from './domain/schedule';
import { applyTimeRules, type TimeEffect } from './domain/timeRules';
import type { Effects } from './notifications/effects';
import { ConflictError, type OutboxItem, type Store, type Stored } from './store/ports';

export interface SweeperLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** More time rules swept on the same schedule, each from its own due index (e.g. offers' rewards reminders). */
export interface DueSweep {
  sweep(now: DateTime): Promise<{ examined: number; changed: number }>;
}

export interface SweeperOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly timeRules: TimeRules;
  readonly effects: Effects;
  readonly logger: SweeperLogger;
  readonly intervalMs: number;
  /** Called after a sweep queued work (so the outbox worker looks at once). */
  readonly onWork?: () => void;
  readonly pageSize?: number;
  readonly others?: readonly DueSweep[];
}

export interface SweepReport {
  /** Deals found due. */
  readonly examined: number;
  /** Deals this sweep changed (others were already handled, e.g. by another process). */
  readonly changed: number;
  readonly reminders: number;
  readonly expired: number;
}

/**
 * Applies the time rules to every deal due: reminders before a referral expires, expiry itself, and
 * the end of Microsoft's 14-day window. It reads only the deals due (an index on dueAt), and saves
 * each change with its etag together with what it causes: when two processes sweep at once, or a
 * process dies half-way and sweeps again after restarting, each reminder and each expiry happens
 * exactly once — the loser of a race re-applies the rules to the saved deal and finds nothing left.
 */
export class Sweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(private readonly options: SweeperOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      this.running = this.sweepOnce()
        .catch((err: unknown) => this.options.logger.error('sweep failed', { error: err }))
        .finally(() => {
          if (!this.stopped) {
            this.timer = setTimeout(tick, this.options.intervalMs);
            this.timer.unref?.();
          }
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async sweepOnce(): Promise<SweepReport> {
    const now = this.options.clock.now();
    const report = { examined: 0, changed: 0, reminders: 0, expired: 0 };
    let token: string | undefined;
    do {
      const page = await this.options.store.deals.listDue(isoInstant(now), { limit: this.options.pageSize ?? 100, continuationToken: token });
      // The deals of a page are independent: sweep them together so their writes share commits.
      const results = await Promise.all(page.items.map((stored) => this.sweepDeal(stored)));
      for (const effects of results) {
        report.examined++;
        if (effects) {
          report.changed++;
          report.reminders += effects.filter((e) => e.kind === 'reminder').length;
          report.expired += effects.filter((e) => e.kind === 'expired').length;
        }
      }
      token = page.continuationToken;
    } while (token);
    for (const other of this.options.others ?? []) {
      const swept = await other.sweep(now);
      report.examined += swept.examined;
      report.changed += swept.changed;
    }
    if (report.changed > 0) {
      this.options.logger.info('sweep', report);
      this.options.onWork?.();
    }
    return report;
  }

  /** Apply the rules to one deal and save; the effects applied, or undefined when there was nothing to do. */
  private async sweepDeal(first: Stored<Deal>): Promise<TimeEffect[] | undefined> {
    const { store, clock, timeRules } = this.options;
    let stored: Stored<Deal> | undefined = first;
    for (let attempt = 0; attempt < 5 && stored; attempt++) {
      const { deal, effects } = applyTimeRules(stored.value, clock.now(), timeRules);
      if (effects.length === 0 && deal.dueAt === stored.value.dueAt) return undefined;
      try {
        await store.deals.update(deal, stored.etag, { outbox: this.outboxFor(deal, effects) });
        return effects.length ? effects : undefined;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        stored = await store.deals.get(first.value.tenantId, first.value.id);
      }
    }
    return undefined;
  }

  private outboxFor(deal: Deal, effects: readonly TimeEffect[]): OutboxItem[] {
    const { effects: make } = this.options;
    return effects.flatMap((e) => {
      switch (e.kind) {
        case 'reminder':
          return make.reminder(deal, e.lead);
        case 'expired':
          return make.referralOutcome(deal, 'referral.expired');
        case 'microsoftNoResponse':
          return [make.refreshCards(deal)];
        case 'snoozed':
          return [make.snoozedReminder(deal, e.userId, e.at)];
      }
    });
  }
}
