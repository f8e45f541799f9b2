import { dealStatusCardData, renderDealStatusCard } from '../../cards/dealStatus';
import { renderErrorCard } from '../../cards/notice';
import { REFERRAL_SHOWN, referralCardFor, referralHeader } from '../../cards/referral';
import { digestCardData, renderDigestCard } from '../../cards/reminder';
import { oneLine } from '../../cards/untrusted';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardJson } from '../../cards/render';
import { renderSenderOutcomeCard, senderOutcomeCardData } from '../../cards/senderOutcome';
import type { Clock } from '../../services/clock';
import { isoInstant } from '../../services/clock';
import { allowedActions } from '../../services/domain/actions';
import { canView } from '../../services/domain/visibility';
import { translator } from '../../services/i18n';
import type { Membership } from '../../services/members/membership';
import type { CardPurpose, SendPayload, UpdatePayload } from '../../services/notifications/effects';
import { waitingReferrals } from '../../services/referrals/waiting';
import { backoffMs, parseRetryAfter } from '../../services/outbox/backoff';
import type { HandlerOutcome, OutboxHandler } from '../../services/outbox/dispatcher';
import type { Pacer, Pacing } from '../../services/outbox/pacing';
import type { Rate } from '../../services/outbox/rateLimiter';
import type { ConversationRecord, OutboxRecord, Store } from '../../services/store/ports';
import type { Logger } from '../logger';
import { ConnectorError, type BotConnector } from './connector';

export type ComposedCard = { card: AdaptiveCardJson; summary: string };

/** Composes the card of a purpose that is not about a deal (a feature's notices); undefined: nothing to send. */
export type PurposeComposer = (tenantId: string, p: SendPayload | UpdatePayload) => Promise<ComposedCard | undefined>;

/**
 * Renders the card a proactive message carries, for its reader, from the deal as it is now — so a
 * message sent late, or an update of an old copy, always shows the current state. Cards about
 * something else come from the composer registered for their purpose.
 */
export class CardComposer {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly membership: Membership,
    private readonly others: Partial<Record<CardPurpose, PurposeComposer>> = {},
  ) {}

  async compose(tenantId: string, p: SendPayload | UpdatePayload): Promise<ComposedCard | undefined> {
    if (p.purpose === 'digest') return this.digest(tenantId, p);
    const other = this.others[p.purpose];
    if (other) return other(tenantId, p);
    if (p.purpose === 'offerReminder') return undefined;
    const deal = (await this.store.deals.get(p.dealTenantId, p.dealId))?.value;
    if (!deal) return undefined;
    const member = p.userId ? (await this.store.members.get(tenantId, p.userId))?.value : undefined;
    // Whoever caused the card (another member, the intake, a partner), it is in its reader's language and zone.
    const tr = translator(await this.membership.readerFor(tenantId, member));
    const now = this.clock.now();
    if (p.purpose === 'senderOutcome') {
      const receiver = (await this.store.organizations.get(deal.tenantId))?.value.name ?? deal.tenantId;
      const data = senderOutcomeCardData(deal, receiver, tr);
      return { card: renderSenderOutcomeCard(data), summary: data.title };
    }
    if (!member || !canView(member, deal)) {
      return { card: renderErrorCard(tr.t('error.title'), tr.t('error.dealNotFound')), summary: tr.t('error.title') };
    }
    if (p.purpose === 'deal') {
      const data = dealStatusCardData(deal, member, tr, now, { allowed: allowedActions(deal, member, now), refreshFor: member.userId });
      return { card: renderDealStatusCard(data), summary: tr.t('notification.summary', { label: data.title, text: data.status }) };
    }
    const card = referralCardFor(deal, member, tr, now, p.purpose);
    const name = oneLine(deal.name, REFERRAL_SHOWN.name);
    // In Teams' activity feed: a referral as its card's header says it; a reminder, that it waits for an answer.
    const summary = p.purpose === 'reminder' ? tr.t('reminder.summary', { name }) : tr.t('notification.summary', { label: referralHeader(deal, tr), text: name });
    return { card, summary };
  }

  /** A member's digest, from the referrals waiting for them as they are when it is sent; nothing when none waits. */
  private async digest(tenantId: string, p: SendPayload | UpdatePayload): Promise<ComposedCard | undefined> {
    const member = p.userId ? (await this.store.members.get(tenantId, p.userId))?.value : undefined;
    if (!member) return undefined;
    const now = this.clock.now();
    const waiting = await waitingReferrals(this.store, member, now);
    if (waiting.length === 0) return undefined;
    const tr = translator(await this.membership.readerFor(tenantId, member));
    const data = digestCardData(waiting, tr, now, { digest: member.reminders === 'digest' });
    return { card: renderDigestCard(data), summary: data.title };
  }
}

