import { DateTime } from 'luxon';
import { instantMillis } from '../services/clock';
import type { Deal } from '../services/domain/model';
import { countdown, formatDate, type Translator } from '../services/i18n';
import { openDeal, renderCompactCard } from './compact';
import { customerLine, dealCardHead, identityLine, NAME_SHOWN, noticeFields, STATUS_COLOR, timeToRespond, valueLine, type CardColor } from './dealText';
import { outcomeLine } from './referral';
import { renderCard, type AdaptiveCardJson } from './render';
import digestTemplate from './templates/reminder-digest.json';
import template from './templates/reminder.json';
import { oneLine } from './untrusted';

/** Less than this left to answer: the countdown is shown as urgent. */
const URGENT_MS = 24 * 3600_000;

/**
 * A reminder that a referral waits for an answer: what it is, how long is left, and the answers —
 * Accept, Decline, Open deal, "Remind me tomorrow" — in a card a few lines high (the full referral
 * card is one click away). Once answered, every copy shows the outcome instead.
 */
export interface ReminderCardData {
  dealId: string;
  tenantId: string;
  refreshUserIds: string[];
  notice: string;
  noticeColor: CardColor;
  header: string;
  headerColor: CardColor;
  title: string;
  summary: string;
  identity: string;
  outcome: string;
  outcomeColor: CardColor;
  canRespond: boolean;
  canSnooze: boolean;
  /** The reader gets single reminders: offer the daily digest instead. */
  offerDigest: boolean;
  labels: Record<'accept' | 'decline' | 'open' | 'snooze' | 'digest', string>;
  tooLarge: string;
}

/** Everything on it is one line or a catalog sentence; only a hostile notice could make it large. */
export function renderReminderCard(data: ReminderCardData): AdaptiveCardJson {
  return renderCard(template, data, { compact: (d) => renderCompactCard({ header: d.header, title: d.title, message: d.tooLarge, action: openDeal(d.labels.open, d.dealId, d.tenantId) }) });
}

export interface ReminderViewOptions {
  /** From the domain's allowedActions for this reader: 'accept', 'snooze'. */
  readonly canRespond: boolean;
  readonly canSnooze: boolean;
  readonly offerDigest: boolean;
  readonly refreshFor?: string;
  readonly notice?: { readonly text: string; readonly color: CardColor };
}

export function reminderCardData(deal: Deal, tr: Translator, now: DateTime, options: ReminderViewOptions): ReminderCardData {
  const waiting = deal.status === 'received' && deal.inbound !== undefined;
  const urgent = waiting && instantMillis(deal.inbound!.expiresAt) - now.toMillis() < URGENT_MS;
  // Past its deadline, a referral waits only for the sweeper to mark it expired: no time left to count.
  const left = waiting ? countdown(deal.inbound!.expiresAt, now) : undefined;
  return {
    ...dealCardHead(deal, options),
    header: left && !left.overdue ? tr.t('reminder.header', left.params) : tr.t('referral.header.seen'),
    headerColor: urgent ? 'Attention' : waiting ? 'Warning' : 'Accent',
    title: oneLine(deal.name, NAME_SHOWN),
    summary: tr.t('deal.list.summary', { customer: customerLine(deal.customer, tr), value: valueLine(deal, tr) }),
    identity: identityLine(deal, tr),
    outcome: outcomeLine(deal, tr),
    outcomeColor: STATUS_COLOR[deal.status],
    canRespond: waiting && options.canRespond,
    canSnooze: waiting && options.canSnooze,
    offerDigest: waiting && options.offerDigest,
    labels: {
      accept: tr.t('referral.accept'),
      decline: tr.t('referral.decline'),
      open: tr.t('referral.openDeal'),
      snooze: tr.t('reminder.snooze'),
      digest: tr.t('reminder.digestInstead'),
    },
    tooLarge: tr.t('card.tooLarge'),
  };
}

// ---------- the daily digest ----------

/** One card a day listing the referrals waiting for the reader, the one expiring first first. */
export interface DigestCardData {
  notice: string;
  noticeColor: CardColor;
  header: string;
  title: string;
  empty: string;
  rows: { dealId: string; tenantId: string; name: string; summary: string; timeLeft: string; timeColor: CardColor }[];
  more: string;
  /** The reader gets the digest now (offer single reminders), or single reminders (offer the digest). */
  digest: boolean;
  labels: Record<'open' | 'single' | 'digest', string>;
  tooLarge: string;
}

/** The most rows a digest shows; the rest are in `inbound`. */
export const DIGEST_ROWS = 15;

export function renderDigestCard(data: DigestCardData): AdaptiveCardJson {
  return renderCard(digestTemplate, data, {
    shrink: [(d) => ({ ...d, rows: d.rows.map((r) => ({ ...r, summary: '' })) })],
    compact: (d) => renderCompactCard({ header: d.header, title: d.title, message: d.tooLarge }),
  });
}

export function digestCardData(
  waiting: readonly Deal[],
  tr: Translator,
  now: DateTime,
  options: { digest: boolean; notice?: { text: string; color: CardColor } },
): DigestCardData {
  const day = DateTime.fromISO(now.toISO() as string).setZone(tr.reader.timeZone).toISODate() as string;
  return {
    ...noticeFields(options.notice),
    header: tr.t('digest.header', { date: formatDate(day, tr.reader) }),
    title: tr.t('digest.title', { count: waiting.length }),
    empty: waiting.length === 0 ? tr.t('digest.empty') : '',
    rows: waiting.slice(0, DIGEST_ROWS).map((deal) => ({
      dealId: deal.id,
      tenantId: deal.tenantId,
      name: oneLine(deal.name, NAME_SHOWN),
      summary: tr.t('deal.list.summary', { customer: oneLine(deal.customer.name, NAME_SHOWN), value: valueLine(deal, tr) }),
      timeLeft: timeToRespond(deal, tr, now),
      timeColor: deal.inbound && instantMillis(deal.inbound.expiresAt) - now.toMillis() < URGENT_MS ? 'Attention' : 'Default',
    })),
    more: waiting.length > DIGEST_ROWS ? tr.t('digest.more', { count: waiting.length - DIGEST_ROWS }) : '',
    digest: options.digest,
    labels: { open: tr.t('referral.openDeal'), single: tr.t('digest.singleInstead'), digest: tr.t('reminder.digestInstead') },
    tooLarge: tr.t('card.tooLarge'),
  };
}
