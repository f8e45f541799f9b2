import { DateTime } from 'luxon';
import {
  allowedActions,
  completeAssessmentStage,
  createDeal,
  dealDraftInput,
  grantMicrosoftView,
  markLost,
  markSalesStage,
  markWon,
  parseLeadTimes,
  recordMicrosoftResponse,
  receiveReferral,
  recordPartnerResponse,
  registerDeal,
  todayFor,
  type ActionContext,
  type Deal,
  type HistoryEntry,
  type Member,
  type Organization,
  type Result,
  type TimeRules,
} from '../services/domain';
import { readerOf, translator, type Reader, type Translator } from '../services/i18n';
import { dealEditFormData, renderDealEditForm } from './dealEdit';
import { microsoftFormData, partnerFormData, renderMicrosoftForm, renderPartnerForm } from './dealInvite';
import { invitationFormData, renderInvitationForm } from './dealInvitation';
import { dealListCardData, renderDealListCard } from './dealList';
import { dealStatusCardData, renderDealStatusCard } from './dealStatus';
import type { GalleryEntry } from './gallery';
import { HOSTILE } from './hostile';
import type { AdaptiveCardJson } from './render';
import { customerCard, detailsCard, partnersCard, sellingCard, solutionsCard, summaryCard, teamCard, type ViewContext } from '../dialogs/createDeal/views';
import type { CreateDealState } from '../dialogs/createDeal/state';
import { dealDraftInput as draftSchema } from '../services/domain/inputs';
import { z } from 'zod';

/*
 * Gallery entries for the deal cards (issue 4): the deal status card in each state that matters, the
 * lists, the forms on a deal and every step of the create-deal dialog — ordinary, with errors beside
 * the fields, and at their largest. Built like the bot builds them (domain functions make the deals,
 * the real view-model builders make the data). Self-contained (only a type from ./gallery), so
 * cards/gallery.ts can list DEAL_SECTIONS in its SECTIONS without a circular import.
 */

const NOW = DateTime.fromISO('2026-11-20T10:00:00Z', { zone: 'utc' });
const RULES: TimeRules = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };
const TENANT = '5d7a4b1e-2c3f-4e5a-9b8c-0d1e2f3a4b5c';
const PARTNER_TENANT = '9e8d7c6b-5a49-4838-a726-150f0e0d0c0b';

const READERS = {
  en: readerOf('en-US', 'America/Los_Angeles'),
  fr: readerOf('fr-FR', 'Europe/Paris'),
  zh: readerOf('zh-CN', 'Asia/Shanghai'),
} as const satisfies Record<string, Reader>;
type Lang = keyof typeof READERS;
const tr = (lang: Lang): Translator => translator(READERS[lang]);
const todayOf = (lang: Lang): string => todayFor({ now: NOW, zone: READERS[lang].timeZone });

function member(overrides: Partial<Member> = {}): Member {
  return {
    tenantId: TENANT,
    userId: 'user-adam',
    name: 'Adam Admin',
    email: 'adam.admin@fabrikam.example',
    phone: '+33 6 12 34 56 78',
    role: 'admin',
    locationScopes: [],
    locale: 'en-US',
    timeZone: 'America/Los_Angeles',
    installed: true,
    joinedAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}
const ADAM = member();
const ctx = (minutes = 0): ActionContext => ({ actor: { kind: 'user', id: ADAM.userId, name: ADAM.name }, now: NOW.plus({ minutes }) });

const ORG: Organization = {
  tenantId: TENANT,
  name: 'Fabrikam',
  solutions: [
    { kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' },
    { kind: 'own', name: 'Fabrikam Backup' },
  ],
  assessmentVetted: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function ok<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`deal gallery: ${what} was refused (${result.refusal.code})`);
  return result.value;
}

function seller(i: number) {
  const first = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Guo', 'Hana', 'Ismaël', 'Jun'][i % 10]!;
  return { name: `${first} ${['Seller', 'Okafor', 'Dubois', 'Ivanov', 'Nakamura'][i % 5]!}`, phone: `+33 6 ${String(10 + i).padStart(2, '0')} 20 30 40`, email: `seller${i + 1}@fabrikam.example` };
}

const consenting = { name: 'Northwind Traders', country: 'FR', city: 'Lyon', duns: '987654321', contacts: [{ name: 'Léa Dubois', phone: '+33 1 23 45 67 89', email: 'lea.dubois@northwind.example' }], contactConsent: true };

function deal(overrides: Record<string, unknown> = {}): Deal {
  const draft = dealDraftInput(NOW.toISODate()!).parse({
    customer: consenting,
    name: 'Northwind – data platform',
    location: 'FR',
    value: { amount: '120000', currency: 'EUR' },
    closeDate: '2027-06-30',
    crmId: 'CRM-0042',
    notes: 'Kick-off next week with their CIO.',
    team: [{ ...seller(0), userId: ADAM.userId }, seller(1)],
    solutions: [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }, { kind: 'microsoft', name: 'Azure Synapse', publisher: 'Microsoft' }],
    ...overrides,
  });
  let n = 7;
  return ok(createDeal(draft, ORG, ctx(), RULES, () => ((n = (n * 48271) % 2147483647) / 2147483647)), 'createDeal');
}

