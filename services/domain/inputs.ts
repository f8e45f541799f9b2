import { z } from 'zod';
import {
  Assessment,
  CountryCode,
  Customer,
  CustomerContact,
  DeclineReason,
  HelpKind,
  IsoDate,
  Money,
  NOTES_MAX,
  Phone,
  RegistrationDetails,
  Solution,
  TeamMember,
  TenantId,
} from './model';

/*
 * What a seller types, as schemas. Card inputs arrive as strings, so numbers and booleans are read
 * from strings here; empty strings mean "not given". Each schema that holds a close date is built
 * for a given `today` (the seller's calendar date) because a close date in the past is refused.
 */

/**
 * Building a zod schema costs far more than using one, and the date-bound ones are asked for on every
 * form submit: keep them per day (a handful of days are live at once, across time zones).
 */
function perDay<S>(build: (today: string) => S): (today: string) => S {
  const cache = new Map<string, S>();
  return (today) => {
    let schema = cache.get(today);
    if (!schema) {
      if (cache.size >= 16) cache.clear();
      schema = build(today);
      cache.set(today, schema);
    }
    return schema;
  };
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, 'v.tooLong').optional());
const requiredText = (max: number) =>
  z.preprocess(blankToUndefined, z.string('v.required').trim().min(1, 'v.required').max(max, 'v.tooLong'));

/**
 * An amount a seller types: "250000", "250 000" and 250000 all read as 250000. A deal worth nothing
 * (or less) is a typo, so a typed value is above zero; what a referral's sender says is stored as
 * given (model.ts Money).
 */
export const AmountInput = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.replace(/[\s_\u00a0\u202f]/g, '');
    return s === '' ? undefined : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  },
  z.number({ error: (issue) => (issue.input === undefined ? 'v.required' : 'v.number') }).gt(0, 'v.positive').max(1e15, 'v.tooLarge'),
);

export const MoneyInput = z.object({ amount: AmountInput, currency: Money.shape.currency });

export const BooleanInput = z.preprocess((v) => (v === 'true' ? true : v === 'false' || v === '' || v === undefined ? false : v), z.boolean());

/**
 * The close dates any deal may have, whoever gives them: a real calendar day from 2000 to 2100. A
 * date outside is a typo ("0000-01-01", "9999-12-31") that would sort and count days absurdly.
 */
export const CloseDate = IsoDate.refine((d) => d >= '2000-01-01' && d <= '2100-12-31', { message: 'v.dateOutOfRange', abort: true });

export const closeDateOnOrAfter = perDay((today: string) => {
  return z.preprocess(blankToUndefined, CloseDate.refine((d) => d >= today, 'v.dateInPast'));
});

/**
 * A customer contact our seller types (the main one, shared with Microsoft when it is invited): the
 * phone must be dialable, unlike the contacts a referral's sender gives (model.ts CustomerContact).
 */
export const CustomerContactInput = CustomerContact.extend({ phone: z.preprocess(blankToUndefined, Phone.optional()) });

export const CustomerInput = Customer.extend({ contacts: z.array(CustomerContactInput).default([]) });

/**
 * The people a seller puts on a deal: any number (the team is optional when accepting, 003), each row
 * typed whole — name, phone and email. Only a teammate the bot added itself may be without a phone.
 */
export const TeamRowsInput = z.array(TeamMember);

/** A new deal needs at least one whole contact: name, phone and email (003 "Add team members"). */
export const TeamInput = TeamRowsInput.min(1, 'v.teamRequired').refine((team) => team.some((t) => t.phone !== undefined), 'v.teamRequired');

export const SolutionsInput = z.array(Solution).min(1, 'v.solutionRequired');

/**
 * What a seller says about a deal they work on: asked when accepting a referral (003 "Accept": name,
 * value, close date, notes; optionally CRM ID, campaign ID, team — Teams gives the bot nobody's phone,
 * so no team member is required), and editable afterwards.
 */
const workedDealFields = (today: string) => ({
  name: requiredText(200),
  value: MoneyInput,
  closeDate: closeDateOnOrAfter(today),
  notes: optionalText(NOTES_MAX),
  crmId: optionalText(100),
  campaignId: optionalText(100),
  team: TeamRowsInput,
});

/**
 * Accepting also lets the seller add their company's co-sell ready solutions to the referral's own
 * (issue 14: the organization's offers are the choices wherever "my company's solutions" are asked).
 */
export const acceptInput = perDay((today: string) =>
  z.object({ ...workedDealFields(today), team: TeamRowsInput.default([]), ownSolutions: z.array(Solution).max(50, 'v.tooLong').default([]) }),
);
export type AcceptInput = z.infer<ReturnType<typeof acceptInput>>;

export const DeclineInput = z
  .object({
    reason: DeclineReason,
    reasonText: optionalText(200),
    notes: optionalText(NOTES_MAX),
  })
  .superRefine((d, ctx) => {
    if (d.reason === 'other' && !d.reasonText) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: 'v.reasonOther' });
  });
export type DeclineInput = z.infer<typeof DeclineInput>;

/** Fields a seller may change on an open deal (003 "Accepted stage"); location is deliberately absent. */
export const dealEditInput = perDay((today: string) => z.object({ ...workedDealFields(today), solutions: SolutionsInput }).partial());
export type DealEditInput = z.infer<ReturnType<typeof dealEditInput>>;

/** The per-partner fields of an invitation (003 "Partner to Partner (P2P) deal"). */
export const invitationInput = perDay((today: string) => {
  return z.object({
    partner: z.object({ tenantId: TenantId.optional(), name: requiredText(200) }),
    closeDate: closeDateOnOrAfter(today),
    value: MoneyInput,
    notes: optionalText(NOTES_MAX),
    team: z.array(TeamMember).default([]),
    solutions: SolutionsInput,
    helpWanted: optionalText(200),
  });
});
export type InvitationInput = z.infer<ReturnType<typeof invitationInput>>;

/** Everything the six creation steps collect (003 "Creating a Co-sell opportunity"). */
export const dealDraftInput = perDay((today: string) => {
  return z.object({
    customer: CustomerInput,
    name: requiredText(200),
    location: CountryCode,
    value: MoneyInput,
    closeDate: closeDateOnOrAfter(today),
    crmId: optionalText(100),
    campaignId: optionalText(100),
    notes: optionalText(NOTES_MAX),
    team: TeamInput,
    solutions: SolutionsInput,
    assessment: Assessment.optional(),
    help: HelpKind.default('none'),
    microsoftMayView: BooleanInput.default(false),
    invitations: z.array(invitationInput(today)).default([]),
  });
});
export type DealDraftInput = z.infer<ReturnType<typeof dealDraftInput>>;

/**
 * Register now (003): the confirmation that the company's name and the solution are clearly in the
 * customer contract (a check box: "true" when ticked), the deal's incentive-eligible solutions the
 * contract names, the day it was signed (not after today), and optionally its reference and notes for
 * Microsoft's reviewers.
 */
export const registrationInput = perDay((today: string) =>
  RegistrationDetails.extend({
    contractConfirmed: z.preprocess((v) => v === true || v === 'true', z.literal(true, 'v.registration.confirm')),
    contractSignedOn: z.preprocess(blankToUndefined, IsoDate.refine((d) => d <= today, 'v.registration.signedInFuture')),
  }),
);
