import type { z } from 'zod';
import type { Deal, Solution } from '../services/domain/model';
import type { Refusal } from '../services/domain/result';
import { countryName, type Translator } from '../services/i18n';
import type { Choice } from './dealStatus';
import { NAME_SHOWN, solutionLabel } from './dealText';
import {
  errorsByField,
  microsoftSolutionsFrom,
  picked,
  solutionLines,
  str,
  teamFromRows,
  teamRowsFor,
  thirdPartySolutionsFrom,
  typedTeamRows,
  personOf,
  teamOfRows,
  type FormValues,
  type TeamRow,
  type TypedPerson,
} from './formParts';
import { chosen, currencyChoices } from './choices';
import { openDeal, renderCompactCard } from './compact';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/deal-edit.json';
import { oneLine } from './untrusted';

/** Empty rows offered below the current team, to add people. */
export const EXTRA_TEAM_ROWS = 2;
/**
 * Team members the form shows as rows at most: a card must stay under Teams' 28 KB. Members beyond
 * are kept as they are (the card says so); deals rarely have that many people.
 */
export const MAX_TEAM_ROWS_SHOWN = 20;

function rowCountFor(deal: Deal): number {
  return Math.min(deal.team.length, MAX_TEAM_ROWS_SHOWN) + EXTRA_TEAM_ROWS;
}

/**
 * Edit a deal: every field the Accepted stage allows (name, value, close date, notes, CRM ID,
 * campaign ID, team, solutions), never its location. Invitations are edited one at a time from the
 * deal card (cards/dealInvitation.ts), where their locked fields are shown.
 */
export interface DealEditFormData {
  dealId: string;
  tenantId: string;
  title: string;
  intro: string;
  notice: string;
  noticeColor: 'Default' | 'Attention';
  locationNote: string;
  labels: Record<
    | 'name'
    | 'amount'
    | 'currency'
    | 'closeDate'
    | 'crmId'
    | 'campaignId'
    | 'notes'
    | 'team'
    | 'teamHint'
    | 'memberName'
    | 'memberPhone'
    | 'memberEmail'
    | 'solutions'
    | 'own'
    | 'microsoft'
    | 'microsoftHint'
    | 'thirdParty'
    | 'thirdPartyHint'
    | 'invitations',
    string
  >;
  values: Record<'name' | 'amount' | 'currency' | 'closeDate' | 'today' | 'crmId' | 'campaignId' | 'notes' | 'own' | 'microsoft' | 'thirdParty', string>;
  errors: Record<'name' | 'amount' | 'currency' | 'closeDate' | 'crmId' | 'campaignId' | 'notes' | 'team' | 'solutions', string>;
  team: TeamRow[];
  solutionsEditable: boolean;
  fixedSolutions: string;
  ownChoices: Choice[];
  /** Where invitations are edited (each from the deal card), and the locks that apply to them. */
  invitationsNote: string;
  /** When the team is longer than the form shows, says that the others stay as they are. */
  teamNote: string;
  submitTitle: string;
  cancelTitle: string;
  tooLarge: string;
  /** The searchable currency list; a form too large with it asks for a typed code instead. */
  pickers: boolean;
  currencies: Choice[];
}

/**
 * Prefilled values are never shortened (the seller would save the cut text): a deal whose notes,
 * solutions and team together are over Teams' limit gets the compact card instead of the form.
 */
export function renderDealEditForm(data: DealEditFormData): AdaptiveCardJson {
  return renderCard(template, data, {
    shrink: [(d) => ({ ...d, pickers: false, currencies: [] })],
    compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: openDeal(d.cancelTitle, d.dealId, d.tenantId) }),
  });
}

/** The own solutions a seller may pick: the organization's co-sell ready ones and those already on the deal. */
export function ownCatalog(deal: Deal, orgSolutions: readonly Solution[]): Solution[] {
  const all = [...deal.solutions.filter((s) => s.kind === 'own'), ...orgSolutions];
  return all.filter((s, i) => all.findIndex((o) => o.name === s.name) === i);
}

function fieldOf(path: string): string | undefined {
  if (path === 'value' || path === 'value.amount') return 'amount';
  if (path === 'value.currency') return 'currency';
  if (path.startsWith('team.') || path === 'team') return path;
  if (path.startsWith('solutions')) return 'solutions';
  return ['name', 'closeDate', 'crmId', 'campaignId', 'notes'].includes(path) ? path : undefined;
}