const invitation = (name: string, tenantId?: string) => ({
  partner: { ...(tenantId ? { tenantId } : {}), name },
  closeDate: '2027-05-31',
  value: { amount: '40000', currency: 'EUR' },
  notes: 'They run the customer’s backup estate.',
  team: [seller(0)],
  solutions: [{ kind: 'thirdParty', name: 'Tailspin Backup', publisher: 'Tailspin Toys' }],
  helpWanted: 'Backup migration',
});

/** Everything at its longest: 200-character names, 4,000-character notes, 30 people, 10 partners, 60 events. */
function longest(): Deal {
  const base = deal({
    name: 'N'.repeat(200),
    notes: 'x '.repeat(2000),
    team: Array.from({ length: 30 }, (_, i) => seller(i)),
    invitations: Array.from({ length: 10 }, (_, i) => ({ ...invitation(`Partner ${i} with a long company name, Ltd.`), notes: 'n '.repeat(2000), helpWanted: 'h'.repeat(200) })),
  });
  const history: HistoryEntry[] = Array.from({ length: 60 }, (_, i) => ({ event: 'stage', stage: 'qualified', at: base.createdAt, by: { kind: 'user', id: 'u', name: `Someone ${i}` } }));
  return { ...base, history };
}

const status = (d: Deal, lang: Lang = 'en', viewer = ADAM, notice?: { text: string; color: 'Good' | 'Attention' }): AdaptiveCardJson =>
  renderDealStatusCard(dealStatusCardData(d, viewer, tr(lang), NOW, { allowed: allowedActions(d, viewer, NOW), refreshFor: viewer.userId, ...(notice ? { notice } : {}) }));

function dealStatusCards(): GalleryEntry[] {
  const t = 'deal-status.json';
  const p2p = deal({ invitations: [invitation('Tailspin Toys', PARTNER_TENANT), invitation('Contoso Services')] });
  const answered = ok(recordPartnerResponse(p2p, '1', 'declined', NOW.plus({ hours: 2 }), RULES, 'noCapacity', 'DREMOTE00001'), 'partner answer');
  const coSell = deal({ help: 'technicalPresales' });
  const engaged = ok(recordMicrosoftResponse(coSell, 'engaged', NOW.plus({ days: 2 }), RULES), 'Microsoft engaged');
  const staged = ok(markSalesStage(deal(), 'proposed', ctx(5), RULES), 'stage');
  const partnerLed = ok(grantMicrosoftView(deal(), ctx(1), RULES), 'view');
  const wonEligible = ok(markWon(partnerLed, ctx(2), RULES), 'won');
  const registered = ok(registerDeal(wonEligible, ctx(3), RULES), 'register');
  const assessment = deal({ solutions: [{ kind: 'assessment', name: 'Azure migration readiness' }], assessment: { type: 'Azure migration readiness', location: 'FR' } });
  const halfway = ok(completeAssessmentStage(ok(completeAssessmentStage(assessment, 'engaged', ctx(1), RULES), 'sa'), 'discovery', ctx(2), RULES), 'sa');
  const lost = ok(markLost(deal(), 'Budget cut', ctx(4), RULES), 'lost');
  return [
    { template: t, state: 'private-open-admin-en', card: () => status(deal()) },
    { template: t, state: 'private-open-admin-fr', card: () => status(deal(), 'fr') },
    { template: t, state: 'proposed-with-notice-en', card: () => status(staged, 'en', ADAM, { text: 'Stage saved: Proposed.', color: 'Good' }) },
    { template: t, state: 'co-sell-microsoft-deciding-zh', card: () => status(coSell, 'zh') },
    { template: t, state: 'co-sell-microsoft-engaged-en', card: () => status(engaged) },
    { template: t, state: 'p2p-partner-declined-en', card: () => status(answered) },
    { template: t, state: 'won-eligible-for-registration-en', card: () => status(wonEligible) },
    { template: t, state: 'registered-in-review-en', card: () => status(registered) },
    { template: t, state: 'assessment-halfway-en', card: () => status(halfway) },
    { template: t, state: 'lost-closed-en', card: () => status(lost) },
    { template: t, state: 'refused-outside-scope-en', card: () => status(deal(), 'en', member({ userId: 'user-ana', role: 'user', locationScopes: ['DE'] }), { text: 'You can see this deal only if you are on its team and FR is in your location scope. Ask a referral admin.', color: 'Attention' }) },
    { template: t, state: 'longest-en', card: () => status(longest()) },
  ];
}

