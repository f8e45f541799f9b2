import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import { linkInvitation } from '../domain/invitations';
import type { ReferralIntake } from '../domain/lifecycle';
import type { Deal, PartnerInvitation } from '../domain/model';
import type { TimeRules } from '../domain/schedule';
import type { Effects, PartnerInvitationPayload } from '../notifications/effects';
import type { HandlerOutcome, OutboxHandler } from '../outbox/dispatcher';
import { receiveInbound } from '../referrals/intake';
import { runSystemChange } from '../deals/runner';
import type { OutboxRecord, Store } from '../store/ports';

const DONE: HandlerOutcome = { kind: 'done' };

/** The sender's id for a P2P invitation delivered inside this deployment: one per invitation, so a repeat lands on the same referral. */
export function p2pExternalId(inviterTenantId: string, inviterDealId: string, invitationId: string): string {
  return `p2p:${inviterTenantId}:${inviterDealId}:${invitationId}`;
}

/**
 * What the invited organization receives: the deal as the inviter described it for this partner —
 * its close date, value, solutions, notes on why and the help wanted — from the inviter's team
 * member working with it. The customer's main contact stays with the inviter: its consent was given
 * for Microsoft, not for other partners. The inviter's own notes (its running record) are not shared.
 */
export function invitationAsReferral(deal: Deal, invitation: PartnerInvitation, inviterName: string): ReferralIntake {
  const contact = invitation.team.find((t) => t.userId !== undefined && t.userId === invitation.invitedBy.id) ?? invitation.team[0];
  return {
    tenantId: invitation.partner.tenantId!,
    externalId: p2pExternalId(deal.tenantId, deal.id, invitation.id),
    name: deal.name,
    location: deal.location,
    sender: {
      type: 'Partner',
      organizationName: inviterName,
      name: contact?.name ?? invitation.invitedBy.name,
      ...(contact ? { email: contact.email } : {}),
      tenantId: deal.tenantId,
    },
    customer: { ...deal.customer, contacts: [], contactConsent: false },
    value: invitation.value,
    closeDate: invitation.closeDate,
    solutions: invitation.solutions,
    inviteContext: { notes: invitation.notes, helpWanted: invitation.helpWanted },
    // The 14 days run from the invitation, not from its delivery.
    createdAt: DateTime.fromISO(invitation.invitedAt, { zone: 'utc' }),
    inviterDealId: deal.id,
    invitationId: invitation.id,
  };
}

export interface PartnerInvitationDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly timeRules: TimeRules;
  readonly effects: Effects;
}

/**
 * Delivers one P2P invitation to an organization of this deployment: it arrives there as an inbound
 * P2P referral (same card and flow as any referral, queued for its members by the intake), and the
 * inviter's invitation is linked to the invited organization's deal. The invited side's answer, or
 * its expiry, comes back through the existing p2p.response handler. Running it twice creates nothing
 * twice: the referral id derives from the invitation.
 */
export class PartnerInvitationHandler implements OutboxHandler {
  constructor(private readonly deps: PartnerInvitationDeps) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const p = item.payload as unknown as PartnerInvitationPayload;
    const { store } = this.deps;
    const stored = await store.deals.get(p.inviterTenantId, p.inviterDealId);
    const invitation = stored?.value.invitations.find((i) => i.id === p.invitationId);
    if (!stored || !invitation?.partner.tenantId) return DONE;
    // An organization that never used the bot cannot receive it here; the invitation stays pending.
    if (!(await store.organizations.get(invitation.partner.tenantId))) return DONE;
    const inviterName = (await store.organizations.get(p.inviterTenantId))?.value.name ?? p.inviterTenantId;
    const { referralId } = await receiveInbound(this.deps, invitationAsReferral(stored.value, invitation, inviterName));
    return this.link(p, referralId);
  }

  private async link(p: PartnerInvitationPayload, remoteDealId: string): Promise<HandlerOutcome> {
    // Linking is bookkeeping (nothing a card shows), so no card refresh is queued.
    await runSystemChange(this.deps.store, { tenantId: p.inviterTenantId, dealId: p.inviterDealId }, (deal) => linkInvitation(deal, p.invitationId, remoteDealId));
    return DONE;
  }
}
