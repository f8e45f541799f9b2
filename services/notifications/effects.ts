import { createHash } from 'node:crypto';
import type { Deal } from '../domain/model';
import type { Offer, RewardsReminder } from '../domain/offers';
import type { OutboxItem } from '../store/ports';

/*
 * What a committed change must cause, as outbox items written atomically with it. Ids are
 * deterministic for their cause, so a cause applied twice (a retried sweep, a repeated intake) still
 * yields one item. Cards are rendered when sent, from the deal as it is then, so every copy always
 * shows the latest state.
 */

export const OutboxKind = {
  /** Find the people a deal's card goes to and queue one send each. */
  fanout: 'deal.fanout',
  /** Send one card into one conversation (and remember the copy). */
  send: 'teams.send',
  /** Re-render every copy of a deal's cards. */
  refresh: 'deal.refresh',
  /** Update one copy of a card in place. */
  update: 'teams.update',
  /** POST a status event to REFERRAL_EVENTS_URL. */
  event: 'referral.event',
  /** Tell an inviter's deal (in this deployment) what the invited partner answered. */
  partnerResponse: 'p2p.response',
  /** Deliver a P2P invitation to an organization that uses this deployment, as an inbound referral. */
  partnerInvitation: 'p2p.invite',
  /** A member just installed the bot: hand them the referrals waiting that they may see. */
  handover: 'member.handover',
  /** One member's daily digest of the referrals waiting, and the next day's. */
  digest: 'member.digest',
  /** Send a deal's change to Partner Center (PATCH, or POST for a deal created here). */
  partnerCenterPush: 'pc.push',
  /** Read one referral from Partner Center after its webhook said it changed. */
  partnerCenterPull: 'pc.pull',
  /** Reconcile one organization with Partner Center (referrals updated since the last pass). */
  partnerCenterPoll: 'pc.poll',
  /** Tell an organization's admin something about its Partner Center connection. */
  partnerCenterNotice: 'pc.notice',
} as const;

/**
 * Which card a fan-out sends; `deal` is the deal status card (copies sent in answer to a command);
 * `digest` one member's list of the referrals waiting (about no single deal); `offerReminder` a
 * marketplace rewards reminder about one of the organization's offers.
 */
export type CardPurpose = 'referral' | 'reminder' | 'senderOutcome' | 'deal' | 'digest' | 'offerReminder';

/** What a `p2p.invite` item carries: which invitation of which deal to deliver. */
export interface PartnerInvitationPayload {
  readonly inviterTenantId: string;
  readonly inviterDealId: string;
  readonly invitationId: string;
}

export interface FanoutPayload {
  readonly dealTenantId: string;
  /** The deal the card is about; for `offerReminder`, the offer. */
  readonly dealId: string;
  /**
   * `viewers`: every installed member who may see the deal; `admins`: the referral admins of the
   * item's tenant; `member`: the one member `userId`, if they may see it.
   */
  readonly audience: 'viewers' | 'admins' | 'member';
  readonly userId?: string;
  readonly purpose: CardPurpose;
  /** Distinguishes fan-outs of one deal (e.g. "new", "reminder:P3D", "declined"). */
  readonly reason: string;
  readonly lead?: string;
}

export interface SendPayload {
  /** The deal the card is about; empty for a digest. */
  readonly dealTenantId: string;
  readonly dealId: string;
  readonly conversationId: string;
  readonly userId?: string;
  readonly purpose: CardPurpose;
  readonly lead?: string;
}

export interface UpdatePayload {
  readonly dealTenantId: string;
  readonly dealId: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly userId?: string;
  readonly purpose: CardPurpose;
  readonly lead?: string;
}

export type ReferralEventName = 'referral.accepted' | 'referral.declined' | 'referral.expired' | 'referral.won' | 'referral.lost';

