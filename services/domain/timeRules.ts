import { DateTime } from 'luxon';
import { isoInstant } from '../clock';
import { changed, entry } from './change';
import { expireReferral } from './lifecycle';
import { SYSTEM, type Deal } from './model';
import { leadKey, withDueAt, type TimeRules } from './schedule';

/** What the sweeper must tell people about after applying the time rules to one deal. */
export type TimeEffect =
  | { readonly kind: 'reminder'; readonly lead: string }
  /** One member's "remind me tomorrow" came due: a reminder to them alone, named by when it was due. */
  | { readonly kind: 'snoozed'; readonly userId: string; readonly at: string }
  | { readonly kind: 'expired' }
  | { readonly kind: 'microsoftNoResponse' };

/**
 * Apply every time rule due at `now` to one deal, as a pure function:
 * - a received referral past its window becomes Expired;
 * - otherwise the reminders whose moment has come are marked done and one reminder (the most urgent)
 *   is sent, so a bot that was down for days does not send a burst of stale reminders;
 * - each member's "remind me tomorrow" that has come due is sent to them once, and removed;
 * - Microsoft's 14-day window to join ends without an answer.
 * Applying it twice at the same `now` changes nothing the second time.
 */
export function applyTimeRules(deal: Deal, now: DateTime, rules: TimeRules): { deal: Deal; effects: TimeEffect[] } {
  let current = deal;
  const effects: TimeEffect[] = [];
  if (current.status === 'received' && current.inbound) {
    const expiresAt = DateTime.fromISO(current.inbound.expiresAt);
    if (now >= expiresAt) {
      const expired = expireReferral(current, now, rules);
      if (expired.ok) {
        current = expired.value;
        effects.push({ kind: 'expired' });
      }
    } else {
      const due = rules.reminderLeadTimes.filter((lead) => !current.inbound!.remindersDone.includes(leadKey(lead)) && expiresAt.minus(lead) <= now);
      const mostUrgent = due[due.length - 1];
      if (mostUrgent) {
        current = {
          ...current,
          updatedAt: isoInstant(now),
          inbound: { ...current.inbound!, remindersDone: [...current.inbound!.remindersDone, ...due.map(leadKey)] },
        };
        effects.push({ kind: 'reminder', lead: leadKey(mostUrgent) });
      }
      const snoozes = current.inbound!.snoozes ?? [];
      const dueSnoozes = snoozes.filter((s) => DateTime.fromISO(s.at) <= now);
      if (dueSnoozes.length > 0) {
        current = { ...current, updatedAt: isoInstant(now), inbound: { ...current.inbound!, snoozes: snoozes.filter((s) => !dueSnoozes.includes(s)) } };
        for (const s of dueSnoozes) effects.push({ kind: 'snoozed', userId: s.userId, at: s.at });
      }
    }
  }
  if (current.status === 'open' && current.microsoft.status === 'invited' && current.microsoft.respondBy && now >= DateTime.fromISO(current.microsoft.respondBy)) {
    const ctx = { actor: SYSTEM, now };
    current = changed({ ...current, microsoft: { ...current.microsoft, status: 'noResponse' } }, ctx, rules, [entry('microsoftResponded', ctx, { detail: 'noResponse' })]);
    effects.push({ kind: 'microsoftNoResponse' });
  }
  return { deal: withDueAt(current, rules), effects };
}
