import { z } from 'zod';
import type { WizardStep } from '../../cards/dealWizard';
import { microsoftSolutionsFrom, picked, str, teamFromRows, thirdPartySolutionsFrom, typedTeamRows, withUserIds, type FormValues } from '../../cards/formParts';
import { dealDraftInput, type DealDraftInput } from '../../services/domain/inputs';
import type { Member, Solution, TeamMember } from '../../services/domain/model';
import type { CreateDealState } from './state';

/*
 * From what the seller typed on each step to the shape of the domain's draft schema
 * (services/domain/inputs.ts dealDraftInput). Reading decides nothing; the domain's schema and
 * createDeal do. Each step is checked with the part of that schema it fills.
 */

export function readCustomer(t: FormValues): Record<string, unknown> {
  const contact = { name: str(t.contactName), phone: str(t.contactPhone), email: str(t.contactEmail) };
  const hasContact = Boolean(contact.name.trim() || contact.phone.trim() || contact.email.trim());
  return {
    customer: {
      name: t.customerName,
      country: t.customerCountry,
      city: t.customerCity,
      duns: t.customerDuns,
      contacts: hasContact ? [contact] : [],
      contactConsent: str(t.contactConsent) === 'true',
    },
  };
}

export function readDetails(t: FormValues): Record<string, unknown> {
  return {
    name: t.name,
    location: t.location,
    value: { amount: t.amount, currency: t.currency },
    closeDate: t.closeDate,
    crmId: t.crmId,
    campaignId: t.campaignId,
    notes: t.notes,
  };
}

/** Contacts picked from earlier deals come first, then the rows typed (empty rows left out). */
export function readTeam(t: FormValues, state: Pick<CreateDealState, 'contacts' | 'teamRows'>, member: Member): { team: Record<string, unknown>[]; picks: TeamMember[] } {
  const picks = picked(t.contacts)
    .map((i) => state.contacts[Number(i)])
    .filter((c): c is TeamMember => c !== undefined);
  const pickedEmails = new Set(picks.map((p) => p.email.toLowerCase()));
  const rows = teamFromRows(typedTeamRows(t, state.teamRows)).filter((r) => !pickedEmails.has(r.email.toLowerCase()));
  const me = member.email ? [{ email: member.email, userId: member.userId }] : [];
  return { team: [...picks, ...withUserIds(rows, me)], picks };
}

export function readSolutions(t: FormValues, state: Pick<CreateDealState, 'ownSolutions'>): Record<string, unknown> {
  const own = picked(t.own)
    .map((i) => state.ownSolutions[Number(i)])
    .filter((s): s is Solution => s !== undefined);
  const type = str(t.assessmentType).trim();
  const solutions: Solution[] = [...own, ...microsoftSolutionsFrom(t.microsoft), ...thirdPartySolutionsFrom(t.thirdParty)];
  if (!type) return { solutions };
  return { solutions: [{ kind: 'assessment', name: type }, ...solutions], assessment: { type, location: t.assessmentLocation } };
}

export function readSelling(t: FormValues): Record<string, unknown> {
  return { help: str(t.help) || 'none', microsoftMayView: str(t.microsoftMayView) || 'false' };
}

/** A solution assessment has no selling type and invites nobody: those two steps are skipped. */
export function isAssessment(state: Pick<CreateDealState, 'typed'>): boolean {
  return str(state.typed.solutions?.assessmentType).trim() !== '';
}

export function stepsOf(state: Pick<CreateDealState, 'typed'>): WizardStep[] {
  return isAssessment(state) ? ['customer', 'details', 'team', 'solutions', 'summary'] : ['customer', 'details', 'team', 'solutions', 'selling', 'partners', 'summary'];
}

/** Everything typed so far, in the draft's shape. */
export function draftOf(state: CreateDealState, member: Member): Record<string, unknown> {
  const t = state.typed;
  const assessment = isAssessment(state);
  return {
    ...readCustomer(t.customer ?? {}),
    ...readDetails(t.details ?? {}),
    team: readTeam(t.team ?? {}, state, member).team,
    ...readSolutions(t.solutions ?? {}, state),
    ...(assessment ? {} : readSelling(t.selling ?? {})),
    invitations: assessment ? [] : state.invitations,
  };
}

/** The part of the draft schema each step fills. */
export function stepSchema(step: WizardStep, today: string) {
  const draft = dealDraftInput(today);
  switch (step) {
    case 'customer':
      return draft.pick({ customer: true });
    case 'details':
      return draft.pick({ name: true, location: true, value: true, closeDate: true, crmId: true, campaignId: true, notes: true });
    case 'team':
      return draft.pick({ team: true });
    case 'solutions':
      return draft.pick({ solutions: true, assessment: true });
    case 'selling':
      return draft.pick({ help: true, microsoftMayView: true });
    default:
      return draft;
  }
}

/** Which step a path of the whole draft belongs to (for errors found only at the end, e.g. a day passed). */
export function stepOfPath(path: string): WizardStep {
  const head = path.split('.')[0]!;
  if (head === 'customer') return 'customer';
  if (['name', 'location', 'value', 'closeDate', 'crmId', 'campaignId', 'notes'].includes(head)) return 'details';
  if (head === 'team') return 'team';
  if (head === 'solutions' || head === 'assessment') return 'solutions';
  if (head === 'help' || head === 'microsoftMayView') return 'selling';
  return 'partners';
}

export function parseDraft(state: CreateDealState, member: Member, today: string): z.ZodSafeParseResult<DealDraftInput> {
  return dealDraftInput(today).safeParse(draftOf(state, member));
}
