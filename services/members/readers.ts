import { READER_TALLY_KEYS, type Member, type ReaderTally } from '../domain/model';
import { readerOf, type Reader } from '../i18n';

/*
 * Which language and time zone a member reads, wherever the bot writes to them: the answer to their
 * own click, a card sent because someone else acted, a reminder at night. Teams says it on most
 * activities, but not on every one (installs and conversation updates may come without a locale), and
 * never when the bot writes first.
 */

/** What an activity said about its sender's language and zone, when it said anything valid. */
export interface Heard {
  readonly locale?: string;
  readonly timeZone?: string;
}

export const EMPTY_TALLY: ReaderTally = { locales: {}, timeZones: {} };

/**
 * The one rule, for each of locale and time zone: what Teams said on this turn; else what the member
 * last said (kept on the member); else what most of the organization's members use; else English and
 * UTC.
 */
export function decideReader(heard: Heard, member: Pick<Member, 'locale' | 'timeZone'> | undefined, usual: Heard = {}): Reader {
  return readerOf(heard.locale ?? member?.locale ?? usual.locale, heard.timeZone ?? member?.timeZone ?? usual.timeZone);
}

/** Whether decideReader needs the organization's usual reader for this member. */
export function needsUsual(heard: Heard, member: Pick<Member, 'locale' | 'timeZone'> | undefined): boolean {
  return !(heard.locale ?? member?.locale) || !(heard.timeZone ?? member?.timeZone);
}

/** The key counted most; on a tie the first in code-point order, so every process picks the same. */
function mostCounted(counts: Readonly<Record<string, number>>): string | undefined {
  let best: string | undefined;
  for (const [key, count] of Object.entries(counts)) {
    if (count <= 0) continue;
    if (best === undefined || count > counts[best]! || (count === counts[best] && key < best)) best = key;
  }
  return best;
}

/** The locale and zone most of an organization's members use. */
export function usualOf(tally: ReaderTally | undefined): Heard {
  const locale = tally && mostCounted(tally.locales);
  const timeZone = tally && mostCounted(tally.timeZones);
  return { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
}

function moved(counts: Readonly<Record<string, number>>, from: string | undefined, to: string | undefined): Record<string, number> {
  const next = { ...counts };
  const left = from !== undefined ? next[from] : undefined;
  if (from !== undefined && left !== undefined) {
    if (left > 1) next[from] = left - 1;
    else delete next[from];
  }
  // A key past the bound is not counted: the usual reader is one of the common ones anyway.
  if (to !== undefined && (next[to] !== undefined || Object.keys(next).length < READER_TALLY_KEYS)) next[to] = (next[to] ?? 0) + 1;
  return next;
}

/** The tally after one member's locale and zone went from `before` to `after` (undefined: unknown). */
export function tallied(tally: ReaderTally, before: Heard, after: Heard): ReaderTally {
  return {
    locales: before.locale === after.locale ? tally.locales : moved(tally.locales, before.locale, after.locale),
    timeZones: before.timeZone === after.timeZone ? tally.timeZones : moved(tally.timeZones, before.timeZone, after.timeZone),
  };
}
