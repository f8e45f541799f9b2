import { DateTime, Duration } from 'luxon';
import { isoInstant } from '../clock';
import type { Actor, Deal, HistoryEntry } from './model';
import { ok, refuse, type Result } from './result';
import { withDueAt, type TimeRules } from './schedule';
import { isTerminal } from './stages';

/** Who acts and when. `zone` is the actor's time zone; "today" for close dates is their calendar date. */
export interface ActionContext {
  readonly actor: Actor;
  readonly now: DateTime;
  readonly zone?: string;
}

/** The response window of an inbound referral when the sender gives none (003: currently 14 days). */
export const REFERRAL_WINDOW = Duration.fromObject({ days: 14 });
/** Microsoft's window to decide whether to join a deal it was invited to (003). */
export const MICROSOFT_WINDOW = Duration.fromObject({ days: 14 });

/**
 * yyyy-MM-dd in a zone: en-CA writes dates that way. One cached formatter per zone, and the last day
 * computed per zone with the minute it was computed for: every card action asks for "today" once or
 * twice, and every zone's offset is a whole number of minutes today, so a day never starts mid-minute.
 */
const calendarDay = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();

export function todayFor(ctx: Pick<ActionContext, 'now' | 'zone'>): string {
  const zone = ctx.zone ?? 'UTC';
  const minute = Math.floor(ctx.now.toMillis() / 60_000);
  let known = calendarDay.get(zone);
  if (known?.minute === minute) return known.day;
  if (!known) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return ctx.now.toUTC().toISODate() as string; // not a zone Intl knows: the UTC day
    }
    known = { format, minute: NaN, day: '' };
    if (calendarDay.size < 500) calendarDay.set(zone, known);
  }
  known.minute = minute;
  known.day = known.format.format(ctx.now.toJSDate());
  return known.day;
}

export function entry(event: HistoryEntry['event'], ctx: Pick<ActionContext, 'actor' | 'now'>, extra?: Partial<HistoryEntry>): HistoryEntry {
  return { event, at: isoInstant(ctx.now), by: ctx.actor, ...extra };
}

/** Every change stamps `updatedAt`, appends to the history and recomputes when the deal is next due. */
export function changed(deal: Deal, ctx: Pick<ActionContext, 'actor' | 'now'>, rules: TimeRules, history: HistoryEntry[] = []): Deal {
  return withDueAt({ ...deal, updatedAt: isoInstant(ctx.now), history: [...deal.history, ...history] }, rules);
}

/** Guard shared by every user action: a closed deal refuses any change, with the reason. */
export function guardNotTerminal(deal: Deal): Result<void> {
  return isTerminal(deal) ? refuse('deal_closed', { status: deal.status }) : ok(undefined);
}

/** Open = accepted or created and not yet closed; a received referral must be accepted first. */
export function guardOpen(deal: Deal): Result<void> {
  const closed = guardNotTerminal(deal);
  if (!closed.ok) return closed;
  return deal.status === 'open' ? ok(undefined) : refuse('not_open');
}
