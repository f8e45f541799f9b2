import { z } from 'zod';
import { guardOpen, todayFor, type ActionContext } from '../domain/change';
import { editDeal } from '../domain/edits';
import { setFavorite } from '../domain/favorites';
import { BooleanInput, CustomerContactInput, dealEditInput, invitationInput, optionalText, registrationInput, type DealEditInput, type InvitationInput } from '../domain/inputs';
import { editInvitation, grantMicrosoftView, INVITER_LOCKED_FIELDS, inviteMicrosoft, invitePartners } from '../domain/invitations';
import { completeAssessmentStage, markLost, markSalesStage, markWon } from '../domain/lifecycle';
import { AssessmentStage, HelpKind, SalesStage, type Deal, type Member } from '../domain/model';
import { checkRegistrable, registerDeal } from '../domain/registration';
import { ok, refuse, type Result } from '../domain/result';
import { isTerminal } from '../domain/stages';
import type { Effects } from '../notifications/effects';
import type { OutboxItem } from '../store/ports';
import { runDealAction, type DealActionDeps, type DealActionOutcome } from './runner';

export type DealChangeOutcome = DealActionOutcome | { readonly kind: 'invalid'; readonly error: z.ZodError; readonly deal: Deal };

export interface DealActionsDeps extends DealActionDeps {
  readonly effects: Effects;
}

/** Which deal, in which organization. */
export interface DealRef {
  readonly tenantId: string;
  readonly dealId: string;
}

/**
 * What a form sent, or how to read it against the deal as loaded — for forms that pick from the
 * deal's own team or solutions, so the picks resolve against the same version the rule sees.
 */
export type FormInput<T> = T | ((deal: Deal) => T);

function read<T>(input: FormInput<T>, deal: Deal): T {
  return typeof input === 'function' ? (input as (deal: Deal) => T)(deal) : input;
}

const StageInput = z.object({ stage: SalesStage });
const AssessmentStageInput = z.object({ stage: AssessmentStage });
const CLEARABLE = ['notes', 'crmId', 'campaignId'] as const;
const LostInput = z.object({ reason: optionalText(200) });
const MicrosoftInput = z.object({ help: HelpKind, contact: CustomerContactInput, contactConsent: BooleanInput });

/** What the inviter may still change on an invitation: notes and the help wanted (the rest is locked, 003). */
function invitationEditInput(today: string) {
  return invitationInput(today).pick({ notes: true, helpWanted: true });
}


/**
 * Every action a seller takes on a deal from its card, each the same story (services/deals/runner.ts):
 * check who may act, validate what was typed, apply the domain rule, save with the etag together
 * with what the change causes — the refresh of every copy of the deal's cards; for an inbound deal
 * won or lost, the referral's outcome (status event, the sender told); for partners invited, their
 * invitations delivered. Input errors come back as `invalid`, with the deal, and nothing is saved.
 */
export class DealActions {
  constructor(private readonly deps: DealActionsDeps) {}

  markStage(member: Member, ref: DealRef, raw: unknown): Promise<DealChangeOutcome> {
    return this.withInput(member, ref, () => StageInput.safeParse(raw), (deal, input, ctx) => markSalesStage(deal, input.stage, ctx, this.deps.timeRules));
  }

  completeAssessmentStage(member: Member, ref: DealRef, raw: unknown): Promise<DealChangeOutcome> {
    return this.withInput(member, ref, () => AssessmentStageInput.safeParse(raw), (deal, input, ctx) =>
      completeAssessmentStage(deal, input.stage, ctx, this.deps.timeRules),
    );
  }

  markWon(member: Member, ref: DealRef): Promise<DealChangeOutcome> {
    return this.change(member, ref, (deal, ctx) => markWon(deal, ctx, this.deps.timeRules));
  }

  markLost(member: Member, ref: DealRef, raw: unknown): Promise<DealChangeOutcome> {
    return this.withInput(member, ref, () => LostInput.safeParse(raw), (deal, input, ctx) => markLost(deal, input.reason, ctx, this.deps.timeRules));
  }

  /**
   * Edit what may be edited: the deal's fields (never its location) and, on each invitation, the notes
   * and help wanted (its close date, value, team and solutions are the invited partner's to change).
   * A close date the seller left as it was is not checked again, so a deal whose date has passed can
   * still be renamed; a changed one must be today or later.
   */
  edit(member: Member, ref: DealRef, raw: FormInput<Record<string, unknown>>): Promise<DealChangeOutcome> {
    let sent: Record<string, unknown> = {};
    return this.withInput(
      member,
      ref,
      (deal, ctx) => {
        sent = read(raw, deal);
        const candidate = sent.closeDate === deal.closeDate ? { ...sent, closeDate: undefined } : sent;
        return dealEditInput(todayFor(ctx)).safeParse(candidate);
      },
      (deal, input, ctx) => this.applyEdit(deal, input, sent, ctx),
    );
  }

  private applyEdit(deal: Deal, input: DealEditInput, sent: Record<string, unknown>, ctx: ActionContext): Result<Deal> {
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as DealEditInput & Record<string, unknown>;
    // An optional field sent empty is cleared, not left as it was.
    for (const key of CLEARABLE) if (key in sent && patch[key] === undefined) patch[key] = undefined;
    return editDeal(deal, patch, ctx, this.deps.timeRules);
  }

