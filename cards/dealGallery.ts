import {
  allowedActions,
  completeAssessmentStage,
  createDeal,
  dealDraftInput,
  grantMicrosoftView,
  markLost,
  markSalesStage,
  markWon,
  recordMicrosoftResponse,
  receiveReferral,
  recordPartnerResponse,
  registerDeal,
  type ActionContext,
  type Deal,
  type HistoryEntry,
  type Member,
  type Organization,
  type Result,
} from '../services/domain';
import { describeRefusal, translator, type Reader } from '../services/i18n';
import { dealEditFormData, renderDealEditForm } from './dealEdit';
import { microsoftFormData, partnerFormData, renderMicrosoftForm, renderPartnerForm } from './dealInvite';
import { invitationFormData, renderInvitationForm } from './dealInvitation';
import { dealListCardData, renderDealListCard } from './dealList';
import { dealStatusCardData, renderDealStatusCard } from './dealStatus';
import type { GallerySample } from './gallery';
import { HOSTILE } from './hostile';
import type { AdaptiveCardJson } from './render';
import { customerCard, detailsCard, partnersCard, sellingCard, solutionsCard, summaryCard, teamCard, type ViewContext } from '../dialogs/createDeal/views';
import type { CreateDealState } from '../dialogs/createDeal/state';
import { dealDraftInput as draftSchema } from '../services/domain/inputs';
import { z } from 'zod';
import { GALLERY_NOW as NOW, GALLERY_RULES as RULES, GALLERY_TENANT as TENANT, galleryToday } from './galleryFixtures';

/*
 * Gallery samples for the deal cards (issue 4): the deal status card in each state that matters, the
 * lists, the forms on a deal and every step of the create-deal dialog — ordinary, with errors beside
 * the fields, and at their largest — each built for any reader (cards/gallery.ts builds every one for
 * each of its readers). Built like the bot builds them (domain functions make the deals, the real
 * view-model builders make the data). Self-contained (only types from ./gallery), so
 * cards/gallery.ts can list DEAL_SECTIONS in its SECTIONS without a circular import.
 */

const PARTNER_TENANT = '9e8d7c6b-5a49-4838-a726-150f0e0d0c0b';

const todayOf = (reader: Reader): string => galleryToday(reader);
/** Dates typed into a form are checked against the seller's today; the samples' errors do not depend on the zone. */
const TODAY = NOW.toISODate()!;

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

const status = (d: Deal, reader: Reader, viewer = ADAM, notice?: { text: string; color: 'Good' | 'Attention' }, back?: { list: string; filter: string; token?: string }): AdaptiveCardJson =>
  renderDealStatusCard(dealStatusCardData(d, viewer, translator(reader), NOW, { allowed: allowedActions(d, viewer, NOW), refreshFor: viewer.userId, ...(notice ? { notice } : {}), ...(back ? { back } : {}) }));