function dealListCards(): GalleryEntry[] {
  const t = 'deal-list.json';
  const deals = [deal({ name: 'Northwind – data platform' }), ok(markWon(deal({ name: 'Contoso – security' }), ctx(1), RULES), 'won'), deal({ name: 'Fourth Coffee – POS', closeDate: '2026-11-20' })];
  const list = (lang: Lang, items: Deal[], options: Partial<Parameters<typeof dealListCardData>[5]> = {}) =>
    renderDealListCard(dealListCardData(items, ADAM, tr(lang), NOW, todayOf(lang), { title: 'Outbound deals · Open', list: 'outbound', filter: 'open', empty: 'No outbound deals here. Type "new deal" to create one.', ...options }));
  return [
    { template: t, state: 'outbound-page-en', card: () => list('en', deals, { nextToken: 'eyJrIjoxfQ' }) },
    { template: t, state: 'outbound-second-page-fr', card: () => list('fr', deals, { pageToken: 'eyJrIjoxfQ' }) },
    { template: t, state: 'empty-en', card: () => list('en', []) },
    { template: t, state: 'search-results-en', card: () => renderDealListCard(dealListCardData(deals, ADAM, tr('en'), NOW, todayOf('en'), { title: 'Deals matching “north”', empty: '' })) },
    { template: t, state: 'longest-page-en', card: () => list('en', Array.from({ length: 8 }, () => longest()), { nextToken: 't'.repeat(200), pageToken: 't'.repeat(200) }) },
  ];
}

