import type { Translator } from '../services/i18n';
import type { Choice } from './dealStatus';
import type { Fact } from './referral';
import type { PartnerBlock } from './partnerBlock';
import type { TeamRow } from './formParts';
import { countryChoices, currencyChoices } from './choices';
import { renderCompactCard } from './compact';
import { renderCard, type AdaptiveCardJson } from './render';
import { noticeFields } from './dealText';
import customerTemplate from './templates/deal-create-customer.json';
import detailsTemplate from './templates/deal-create-details.json';
import partnersTemplate from './templates/deal-create-partners.json';
import sellingTemplate from './templates/deal-create-selling.json';
import solutionsTemplate from './templates/deal-create-solutions.json';
import summaryTemplate from './templates/deal-create-summary.json';
import teamTemplate from './templates/deal-create-team.json';

/*
 * The forms of the create-deal dialog, one card per step (DOMAIN.md "Creating a deal"), each with
 * its errors beside the fields, Back (except on the first step) and Cancel. Every button carries the
 * step and the dialog run it belongs to, so a stale form can be told apart from the current one.
 * The dialog (dialogs/createDeal) builds the data; these only bind it.
 */

export type WizardStep = 'customer' | 'details' | 'team' | 'solutions' | 'selling' | 'partners' | 'summary';

/** What every step card has. */
export interface StepFrame {
  run: string;
  step: WizardStep;
  title: string;
  intro: string;
  notice: string;
  noticeColor: 'Default' | 'Attention' | 'Good' | 'Warning';
  canBack: boolean;
  nextTitle: string;
  backTitle: string;
  cancelTitle: string;
  tooLarge: string;
  /** Searchable lists of countries and currencies; a form too large with them asks for typed codes instead. */
  pickers: boolean;
  countries: Choice[];
  currencies: Choice[];
}

export function stepFrame(tr: Translator, run: string, step: WizardStep, position: { index: number; total: number }, notice?: { text: string; color: StepFrame['noticeColor'] }): StepFrame {
  const name = tr.tk(`dialog.step.${step}`);
  return {
    run,
    step,
    title: step === 'summary' ? tr.t('dialog.summaryTitle') : tr.t('dialog.stepTitle', { index: position.index, total: position.total, name }),
    intro: tr.tk(`dialog.intro.${step}`),
    ...noticeFields(notice),
    canBack: step !== 'customer',
    nextTitle: tr.t('dialog.next'),
    backTitle: tr.t('dialog.back'),
    cancelTitle: tr.t('dialog.cancel'),
    tooLarge: tr.t('card.tooLarge'),
    pickers: true,
    countries: countryChoices(tr),
    currencies: currencyChoices(tr),
  };
}

type Fields<K extends string> = Record<K, string>;

export interface CustomerStepData extends StepFrame {
  labels: Fields<'hint' | 'country' | 'city' | 'name' | 'duns' | 'contact' | 'contactHint' | 'contactName' | 'contactPhone' | 'contactEmail' | 'consentReminder' | 'consent'>;
  values: Fields<'country' | 'city' | 'name' | 'duns' | 'contactName' | 'contactPhone' | 'contactEmail' | 'consent'>;
  errors: Fields<'country' | 'city' | 'name' | 'duns' | 'contactName' | 'contactPhone' | 'contactEmail' | 'consent'>;
}

export interface DetailsStepData extends StepFrame {
  labels: Fields<'name' | 'location' | 'locationHint' | 'amount' | 'currency' | 'closeDate' | 'crmId' | 'campaignId' | 'notes'>;
  values: Fields<'name' | 'location' | 'amount' | 'currency' | 'closeDate' | 'today' | 'crmId' | 'campaignId' | 'notes'>;
  errors: Fields<'name' | 'location' | 'amount' | 'currency' | 'closeDate' | 'crmId' | 'campaignId' | 'notes'>;
}

export interface TeamStepData extends StepFrame {
  labels: Fields<'hint' | 'contacts' | 'rows' | 'memberName' | 'memberPhone' | 'memberEmail'>;
  contactChoices: Choice[];
  values: { contacts: string };
  errors: { team: string };
  team: TeamRow[];
  canAddRow: boolean;
  addRowTitle: string;
}

export interface SolutionsStepData extends StepFrame {
  labels: Fields<'own' | 'noOwn' | 'microsoft' | 'microsoftHint' | 'thirdParty' | 'thirdPartyHint' | 'assessment' | 'assessmentHint' | 'assessmentType' | 'assessmentLocation'>;
  ownChoices: Choice[];
  canAssess: boolean;
  values: Fields<'own' | 'microsoft' | 'thirdParty' | 'assessmentType' | 'assessmentLocation'>;
  errors: Fields<'solutions' | 'microsoft' | 'thirdParty' | 'assessmentType' | 'assessmentLocation'>;
}

export interface SellingStepData extends StepFrame {
  labels: Fields<'help' | 'view' | 'outcomes'>;
  helpChoices: Choice[];
  viewChoices: Choice[];
  values: Fields<'help' | 'view'>;
  errors: Fields<'help' | 'view'>;
  outcomes: Fact[];
}

export interface PartnersStepData extends StepFrame {
  labels: Fields<'invited' | 'another'>;
  invited: { index: number; name: string; detail: string }[];
  partner: PartnerBlock;
  addTitle: string;
  removeTitle: string;
}

export interface SummaryStepData extends StepFrame {
  typeLine: string;
  typeExplain: string;
  facts: Fact[];
  visibilityWarning: string;
  createTitle: string;
}

/** A step too large for Teams still lets the seller leave the dialog. */
const step = <T extends StepFrame>(template: object) => (data: T): AdaptiveCardJson =>
  renderCard(template, data, {
    shrink: [(d) => ({ ...d, pickers: false, countries: [], currencies: [] })],
    compact: (d) =>
      renderCompactCard({ title: d.title, message: d.tooLarge, action: { title: d.cancelTitle, verb: 'deal.create', data: { step: d.step, run: d.run, nav: 'cancel' } } }),
  });

export const renderCustomerStep = step<CustomerStepData>(customerTemplate);
export const renderDetailsStep = step<DetailsStepData>(detailsTemplate);
export const renderTeamStep = step<TeamStepData>(teamTemplate);
export const renderSolutionsStep = step<SolutionsStepData>(solutionsTemplate);
export const renderSellingStep = step<SellingStepData>(sellingTemplate);
export const renderPartnersStep = step<PartnersStepData>(partnersTemplate);
export const renderSummaryStep = step<SummaryStepData>(summaryTemplate);