function dealStatusCards(): GallerySample[] {
  const t = 'deal-status.json';
  const p2p = deal({ invitations: [invitation('Tailspin Toys', PARTNER_TENANT), invitation('Contoso Services')] });
  const answered = ok(recordPartnerResponse(p2p, '1', 'declined', NOW.plus({ hours: 2 }), RULES, 'noCapacity', 'DREMOTE00001'), 'partner answer');
  const coSell = deal({ help: 'technicalPresales' });
  const engaged = ok(recordMicrosoftResponse(coSell, 'engaged', NOW.plus({ days: 2 }), RULES), 'Microsoft engaged');
  const staged = ok(markSalesStage(deal(), 'proposed', ctx(5), RULES), 'stage');
  const partnerLed = ok(grantMicrosoftView(deal(), ctx(1), RULES), 'view');
  const wonEligible = ok(markWon(partnerLed, ctx(2), RULES), 'won');
  const registered = ok(registerDeal(wonEligible, ctx(3), RULES, { contractConfirmed: true, solutions: ['Fabrikam Migrate'], contractSignedOn: '2026-11-19', contractReference: 'NW-2026-114' }), 'register');
  const assessment = deal({ solutions: [{ kind: 'assessment', name: 'Azure migration readiness' }], assessment: { type: 'Azure migration readiness', location: 'FR' } });
  const halfway = ok(completeAssessmentStage(ok(completeAssessmentStage(assessment, 'engaged', ctx(1), RULES), 'sa'), 'discovery', ctx(2), RULES), 'sa');
  const lost = ok(markLost(deal(), 'Budget cut', ctx(4), RULES), 'lost');
  // Won while Microsoft was still deciding and a partner had not answered: shown as they ended.
  const wonUnanswered = ok(markWon(deal({ help: 'technicalPresales', invitations: [invitation('Contoso Services')] }), ctx(6), RULES), 'won');
  return [
    { template: t, state: 'private-open-admin', card: (r) => status(deal(), r) },
    { template: t, state: 'proposed-with-notice', card: (r) => status(staged, r, ADAM, { text: translator(r).t('deal.done.stage', { stage: translator(r).t('stage.proposed') }), color: 'Good' }) },
    { template: t, state: 'co-sell-microsoft-deciding', card: (r) => status(coSell, r) },
    { template: t, state: 'co-sell-microsoft-engaged', card: (r) => status(engaged, r) },
    { template: t, state: 'p2p-partner-declined', card: (r) => status(answered, r) },
    { template: t, state: 'won-eligible-for-registration', card: (r) => status(wonEligible, r) },
    { template: t, state: 'registered-in-review', card: (r) => status(registered, r) },
    { template: t, state: 'assessment-halfway', card: (r) => status(halfway, r) },
    { template: t, state: 'lost-closed', card: (r) => status(lost, r) },
    { template: t, state: 'refused-outside-scope', card: (r) => status(deal(), r, member({ userId: 'user-ana', role: 'user', locationScopes: ['DE'] }), { text: describeRefusal({ code: 'not_visible', params: { location: 'FR' } }, translator(r)), color: 'Attention' }) },
    { template: t, state: 'longest', card: (r) => status(longest(), r) },
    { template: t, state: 'opened-from-list', card: (r) => status(staged, r, ADAM, undefined, { list: 'outbound', filter: 'open', token: 'eyJrIjoxfQ' }) },
    { template: t, state: 'won-with-microsoft-and-partner-unanswered', card: (r) => status(wonUnanswered, r) },
  ];
}

function dealListCards(): GallerySample[] {
  const t = 'deal-list.json';
  const deals = [deal({ name: 'Northwind – data platform' }), ok(markWon(deal({ name: 'Contoso – security' }), ctx(1), RULES), 'won'), deal({ name: 'Fourth Coffee – POS', closeDate: '2026-11-20' })];
  // As the bot titles them (bot/features/deals/lists.ts): the list and its filter, and the empty list's hint.
  const list = (reader: Reader, items: Deal[], options: Partial<Parameters<typeof dealListCardData>[5]> = {}) => {
    const tr = translator(reader);
    const title = tr.t('deal.list.titleFiltered', { list: tr.t('deal.list.title.outbound'), filter: tr.t('deal.list.filter.open') });
    return renderDealListCard(dealListCardData(items, ADAM, tr, NOW, todayOf(reader), { title, list: 'outbound', filter: 'open', empty: tr.t('deal.list.empty.outbound'), ...options }));
  };
  return [
    { template: t, state: 'outbound-page', card: (r) => list(r, deals, { nextToken: 'eyJrIjoxfQ' }) },
    { template: t, state: 'outbound-second-page', card: (r) => list(r, deals, { pageToken: 'eyJrIjoxfQ' }) },
    { template: t, state: 'empty', card: (r) => list(r, []) },
    {
      template: t,
      state: 'only-closed-favorites',
      card: (r) => {
        const tr = translator(r);
        return list(r, [], { title: tr.t('deal.list.titleFiltered', { list: tr.t('deal.list.title.favorites'), filter: tr.t('deal.list.filter.open') }), list: 'favorites', empty: tr.t('deal.list.onlyClosed.favorites') });
      },
    },
    {
      template: t,
      state: 'search-results',
      card: (r) => renderDealListCard(dealListCardData(deals, ADAM, translator(r), NOW, todayOf(r), { title: translator(r).t('deal.search.title', { query: 'north' }), empty: '' })),
    },
    { template: t, state: 'longest-page', card: (r) => list(r, Array.from({ length: 8 }, () => longest()), { nextToken: 't'.repeat(200), pageToken: 't'.repeat(200) }) },
  ];
}