function dealForms(): GalleryEntry[] {
  const d = deal({ invitations: [invitation('Tailspin Toys', PARTNER_TENANT)] });
  const badEdit = draftSchema(todayOf('en')).pick({ name: true, value: true, closeDate: true }).safeParse({ name: '', value: { amount: -1, currency: 'EURO' }, closeDate: '2020-01-01' });
  const badInvite = z.object({ partner: z.object({ name: z.string().min(1, 'v.required') }), value: z.object({ amount: z.number().min(0, 'v.nonNegative') }) }).safeParse({ partner: { name: '' }, value: { amount: -1 } });
  return [
    { template: 'deal-edit.json', state: 'prefilled-en', card: () => renderDealEditForm(dealEditFormData(d, tr('en'), todayOf('en'), ORG.solutions)) },
    { template: 'deal-edit.json', state: 'errors-en', card: () => renderDealEditForm(dealEditFormData(d, tr('en'), todayOf('en'), ORG.solutions, { name: '', amount: '-1', currency: 'EURO', closeDate: '2020-01-01' }, { error: badEdit.success ? undefined : badEdit.error })) },
    { template: 'deal-edit.json', state: 'assessment-en', card: () => renderDealEditForm(dealEditFormData(deal({ solutions: [{ kind: 'assessment', name: 'Azure migration readiness' }], assessment: { type: 'Azure migration readiness', location: 'FR' } }), tr('en'), todayOf('en'), ORG.solutions)) },
    { template: 'deal-edit.json', state: 'longest-en', card: () => renderDealEditForm(dealEditFormData(longest(), tr('en'), todayOf('en'), ORG.solutions)) },
    { template: 'deal-edit-invitation.json', state: 'locked-fields-en', card: () => renderInvitationForm(invitationFormData(d, d.invitations[0]!, tr('en'))) },
    { template: 'deal-invite-microsoft.json', state: 'prefilled-en', card: () => renderMicrosoftForm(microsoftFormData(d, tr('en'))) },
    { template: 'deal-invite-microsoft.json', state: 'consent-missing-en', card: () => renderMicrosoftForm(microsoftFormData(d, tr('en'), { help: 'proofOfConcept', contactConsent: 'false' }, { refusal: { code: 'customer_consent_required' } })) },
    { template: 'deal-invite.json', state: 'empty-en', card: () => renderPartnerForm(partnerFormData(d, tr('en'), todayOf('en'), { results: [], searched: false })) },
    { template: 'deal-invite.json', state: 'search-results-en', card: () => renderPartnerForm(partnerFormData(d, tr('en'), todayOf('en'), { typed: { partnerQuery: 'tail' }, results: [{ tenantId: PARTNER_TENANT, name: 'Tailspin Toys' }, { tenantId: 't2', name: 'Tailwind Traders' }], searched: true })) },
    { template: 'deal-invite.json', state: 'errors-en', card: () => renderPartnerForm(partnerFormData(d, tr('en'), todayOf('en'), { typed: { partnerName: '', partnerAmount: '-1' }, results: [], searched: true, error: badInvite.success ? undefined : badInvite.error })) },
  ];
}

/** A dialog state as the seller would have it on each step. */
function dialogState(overrides: Partial<CreateDealState> = {}): CreateDealState {
  return {
    run: 'a1b2c3d4',
    step: 'customer',
    typed: {
      customer: { customerCountry: 'FR', customerCity: 'Lyon', customerName: 'Northwind Traders', customerDuns: '987654321', contactName: 'Léa Dubois', contactPhone: '+33 1 23 45 67 89', contactEmail: 'lea.dubois@northwind.example', contactConsent: 'true' },
      details: { name: 'Northwind – data platform', location: 'FR', amount: '120000', currency: 'EUR', closeDate: '2027-06-30', crmId: 'CRM-0042', campaignId: '', notes: '' },
      team: { team0Name: 'Adam Admin', team0Phone: '+33 6 12 34 56 78', team0Email: 'adam.admin@fabrikam.example' },
      solutions: { own: '0', microsoft: 'Azure Synapse', thirdParty: 'Tailspin Backup (Tailspin Toys)' },
      selling: { help: 'technicalPresales', microsoftMayView: 'false' },
    },
    teamRows: 3,
    contacts: [seller(1), seller(2)],
    ownSolutions: ORG.solutions,
    canAssess: true,
    partnerResults: [{ tenantId: PARTNER_TENANT, name: 'Tailspin Toys' }],
    searched: true,
    invitations: [JSON.parse(JSON.stringify(draftSchema(todayOf('en')).shape.invitations.parse([invitation('Contoso Services')])[0])) as Record<string, unknown>],
    ...overrides,
  };
}

