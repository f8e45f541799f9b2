import type { z } from 'zod';
import { helpChoices } from '../../cards/dealStatus';
import { customerLine, solutionLabel } from '../../cards/dealText';
import {
  renderCustomerStep,
  renderDetailsStep,
  renderPartnersStep,
  renderSellingStep,
  renderSolutionsStep,
  renderSummaryStep,
  renderTeamStep,
  stepFrame,
  type WizardStep,
} from '../../cards/dealWizard';
import { errorsByField, str, teamRowsFor, typedTeamRows, type FormValues } from '../../cards/formParts';
import { chosen, countryChoices, currencyChoices } from '../../cards/choices';
import { partnerBlock } from '../../cards/partnerBlock';
import type { AdaptiveCardJson } from '../../cards/render';
import { dealType } from '../../services/domain/dealType';
import type { DealDraftInput } from '../../services/domain/inputs';
import type { Deal, Member, Solution, TeamMember } from '../../services/domain/model';
import type { Refusal } from '../../services/domain/result';
import { canView } from '../../services/domain/visibility';
import { countryName, describeRefusal, formatDate, formatMoney, type FieldErrors, type Translator } from '../../services/i18n';
import { readTeam, stepsOf } from './draft';
import { MAX_TEAM_ROWS, type CreateDealState } from './state';

/*
 * The card for each step, from the dialog state: what was typed (or sensible defaults), and each
 * error beside its field. Errors arrive as a zod error (from the domain's schema) and/or a refusal
 * (from a domain rule), mapped to the field they concern.
 */

export interface StepProblems {
  readonly error?: z.ZodError;
  readonly refusal?: Refusal;
  readonly notice?: { readonly text: string; readonly color: 'Default' | 'Attention' | 'Good' | 'Warning' };
}

export interface ViewContext {
  readonly tr: Translator;
  readonly member: Member;
  readonly today: string;
  readonly state: CreateDealState;
}

function framed(v: ViewContext, step: WizardStep, problems: StepProblems) {
  const numbered: WizardStep[] = stepsOf(v.state).filter((s) => s !== 'summary');
  const hasErrors = Boolean(problems.error || problems.refusal);
  const notice = problems.notice ?? (hasErrors ? { text: v.tr.t('referral.form.fixErrors'), color: 'Attention' as const } : undefined);
  return stepFrame(v.tr, v.state.run, step, { index: numbered.indexOf(step) + 1, total: numbered.length }, notice);
}

const CUSTOMER_FIELDS: Record<string, string> = {
  'customer.name': 'name',
  'customer.country': 'country',
  'customer.city': 'city',
  'customer.duns': 'duns',
  'customer.contacts.0.name': 'contactName',
  'customer.contacts.0.phone': 'contactPhone',
  'customer.contacts.0.email': 'contactEmail',
  'customer.contactConsent': 'consent',
};

const REFUSAL_FIELD: Partial<Record<Refusal['code'], string>> = {
  customer_contact_required: 'contactName',
  customer_consent_required: 'consent',
  solution_required: 'solutions',
  assessment_exclusive: 'assessmentType',
  assessment_location_required: 'assessmentLocation',
  assessment_not_vetted: 'assessmentType',
  partner_already_invited: 'partner',
  cannot_invite_self: 'partner',
};

function errorsFor(v: ViewContext, problems: StepProblems, map: (path: string) => string | undefined, refusalField?: string): FieldErrors {
  const field = problems.refusal ? (refusalField ?? REFUSAL_FIELD[problems.refusal.code] ?? '_') : '_';
  return errorsByField(v.tr, problems.error, map, problems.refusal ? { refusal: problems.refusal, field } : undefined);
}

const pick = <K extends string>(errors: FieldErrors, keys: readonly K[]): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, errors[k] ?? ''])) as Record<K, string>;