function dealForms(): GallerySample[] {
  const d = deal({ invitations: [invitation('Tailspin Toys', PARTNER_TENANT)] });
  const badEdit = draftSchema(TODAY).pick({ name: true, value: true, closeDate: true }).safeParse({ name: '', value: { amount: -1, currency: 'EURO' }, closeDate: '2020-01-01' });
  const badInvite = z.object({ partner: z.object({ name: z.string().min(1, 'v.required') }), value: z.object({ amount: z.number().min(0, 'v.nonNegative') }) }).safeParse({ partner: { name: '' }, value: { amount: -1 } });
  return [
    { template: 'deal-edit.json', state: 'prefilled', card: (r) => renderDealEditForm(dealEditFormData(d, translator(r), todayOf(r), ORG.solutions)) },
    { template: 'deal-edit.json', state: 'errors', card: (r) => renderDealEditForm(dealEditFormData(d, translator(r), todayOf(r), ORG.solutions, { name: '', amount: '-1', currency: 'EURO', closeDate: '2020-01-01' }, { error: badEdit.success ? undefined : badEdit.error })) },
    { template: 'deal-edit.json', state: 'assessment', card: (r) => renderDealEditForm(dealEditFormData(deal({ solutions: [{ kind: 'assessment', name: 'Azure migration readiness' }], assessment: { type: 'Azure migration readiness', location: 'FR' } }), translator(r), todayOf(r), ORG.solutions)) },
    { template: 'deal-edit.json', state: 'longest', card: (r) => renderDealEditForm(dealEditFormData(longest(), translator(r), todayOf(r), ORG.solutions)) },
    { template: 'deal-edit-invitation.json', state: 'locked-fields', card: (r) => renderInvitationForm(invitationFormData(d, d.invitations[0]!, translator(r))) },
    { template: 'deal-invite-microsoft.json', state: 'prefilled', card: (r) => renderMicrosoftForm(microsoftFormData(d, translator(r))) },
    { template: 'deal-invite-microsoft.json', state: 'consent-missing', card: (r) => renderMicrosoftForm(microsoftFormData(d, translator(r), { help: 'proofOfConcept', contactConsent: 'false' }, { refusal: { code: 'customer_consent_required' } })) },
    { template: 'deal-invite.json', state: 'empty', card: (r) => renderPartnerForm(partnerFormData(d, translator(r), todayOf(r), { results: [], searched: false })) },
    { template: 'deal-invite.json', state: 'search-results', card: (r) => renderPartnerForm(partnerFormData(d, translator(r), todayOf(r), { typed: { partnerQuery: 'tail' }, results: [{ tenantId: PARTNER_TENANT, name: 'Tailspin Toys' }, { tenantId: 't2', name: 'Tailwind Traders' }], searched: true })) },
    { template: 'deal-invite.json', state: 'errors', card: (r) => renderPartnerForm(partnerFormData(d, translator(r), todayOf(r), { typed: { partnerName: '', partnerAmount: '-1' }, results: [], searched: true, error: badInvite.success ? undefined : badInvite.error })) },
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
    invitations: [JSON.parse(JSON.stringify(draftSchema(TODAY).shape.invitations.parse([invitation('Contoso Services')])[0])) as Record<string, unknown>],
    ...overrides,
  };
}