export function dealEditFormData(
  deal: Deal,
  tr: Translator,
  today: string,
  orgSolutions: readonly Solution[],
  typed?: FormValues,
  problems: { error?: z.ZodError; refusal?: Refusal } = {},
): DealEditFormData {
  const errors = errorsByField(tr, problems.error, fieldOf, problems.refusal ? { refusal: problems.refusal, field: problems.refusal.code === 'team_required' ? 'team' : problems.refusal.code.startsWith('solution') || problems.refusal.code.startsWith('assessment') ? 'solutions' : '_' } : undefined);
  const catalog = ownCatalog(deal, orgSolutions);
  const rowCount = rowCountFor(deal);
  const rows: TypedPerson[] = typed ? typedTeamRows(typed, rowCount) : deal.team.slice(0, MAX_TEAM_ROWS_SHOWN).map(personOf);
  const value = (key: string, fallback: string) => (typed ? str(typed[key]) : fallback);
  const editable = !deal.assessment;
  return {
    dealId: deal.id,
    tenantId: deal.tenantId,
    title: tr.t('deal.edit.title', { name: oneLine(deal.name, NAME_SHOWN) }),
    intro: tr.t('deal.edit.intro'),
    notice: problems.error || problems.refusal ? (errors._ ?? tr.t('referral.form.fixErrors')) : '',
    noticeColor: 'Attention',
    locationNote: tr.t('deal.edit.location', { country: countryName(deal.location, tr.reader) }),
    labels: {
      name: tr.t('referral.form.name'),
      amount: tr.t('referral.form.value'),
      currency: tr.t('referral.form.currency'),
      closeDate: tr.t('referral.form.closeDate'),
      crmId: tr.t('referral.form.crmId'),
      campaignId: tr.t('referral.form.campaignId'),
      notes: tr.t('dialog.details.notes'),
      team: tr.t('deal.section.team'),
      teamHint: tr.t('deal.edit.teamHint'),
      memberName: tr.t('referral.form.memberName'),
      memberPhone: tr.t('referral.form.memberPhone'),
      memberEmail: tr.t('referral.form.memberEmail'),
      solutions: tr.t('deal.section.solutions'),
      own: tr.t('dialog.solutions.own'),
      microsoft: tr.t('dialog.solutions.microsoft'),
      microsoftHint: tr.t('dialog.solutions.microsoftHint'),
      thirdParty: tr.t('dialog.solutions.thirdParty'),
      thirdPartyHint: tr.t('dialog.solutions.thirdPartyHint'),
      invitations: tr.t('deal.edit.invitations'),
    },
    values: {
      name: value('name', deal.name),
      amount: value('amount', String(deal.value.amount)),
      currency: chosen(value('currency', deal.value.currency), currencyChoices(tr)),
      closeDate: value('closeDate', deal.closeDate),
      today,
      crmId: value('crmId', deal.crmId ?? ''),
      campaignId: value('campaignId', deal.campaignId ?? ''),
      notes: value('notes', deal.notes ?? ''),
      own: value('own', deal.solutions.filter((s) => s.kind === 'own').map((s) => String(catalog.findIndex((c) => c.name === s.name))).join(',')),
      microsoft: value('microsoft', solutionLines(deal.solutions, 'microsoft')),
      thirdParty: value('thirdParty', solutionLines(deal.solutions, 'thirdParty')),
    },
    errors: {
      name: errors.name ?? '',
      amount: errors.amount ?? '',
      currency: errors.currency ?? '',
      closeDate: errors.closeDate ?? '',
      crmId: errors.crmId ?? '',
      campaignId: errors.campaignId ?? '',
      notes: errors.notes ?? '',
      team: errors.team ?? '',
      solutions: errors.solutions ?? '',
    },
    team: teamRowsFor(rowCount, rows, errors),
    solutionsEditable: editable,
    fixedSolutions: editable ? '' : deal.solutions.map((s) => solutionLabel(s, tr)).join(', '),
    ownChoices: catalog.map((s, i) => ({ value: String(i), title: solutionLabel(s, tr) })),
    invitationsNote: deal.invitations.length ? tr.t('deal.edit.invitationsNote', { count: deal.invitations.length }) : '',
    teamNote: deal.team.length > MAX_TEAM_ROWS_SHOWN ? tr.t('deal.edit.teamNote', { shown: MAX_TEAM_ROWS_SHOWN, total: deal.team.length }) : '',
    submitTitle: tr.t('deal.edit.submit'),
    cancelTitle: tr.t('referral.form.cancel'),
    tooLarge: tr.t('card.form.tooLarge'),
    pickers: true,
    currencies: currencyChoices(tr),
  };
}

/**
 * The edit form's inputs in the shape of the domain's edit schema, read against the deal as loaded
 * (its team rows, own-solution choices and invitations are the deal's). A solution assessment's
 * solutions are not on the form, so they are not sent.
 */
export function readDealEditForm(typed: FormValues, deal: Deal, orgSolutions: readonly Solution[]): Record<string, unknown> {
  const catalog = ownCatalog(deal, orgSolutions);
  const rows = teamFromRows(typedTeamRows(typed, rowCountFor(deal)));
  const beyond = deal.team.slice(MAX_TEAM_ROWS_SHOWN);
  const own = picked(typed.own)
    .map((i) => catalog[Number(i)])
    .filter((s): s is Solution => s !== undefined);
  return {
    name: typed.name,
    value: { amount: typed.amount, currency: typed.currency },
    closeDate: typed.closeDate,
    notes: typed.notes ?? '',
    crmId: typed.crmId ?? '',
    campaignId: typed.campaignId ?? '',
    team: [...teamOfRows(rows, deal.team), ...beyond],
    ...(deal.assessment ? {} : { solutions: [...own, ...microsoftSolutionsFrom(typed.microsoft), ...thirdPartySolutionsFrom(typed.thirdParty)] }),
  };
}
