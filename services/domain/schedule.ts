import { DateTime, Duration } from 'luxon';
import { isoInstant } from '../clock';
import type { Deal } from './model';
import { isTerminal } from './stages';

/** Configuration of the time rules: how long before expiry each reminder goes out. */
export interface TimeRules {
  /** Distinct lead times, longest first (e.g. P7D, P3D, P1D). */
  readonly reminderLeadTimes: readonly Duration[];
}

/** Reads `P7D,P3D,P1D`; throws on anything that is not a positive ISO-8601 duration. */
export function parseLeadTimes(csv: string): Duration[] {
  const parts = csv.split(',').map((s) => s.trim()).filter(Boolean);
  const leads = parts.map((p) => {
    const d = Duration.fromISO(p);
    if (!d.isValid || d.toMillis() <= 0) throw new Error(`"${p}" is not a positive ISO-8601 duration`);
    return d;
  });
  const unique = new Map(leads.map((d) => [d.toMillis(), d]));
  return [...unique.values()].sort((a, b) => b.toMillis() - a.toMillis());
}

export function leadKey(lead: Duration): string {
  return lead.toISO() as string;
}

/** Lead times whose reminder moment is already past when the referral arrives are not sent. */
export function initialRemindersDone(expiresAt: DateTime, now: DateTime, rules: TimeRules): string[] {
  return rules.reminderLeadTimes.filter((lead) => expiresAt.minus(lead) <= now).map(leadKey);
}

/**
 * When a time rule next applies to this deal, or null: the next reminder (a member's "remind me
 * tomorrow" included) or the expiry of a received referral, and the end of Microsoft's window on an
 * open deal it was invited to.
 */
export function nextDueAt(deal: Deal, rules: TimeRules): string | null {
  if (isTerminal(deal)) return null;
  const times: DateTime[] = [];
  if (deal.status === 'received' && deal.inbound) {
    const expiresAt = DateTime.fromISO(deal.inbound.expiresAt);
    times.push(expiresAt);
    for (const lead of rules.reminderLeadTimes) {
      if (!deal.inbound.remindersDone.includes(leadKey(lead))) times.push(expiresAt.minus(lead));
    }
    for (const snooze of deal.inbound.snoozes ?? []) times.push(DateTime.fromISO(snooze.at));
  }
  if (deal.microsoft.status === 'invited' && deal.microsoft.respondBy) times.push(DateTime.fromISO(deal.microsoft.respondBy));
  if (times.length === 0) return null;
  return isoInstant(DateTime.min(...times) as DateTime);
}

export function withDueAt(deal: Deal, rules: TimeRules): Deal {
  const dueAt = nextDueAt(deal, rules);
  return dueAt === deal.dueAt ? deal : { ...deal, dueAt };
}