function createDealSteps(): GalleryEntry[] {
  const v = (state: CreateDealState, lang: Lang = 'en'): ViewContext => ({ tr: tr(lang), member: ADAM, today: todayOf(lang), state });
  const soFar = { team: [seller(0)], solutions: [{ kind: 'microsoft' as const, name: 'Azure Synapse' }], closeDate: '2027-06-30', currency: 'EUR' };
  const details = draftSchema(todayOf('en')).pick({ name: true, value: true, closeDate: true }).safeParse({ name: '', value: { amount: 'x', currency: 'EURO' }, closeDate: '2020-01-01' });
  const customer = draftSchema(todayOf('en')).pick({ customer: true }).safeParse({ customer: { name: '', country: 'XX', duns: '123', contacts: [{ email: 'nope', phone: 'call me' }] } });
  const fresh = dialogState({ typed: {}, contacts: [], invitations: [], partnerResults: [], searched: false });
  const draft = draftSchema(todayOf('en')).parse({
    ...{ customer: consenting, name: 'Northwind – data platform', location: 'FR', value: { amount: '120000', currency: 'EUR' }, closeDate: '2027-06-30' },
    team: [seller(0)],
    solutions: [{ kind: 'microsoft', name: 'Azure Synapse' }],
    help: 'technicalPresales',
    invitations: [invitation('Tailspin Toys', PARTNER_TENANT)],
  });
  const preview = createDeal(draft, ORG, ctx(), RULES);
  return [
    { template: 'deal-create-customer.json', state: 'empty-en', card: () => customerCard(v(fresh)) },
    { template: 'deal-create-customer.json', state: 'errors-en', card: () => customerCard(v(dialogState()), { error: customer.success ? undefined : customer.error }) },
    { template: 'deal-create-details.json', state: 'prefilled-location-fr', card: () => detailsCard(v(dialogState({ typed: { customer: { customerCountry: 'FR' } } }), 'fr')) },
    { template: 'deal-create-details.json', state: 'errors-en', card: () => detailsCard(v(dialogState()), { error: details.success ? undefined : details.error }) },
    { template: 'deal-create-team.json', state: 'with-contacts-en', card: () => teamCard(v(dialogState({ typed: { ...dialogState().typed, team: undefined } }))) },
    { template: 'deal-create-team.json', state: 'ten-rows-en', card: () => teamCard(v(dialogState({ teamRows: 10, contacts: Array.from({ length: 8 }, (_, i) => seller(i + 1)) }))) },
    { template: 'deal-create-solutions.json', state: 'own-and-assessment-en', card: () => solutionsCard(v(dialogState())) },
    { template: 'deal-create-solutions.json', state: 'assessment-exclusive-en', card: () => solutionsCard(v(dialogState()), { refusal: { code: 'assessment_exclusive' } }) },
    { template: 'deal-create-selling.json', state: 'co-sell-en', card: () => sellingCard(v(dialogState())) },
    { template: 'deal-create-selling.json', state: 'contact-needed-en', card: () => sellingCard(v(dialogState()), { refusal: { code: 'customer_contact_required' }, notice: { text: 'To ask Microsoft for help, go Back to the customer step and add the main contact, with the customer’s consent.', color: 'Attention' } }) },
    { template: 'deal-create-partners.json', state: 'searched-one-invited-en', card: () => partnersCard(v(dialogState()), soFar) },
    { template: 'deal-create-partners.json', state: 'ten-invited-en', card: () => partnersCard(v(dialogState({ invitations: Array.from({ length: 10 }, () => dialogState().invitations[0]!) })), soFar) },
    { template: 'deal-create-summary.json', state: 'co-sell-p2p-en', card: () => summaryCard(v(dialogState()), draft, preview) },
    { template: 'deal-create-summary.json', state: 'refused-en', card: () => summaryCard(v(dialogState()), draft, { ok: false, refusal: { code: 'customer_consent_required' } }) },
  ];
}

// ---------- hostile text in every field (cards/hostile.ts) ----------

const MALLORY = { kind: 'user' as const, id: 'user-mallory', name: HOSTILE };