export interface TeamsSenderOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly connector: BotConnector;
  readonly composer: CardComposer;
  readonly membership: Membership;
  /** The worker's pacer: a 429 slows the whole tenant down there. */
  readonly pacer: Pacer;
  readonly rates: { readonly conversation: Rate; readonly tenant: Rate };
  readonly logger: Logger;
  /** How long a call waits for Teams' answer before it counts as unanswered. */
  readonly timeoutMs: number;
  /** Give up on 5xx/timeouts after this many attempts (about a day with the backoff cap). */
  readonly maxAttempts?: number;
}

const DONE: HandlerOutcome = { kind: 'done' };
const UNANSWERED = Symbol('unanswered');

/** A late answer is still awaited this many timeouts, and at least a minute. */
const LATE_ANSWER_TIMEOUTS = 4;
const LATE_ANSWER_MIN_MS = 60_000;
/** Receipts of late answers are kept longer than an item is ever retried. */
const RECEIPT_DAYS = 7;

/**
 * The one way out to Teams. Each proactive send or update is a short run of guard clauses: is the
 * conversation still there? is there anything to show? then send, and record the copy. The worker
 * paces each item (per conversation, then per tenant) before it gets here. 429 waits for Retry-After
 * (with jitter) and slows the whole tenant down; 5xx and timeouts back off and retry; 403/404 are
 * never retried — the conversation is gone, so it is forgotten.
 *
 * Teams' send is not idempotent and a message cannot be looked up, so a send Teams has not answered
 * in time may still be delivered. Its answer is still awaited for a while (see lateAnswerMs): if it
 * comes, the copy is recorded, so later updates reach it, with a receipt under the item's id. The item
 * is retried only once that wait is over, and a retry first looks for the receipt. What is left: a
 * message Teams delivered but whose answer never reached us is sent a second time.
 */
export class TeamsSender implements OutboxHandler {
  private readonly lateAnswerMs: number;
  /** Ends every wait for a late answer (the process is stopping). */
  private readonly closing = new AbortController();
  private readonly lateAnswers = new Set<Promise<void>>();

  constructor(private readonly options: TeamsSenderOptions, private readonly mode: 'send' | 'update') {
    this.lateAnswerMs = Math.max(LATE_ANSWER_MIN_MS, LATE_ANSWER_TIMEOUTS * options.timeoutMs);
  }

