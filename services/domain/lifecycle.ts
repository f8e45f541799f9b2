import { DateTime, Duration } from 'luxon';
import type { z } from 'zod';
import { instantMillis, isoInstant } from '../clock';
import type { AcceptInput, DealDraftInput, DeclineInput } from './inputs';
import type { Actor, AssessmentStage, Organization, PartnerInvitation, SalesStage, Sender } from './model';
import { Deal, SYSTEM } from './model';
import { ok, refuse, type Result } from './result';
import { allAssessmentStagesComplete, MARKABLE_STAGES, nextAssessmentStage } from './stages';
import { changed, entry, guardNotTerminal, guardOpen, MICROSOFT_WINDOW, REFERRAL_WINDOW, type ActionContext } from './change';
import { checkInvitees, checkMicrosoftInvitable, newInvitation } from './invitations';
import { checkSolutions } from './solutions';
import { inboundDealId, newDealId } from './ids';
import { initialRemindersDone, withDueAt, type TimeRules } from './schedule';
import { withPeople } from './team';

// ---------- inbound: Received --accept--> Accepted | --decline--> Declined | --14 days--> Expired ----------

export interface ReferralIntake {
  readonly tenantId: string;
  readonly externalId: string;
  readonly engagementId?: string;
  readonly name: string;
  readonly location: string;
  readonly sender: Sender;
  readonly customer: Deal['customer'];
  readonly value: Deal['value'];
  readonly closeDate: string;
  readonly notes?: string;
  readonly solutions: Deal['solutions'];
  readonly inviteContext?: { notes?: string; helpWanted?: string };
  readonly createdAt?: DateTime;
  readonly expiresAt?: DateTime;
  readonly inviterDealId?: string;
  readonly invitationId?: string;
}

/**
 * A referral sent to the organization arrives in Received. From Microsoft it is Co-sell (Microsoft is
 * engaged: it sent it); from a partner it is P2P. It expires 14 days after it was created unless the
 * sender says otherwise. Reminder lead times already past on arrival are skipped: the new-referral
 * card is the notice.
 */
export function receiveReferral(input: ReferralIntake, now: DateTime, rules: TimeRules): Deal {
  const created = input.createdAt ?? now;
  const expiresAt = input.expiresAt ?? created.plus(REFERRAL_WINDOW);
  const fromMicrosoft = input.sender.type === 'Microsoft';
  const actor: Actor = fromMicrosoft
    ? { kind: 'microsoft', name: input.sender.name ?? input.sender.organizationName }
    : { kind: 'partner', name: input.sender.name ?? input.sender.organizationName, ...(input.sender.tenantId ? { id: input.sender.tenantId } : {}) };
  const deal: Deal = {
    id: inboundDealId(input.tenantId, input.externalId),
    tenantId: input.tenantId,
    direction: 'inbound',
    status: 'received',
    name: input.name,
    location: input.location,
    value: input.value,
    closeDate: input.closeDate,
    notes: input.notes,
    customer: input.customer,
    team: [],
    solutions: input.solutions,
    microsoft: {
      helpWanted: 'none',
      canView: fromMicrosoft,
      status: fromMicrosoft ? 'engaged' : 'notInvited',
      markedWon: false,
    },
    invitations: [],
    inbound: {
      externalId: input.externalId,
      engagementId: input.engagementId,
      sender: input.sender,
      inviteContext: input.inviteContext ?? {},
      receivedAt: isoInstant(now),
      expiresAt: isoInstant(expiresAt),
      remindersDone: initialRemindersDone(expiresAt, now, rules),
      inviterDealId: input.inviterDealId,
      invitationId: input.invitationId,
    },
    history: [entry('received', { actor, now })],
    favoritedBy: [],
    createdAt: isoInstant(created),
    createdBy: actor,
    updatedAt: isoInstant(now),
    dueAt: null,
  };
  return withDueAt(deal, rules);
}

/** No co-sell referral predates 2000: an earlier creation date is a typo. */
export const EARLIEST_REFERRAL = DateTime.fromISO('2000-01-01T00:00:00Z', { zone: 'utc' });
/** How far ahead of ours a sender's clock may run when it says when it created the referral. */
export const REFERRAL_CLOCK_SKEW = Duration.fromObject({ days: 1 });
/** The longest response window a sender may give (14 days unless it says otherwise). */
export const LONGEST_REFERRAL_WINDOW = Duration.fromObject({ years: 1 });

/**
 * The instants a sender gives must be plausible: created from 2000 up to a day from now, and
 * answerable for a while — after its creation, for at most a year. Anything else is a typo that would
 * schedule reminders and expiry absurdly (a referral "created" in 9999 would never expire).
 */
