import { DateTime } from 'luxon';
import { isoInstant, type Clock } from '../clock';
import { recordPartnerResponse } from '../domain/invitations';
import type { InvitationStatus, Member } from '../domain/model';
import type { TimeRules } from '../domain/schedule';
import { canView, isAdmin } from '../domain/visibility';
import type { HandlerOutcome, OutboxHandler } from '../outbox/dispatcher';
import { runSystemChange } from '../deals/runner';
import type { OutboxItem, OutboxRecord, Store } from '../store/ports';
import { dealVersion, OutboxKind, type Effects, type FanoutPayload, type SendPayload, type UpdatePayload } from './effects';

const DONE: HandlerOutcome = { kind: 'done' };

/**
 * Find who a deal's card goes to and queue one send per personal chat. Recipients are read when the
 * fan-out runs, so someone who installed the bot after the change still gets it. Every send id is
 * derived from the fan-out and the conversation: running the fan-out again (after a crash) queues
 * nothing twice.
 */
export class FanoutHandler implements OutboxHandler {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const p = item.payload as unknown as FanoutPayload;
    // Only the deal's viewers (or the one member) depend on the deal; admins are told whatever the card
    // is about (a deal, an offer).
    const deal = p.audience === 'admins' ? undefined : (await this.store.deals.get(p.dealTenantId, p.dealId))?.value;
    if (p.audience !== 'admins' && !deal) return DONE;
    // A lead-time reminder is for those who want single reminders; the others get it in their digest.
    const byDigest = p.reason.startsWith('reminder:');
    const wants = (member: Member): boolean => {
      if (!member.installed) return false;
      if (byDigest && member.reminders === 'digest') return false;
      return p.audience === 'admins' ? isAdmin(member) : deal !== undefined && canView(member, deal);
    };
    if (p.audience === 'member') {
      const member = p.userId ? (await this.store.members.get(item.tenantId, p.userId))?.value : undefined;
      const conversation = member && wants(member) ? await this.store.conversations.findPersonal(item.tenantId, member.userId) : undefined;
      if (member && conversation) await this.store.outbox.enqueue([this.send(item, p, conversation.conversationId, member.userId)]);
      return DONE;
    }
    let token: string | undefined;
    do {
      const page = await this.store.conversations.listByTenant(item.tenantId, { limit: 200, continuationToken: token });
      const sends: OutboxItem[] = [];
      for (const conversation of page.items) {
        if (conversation.scope !== 'personal' || !conversation.userId) continue;
        const member = (await this.store.members.get(item.tenantId, conversation.userId))?.value;
        if (member && wants(member)) sends.push(this.send(item, p, conversation.conversationId, member.userId));
      }
      if (sends.length) await this.store.outbox.enqueue(sends);
      token = page.continuationToken;
    } while (token);
    return DONE;
  }

  /** Keyed by the fan-out and the chat (HandoverHandler gives the same id to a new referral it hands over). */
  private send(item: OutboxRecord, p: FanoutPayload, conversationId: string, userId: string): OutboxItem {
    const payload: SendPayload = { dealTenantId: p.dealTenantId, dealId: p.dealId, conversationId, userId, purpose: p.purpose, ...(p.lead ? { lead: p.lead } : {}) };
    return {
      id: `send:${item.id}:${conversationId}`,
      kind: OutboxKind.send,
      tenantId: item.tenantId,
      key: conversationId,
      availableAt: isoInstant(this.clock.now()),
      payload: { ...payload },
    };
  }
}

/**
 * Queue an in-place update of every copy of a deal's cards that the bot sent, except those that show
 * this version already (the card a seller's action was answered with, in the message they clicked).
 */
export class RefreshHandler implements OutboxHandler {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const { dealTenantId, dealId } = item.payload as { dealTenantId: string; dealId: string };
    // The deal is read only to tell which copies are behind: with none, there is nothing to read.
    const all = await this.store.cardCopies.listForDeal(dealTenantId, dealId);
    if (all.length === 0) return DONE;
    const deal = (await this.store.deals.get(dealTenantId, dealId))?.value;
    if (!deal) return DONE;
    const current = dealVersion(deal);
    const copies = all.filter((copy) => copy.version !== current);
    const updates: OutboxItem[] = copies.map((copy) => {
      const payload: UpdatePayload = {
        dealTenantId,
        dealId,
        conversationId: copy.conversationId,
        activityId: copy.activityId,
        ...(copy.userId ? { userId: copy.userId } : {}),
        purpose: copy.kind as UpdatePayload['purpose'],
      };
      return {
        id: `update:${item.id}:${copy.conversationId}:${copy.activityId}`,
        kind: OutboxKind.update,
        tenantId: copy.tenantId,
        key: copy.conversationId,
        availableAt: isoInstant(this.clock.now()),
        payload: { ...payload },
      };
    });
    if (updates.length) await this.store.outbox.enqueue(updates);
    return DONE;
  }
}

/** An invited partner in this deployment answered: record it on the inviter's deal and refresh its cards. */
export class PartnerResponseHandler implements OutboxHandler {
  constructor(private readonly store: Store, private readonly timeRules: TimeRules, private readonly effects: Effects) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const p = item.payload as { inviterTenantId: string; inviterDealId: string; invitationId: string; status: Exclude<InvitationStatus, 'pending'>; reason?: string; remoteDealId: string; at: string };
    // A refusal means it is already recorded, or the invitation is gone: nothing left to do either way.
    await runSystemChange(
      this.store,
      { tenantId: p.inviterTenantId, dealId: p.inviterDealId },
      (deal) => recordPartnerResponse(deal, p.invitationId, p.status, DateTime.fromISO(p.at), this.timeRules, p.reason, p.remoteDealId),
      (_before, after) => [this.effects.refreshCards(after)],
    );
    return DONE;
  }
}