function createDealSteps(): GallerySample[] {
  const v = (state: CreateDealState, reader: Reader): ViewContext => ({ tr: translator(reader), member: ADAM, today: todayOf(reader), state });
  const soFar = { team: [seller(0)], solutions: [{ kind: 'microsoft' as const, name: 'Azure Synapse' }], closeDate: '2027-06-30', currency: 'EUR' };
  const details = draftSchema(TODAY).pick({ name: true, value: true, closeDate: true }).safeParse({ name: '', value: { amount: 'x', currency: 'EURO' }, closeDate: '2020-01-01' });
  const customer = draftSchema(TODAY).pick({ customer: true }).safeParse({ customer: { name: '', country: 'XX', duns: '123', contacts: [{ email: 'nope', phone: 'call me' }] } });
  const fresh = dialogState({ typed: {}, contacts: [], invitations: [], partnerResults: [], searched: false });
  const draft = draftSchema(TODAY).parse({
    ...{ customer: consenting, name: 'Northwind – data platform', location: 'FR', value: { amount: '120000', currency: 'EUR' }, closeDate: '2027-06-30' },
    team: [seller(0)],
    solutions: [{ kind: 'microsoft', name: 'Azure Synapse' }],
    help: 'technicalPresales',
    invitations: [invitation('Tailspin Toys', PARTNER_TENANT)],
  });
  const preview = createDeal(draft, ORG, ctx(), RULES);
  return [
    { template: 'deal-create-customer.json', state: 'empty', card: (r) => customerCard(v(fresh, r)) },
    { template: 'deal-create-customer.json', state: 'errors', card: (r) => customerCard(v(dialogState(), r), { error: customer.success ? undefined : customer.error }) },
    { template: 'deal-create-details.json', state: 'prefilled-location', card: (r) => detailsCard(v(dialogState({ typed: { customer: { customerCountry: 'FR' } } }), r)) },
    { template: 'deal-create-details.json', state: 'errors', card: (r) => detailsCard(v(dialogState(), r), { error: details.success ? undefined : details.error }) },
    { template: 'deal-create-team.json', state: 'with-contacts', card: (r) => teamCard(v(dialogState({ typed: { ...dialogState().typed, team: undefined } }), r)) },
    { template: 'deal-create-team.json', state: 'ten-rows', card: (r) => teamCard(v(dialogState({ teamRows: 10, contacts: Array.from({ length: 8 }, (_, i) => seller(i + 1)) }), r)) },
    { template: 'deal-create-solutions.json', state: 'own-and-assessment', card: (r) => solutionsCard(v(dialogState(), r)) },
    { template: 'deal-create-solutions.json', state: 'assessment-exclusive', card: (r) => solutionsCard(v(dialogState(), r), { refusal: { code: 'assessment_exclusive' } }) },
    { template: 'deal-create-selling.json', state: 'co-sell', card: (r) => sellingCard(v(dialogState(), r)) },
    { template: 'deal-create-selling.json', state: 'contact-needed', card: (r) => sellingCard(v(dialogState(), r), { refusal: { code: 'customer_contact_required' }, notice: { text: translator(r).t('dialog.selling.contactNeeded'), color: 'Attention' } }) },
    { template: 'deal-create-partners.json', state: 'searched-one-invited', card: (r) => partnersCard(v(dialogState(), r), soFar) },
    { template: 'deal-create-partners.json', state: 'ten-invited', card: (r) => partnersCard(v(dialogState({ invitations: Array.from({ length: 10 }, () => dialogState().invitations[0]!) }), r), soFar) },
    { template: 'deal-create-summary.json', state: 'co-sell-p2p', card: (r) => summaryCard(v(dialogState(), r), draft, preview) },
    { template: 'deal-create-summary.json', state: 'refused', card: (r) => summaryCard(v(dialogState(), r), draft, { ok: false, refusal: { code: 'customer_consent_required' } }) },
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

function hostileDealCards(): GallerySample[] {
  const d = hostileDeal();
  const notice = { text: HOSTILE, color: 'Attention' as const };
  const hostileOrg = [{ kind: 'own' as const, name: HOSTILE }];
  const typedPartner = { partnerQuery: HOSTILE, partnerName: HOSTILE, partnerAmount: HOSTILE, partnerCurrency: HOSTILE, partnerNotes: HOSTILE, partnerHelp: HOSTILE, partnerOtherSolutions: HOSTILE };
  const badInvite = z.object({ value: z.object({ amount: z.number() }) }).safeParse({ value: { amount: HOSTILE } });
  const v = (state: CreateDealState, reader: Reader): ViewContext => ({ tr: translator(reader), member: member({ name: HOSTILE }), today: todayOf(reader), state });
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
  const draft = draftSchema(TODAY).parse({
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
    { template: 'deal-status.json', state: 'hostile-everything', card: (r) => status(d, r, ADAM, notice) },
    { template: 'deal-status.json', state: 'hostile-inbound', card: (r) => status(hostileInbound(), r, ADAM, notice) },
    {
      template: 'deal-list.json',
      state: 'hostile',
      card: (r) => renderDealListCard(dealListCardData([d, hostileInbound()], ADAM, translator(r), NOW, todayOf(r), { title: HOSTILE, empty: HOSTILE, notice: { text: HOSTILE, color: 'Good' } })),
    },
    { template: 'deal-edit.json', state: 'hostile-prefilled', card: (r) => renderDealEditForm(dealEditFormData(d, translator(r), todayOf(r), hostileOrg)) },
    { template: 'deal-edit-invitation.json', state: 'hostile', card: (r) => renderInvitationForm(invitationFormData(d, d.invitations[0]!, translator(r))) },
    { template: 'deal-invite-microsoft.json', state: 'hostile', card: (r) => renderMicrosoftForm(microsoftFormData(d, translator(r), { help: 'proofOfConcept', contactName: HOSTILE, contactPhone: HOSTILE, contactEmail: HOSTILE }, { refusal: { code: 'partner_already_invited', params: { partner: HOSTILE } } })) },
    {
      template: 'deal-invite.json',
      state: 'hostile',
      card: (r) => renderPartnerForm(partnerFormData(d, translator(r), todayOf(r), { typed: typedPartner, results: [{ tenantId: PARTNER_TENANT, name: HOSTILE }], searched: true, error: badInvite.success ? undefined : badInvite.error, refusal: { code: 'partner_already_invited', params: { partner: HOSTILE } } })),
    },
    { template: 'deal-create-customer.json', state: 'hostile', card: (r) => customerCard(v(hostileState, r), { notice: { text: HOSTILE, color: 'Attention' } }) },
    { template: 'deal-create-details.json', state: 'hostile', card: (r) => detailsCard(v(hostileState, r)) },
    { template: 'deal-create-team.json', state: 'hostile', card: (r) => teamCard(v(hostileState, r)) },
    { template: 'deal-create-solutions.json', state: 'hostile', card: (r) => solutionsCard(v(hostileState, r)) },
    { template: 'deal-create-selling.json', state: 'hostile', card: (r) => sellingCard(v(hostileState, r), { refusal: { code: 'partner_already_invited', params: { partner: HOSTILE } } }) },
    { template: 'deal-create-partners.json', state: 'hostile', card: (r) => partnersCard(v(hostileState, r), soFar, { typed: typedPartner, refusal: { code: 'partner_already_invited', params: { partner: HOSTILE } } }) },
    { template: 'deal-create-summary.json', state: 'hostile', card: (r) => summaryCard(v(hostileState, r), draft, createDeal(draft, ORG, ctx(), RULES)) },
  ];
}

/** The deal sections, for cards/gallery.ts SECTIONS. */
export const DEAL_SECTIONS: readonly (() => GallerySample[])[] = [dealStatusCards, dealListCards, dealForms, createDealSteps, hostileDealCards];