/** A deal whose every free-text field is hostile: names, notes, ids, customer, team, solutions, partners, history, registration. */
function hostileDeal(): Deal {
  const base = deal({
    name: HOSTILE,
    notes: HOSTILE,
    crmId: HOSTILE,
    campaignId: HOSTILE,
    customer: { name: HOSTILE, country: 'FR', city: HOSTILE, duns: '987654321', contacts: [{ name: HOSTILE, phone: '+33 1 23 45 67 89', email: 'lea.dubois@northwind.example' }], contactConsent: true },
    team: [{ ...seller(0), name: HOSTILE, userId: ADAM.userId }, { ...seller(1), name: HOSTILE }],
    solutions: [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }, { kind: 'microsoft', name: HOSTILE, publisher: 'Microsoft' }, { kind: 'thirdParty', name: HOSTILE, publisher: HOSTILE }],
    invitations: [
      { ...invitation(HOSTILE, PARTNER_TENANT), notes: HOSTILE, helpWanted: HOSTILE, team: [{ ...seller(0), name: HOSTILE }], solutions: [{ kind: 'thirdParty', name: HOSTILE, publisher: HOSTILE }] },
      { ...invitation(HOSTILE), notes: HOSTILE, helpWanted: HOSTILE },
    ],
  });
  const answered = ok(recordPartnerResponse(base, '1', 'declined', NOW.plus({ hours: 2 }), RULES, HOSTILE), 'partner answer');
  const history: HistoryEntry[] = [
    ...answered.history,
    { event: 'partnerInvited', at: answered.updatedAt, by: MALLORY, detail: HOSTILE },
    { event: 'lost', at: answered.updatedAt, by: MALLORY, detail: HOSTILE },
    { event: 'registration', stage: 'actionRequired', at: answered.updatedAt, by: MALLORY, detail: HOSTILE },
  ];
  return {
    ...answered,
    createdBy: MALLORY,
    history,
    registration: { status: 'actionRequired', submittedAt: answered.updatedAt, submittedBy: MALLORY, updatedAt: answered.updatedAt, note: HOSTILE },
    assessment: undefined,
  };
}

/** An inbound referral from a partner organization, hostile in every field its sender chose. */
function hostileInbound(): Deal {
  return receiveReferral(
    {
      tenantId: TENANT,
      externalId: 'pc-hostile',
      name: HOSTILE,
      location: 'FR',
      sender: { type: 'Partner', organizationName: HOSTILE, name: HOSTILE, email: 'mallory@evil.example', tenantId: PARTNER_TENANT },
      customer: { name: HOSTILE, country: 'FR', city: HOSTILE, contacts: [{ name: HOSTILE, email: 'lea@contoso.example' }], contactConsent: false },
      value: { amount: 1000, currency: 'EUR' },
      closeDate: '2027-03-31',
      notes: HOSTILE,
      solutions: [{ kind: 'thirdParty', name: HOSTILE, publisher: HOSTILE }],
      inviteContext: { notes: HOSTILE, helpWanted: HOSTILE },
      createdAt: NOW.minus({ minutes: 30 }),
    },
    NOW,
    RULES,
  );
}