export function customerCard(v: ViewContext, problems: StepProblems = {}): AdaptiveCardJson {
  const { tr } = v;
  const t = v.state.typed.customer ?? {};
  const errors = errorsFor(v, problems, (p) => CUSTOMER_FIELDS[p] ?? (p.startsWith('customer.contacts') ? 'contactName' : undefined));
  return renderCustomerStep({
    ...framed(v, 'customer', problems),
    labels: {
      hint: tr.t('dialog.customer.hint'),
      country: tr.t('dialog.customer.country'),
      city: tr.t('dialog.customer.city'),
      name: tr.t('dialog.customer.name'),
      duns: tr.t('dialog.customer.duns'),
      contact: tr.t('dialog.customer.contact'),
      contactHint: tr.t('dialog.customer.contactHint'),
      contactName: tr.t('referral.form.memberName'),
      contactPhone: tr.t('referral.form.memberPhone'),
      contactEmail: tr.t('referral.form.memberEmail'),
      consentReminder: tr.t('dialog.consentReminder'),
      consent: tr.t('dialog.consent'),
    },
    values: {
      country: chosen(str(t.customerCountry), countryChoices(tr)),
      city: str(t.customerCity),
      name: str(t.customerName),
      duns: str(t.customerDuns),
      contactName: str(t.contactName),
      contactPhone: str(t.contactPhone),
      contactEmail: str(t.contactEmail),
      consent: str(t.contactConsent) === 'true' ? 'true' : 'false',
    },
    errors: pick(errors, ['country', 'city', 'name', 'duns', 'contactName', 'contactPhone', 'contactEmail', 'consent'] as const),
  });
}

function detailsField(path: string): string | undefined {
  if (path === 'value' || path === 'value.amount') return 'amount';
  if (path === 'value.currency') return 'currency';
  return ['name', 'location', 'closeDate', 'crmId', 'campaignId', 'notes'].includes(path) ? path : undefined;
}

export function detailsCard(v: ViewContext, problems: StepProblems = {}): AdaptiveCardJson {
  const { tr } = v;
  const typed = v.state.typed.details;
  const t = typed ?? {};
  const errors = errorsFor(v, problems, detailsField);
  return renderDetailsStep({
    ...framed(v, 'details', problems),
    labels: {
      name: tr.t('referral.form.name'),
      location: tr.t('dialog.details.location'),
      locationHint: tr.t('dialog.details.locationHint'),
      amount: tr.t('referral.form.value'),
      currency: tr.t('referral.form.currency'),
      closeDate: tr.t('referral.form.closeDate'),
      crmId: tr.t('referral.form.crmId'),
      campaignId: tr.t('referral.form.campaignId'),
      notes: tr.t('dialog.details.notes'),
    },
    values: {
      name: str(t.name),
      location: chosen(typed ? str(t.location) : str(v.state.typed.customer?.customerCountry), countryChoices(tr)),
      amount: str(t.amount),
      currency: chosen(typed ? str(t.currency) : (v.state.currency ?? 'EUR'), currencyChoices(tr)),
      closeDate: str(t.closeDate),
      today: v.today,
      crmId: str(t.crmId),
      campaignId: str(t.campaignId),
      notes: str(t.notes),
    },
    errors: pick(errors, ['name', 'location', 'amount', 'currency', 'closeDate', 'crmId', 'campaignId', 'notes'] as const),
  });
}

export function teamCard(v: ViewContext, problems: StepProblems = {}): AdaptiveCardJson {
  const { tr, state, member } = v;
  const typed = state.typed.team;
  const rows = typed
    ? typedTeamRows(typed, state.teamRows)
    : typedTeamRows({ team0Name: member.name, team0Phone: member.phone ?? '', team0Email: member.email ?? '' }, state.teamRows);
  const picks = typed ? readTeam(typed, state, member).picks.length : 0;
  const errors = errorsFor(v, problems, (p) => (p === 'team' ? 'team' : p.startsWith('team.') ? p : undefined));
  return renderTeamStep({
    ...framed(v, 'team', problems),
    labels: {
      hint: tr.t('dialog.team.hint'),
      contacts: tr.t('dialog.team.contacts'),
      rows: tr.t('dialog.team.rows'),
      memberName: tr.t('referral.form.memberName'),
      memberPhone: tr.t('referral.form.memberPhone'),
      memberEmail: tr.t('referral.form.memberEmail'),
    },
    contactChoices: state.contacts.map((c, i) => ({ value: String(i), title: [c.name, c.email, c.phone].join(' · ') })),
    values: { contacts: str(typed?.contacts) },
    errors: { team: errors.team ?? '' },
    team: teamRowsFor(state.teamRows, rows, errors, picks),
    canAddRow: state.teamRows < MAX_TEAM_ROWS,
    addRowTitle: tr.t('dialog.team.addRow'),
  });
}