function referralTimeIssues(input: ReferralIntake, now: DateTime): z.core.$ZodIssue[] {
  const issue = (path: string[], message: string): z.core.$ZodIssue => ({ code: 'custom', path, message });
  const created = input.createdAt ?? now;
  if (created < EARLIEST_REFERRAL) return [issue(['createdAt'], 'v.createdTooEarly')];
  if (created > now.plus(REFERRAL_CLOCK_SKEW)) return [issue(['createdAt'], 'v.createdInFuture')];
  if (!input.expiresAt) return [];
  if (input.expiresAt <= created) return [issue(['inbound', 'expiresAt'], 'v.expiresBeforeCreated')];
  if (input.expiresAt > created.plus(LONGEST_REFERRAL_WINDOW)) return [issue(['inbound', 'expiresAt'], 'v.windowTooLong')];
  return [];
}

/**
 * A referral from outside, received — or why it cannot be: its instants are implausible, or the deal
 * it makes is one the store would refuse (checked with the store's own schema, so that what is
 * received is always stored). Issues name fields in the deal's terms (`customer.contacts.0.phone`).
 */
export function checkReferral(input: ReferralIntake, now: DateTime, rules: TimeRules): { ok: true; deal: Deal } | { ok: false; issues: z.core.$ZodIssue[] } {
  const timeIssues = referralTimeIssues(input, now);
  if (timeIssues.length > 0) return { ok: false, issues: timeIssues };
  const deal = receiveReferral(input, now, rules);
  const stored = Deal.safeParse(deal);
  return stored.success ? { ok: true, deal } : { ok: false, issues: stored.error.issues };
}

export function guardReceived(deal: Deal, now: DateTime): Result<void> {
  const closed = guardNotTerminal(deal);
  if (!closed.ok) return closed;
  if (deal.status !== 'received' || !deal.inbound) return refuse('not_received');
  // The sweeper may not have run yet: past its window a referral can no longer be answered.
  if (now.toMillis() >= instantMillis(deal.inbound.expiresAt)) return refuse('referral_expired');
  return ok(undefined);
}

/**
 * Accept: name, value, close date and notes (optionally CRM ID, campaign ID, team, and the company's own
 * co-sell ready solutions, added to the referral's) move it to Accepted (10 %). Nobody is required on
 * the team (003): Teams gives the bot nobody's phone. Whoever the referral was handed to stays on it,
 * with the people typed now.
 */
export function acceptReferral(deal: Deal, input: AcceptInput, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const guard = guardReceived(deal, ctx.now);
  if (!guard.ok) return guard;
  const accepted: Deal = {
    ...deal,
    status: 'open',
    salesStage: 'accepted',
    name: input.name,
    value: input.value,
    closeDate: input.closeDate,
    notes: input.notes ?? deal.notes,
    crmId: input.crmId,
    campaignId: input.campaignId,
    team: withPeople(deal.team, input.team),
    solutions: [...deal.solutions, ...input.ownSolutions.filter((own) => !deal.solutions.some((s) => s.kind === own.kind && s.name === own.name))],
    response: { action: 'accepted', at: isoInstant(ctx.now), by: ctx.actor },
  };
  return ok(changed(accepted, ctx, rules, [entry('accepted', ctx, { stage: 'accepted' })]));
}

/** Decline: a reason and notes; the deal is archived as Declined and the sender is told. */
export function declineReferral(deal: Deal, input: DeclineInput, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const guard = guardReceived(deal, ctx.now);
  if (!guard.ok) return guard;
  const declined: Deal = {
    ...deal,
    status: 'declined',
    response: { action: 'declined', at: isoInstant(ctx.now), by: ctx.actor, reason: input.reason, reasonText: input.reasonText, notes: input.notes },
  };
  return ok(changed(declined, ctx, rules, [entry('declined', ctx, { detail: input.reason })]));
}

/** A referral not answered within its window becomes Expired; only the sweeper does this. */
export function expireReferral(deal: Deal, now: DateTime, rules: TimeRules): Result<Deal> {
  const closed = guardNotTerminal(deal);
  if (!closed.ok) return closed;
  if (deal.status !== 'received' || !deal.inbound) return refuse('not_received');
  if (now.toMillis() < instantMillis(deal.inbound.expiresAt)) return refuse('not_yet_expired');
  const ctx = { actor: SYSTEM, now };
  return ok(changed({ ...deal, status: 'expired' }, ctx, rules, [entry('expired', ctx)]));
}