function hostileDealCards(): GalleryEntry[] {
  const d = hostileDeal();
  const notice = { text: HOSTILE, color: 'Attention' as const };
  const hostileOrg = [{ kind: 'own' as const, name: HOSTILE }];
  const typedPartner = { partnerQuery: HOSTILE, partnerName: HOSTILE, partnerAmount: HOSTILE, partnerCurrency: HOSTILE, partnerNotes: HOSTILE, partnerHelp: HOSTILE, partnerOtherSolutions: HOSTILE };
  const badInvite = z.object({ value: z.object({ amount: z.number() }) }).safeParse({ value: { amount: HOSTILE } });
  const v = (state: CreateDealState): ViewContext => ({ tr: tr('en'), member: member({ name: HOSTILE }), today: todayOf('en'), state });
  const hostileState = dialogState({
    typed: {
      customer: { customerCountry: HOSTILE, customerCity: HOSTILE, customerName: HOSTILE, customerDuns: HOSTILE, contactName: HOSTILE, contactPhone: HOSTILE, contactEmail: HOSTILE, contactConsent: 'true' },
      details: { name: HOSTILE, location: HOSTILE, amount: HOSTILE, currency: HOSTILE, closeDate: HOSTILE, crmId: HOSTILE, campaignId: HOSTILE, notes: HOSTILE },
      team: { team0Name: HOSTILE, team0Phone: HOSTILE, team0Email: HOSTILE },
      solutions: { own: '0', microsoft: HOSTILE, thirdParty: HOSTILE, assessmentType: HOSTILE, assessmentLocation: HOSTILE },
      selling: { help: 'technicalPresales', microsoftMayView: 'false' },
    },
    contacts: [{ name: HOSTILE, phone: '+33 6 10 20 30 40', email: 'seller2@fabrikam.example' }],
    ownSolutions: hostileOrg,
    partnerResults: [{ tenantId: PARTNER_TENANT, name: HOSTILE }],
    invitations: [{ partner: { name: HOSTILE, tenantId: PARTNER_TENANT }, value: { amount: 40000, currency: 'EUR' }, closeDate: '2027-05-31' }],
  });
  const soFar = { team: d.team, solutions: d.solutions, closeDate: '2027-06-30', currency: 'EUR' };
  const draft = draftSchema(todayOf('en')).parse({
    customer: { name: HOSTILE, country: 'FR', city: HOSTILE, duns: '987654321', contacts: [{ name: HOSTILE, phone: '+33 1 23 45 67 89', email: 'lea@northwind.example' }], contactConsent: true },
    name: HOSTILE,
    location: 'FR',
    value: { amount: '120000', currency: 'EUR' },
    closeDate: '2027-06-30',
    crmId: HOSTILE,
    campaignId: HOSTILE,
    notes: HOSTILE,
    team: [{ ...seller(0), name: HOSTILE }],
    solutions: [{ kind: 'microsoft', name: HOSTILE }],
    help: 'technicalPresales',
    invitations: [invitation(HOSTILE, PARTNER_TENANT)],
  });
  return [
    { template: 'deal-status.json', state: 'hostile-everything-en', card: () => status(d, 'en', ADAM, notice) },
    { template: 'deal-status.json', state: 'hostile-inbound-en', card: () => status(hostileInbound(), 'en', ADAM, notice) },
    {
      template: 'deal-list.json',
      state: 'hostile-en',
      card: () => renderDealListCard(dealListCardData([d, hostileInbound()], ADAM, tr('en'), NOW, todayOf('en'), { title: HOSTILE, empty: HOSTILE, notice: { text: HOSTILE, color: 'Good' } })),
    },
    { template: 'deal-edit.json', state: 'hostile-prefilled-en', card: () => renderDealEditForm(dealEditFormData(d, tr('en'), todayOf('en'), hostileOrg)) },
    { template: 'deal-edit-invitation.json', state: 'hostile-en', card: () => renderInvitationForm(invitationFormData(d, d.invitations[0]!, tr('en'))) },
    { template: 'deal-invite-microsoft.json', state: 'hostile-en', card: () => renderMicrosoftForm(microsoftFormData(d, tr('en'), { help: 'proofOfConcept', contactName: HOSTILE, contactPhone: HOSTILE, contactEmail: HOSTILE }, { refusal: { code: 'partner_already_invited', params: { partner: HOSTILE } } })) },
    {
      template: 'deal-invite.json',
      state: 'hostile-en',
      card: () => renderPartnerForm(partnerFormData(d, tr('en'), todayOf('en'), { typed: typedPartner, results: [{ tenantId: PARTNER_TENANT, name: HOSTILE }], searched: true, error: badInvite.success ? undefined : badInvite.error, refusal: { code: 'partner_already_invited', params: { partner: HOSTILE } } })),
    },
    { template: 'deal-create-customer.json', state: 'hostile-en', card: () => customerCard(v(hostileState), { notice: { text: HOSTILE, color: 'Attention' } }) },
    { template: 'deal-create-details.json', state: 'hostile-en', card: () => detailsCard(v(hostileState)) },
    { template: 'deal-create-team.json', state: 'hostile-en', card: () => teamCard(v(hostileState)) },
    { template: 'deal-create-solutions.json', state: 'hostile-en', card: () => solutionsCard(v(hostileState)) },
    { template: 'deal-create-selling.json', state: 'hostile-en', card: () => sellingCard(v(hostileState), { refusal: { code: 'partner_already_invited', params: { partner: HOSTILE } } }) },
    { template: 'deal-create-partners.json', state: 'hostile-en', card: () => partnersCard(v(hostileState), soFar, { typed: typedPartner, refusal: { code: 'partner_already_invited', params: { partner: HOSTILE } } }) },
    { template: 'deal-create-summary.json', state: 'hostile-en', card: () => summaryCard(v(hostileState), draft, createDeal(draft, ORG, ctx(), RULES)) },
  ];
}

/** The deal sections, for cards/gallery.ts SECTIONS. */
export const DEAL_SECTIONS: readonly (() => GalleryEntry[])[] = [dealStatusCards, dealListCards, dealForms, createDealSteps, hostileDealCards];