  /**
   * Edit an invitation this organization sent: its notes and the help wanted. Its close date, value,
   * team and solutions are the invited partner's to change now (the domain refuses them by name).
   */
  editInvitation(member: Member, ref: DealRef, invitationId: string, raw: Record<string, unknown>): Promise<DealChangeOutcome> {
    return this.withInput(
      member,
      ref,
      (_deal, ctx) => invitationEditInput(todayFor(ctx)).safeParse(raw),
      (deal, input, ctx) => {
        const current = deal.invitations.find((i) => i.id === invitationId);
        if (!current) return refuse('invitation_not_found');
        const locked = Object.keys(raw).find((k) => (INVITER_LOCKED_FIELDS as readonly string[]).includes(k));
        const changes = {
          ...(locked ? { [locked]: raw[locked] } : {}),
          ...(input.notes !== current.notes ? { notes: input.notes ?? '' } : {}),
          ...(input.helpWanted !== current.helpWanted ? { helpWanted: input.helpWanted ?? '' } : {}),
        };
        return Object.keys(changes).length > 0 ? editInvitation(deal, invitationId, changes, ctx, this.deps.timeRules) : ok(deal);
      },
    );
  }

  /** Invite Microsoft for a kind of help, with the customer's main contact and the consent to share it. */
  inviteMicrosoft(member: Member, ref: DealRef, raw: unknown): Promise<DealChangeOutcome> {
    return this.withInput(member, ref, () => MicrosoftInput.safeParse(raw), (deal, input, ctx) =>
      inviteMicrosoft(deal, { help: input.help, contact: input.contact, contactConsent: input.contactConsent }, ctx, this.deps.timeRules),
    );
  }

  grantMicrosoftView(member: Member, ref: DealRef): Promise<DealChangeOutcome> {
    return this.change(member, ref, (deal, ctx) => grantMicrosoftView(deal, ctx, this.deps.timeRules));
  }

  /** Invite one partner with its own close date, value, notes, team, solutions and help wanted. */
  invitePartner(member: Member, ref: DealRef, raw: FormInput<Record<string, unknown>>): Promise<DealChangeOutcome> {
    return this.withInput(
      member,
      ref,
      (deal, ctx) => invitationInput(todayFor(ctx)).safeParse(read(raw, deal)),
      (deal, input: InvitationInput, ctx) => invitePartners(deal, [input], ctx, this.deps.timeRules),
      (before, after) => [...this.effectsOf(before, after), ...this.deps.effects.partnerInvitations(after, after.invitations.slice(before.invitations.length))],
    );
  }

  /**
   * Register now, with what 003 asks first: the confirmation that the company's name and the solution
   * are clearly in the customer contract, and the additional information. The deal must be registrable
   * (eligible, not registered yet) before the form is read, so a stale card learns why it cannot.
   */
  register(member: Member, ref: DealRef, raw: FormInput<Record<string, unknown>>): Promise<DealChangeOutcome> {
    return this.withInput(
      member,
      ref,
      (deal, ctx) => registrationInput(todayFor(ctx)).safeParse(read(raw, deal)),
      (deal, input, ctx) => registerDeal(deal, ctx, this.deps.timeRules, input),
      (before, after) => this.effectsOf(before, after),
      checkRegistrable,
    );
  }

  /** The heart, a personal mark: on or off for this member; `on` undefined flips it (hearts on cards sent before hearts said which). */
  setFavorite(member: Member, ref: DealRef, on: boolean | undefined): Promise<DealChangeOutcome> {
    return runDealAction(this.deps, { ...ref, member, apply: (deal) => ok(setFavorite(deal, member.userId, on ?? !deal.favoritedBy.includes(member.userId))) });
  }

  /** What any change causes: every copy of the deal's cards shows it; an inbound deal's outcome goes back to its sender; Partner Center hears of it. */
  private effectsOf(before: Deal, after: Deal): OutboxItem[] {
    const pushed = this.deps.effects.partnerCenterPush(after);
    if (after.inbound && !isTerminal(before) && (after.status === 'won' || after.status === 'lost')) {
      return [...this.deps.effects.referralOutcome(after, after.status === 'won' ? 'referral.won' : 'referral.lost'), ...pushed];
    }
    return [this.deps.effects.refreshCards(after), ...pushed];
  }

  private change(member: Member, ref: DealRef, apply: (deal: Deal, ctx: ActionContext) => Result<Deal>): Promise<DealChangeOutcome> {
    return runDealAction(this.deps, { ...ref, member, apply, effects: (before, after) => this.effectsOf(before, after) });
  }

  /**
   * A rule that needs input. The input is read against the deal as loaded (and again after a
   * conflict). A deal the action is not possible on (`guard`: by default, one that is not open) refuses
   * before its input is looked at; invalid input saves nothing and comes back with its errors.
   */
  private async withInput<T>(
    member: Member,
    ref: DealRef,
    parse: (deal: Deal, ctx: ActionContext) => z.ZodSafeParseResult<T>,
    rule: (deal: Deal, input: T, ctx: ActionContext) => Result<Deal>,
    effects: (before: Deal, after: Deal) => OutboxItem[] = (before, after) => this.effectsOf(before, after),
    guard: (deal: Deal) => Result<void> = guardOpen,
  ): Promise<DealChangeOutcome> {
    let invalid: z.ZodError | undefined;
    const outcome = await runDealAction(this.deps, {
      ...ref,
      member,
      apply: (deal, ctx) => {
        invalid = undefined;
        const open = guard(deal);
        if (!open.ok) return open;
        const parsed = parse(deal, ctx);
        if (!parsed.success) {
          invalid = parsed.error;
          return ok(deal); // unchanged: the runner saves nothing
        }
        return rule(deal, parsed.data, ctx);
      },
      effects,
    });
    if (invalid && outcome.kind === 'done') return { kind: 'invalid', error: invalid, deal: outcome.deal };
    return outcome;
  }
}