// ---------- outbound: Created (= Accepted) --stages--> Won | Lost ----------

/**
 * Create a deal from the six steps. It starts open at Created (10 %). Solution assessments need a
 * vetted organization, exactly one assessment and nothing else, and no selling type or invitations;
 * asking Microsoft for help needs the customer's main contact and consent to share it.
 */
export function createDeal(draft: DealDraftInput, org: Organization, ctx: ActionContext, rules: TimeRules, random?: () => number): Result<Deal> {
  const solutions = checkSolutions(draft.solutions, draft.assessment);
  if (!solutions.ok) return solutions;
  if (draft.assessment) {
    if (!org.assessmentVetted) return refuse('assessment_not_vetted');
    if (draft.help !== 'none' || draft.microsoftMayView || draft.invitations.length > 0) return refuse('assessment_no_invitations');
  }
  if (draft.help !== 'none') {
    const contact = checkMicrosoftInvitable(draft.customer);
    if (!contact.ok) return contact;
  }
  const invitees = checkInvitees(org.tenantId, [], draft.invitations);
  if (!invitees.ok) return invitees;
  const now = isoInstant(ctx.now);
  const invitations: PartnerInvitation[] = draft.invitations.map((inv, i) => newInvitation(inv, ctx, i));
  const history = [entry('created', ctx, { stage: 'created' })];
  if (draft.help !== 'none') history.push(entry('microsoftInvited', ctx, { detail: draft.help }));
  for (const inv of invitations) history.push(entry('partnerInvited', ctx, { detail: inv.partner.name }));
  const deal: Deal = {
    id: newDealId(random),
    tenantId: org.tenantId,
    direction: 'outbound',
    status: 'open',
    name: draft.name,
    location: draft.location,
    value: draft.value,
    closeDate: draft.closeDate,
    crmId: draft.crmId,
    campaignId: draft.campaignId,
    notes: draft.notes,
    customer: draft.customer,
    team: draft.team,
    solutions: draft.solutions,
    assessment: draft.assessment,
    salesStage: 'created',
    microsoft:
      draft.help === 'none'
        ? { helpWanted: 'none', canView: draft.microsoftMayView, status: 'notInvited', markedWon: false }
        : {
            helpWanted: draft.help,
            canView: true,
            status: 'invited',
            invitedAt: now,
            respondBy: isoInstant(ctx.now.plus(MICROSOFT_WINDOW)),
            markedWon: false,
          },
    invitations,
    history,
    favoritedBy: [],
    createdAt: now,
    createdBy: ctx.actor,
    updatedAt: now,
    dueAt: null,
  };
  return ok(withDueAt(deal, rules));
}

/** Mark one of the four standard sales stages on an open, non-assessment deal. */
export function markSalesStage(deal: Deal, stage: SalesStage, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const guard = guardOpen(deal);
  if (!guard.ok) return guard;
  if (deal.assessment) return refuse('assessment_only_stages');
  if (!MARKABLE_STAGES.includes(stage)) return refuse('stage_not_allowed', { stage });
  if (deal.salesStage === stage) return refuse('stage_unchanged', { stage });
  return ok(changed({ ...deal, salesStage: stage }, ctx, rules, [entry('stage', ctx, { stage })]));
}

/** Complete the next solution-assessment stage; they are mandatory and go in order. */
export function completeAssessmentStage(deal: Deal, stage: AssessmentStage, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const guard = guardOpen(deal);
  if (!guard.ok) return guard;
  if (!deal.assessment) return refuse('stage_not_allowed', { stage });
  const next = nextAssessmentStage(deal);
  if (next !== stage) return refuse('assessment_stage_out_of_order', { stage, next: next ?? '' });
  return ok(changed({ ...deal, assessmentStage: stage }, ctx, rules, [entry('assessmentStage', ctx, { stage })]));
}

/** Won (100 %) ends the deal; on a solution assessment only once every assessment stage is complete. */
export function markWon(deal: Deal, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const guard = guardOpen(deal);
  if (!guard.ok) return guard;
  if (deal.assessment && !allAssessmentStagesComplete(deal)) return refuse('assessment_stages_incomplete');
  return ok(changed({ ...deal, status: 'won', salesStage: 'won' }, ctx, rules, [entry('won', ctx, { stage: 'won' })]));
}

/** Lost ends the deal too. */
export function markLost(deal: Deal, reason: string | undefined, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const guard = guardOpen(deal);
  if (!guard.ok) return guard;
  return ok(changed({ ...deal, status: 'lost', lostReason: reason }, ctx, rules, [entry('lost', ctx, reason ? { detail: reason } : {})]));
}
