import type { WizardStep } from '../../cards/dealWizard';
import { NOTES_MAX, type Solution, type TeamMember } from '../../services/domain/model';
import type { PartnerMatch } from '../../services/deals/create';

/**
 * Where a seller is in the create-deal dialog. Kept in botbuilder's dialog state (on the store's
 * botState), so it must stay plain JSON: a restarted bot, or another bot process, continues from it.
 */
export interface CreateDealState {
  /** Identifies this run of the dialog; forms of an earlier run are recognised as stale. */
  run: string;
  step: WizardStep;
  /** What the seller typed on each step (the form's inputs, as strings), so Back shows it again. */
  typed: Partial<Record<WizardStep, Record<string, string>>>;
  /** Team rows shown on the team step ("Add a row" adds one). */
  teamRows: number;
  /** Contacts from the organization's earlier deals, as offered on the team step (picked by index). */
  contacts: TeamMember[];
  /** The organization's co-sell ready solutions, as offered on the solutions step (picked by index). */
  ownSolutions: Solution[];
  /** Vetted for solution assessments: the solutions step offers one. */
  canAssess: boolean;
  /** The organization's usual currency, prefilled on the details step (absent in drafts from before it). */
  currency?: string;
  /** The last partner search, as offered on the partners step. */
  partnerResults: PartnerMatch[];
  searched: boolean;
  /** Invitations added so far, each already valid against the domain's invitation schema. */
  invitations: Record<string, unknown>[];
}

export const TEAM_ROWS = 3;
export const MAX_TEAM_ROWS = 10;
export const MAX_INVITATIONS = 10;

export const STEP_INPUTS: Readonly<Record<Exclude<WizardStep, 'summary'>, readonly string[]>> = {
  customer: ['customerCountry', 'customerCity', 'customerName', 'customerDuns', 'contactName', 'contactPhone', 'contactEmail', 'contactConsent'],
  details: ['name', 'location', 'amount', 'currency', 'closeDate', 'crmId', 'campaignId', 'notes'],
  team: ['contacts', ...Array.from({ length: MAX_TEAM_ROWS }, (_, i) => [`team${i}Name`, `team${i}Phone`, `team${i}Email`]).flat()],
  solutions: ['own', 'microsoft', 'thirdParty', 'assessmentType', 'assessmentLocation'],
  selling: ['help', 'microsoftMayView'],
  partners: [
    'partnerQuery',
    'partnerPick',
    'partnerName',
    'partnerCloseDate',
    'partnerAmount',
    'partnerCurrency',
    'partnerNotes',
    'partnerTeam',
    'partnerSolutions',
    'partnerOtherSolutions',
    'partnerHelp',
  ],
};

/**
 * The longest a typed value is kept (it bounds the state a client can make the bot store, and the
 * form that shows it again): one character more than the longest field, so a value too long is
 * still too long when checked, and the form says so beside the field — never cut to a length that
 * passes.
 */
const TYPED_MAX = NOTES_MAX + 1;

/** Only the inputs that belong to the step, as strings (anything else a client sends is dropped). */
export function inputsOf(step: Exclude<WizardStep, 'summary'>, data: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of STEP_INPUTS[step]) {
    const v = data[id];
    if (typeof v === 'string') out[id] = v.slice(0, TYPED_MAX);
    else if (typeof v === 'number' || typeof v === 'boolean') out[id] = String(v);
  }
  return out;
}
