import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { ZodError } from 'zod';
// By module, not the package index (see dialogs/host.ts).
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog';
import type { DialogContext } from 'botbuilder-dialogs/lib/dialogContext';
import type { WizardStep } from '../../cards/dealWizard';
import { partnerBlockStarted, readPartnerBlock } from '../../cards/partnerBlock';
import { renderNoticeCard } from '../../cards/notice';
import type { DealCreation } from '../../services/deals/create';
import { invitationInput, type DealDraftInput } from '../../services/domain/inputs';
import { checkInvitees, checkMicrosoftInvitable } from '../../services/domain/invitations';
import type { Deal, Member, Solution, TeamMember } from '../../services/domain/model';
import { checkSolutions } from '../../services/domain/solutions';
import { describeRefusal, type Translator } from '../../services/i18n';
import { dialogInput, present } from '../surface';
import { draftOf, parseDraft, readCustomer, readDetails, readSelling, readSolutions, readTeam, stepOfPath, stepSchema, stepsOf } from './draft';
import { inputsOf, MAX_INVITATIONS, MAX_TEAM_ROWS, TEAM_ROWS, type CreateDealState } from './state';
import {
  customerCard,
  detailsCard,
  partnersCard,
  sellingCard,
  solutionsCard,
  summaryCard,
  teamCard,
  type DraftSoFar,
  type StepProblems,
  type ViewContext,
} from './views';

export const CREATE_DEAL_DIALOG = 'createDeal';

/** Who is at the keyboard: the member of the turn, in their language, and their calendar date. */
export interface Seller {
  readonly member: Member;
  readonly tr: Translator;
  readonly today: string;
}

export interface CreateDealDeps {
  readonly creation: DealCreation;
  readonly seller: (context: TurnContext) => Seller | undefined;
  /** Show the new deal's card (and keep the copy, so later changes update it). */
  readonly showCreated: (context: TurnContext, seller: Seller, deal: Deal) => Promise<void>;
}

type Problems = StepProblems & { typed?: Record<string, string> };

/**
 * The create-deal dialog: DOMAIN.md's six creation steps and a summary, one Adaptive Card form each.
 * Every step is checked with the part of the domain's draft schema it fills (and the domain rule it
 * touches: solutions, Microsoft's need for a consented contact, who may be invited); an error comes
 * back on the same form, beside the field. Back and Cancel work from every step, as buttons or typed.
 * The summary shows what the deal will be (the domain's createDeal, run without saving); Create
 * saves it through the creation use case. A solution assessment skips the selling-type and partner
 * steps: it has neither.
 */