function solutionsField(path: string): string | undefined {
  if (path === 'assessment.type') return 'assessmentType';
  if (path === 'assessment.location' || path === 'assessment') return 'assessmentLocation';
  if (path.startsWith('solutions')) return 'solutions';
  return undefined;
}

export function solutionsCard(v: ViewContext, problems: StepProblems = {}): AdaptiveCardJson {
  const { tr, state } = v;
  const t = state.typed.solutions ?? {};
  // Without the assessment fields (a non-vetted organization), a refusal is said where it can be seen.
  const errors = errorsFor(v, problems, solutionsField, state.canAssess ? undefined : 'solutions');
  return renderSolutionsStep({
    ...framed(v, 'solutions', problems),
    labels: {
      own: tr.t('dialog.solutions.own'),
      noOwn: tr.t('dialog.solutions.noOwn'),
      microsoft: tr.t('dialog.solutions.microsoft'),
      microsoftHint: tr.t('dialog.solutions.microsoftHint'),
      thirdParty: tr.t('dialog.solutions.thirdParty'),
      thirdPartyHint: tr.t('dialog.solutions.thirdPartyHint'),
      assessment: tr.t('dialog.solutions.assessment'),
      assessmentHint: tr.t('dialog.solutions.assessmentHint'),
      assessmentType: tr.t('dialog.solutions.assessmentType'),
      assessmentLocation: tr.t('dialog.solutions.assessmentLocation'),
    },
    ownChoices: state.ownSolutions.map((s, i) => ({ value: String(i), title: solutionLabel(s, tr) })),
    canAssess: state.canAssess,
    values: {
      own: str(t.own),
      microsoft: str(t.microsoft),
      thirdParty: str(t.thirdParty),
      assessmentType: str(t.assessmentType),
      assessmentLocation: chosen(str(t.assessmentLocation), countryChoices(tr)),
    },
    errors: pick(errors, ['solutions', 'microsoft', 'thirdParty', 'assessmentType', 'assessmentLocation'] as const),
  });
}

export function sellingCard(v: ViewContext, problems: StepProblems = {}): AdaptiveCardJson {
  const { tr, state } = v;
  const t = state.typed.selling ?? {};
  const errors = errorsFor(v, problems, (p) => (p === 'help' ? 'help' : p === 'microsoftMayView' ? 'view' : undefined), 'help');
  return renderSellingStep({
    ...framed(v, 'selling', problems),
    labels: { help: tr.t('dialog.selling.help'), view: tr.t('dialog.selling.view'), outcomes: tr.t('dialog.selling.outcomes') },
    helpChoices: helpChoices(tr),
    viewChoices: [
      { value: 'true', title: tr.t('dialog.yes') },
      { value: 'false', title: tr.t('dialog.no') },
    ],
    values: { help: str(t.help) || 'none', view: str(t.microsoftMayView) || 'false' },
    errors: pick(errors, ['help', 'view'] as const),
    outcomes: (['private', 'partnerLed', 'coSell', 'p2p'] as const).map((k) => ({ title: tr.tk(`dialog.selling.when.${k}`), value: tr.tk(`dialog.selling.then.${k}`) })),
  });
}

/** A draft's team and solutions as far as they are valid: what an invited partner can be given. */
export interface DraftSoFar {
  readonly team: readonly TeamMember[];
  readonly solutions: readonly Solution[];
  readonly closeDate: string;
  readonly currency: string;
}

