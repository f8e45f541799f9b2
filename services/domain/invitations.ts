import { DateTime } from 'luxon';
import { isoInstant } from '../clock';
import { dealType } from './dealType';
import type { InvitationInput } from './inputs';
import { changed, entry, guardOpen, MICROSOFT_WINDOW, type ActionContext } from './change';
import type { Customer, CustomerContact, Deal, HelpKind, InvitationStatus, PartnerInvitation } from './model';
import { ok, refuse, type Result } from './result';
import type { TimeRules } from './schedule';

/** What may be invited on a deal now (003 "Combinations"). */
export interface InviteOptions {
  readonly microsoft: boolean;
  readonly microsoftView: boolean;
  readonly partners: boolean;
}

const NOTHING: InviteOptions = { microsoft: false, microsoftView: false, partners: false };

/**
 * The invitation table (003):
 * Private → Microsoft and/or partners (Co-sell if Microsoft), or Microsoft view (Partner-led);
 * Partner-led → Microsoft and/or partners (Co-sell if Microsoft);
 * Co-sell → other partners, only on deals this organization created, never on Inbound deals;
 * P2P without Microsoft → Microsoft (Co-sell) or other partners (P2P); and, for one this organization
 * created, Microsoft sellers to view: it was a Private deal that invited partners, and a private deal
 * "can always be upgraded to partner-led before it reaches a terminal state" (003), whatever partners
 * it invited.
 * Solution assessments are not in the table: they invite nobody. A received referral must be
 * accepted first (its only actions are accept and decline); a closed deal invites nobody.
 */
export function inviteOptions(deal: Deal): InviteOptions {
  if (deal.status !== 'open') return NOTHING;
  switch (dealType(deal)) {
    case 'private':
      return { microsoft: true, microsoftView: true, partners: true };
    case 'partnerLed':
      return { microsoft: true, microsoftView: false, partners: true };
    case 'coSell':
      return { microsoft: false, microsoftView: false, partners: deal.direction === 'outbound' };
    case 'p2p':
      return { microsoft: true, microsoftView: deal.direction === 'outbound' && !deal.microsoft.canView, partners: true };
    case 'solutionAssessment':
      return NOTHING;
  }
}

function refusalFor(deal: Deal, what: keyof InviteOptions): Result<never> {
  const guard = guardOpen(deal);
  if (!guard.ok) return guard;
  const type = dealType(deal);
  if (what === 'partners' && type === 'coSell') return refuse('invite_partners_inbound');
  if (what === 'microsoft' && type === 'coSell') return refuse('microsoft_already_invited');
  if (what === 'microsoftView' && (type === 'partnerLed' || type === 'coSell' || deal.microsoft.canView)) return refuse('microsoft_already_can_view');
  return refuse('invite_not_allowed_for_type', { type });
}

/** Whether this invitation is possible on the deal now; if not, the reason a seller reads (closed, not yet accepted, or the table). */
export function checkInvite(deal: Deal, what: keyof InviteOptions): Result<void> {
  return inviteOptions(deal)[what] ? ok(undefined) : refusalFor(deal, what);
}

/** Microsoft may use the customer's main contact to reach the customer: it must be complete and shared with consent (003). */
export function checkMicrosoftInvitable(customer: Customer): Result<void> {
  const main = customer.contacts[0];
  if (!main?.name || !main.phone || !main.email) return refuse('customer_contact_required');
  if (!customer.contactConsent) return refuse('customer_consent_required');
  return ok(undefined);
}