export interface EffectsOptions {
  /** Status events are queued only when REFERRAL_EVENTS_URL is configured. */
  readonly eventsEnabled: boolean;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * One version of a deal as its cards show it: the refresh a change queues is keyed by it, and a card
 * copy that already shows it needs no refresh.
 */
export function dealVersion(deal: Pick<Deal, 'updatedAt' | 'history'>): string {
  return `${deal.updatedAt}:${deal.history.length}`;
}

/** A UUID-shaped id derived from its cause, so a receiver can drop repeats by `eventId`. */
export function eventIdFor(tenantId: string, dealId: string, event: string): string {
  const h = shortHash(`${tenantId}\n${dealId}\n${event}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class Effects {
  constructor(private readonly options: EffectsOptions) {}

  fanout(tenantId: string, payload: FanoutPayload): OutboxItem {
    return { id: `fanout:${payload.dealTenantId}:${payload.dealId}:${payload.audience}:${payload.reason}`, kind: OutboxKind.fanout, tenantId, payload: { ...payload } };
  }

  /**
   * A member installed the bot (for the first time, or again): the referrals waiting that they may see
   * are handed to them. Keyed by the install, so a retried turn hands them over once.
   */
  handover(tenantId: string, userId: string, installedAt: string): OutboxItem {
    return { id: `handover:${tenantId}:${userId}:${installedAt}`, kind: OutboxKind.handover, tenantId, availableAt: installedAt, payload: { userId } };
  }

  /** One member's digest for one calendar day (theirs), due at `at`: one item per day, whatever asks for it. */
  digest(tenantId: string, userId: string, day: string, at: string): OutboxItem {
    return { id: `digest:${tenantId}:${userId}:${day}`, kind: OutboxKind.digest, tenantId, availableAt: at, payload: { userId, day } };
  }

  /** A new inbound referral: its card to everyone who may see it. */
  newReferral(deal: Deal): OutboxItem[] {
    return [this.fanout(deal.tenantId, { dealTenantId: deal.tenantId, dealId: deal.id, audience: 'viewers', purpose: 'referral', reason: 'new' })];
  }

  /** A reminder before the referral expires, as a new message (so it notifies). */
  reminder(deal: Deal, lead: string): OutboxItem[] {
    return [this.fanout(deal.tenantId, { dealTenantId: deal.tenantId, dealId: deal.id, audience: 'viewers', purpose: 'reminder', reason: `reminder:${lead}`, lead })];
  }

  /** "Remind me tomorrow" came due: a reminder to that member alone, once (keyed by when it was due). */
  snoozedReminder(deal: Deal, userId: string, at: string): OutboxItem {
    return this.fanout(deal.tenantId, { dealTenantId: deal.tenantId, dealId: deal.id, audience: 'member', userId, purpose: 'reminder', reason: `snooze:${userId}:${at}` });
  }

  /** A referral handed to a colleague: its card in their personal chat, once per hand-over. */
  handedTo(deal: Deal, userId: string): OutboxItem {
    return this.fanout(deal.tenantId, { dealTenantId: deal.tenantId, dealId: deal.id, audience: 'member', userId, purpose: 'referral', reason: `assigned:${userId}:${deal.updatedAt}` });
  }

  /**
   * Every copy of the deal's cards shows its new state. Keyed by the change: its time and the length of
   * the history it extended — two changes in the same millisecond (or one recorded at the time another
   * side reported, as a partner's answer is) must each refresh, not be taken for one.
   */
  refreshCards(deal: Deal): OutboxItem {
    return {
      id: `refresh:${deal.tenantId}:${deal.id}:${dealVersion(deal)}`,
      kind: OutboxKind.refresh,
      tenantId: deal.tenantId,
      payload: { dealTenantId: deal.tenantId, dealId: deal.id },
    };
  }

  /**
   * An inbound referral reached an outcome: update every card, emit the status event, tell the
   * sending organization's admins when it uses this deployment, and answer the inviter's deal for a
   * P2P invitation from inside this deployment.
   */
  referralOutcome(deal: Deal, event: ReferralEventName): OutboxItem[] {
    const items: OutboxItem[] = [this.refreshCards(deal)];
    const inbound = deal.inbound;
    if (!inbound) return items;
    if (this.options.eventsEnabled) items.push(this.statusEvent(deal, event));
    const senderTenant = inbound.sender.tenantId;
    if (senderTenant && senderTenant !== deal.tenantId) {
      items.push(
        this.fanout(senderTenant, { dealTenantId: deal.tenantId, dealId: deal.id, audience: 'admins', purpose: 'senderOutcome', reason: event }),
      );
    }
    if (senderTenant && inbound.inviterDealId && inbound.invitationId && (event === 'referral.accepted' || event === 'referral.declined' || event === 'referral.expired')) {
      items.push({
        id: `p2p:${senderTenant}:${inbound.inviterDealId}:${inbound.invitationId}:${event}`,
        kind: OutboxKind.partnerResponse,
        tenantId: senderTenant,
        payload: {
          inviterTenantId: senderTenant,
          inviterDealId: inbound.inviterDealId,
          invitationId: inbound.invitationId,
          status: event.slice('referral.'.length),
          reason: deal.response?.reasonText ?? deal.response?.reason,
          remoteDealId: deal.id,
          at: deal.updatedAt,
        },
      });
    }
    return items;
  }

  /**
   * Invitations to partners that use this deployment become inbound P2P referrals in their
   * organization; one item per invitation, keyed by it, so a retried cause delivers it once.
   * Partners outside the deployment are only recorded on the deal (pending).
   */
  partnerInvitations(deal: Deal, invitations: readonly Deal['invitations'][number][]): OutboxItem[] {
    return invitations
      .filter((inv) => inv.partner.tenantId && inv.partner.tenantId !== deal.tenantId)
      .map((inv) => {
        const payload: PartnerInvitationPayload = { inviterTenantId: deal.tenantId, inviterDealId: deal.id, invitationId: inv.id };
        return {
          id: `p2pinvite:${deal.tenantId}:${deal.id}:${inv.id}`,
          kind: OutboxKind.partnerInvitation,
          tenantId: inv.partner.tenantId!,
          payload: { ...payload },
        };
      });
  }

  /**
   * A marketplace rewards reminder about an offer (002) to the organization's referral admins, keyed
   * by the reminder's cause, so that a reminder applied twice (two sweepers, a retried sweep) is one.
   */
  offerReminder(offer: Offer, reminder: RewardsReminder): OutboxItem {
    return this.fanout(offer.tenantId, { dealTenantId: offer.tenantId, dealId: offer.id, audience: 'admins', purpose: 'offerReminder', reason: `rewards:${reminder.key}`, lead: reminder.key });
  }

  /**
   * A deal linked to Partner Center changed here: send the change there. Keyed by the change, like
   * refreshCards; the handler sends only what differs from what Partner Center last held, so a change
   * that came from Partner Center (or touched nothing it keeps) sends nothing.
   */
  partnerCenterPush(deal: Deal): OutboxItem[] {
    if (!deal.partnerCenter) return [];
    return [
      {
        id: `pcpush:${deal.tenantId}:${deal.id}:${deal.updatedAt}:${deal.history.length}`,
        kind: OutboxKind.partnerCenterPush,
        tenantId: deal.tenantId,
        payload: { dealTenantId: deal.tenantId, dealId: deal.id },
      },
    ];
  }

  /** The contract's status event, fixed at the moment of the transition. */
  statusEvent(deal: Deal, event: ReferralEventName): OutboxItem {
    const eventId = eventIdFor(deal.tenantId, deal.id, event);
    const response = event === 'referral.declined' || event === 'referral.accepted' ? deal.response : undefined;
    const body: Record<string, unknown> = {
      eventId,
      event,
      id: deal.inbound?.externalId,
      tenantId: deal.tenantId,
      referralId: deal.id,
      status: event.slice('referral.'.length),
      ...(response?.reason ? { reason: response.reason === 'other' ? (response.reasonText ?? 'other') : response.reason } : {}),
      ...(event === 'referral.lost' && deal.lostReason ? { reason: deal.lostReason } : {}),
      ...(response?.notes ? { notes: response.notes } : {}),
      occurredAt: deal.updatedAt.replace(/\.\d{3}Z$/, 'Z'),
    };
    return { id: `event:${eventId}`, kind: OutboxKind.event, tenantId: deal.tenantId, payload: { body } };
  }
}