export function partnersCard(v: ViewContext, soFar: DraftSoFar, problems: StepProblems & { typed?: FormValues } = {}): AdaptiveCardJson {
  const { tr, state } = v;
  const invited = state.invitations.map((inv, index) => {
    const i = inv as { partner: { name: string; tenantId?: string }; value: { amount: number; currency: string }; closeDate: string };
    return {
      index,
      name: i.partner.name,
      detail: [
        tr.t('deal.partner.share', { value: formatMoney(i.value, tr.reader), date: formatDate(i.closeDate, tr.reader) }),
        i.partner.tenantId ? tr.t('dialog.partners.usesBot') : tr.t('deal.partner.outside'),
      ].join(' · '),
    };
  });
  return renderPartnersStep({
    ...framed(v, 'partners', problems),
    labels: { invited: tr.t('dialog.partners.invited'), another: invited.length ? tr.t('dialog.partners.another') : tr.t('dialog.partners.first') },
    invited,
    partner: partnerBlock(tr, {
      typed: problems.typed ?? state.typed.partners,
      results: state.partnerResults,
      searched: state.searched,
      team: soFar.team,
      solutions: soFar.solutions,
      defaults: { closeDate: soFar.closeDate, currency: soFar.currency },
      today: v.today,
      error: problems.error,
      refusal: problems.refusal,
    }),
    addTitle: tr.t('dialog.partners.add'),
    removeTitle: tr.t('dialog.partners.remove'),
  });
}

export function summaryCard(v: ViewContext, draft: DealDraftInput, preview: { ok: true; value: Deal } | { ok: false; refusal: Refusal }, notice?: StepProblems['notice']): AdaptiveCardJson {
  const { tr, member } = v;
  const reader = tr.reader;
  const contact = draft.customer.contacts[0];
  const yesNo = (b: boolean) => (b ? tr.t('dialog.yes') : tr.t('dialog.no'));
  const facts = [
    { title: tr.t('referral.fact.customer'), value: customerLine(draft.customer, tr) },
    ...(draft.customer.duns ? [{ title: tr.t('referral.fact.duns'), value: draft.customer.duns }] : []),
    ...(contact ? [{ title: tr.t('referral.fact.customerContact'), value: [contact.name, contact.email, contact.phone].filter(Boolean).join(' · ') }] : []),
    ...(contact ? [{ title: tr.t('dialog.summary.consent'), value: yesNo(draft.customer.contactConsent) }] : []),
    { title: tr.t('referral.form.name'), value: draft.name },
    { title: tr.t('deal.fact.location'), value: countryName(draft.location, reader) },
    { title: tr.t('referral.fact.value'), value: formatMoney(draft.value, reader) },
    { title: tr.t('referral.fact.closeDate'), value: formatDate(draft.closeDate, reader) },
    ...(draft.crmId ? [{ title: tr.t('deal.fact.crmId'), value: draft.crmId }] : []),
    ...(draft.campaignId ? [{ title: tr.t('deal.fact.campaignId'), value: draft.campaignId }] : []),
    ...(draft.notes ? [{ title: tr.t('referral.notes'), value: draft.notes }] : []),
    { title: tr.t('deal.section.team'), value: draft.team.map((t) => t.name).join(', ') },
    { title: tr.t('deal.section.solutions'), value: draft.solutions.map((s) => solutionLabel(s, tr)).join(', ') },
    ...(draft.assessment ? [{ title: tr.t('deal.fact.assessment'), value: tr.t('deal.assessmentIn', { type: draft.assessment.type, location: countryName(draft.assessment.location, reader) }) }] : []),
    ...(draft.assessment
      ? []
      : [
          { title: tr.t('dialog.selling.help'), value: tr.tk(`helpKind.${draft.help}`) },
          { title: tr.t('dialog.selling.view'), value: yesNo(draft.microsoftMayView || draft.help !== 'none') },
        ]),
    ...(draft.invitations.length ? [{ title: tr.t('deal.section.partners'), value: draft.invitations.map((i) => i.partner.name).join(', ') }] : []),
  ];
  const type = preview.ok ? dealType(preview.value) : undefined;
  return renderSummaryStep({
    ...framed(v, 'summary', { notice: notice ?? (preview.ok ? undefined : { text: describeRefusal(preview.refusal, tr), color: 'Attention' }) }),
    typeLine: type ? tr.t('dialog.summary.type', { type: tr.tk(`dealType.${type}`) }) : '',
    typeExplain: type ? tr.tk(`dialog.summary.explain.${type}`) : '',
    facts,
    visibilityWarning: preview.ok && !canView(member, preview.value) ? tr.t('dialog.summary.notVisible', { location: countryName(preview.value.location, reader) }) : '',
    createTitle: tr.t('dialog.create'),
  });
}