/** Invite Microsoft's sellers for a kind of help: the deal becomes Co-sell and Microsoft has 14 days to decide. */
export function inviteMicrosoft(
  deal: Deal,
  input: { help: HelpKind; contact?: CustomerContact; contactConsent?: boolean },
  ctx: ActionContext,
  rules: TimeRules,
): Result<Deal> {
  const allowed = checkInvite(deal, 'microsoft');
  if (!allowed.ok) return allowed;
  if (input.help === 'none') return refuse('help_required');
  const customer: Customer = {
    ...deal.customer,
    contacts: input.contact ? [input.contact, ...deal.customer.contacts.slice(1)] : deal.customer.contacts,
    contactConsent: input.contactConsent ?? deal.customer.contactConsent,
  };
  const invitable = checkMicrosoftInvitable(customer);
  if (!invitable.ok) return invitable;
  const microsoft: Deal['microsoft'] = {
    ...deal.microsoft,
    helpWanted: input.help,
    canView: true,
    status: 'invited',
    invitedAt: isoInstant(ctx.now),
    respondBy: isoInstant(ctx.now.plus(MICROSOFT_WINDOW)),
  };
  return ok(changed({ ...deal, customer, microsoft }, ctx, rules, [entry('microsoftInvited', ctx, { detail: input.help })]));
}

/** Let Microsoft sellers view a Private deal: it becomes Partner-led. */
export function grantMicrosoftView(deal: Deal, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const allowed = checkInvite(deal, 'microsoftView');
  if (!allowed.ok) return allowed;
  return ok(changed({ ...deal, microsoft: { ...deal.microsoft, canView: true } }, ctx, rules, [entry('microsoftCanView', ctx)]));
}

export function newInvitation(input: InvitationInput, ctx: ActionContext, index: number): PartnerInvitation {
  return {
    id: String(index + 1),
    partner: input.partner,
    closeDate: input.closeDate,
    value: input.value,
    notes: input.notes,
    team: input.team,
    solutions: input.solutions,
    helpWanted: input.helpWanted,
    status: 'pending',
    invitedAt: isoInstant(ctx.now),
    invitedBy: ctx.actor,
  };
}

/** A partner is the same partner by tenant when it uses this deployment, otherwise by name. */
function inviteeKey(partner: PartnerInvitation['partner']): string {
  return (partner.tenantId ?? partner.name).toLowerCase();
}

/**
 * Who may be invited next to those already invited: never the inviting organization itself, never
 * the same partner twice. Checked when a deal is created and when partners are invited later, and
 * while a seller fills the invitation form one partner at a time.
 */
export function checkInvitees(
  ownTenantId: string,
  already: readonly { partner: PartnerInvitation['partner'] }[],
  inputs: readonly { partner: PartnerInvitation['partner'] }[],
): Result<void> {
  const invited = new Set(already.map((i) => inviteeKey(i.partner)));
  for (const input of inputs) {
    if (input.partner.tenantId === ownTenantId) return refuse('cannot_invite_self');
    const key = inviteeKey(input.partner);
    if (invited.has(key)) return refuse('partner_already_invited', { partner: input.partner.name });
    invited.add(key);
  }
  return ok(undefined);
}

/** Invite partners: each with close date, value, notes, team, at least one solution and the help wanted. */
export function invitePartners(deal: Deal, inputs: readonly InvitationInput[], ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const allowed = checkInvite(deal, 'partners');
  if (!allowed.ok) return allowed;
  const invitees = checkInvitees(deal.tenantId, deal.invitations, inputs);
  if (!invitees.ok) return invitees;
  const added = inputs.map((input, i) => newInvitation(input, ctx, deal.invitations.length + i));
  const history = added.map((inv) => entry('partnerInvited', ctx, { detail: inv.partner.name }));
  return ok(changed({ ...deal, invitations: [...deal.invitations, ...added] }, ctx, rules, history));
}

/** Once the deal exists the inviter can no longer change an invited partner's close date, value, team or solutions (003). */
export const INVITER_LOCKED_FIELDS = ['closeDate', 'value', 'team', 'solutions'] as const;

