import type { DateTime } from 'luxon';
import { isoInstant } from '../clock';
import { applyRewardsReminders, type Offer } from '../domain/offers';
import type { Effects } from '../notifications/effects';
import { ConflictError, type Store, type Stored } from '../store/ports';

export interface RewardsRemindersDeps {
  readonly store: Store;
  readonly effects: Effects;
  readonly pageSize?: number;
}

/**
 * The marketplace rewards reminders (002), swept like the deals' time rules: read the offers due (an
 * index on dueAt), apply the rule, and save each offer with its etag together with one outbox item per
 * reminder, whose id names its cause. Two processes sweeping at once, or one that dies half-way and
 * sweeps again, send each reminder exactly once: the loser of a race re-applies the rule to the saved
 * offer and finds nothing left.
 */
export class RewardsReminders {
  constructor(private readonly deps: RewardsRemindersDeps) {}

  async sweep(now: DateTime): Promise<{ examined: number; changed: number }> {
    let examined = 0;
    let changed = 0;
    let token: string | undefined;
    do {
      const page = await this.deps.store.offers.listDue(isoInstant(now), { limit: this.deps.pageSize ?? 100, continuationToken: token });
      const results = await Promise.all(page.items.map((stored) => this.sweepOffer(stored, now)));
      examined += results.length;
      changed += results.filter(Boolean).length;
      token = page.continuationToken;
    } while (token);
    return { examined, changed };
  }

  /** Whether this sweep sent reminders for the offer. */
  private async sweepOffer(first: Stored<Offer>, now: DateTime): Promise<boolean> {
    let stored: Stored<Offer> | undefined = first;
    for (let attempt = 0; attempt < 5 && stored; attempt++) {
      const { offer, reminders } = applyRewardsReminders(stored.value, now);
      if (reminders.length === 0 && offer.dueAt === stored.value.dueAt) return false;
      try {
        await this.deps.store.offers.update(offer, stored.etag, { outbox: reminders.map((r) => this.deps.effects.offerReminder(offer, r)) });
        return reminders.length > 0;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        stored = await this.deps.store.offers.get(first.value.tenantId, first.value.id);
      }
    }
    return false;
  }
}