  pacing(): Pacing {
    return { perKey: this.options.rates.conversation, perTenant: this.options.rates.tenant };
  }

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const { store, composer, connector } = this.options;
    const p = item.payload as unknown as SendPayload & Partial<UpdatePayload>;
    if (this.mode === 'send' && item.attempts > 0 && (await this.answeredLate(item))) return DONE;
    const conversation = await store.conversations.get(item.tenantId, p.conversationId);
    if (!conversation) return DONE;
    const composed = await composer.compose(item.tenantId, p);
    if (!composed) return DONE;
    const activity = { type: 'message', summary: composed.summary, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: composed.card }] };
    try {
      if (this.mode === 'send') return await this.send(item, p, conversation, activity);
      await connector.update(conversation.serviceUrl, conversation.conversationId, p.activityId!, activity);
      return DONE;
    } catch (err) {
      if (!(err instanceof ConnectorError)) throw err;
      return this.onFailure(item, err);
    }
  }

  /** Stop waiting for late answers (sends only); their items are retried later, when a second copy is possible. */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all([...this.lateAnswers]);
  }

  private async send(item: OutboxRecord, p: SendPayload, conversation: ConversationRecord, activity: Record<string, unknown>): Promise<HandlerOutcome> {
    const { connector, timeoutMs } = this.options;
    const answer = connector.send(conversation.serviceUrl, conversation.conversationId, activity, AbortSignal.any([AbortSignal.timeout(this.lateAnswerMs), this.closing.signal]));
    const onTime = await within(answer, timeoutMs);
    if (onTime !== UNANSWERED) {
      await this.recordCopy(item, p, onTime.id);
      return DONE;
    }
    this.awaitLateAnswer(item, p, answer);
    return { kind: 'retry', afterMs: this.lateAnswerMs + Math.round(Math.random() * 1000), error: `Teams did not answer within ${timeoutMs} ms` };
  }

  private awaitLateAnswer(item: OutboxRecord, p: SendPayload, answer: Promise<{ id: string }>): void {
    const { store, clock, logger } = this.options;
    const late = answer
      .then(async ({ id }) => {
        await this.recordCopy(item, p, id);
        const now = clock.now();
        await store.idempotency.putIfAbsent(receiptKey(item), { activityId: id }, isoInstant(now.plus({ days: RECEIPT_DAYS })), isoInstant(now));
        logger.info('Teams answered a send after the timeout; its copy is recorded', { id: item.id, conversationId: p.conversationId });
      })
      .catch((err: unknown) => logger.warn('a send Teams did not answer in time got no answer; it will be retried', { id: item.id, conversationId: p.conversationId, error: err }))
      .finally(() => this.lateAnswers.delete(late));
    this.lateAnswers.add(late);
  }

  /** Whether an earlier attempt was answered after its timeout (so the message is there already). */
  private async answeredLate(item: OutboxRecord): Promise<boolean> {
    return (await this.options.store.idempotency.get(receiptKey(item), isoInstant(this.options.clock.now()))) !== undefined;
  }

  private async recordCopy(item: OutboxRecord, p: SendPayload, activityId: string): Promise<void> {
    // A digest is about no single deal, and a day's list is not updated in place: no copy to keep.
    if (p.purpose === 'digest') return;
    await this.options.store.cardCopies.add({
      tenantId: item.tenantId,
      dealId: p.dealId,
      conversationId: p.conversationId,
      activityId,
      ...(p.userId ? { userId: p.userId } : {}),
      kind: p.purpose,
      sentAt: isoInstant(this.options.clock.now()),
    });
  }

  private async onFailure(item: OutboxRecord, err: ConnectorError): Promise<HandlerOutcome> {
    const { membership, pacer, rates, logger } = this.options;
    const p = item.payload as unknown as UpdatePayload;
    if (err.status === 403 || (err.status === 404 && this.mode === 'send')) {
      await membership.conversationGone(item.tenantId, p.conversationId);
      logger.warn('conversation gone; forgotten', { conversationId: p.conversationId, status: err.status, id: item.id });
      return { kind: 'dead', error: `${err.status}: conversation gone` };
    }
    if (err.status === 404) {
      // The message itself was deleted: stop updating that copy, keep the conversation.
      return { kind: 'dead', error: '404: activity gone' };
    }
    if (err.status === 429) {
      const waitMs = parseRetryAfter(err.retryAfterHeader, Date.now()) ?? backoffMs(item.attempts, 1000, 60_000);
      pacer.pauseTenant(item.tenantId, rates.tenant, waitMs);
      return { kind: 'retry', afterMs: waitMs + Math.round(Math.random() * 250), error: err.message };
    }
    const retryable = err.status === undefined || err.status >= 500 || err.status === 408;
    if (retryable && item.attempts + 1 < (this.options.maxAttempts ?? 20)) {
      return { kind: 'retry', afterMs: backoffMs(item.attempts, 2000, 15 * 60_000), error: err.message };
    }
    return { kind: 'dead', error: err.message };
  }
}

const receiptKey = (item: OutboxRecord) => `teams.sent:${item.id}`;

/** The promise's value if it settles within `ms` (a rejection is passed on), else UNANSWERED. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof UNANSWERED> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof UNANSWERED>((resolve) => (timer = setTimeout(() => resolve(UNANSWERED), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