export function editInvitation(
  deal: Deal,
  invitationId: string,
  patch: { notes?: string; helpWanted?: string } & Partial<Record<(typeof INVITER_LOCKED_FIELDS)[number], unknown>>,
  ctx: ActionContext,
  rules: TimeRules,
): Result<Deal> {
  const guard = guardOpen(deal);
  if (!guard.ok) return guard;
  const invitation = deal.invitations.find((i) => i.id === invitationId);
  if (!invitation) return refuse('invitation_not_found');
  const locked = INVITER_LOCKED_FIELDS.find((f) => f in patch);
  if (locked) return refuse('invitation_locked', { field: locked, partner: invitation.partner.name });
  const updated: PartnerInvitation = {
    ...invitation,
    ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
    ...(patch.helpWanted !== undefined ? { helpWanted: patch.helpWanted } : {}),
  };
  const invitations = deal.invitations.map((i) => (i.id === invitationId ? updated : i));
  return ok(changed({ ...deal, invitations }, ctx, rules, [entry('edited', ctx, { detail: `invitation:${invitation.partner.name}` })]));
}

/**
 * Record an invited partner's answer on the inviter's deal. This is a fact reported by the other
 * side, so it is recorded even when the inviter's deal has since closed; only a pending invitation
 * can be answered, and an answer never changes twice.
 */
export function recordPartnerResponse(
  deal: Deal,
  invitationId: string,
  status: Exclude<InvitationStatus, 'pending'>,
  at: DateTime,
  rules: TimeRules,
  reason?: string,
  remoteDealId?: string,
): Result<Deal> {
  const invitation = deal.invitations.find((i) => i.id === invitationId);
  if (!invitation) return refuse('invitation_not_found');
  if (invitation.status !== 'pending') return refuse('invitation_not_pending', { status: invitation.status });
  const updated: PartnerInvitation = {
    ...invitation,
    status,
    respondedAt: isoInstant(at),
    ...(reason ? { reason } : {}),
    ...(remoteDealId ? { remoteDealId } : {}),
  };
  const ctx = { actor: { kind: 'partner' as const, name: invitation.partner.name, ...(invitation.partner.tenantId ? { id: invitation.partner.tenantId } : {}) }, now: at };
  const invitations = deal.invitations.map((i) => (i.id === invitationId ? updated : i));
  return ok(changed({ ...deal, invitations }, ctx, rules, [entry('partnerResponded', ctx, { detail: status })]));
}

/** Link an invitation to the invited organization's own deal once delivered inside this deployment. */
export function linkInvitation(deal: Deal, invitationId: string, remoteDealId: string): Result<Deal> {
  const invitation = deal.invitations.find((i) => i.id === invitationId);
  if (!invitation) return refuse('invitation_not_found');
  if (invitation.remoteDealId === remoteDealId) return ok(deal);
  return ok({ ...deal, invitations: deal.invitations.map((i) => (i.id === invitationId ? { ...i, remoteDealId } : i)) });
}

/** Microsoft's answer to an invitation, within its 14-day window. */
export function recordMicrosoftResponse(deal: Deal, response: 'engaged' | 'declined', at: DateTime, rules: TimeRules): Result<Deal> {
  if (deal.microsoft.status !== 'invited') return refuse('microsoft_not_invited');
  if (deal.microsoft.respondBy && at >= DateTime.fromISO(deal.microsoft.respondBy)) return refuse('microsoft_window_closed');
  const ctx = { actor: { kind: 'microsoft' as const, name: 'Microsoft' }, now: at };
  const microsoft = { ...deal.microsoft, status: response, respondedAt: isoInstant(at) };
  return ok(changed({ ...deal, microsoft }, ctx, rules, [entry('microsoftResponded', ctx, { detail: response })]));
}

/** Microsoft marked the deal won on its side: with a Co-sell deal this makes it eligible for registration. */
export function recordMicrosoftMarkedWon(deal: Deal, at: DateTime, rules: TimeRules): Result<Deal> {
  if (deal.microsoft.status === 'notInvited') return refuse('microsoft_not_invited');
  const ctx = { actor: { kind: 'microsoft' as const, name: 'Microsoft' }, now: at };
  return ok(changed({ ...deal, microsoft: { ...deal.microsoft, markedWon: true } }, ctx, rules, [entry('microsoftResponded', ctx, { detail: 'markedWon' })]));
}