export class CreateDealDialog extends Dialog {
  constructor(private readonly deps: CreateDealDeps) {
    super(CREATE_DEAL_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const seller = this.deps.seller(dc.context);
    if (!seller) return dc.endDialog();
    const [org, ownSolutions] = await Promise.all([this.deps.creation.organization(seller.member.tenantId), this.deps.creation.ownSolutions(seller.member.tenantId)]);
    const state: CreateDealState = {
      run: randomUUID().slice(0, 8),
      step: 'customer',
      typed: {},
      teamRows: TEAM_ROWS,
      contacts: [],
      ownSolutions,
      canAssess: org?.assessmentVetted ?? false,
      currency: await this.deps.creation.usualCurrency(seller.member.tenantId),
      partnerResults: [],
      searched: false,
      invitations: [],
    };
    dc.activeDialog!.state = state;
    await this.show(dc.context, seller, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const seller = this.deps.seller(dc.context);
    const state = dc.activeDialog!.state as CreateDealState;
    const input = dialogInput(dc.context);
    if (!seller || !input) return Dialog.EndOfTurn;
    const { tr } = seller;
    const data = input.data;
    if (input.nav === 'cancel') {
      await present(dc.context, renderNoticeCard({ title: tr.t('dialog.cancelledTitle'), message: tr.t('dialog.cancelled'), color: 'Default' }));
      return dc.endDialog();
    }
    if (typeof data.run === 'string' && data.run !== state.run) {
      await this.show(dc.context, seller, state, { notice: { text: tr.t('dialog.stale'), color: 'Warning' } });
      return Dialog.EndOfTurn;
    }
    if (typeof data.step === 'string' && data.step !== state.step) {
      await this.show(dc.context, seller, state, { notice: { text: tr.t('dialog.moved'), color: 'Warning' } });
      return Dialog.EndOfTurn;
    }
    switch (input.nav) {
      case 'back':
        // What the form held is kept (not checked) so that coming back to this step shows it again;
        // "back" typed as text sends no form, and keeps what was kept before.
        if (state.step !== 'summary') {
          const typed = inputsOf(state.step, data);
          if (Object.keys(typed).length > 0) state.typed[state.step] = typed;
        }
        state.step = this.previous(state);
        await this.show(dc.context, seller, state);
        return Dialog.EndOfTurn;
      case 'next':
        await this.next(dc.context, seller, state, data);
        return Dialog.EndOfTurn;
      case 'addRow':
        if (state.step === 'team') {
          state.typed.team = inputsOf('team', data);
          state.teamRows = Math.min(MAX_TEAM_ROWS, state.teamRows + 1);
        }
        await this.show(dc.context, seller, state);
        return Dialog.EndOfTurn;
      case 'search':
      case 'add':
      case 'remove':
        if (state.step === 'partners') await this.partners(dc.context, seller, state, input.nav, data);
        else await this.show(dc.context, seller, state);
        return Dialog.EndOfTurn;
      case 'create':
        if (state.step === 'summary') return this.create(dc, seller, state);
        await this.show(dc.context, seller, state);
        return Dialog.EndOfTurn;
      case 'hint':
        await this.show(dc.context, seller, state, { notice: { text: tr.t('dialog.hint'), color: 'Default' } });
        return Dialog.EndOfTurn;
      default:
        await this.show(dc.context, seller, state);
        return Dialog.EndOfTurn;
    }
  }

  private previous(state: CreateDealState): WizardStep {
    const steps = stepsOf(state);
    return steps[Math.max(0, steps.indexOf(state.step) - 1)]!;
  }

  private following(state: CreateDealState): WizardStep {
    const steps = stepsOf(state);
    return steps[Math.min(steps.length - 1, steps.indexOf(state.step) + 1)]!;
  }

  /** Check the step's inputs with the domain's schema (and rules); move on, or show the errors beside the fields. */
  private async next(context: TurnContext, seller: Seller, state: CreateDealState, data: Readonly<Record<string, unknown>>): Promise<void> {
    const step = state.step;
    if (step === 'summary') return this.show(context, seller, state);
    if (step === 'partners') {
      const typed = inputsOf('partners', data);
      if (partnerBlockStarted(typed)) {
        const problems = this.addInvitation(seller, state, typed);
        if (problems) return this.show(context, seller, state, problems);
      }
      delete state.typed.partners;
      state.step = this.following(state);
      return this.show(context, seller, state);
    }
    state.typed[step] = inputsOf(step, data);
    const problems = this.check(seller, state, step);
    if (problems) return this.show(context, seller, state, problems);
    state.step = this.following(state);
    await this.show(context, seller, state);
  }

  private check(seller: Seller, state: CreateDealState, step: Exclude<WizardStep, 'summary' | 'partners'>): Problems | undefined {
    const t = state.typed[step] ?? {};
    const schema = stepSchema(step, seller.today);
    const piece =
      step === 'customer'
        ? readCustomer(t)
        : step === 'details'
          ? readDetails(t)
          : step === 'team'
            ? { team: readTeam(t, state, seller.member).team }
            : step === 'solutions'
              ? readSolutions(t, state)
              : readSelling(t);
    const parsed = schema.safeParse(piece);
    if (!parsed.success) return { error: parsed.error };
    if (step === 'solutions') {
      const value = parsed.data as Pick<DealDraftInput, 'solutions' | 'assessment'>;
      const solutions = checkSolutions(value.solutions, value.assessment);
      if (!solutions.ok) return { refusal: solutions.refusal };
      if (value.assessment && !state.canAssess) return { refusal: { code: 'assessment_not_vetted' } };
    }
    if (step === 'selling' && (parsed.data as Pick<DealDraftInput, 'help'>).help !== 'none') {
      const customer = stepSchema('customer', seller.today).safeParse(readCustomer(state.typed.customer ?? {}));
      if (customer.success) {
        const invitable = checkMicrosoftInvitable((customer.data as Pick<DealDraftInput, 'customer'>).customer);
        if (!invitable.ok) return { refusal: invitable.refusal, notice: { text: seller.tr.t('dialog.selling.contactNeeded'), color: 'Attention' } };
      }
    }
    return undefined;
  }

  /** The deal's team, solutions, close date and currency as typed so far: what an invitation picks from and is pre-filled with. */
  private soFar(seller: Seller, state: CreateDealState): DraftSoFar {
    const draft = draftOf(state, seller.member);
    const team = stepSchema('team', seller.today).safeParse({ team: draft.team });
    const solutions = stepSchema('solutions', seller.today).safeParse({ solutions: draft.solutions, assessment: draft.assessment });
    const details = state.typed.details ?? {};
    return {
      team: team.success ? (team.data as { team: TeamMember[] }).team : [],
      solutions: solutions.success ? (solutions.data as { solutions: Solution[] }).solutions : [],
      closeDate: details.closeDate ?? '',
      currency: (details.currency ?? '').toUpperCase(),
    };
  }

  /** Validate one partner with the domain's invitation schema and invitee rule; keep it, or say what is wrong. */
  private addInvitation(seller: Seller, state: CreateDealState, typed: Record<string, string>): Problems | undefined {
    const soFar = this.soFar(seller, state);
    if (state.invitations.length >= MAX_INVITATIONS) return { typed, notice: { text: seller.tr.t('dialog.partners.tooMany', { max: MAX_INVITATIONS }), color: 'Attention' } };
    const parsed = invitationInput(seller.today).safeParse(readPartnerBlock(typed, state.partnerResults, soFar.team, soFar.solutions));
    if (!parsed.success) return { typed, error: parsed.error };
    const invitees = checkInvitees(seller.member.tenantId, state.invitations as { partner: { name: string; tenantId?: string } }[], [parsed.data]);
    if (!invitees.ok) return { typed, refusal: invitees.refusal };
    state.invitations.push(JSON.parse(JSON.stringify(parsed.data)) as Record<string, unknown>);
    state.partnerResults = [];
    state.searched = false;
    return undefined;
  }

  private async partners(context: TurnContext, seller: Seller, state: CreateDealState, nav: 'search' | 'add' | 'remove', data: Readonly<Record<string, unknown>>): Promise<void> {
    const typed = inputsOf('partners', data);
    if (nav === 'search') {
      state.partnerResults = await this.deps.creation.searchPartners(seller.member, typed.partnerQuery ?? '');
      state.searched = true;
      const { partnerPick: _previousPick, ...rest } = typed;
      return this.show(context, seller, state, { typed: rest });
    }
    if (nav === 'remove') {
      const index = Number(data.index);
      if (Number.isInteger(index) && index >= 0 && index < state.invitations.length) state.invitations.splice(index, 1);
      return this.show(context, seller, state);
    }
    const problems = this.addInvitation(seller, state, typed);
    if (problems) return this.show(context, seller, state, problems);
    delete state.typed.partners;
    await this.show(context, seller, state, { notice: { text: seller.tr.t('dialog.partners.added'), color: 'Good' } });
  }

  private async create(dc: DialogContext, seller: Seller, state: CreateDealState): Promise<DialogTurnResult> {
    const parsed = parseDraft(state, seller.member, seller.today);
    if (!parsed.success) {
      await this.jumpToError(dc.context, seller, state, parsed.error);
      return Dialog.EndOfTurn;
    }
    // Keyed by the dialog run: a Create clicked twice (or retried) makes one deal.
    const outcome = await this.deps.creation.create(seller.member, parsed.data, `${seller.member.tenantId}:${seller.member.userId}:${state.run}`);
    if (outcome.kind === 'refused') {
      await this.show(dc.context, seller, state, { refusal: outcome.refusal });
      return Dialog.EndOfTurn;
    }
    await this.deps.showCreated(dc.context, seller, outcome.deal);
    return dc.endDialog();
  }

  /** Something typed earlier is no longer valid (e.g. a close date that has since passed): back to that step, with the error. */
  private async jumpToError(context: TurnContext, seller: Seller, state: CreateDealState, error: ZodError): Promise<void> {
    const first = error.issues[0];
    state.step = stepOfPath(first ? first.path.map(String).join('.') : 'customer');
    if (state.step === 'partners') {
      await this.show(context, seller, state, { notice: { text: seller.tr.t('dialog.partners.invalidNow'), color: 'Attention' } });
      return;
    }
    await this.show(context, seller, state, { error });
  }

  /** Show the current step's form. */
  private async show(context: TurnContext, seller: Seller, state: CreateDealState, problems: Problems = {}): Promise<void> {
    const v: ViewContext = { tr: seller.tr, member: seller.member, today: seller.today, state };
    switch (state.step) {
      case 'customer':
        await present(context, customerCard(v, problems));
        return;
      case 'details':
        await present(context, detailsCard(v, problems));
        return;
      case 'team':
        if (!state.typed.team && state.contacts.length === 0) {
          state.contacts = await this.deps.creation.recentContacts(seller.member, seller.member.email ? [seller.member.email] : []);
        }
        await present(context, teamCard(v, problems));
        return;
      case 'solutions':
        await present(context, solutionsCard(v, problems));
        return;
      case 'selling':
        await present(context, sellingCard(v, problems));
        return;
      case 'partners':
        await present(context, partnersCard(v, this.soFar(seller, state), problems));
        return;
      case 'summary': {
        const parsed = parseDraft(state, seller.member, seller.today);
        if (!parsed.success) return this.jumpToError(context, seller, state, parsed.error);
        const preview = await this.deps.creation.preview(seller.member, parsed.data);
        const notice = problems.refusal ? { text: describeRefusal(problems.refusal, seller.tr), color: 'Attention' as const } : problems.notice;
        await present(context, summaryCard(v, parsed.data, preview, notice));
        return;
      }
    }
  }
}

