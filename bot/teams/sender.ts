import { dealStatusCardData, renderDealStatusCard } from '../../cards/dealStatus';
import { renderErrorCard } from '../../cards/notice';
import { referralCardData, renderReferralCard } from '../../cards/referral';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardJson } from '../../cards/render';
import { renderSenderOutcomeCard, senderOutcomeCardData } from '../../cards/senderOutcome';
import type { Clock } from '../../services/clock';
import { isoInstant } from '../../services/clock';
import { allowedActions } from '../../services/domain/actions';
import { canView } from '../../services/domain/visibility';
import { readerOf, translator, DEFAULT_READER } from '../../services/i18n';
import type { Membership } from '../../services/members/membership';
import type { CardPurpose, SendPayload, UpdatePayload } from '../../services/notifications/effects';
import { backoffMs, parseRetryAfter } from '../../services/outbox/backoff';
import type { HandlerOutcome, OutboxHandler } from '../../services/outbox/dispatcher';
import type { Rate, RateLimiter } from '../../services/outbox/rateLimiter';
import type { OutboxRecord, Store } from '../../services/store/ports';
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
    private readonly others: Partial<Record<CardPurpose, PurposeComposer>> = {},
  ) {}

  async compose(tenantId: string, p: SendPayload | UpdatePayload): Promise<ComposedCard | undefined> {
    const other = this.others[p.purpose];
    if (other) return other(tenantId, p);
    if (p.purpose === 'offerReminder') return undefined;
    const deal = (await this.store.deals.get(p.dealTenantId, p.dealId))?.value;
    if (!deal) return undefined;
    const member = p.userId ? (await this.store.members.get(tenantId, p.userId))?.value : undefined;
    const tr = translator(member ? readerOf(member.locale, member.timeZone) : DEFAULT_READER);
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
      return { card: renderDealStatusCard(data), summary: `${data.title}: ${data.status}` };
    }
    const data = referralCardData(deal, tr, now, {
      purpose: p.purpose,
      canRespond: allowedActions(deal, member, now).includes('accept'),
      refreshFor: member.userId,
    });
    return { card: renderReferralCard(data), summary: `${data.header}: ${data.title}` };
  }
}

export interface TeamsSenderOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly connector: BotConnector;
  readonly composer: CardComposer;
  readonly membership: Membership;
  readonly limiter: RateLimiter;
  readonly rates: { readonly conversation: Rate; readonly tenant: Rate };
  readonly logger: Logger;
  /** Give up on 5xx/timeouts after this many attempts (about a day with the backoff cap). */
  readonly maxAttempts?: number;
}

/**
 * The one way out to Teams. Each proactive send or update is a short run of guard clauses: is the
 * conversation still there? is there anything to show? then wait for its turn under the per-tenant and
 * per-conversation pacing, send, and record the copy. 429 waits for Retry-After (with jitter) and slows
 * the whole tenant down; 5xx and timeouts back off and retry; 403/404 are never retried — the
 * conversation is gone, so it is forgotten.
 */
export class TeamsSender implements OutboxHandler {
  constructor(private readonly options: TeamsSenderOptions, private readonly mode: 'send' | 'update') {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const { store, composer, connector, limiter, rates } = this.options;
    const p = item.payload as unknown as SendPayload & Partial<UpdatePayload>;
    const conversation = await store.conversations.get(item.tenantId, p.conversationId);
    if (!conversation) return { kind: 'done' };
    const composed = await composer.compose(item.tenantId, p);
    if (!composed) return { kind: 'done' };
    const tenantKey = `tenant:${item.tenantId}`;
    await limiter.acquire([
      [`conversation:${p.conversationId}`, rates.conversation],
      [tenantKey, rates.tenant],
    ]);
    const activity = { type: 'message', summary: composed.summary, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: composed.card }] };
    try {
      if (this.mode === 'send') {
        const { id } = await connector.send(conversation.serviceUrl, conversation.conversationId, activity);
        await store.cardCopies.add({
          tenantId: item.tenantId,
          dealId: p.dealId,
          conversationId: conversation.conversationId,
          activityId: id,
          ...(p.userId ? { userId: p.userId } : {}),
          kind: p.purpose,
          sentAt: isoInstant(this.options.clock.now()),
        });
      } else {
        await connector.update(conversation.serviceUrl, conversation.conversationId, p.activityId!, activity);
      }
      return { kind: 'done' };
    } catch (err) {
      if (!(err instanceof ConnectorError)) throw err;
      return this.onFailure(item, err, tenantKey);
    }
  }

  private async onFailure(item: OutboxRecord, err: ConnectorError, tenantKey: string): Promise<HandlerOutcome> {
    const { membership, limiter, rates, logger } = this.options;
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
      limiter.pause(tenantKey, rates.tenant, waitMs);
      return { kind: 'retry', afterMs: waitMs + Math.round(Math.random() * 250), error: err.message };
    }
    const retryable = err.status === undefined || err.status >= 500 || err.status === 408;
    if (retryable && item.attempts + 1 < (this.options.maxAttempts ?? 20)) {
      return { kind: 'retry', afterMs: backoffMs(item.attempts, 2000, 15 * 60_000), error: err.message };
    }
    return { kind: 'dead', error: err.message };
  }
}
