import {
  activateOfferBenefit,
  addDocument,
  applyRewardsReminders,
  assignOfferMarketingContact,
  CoSellTabInput,
  createDeal,
  createOffer,
  dealDraftInput,
  DocumentInput,
  grantMicrosoftView,
  importContacts,
  MarketingContact,
  MarketingContactInput,
  markWon,
  offerDetailsInput,
  ownSolutionOf,
  parseContactsCsv,
  receiveReferral,
  registrationInput,
  setCoSellTab,
  type ActionContext,
  type CoSellContact,
  type Deal,
  type Member,
  type Offer,
  type OfferContext,
  type Organization,
  type Result,
} from '../services/domain';
import { readerOf, translator, type Reader, type Translator } from '../services/i18n';
import { FILE_PROBLEMS } from '../services/solutions/contactsFile';
import { dealRegisterFormData, readDealRegisterForm, renderDealRegisterForm } from './dealRegister';
import { acceptFormData, renderAcceptForm } from './referral';
import type { GalleryEntry } from './gallery';
import { HOSTILE } from './hostile';
import { contactsExportCardData, contactsImportCardData, renderContactsCard } from './solutionContacts';
import {
  coSellTabFormData,
  documentFormData,
  marketingFormData,
  offerFormData,
  readCoSellTabForm,
  readDocumentForm,
  readMarketingForm,
  readOfferForm,
  renderCoSellTabForm,
  renderDocumentForm,
  renderMarketingForm,
  renderOfferForm,
} from './solutionForms';
import { renderSolutionListCard, solutionListCardData } from './solutionList';
import { offerCardData, renderOfferCard } from './solutionOffer';
import { renderRewardsReminderCard, rewardsReminderCardData } from './solutionReminder';
import { GALLERY_NOW as NOW, GALLERY_RULES as RULES, GALLERY_TENANT as TENANT, galleryToday } from './galleryFixtures';

/*
 * Gallery entries for the cards of issue 14 — the organization's offers, their co-sell tab and
 * rewards, the contacts CSV, the rewards reminders, and the deal registration form — in each state
 * that matters, built like the bot builds them (domain functions make the offers and deals, the real
 * builders make the data). Self-contained (only a type from ./gallery), so cards/gallery.ts lists
 * SOLUTION_SECTIONS without a circular import.
 */


const READERS = {
  en: readerOf('en-US', 'America/Los_Angeles'),
  fr: readerOf('fr-FR', 'Europe/Paris'),
  zh: readerOf('zh-CN', 'Asia/Shanghai'),
} as const satisfies Record<string, Reader>;
type Lang = keyof typeof READERS;
const LANGS = Object.keys(READERS) as Lang[];
const tr = (lang: Lang): Translator => translator(READERS[lang]);
const todayOf = (lang: Lang): string => galleryToday(READERS[lang]);
const ctx = (minutes = 0): ActionContext => ({ actor: { kind: 'user', id: 'user-adam', name: 'Adam Admin' }, now: NOW.plus({ minutes }) });

const ORG: Organization = {
  tenantId: TENANT,
  name: 'Fabrikam',
  solutions: [],
  assessmentVetted: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** Deterministic filler text of exactly `length` characters (as cards/gallery.ts longText; kept here to avoid a circular import). */
function longText(length: number, seed: string): string {
  let out = '';
  while (out.length < length) out += (out ? ' ' : '') + seed;
  return out.slice(0, length).trimEnd().padEnd(length, '.');
}

function ok<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`solution gallery: ${what} was refused (${result.refusal.code})`);
  return result.value;
}

/** A won Partner-led deal with incentive-eligible solutions: the one Register now is offered on. */
function wonPartnerLed(solutions: Deal['solutions']): Deal {
  const draft = dealDraftInput(NOW.toISODate()!).parse({
    customer: { name: 'Northwind Traders', country: 'FR', city: 'Lyon' },
    name: 'Northwind – data platform',
    location: 'FR',
    value: { amount: '120000', currency: 'EUR' },
    closeDate: '2027-06-30',
    team: [{ name: 'Adam Admin', phone: '+33 6 12 34 56 78', email: 'adam.admin@fabrikam.example', userId: 'user-adam' }],
    solutions,
  });
  let n = 11;
  const created = ok(createDeal(draft, ORG, ctx(), RULES, () => ((n = (n * 48271) % 2147483647) / 2147483647)), 'createDeal');
  return ok(markWon(ok(grantMicrosoftView(created, ctx(1), RULES), 'view'), ctx(2), RULES), 'won');
}

function registerForms(): GalleryEntry[] {
  const t = 'deal-register.json';
  const deal = wonPartnerLed([
    { kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' },
    { kind: 'own', id: 'O0000000000AC', name: 'Fabrikam Lens', incentive: 'bizAppsStandard' },
    { kind: 'microsoft', name: 'Azure Synapse', publisher: 'Microsoft' },
  ]);
  const longest = wonPartnerLed(Array.from({ length: 20 }, (_, i) => ({ kind: 'own' as const, name: `${'Fabrikam '.repeat(20)}${i}`.slice(0, 200), incentive: 'bizAppsPremium' as const })));
  const typed = { solutions: '', contractSignedOn: '2026-11-30', contractReference: 'R'.repeat(101), notes: 'n'.repeat(1001), contractConfirmed: 'false' };
  const error = registrationInput(todayOf('en')).safeParse(readDealRegisterForm(typed, deal)).error;
  return [
    ...LANGS.map((lang) => ({ template: t, state: `empty-${lang}`, card: () => renderDealRegisterForm(dealRegisterFormData(deal, tr(lang))) })),
    { template: t, state: 'every-field-in-error-en', card: () => renderDealRegisterForm(dealRegisterFormData(deal, tr('en'), typed, { error })) },
    {
      template: t,
      state: 'solution-refused-en',
      card: () => renderDealRegisterForm(dealRegisterFormData(deal, tr('en'), { solutions: '2' }, { refusal: { code: 'registration_solution_not_on_deal', params: { name: 'Azure Synapse' } } })),
    },
    { template: t, state: 'longest-en', card: () => renderDealRegisterForm(dealRegisterFormData(longest, tr('en'))) },
    {
      template: t,
      state: 'hostile-en',
      card: () => {
        const hostile = { ...wonPartnerLed([{ kind: 'own', name: HOSTILE, incentive: 'bizAppsPremium' }]), name: HOSTILE };
        const typed = { solutions: '0', contractSignedOn: HOSTILE, contractReference: HOSTILE, notes: HOSTILE, contractConfirmed: HOSTILE };
        return renderDealRegisterForm(dealRegisterFormData(hostile, tr('en'), typed, { error: registrationInput(todayOf('en')).safeParse(readDealRegisterForm(typed, hostile)).error }));
      },
    },
  ];
}

// ---------- offers ----------

const member = (overrides: Partial<Member> = {}): Member => ({
  tenantId: TENANT,
  userId: 'user-adam',
  name: 'Adam Admin',
  email: 'adam.admin@fabrikam.example',
  role: 'admin',
  locationScopes: [],
  locale: 'en-US',
  timeZone: 'America/Los_Angeles',
  installed: true,
  joinedAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
  ...overrides,
});
const ADAM = member();
const GIA = member({ userId: 'user-gia', name: 'Gia Global', email: 'gia.global@fabrikam.example', role: 'globalAdmin' });
const ANA = member({ userId: 'user-ana', name: 'Ana Seller', email: 'ana.seller@fabrikam.example', role: 'user', locationScopes: ['FR'] });
const offerCtx = (minutes = 0): OfferContext => ({ actor: { kind: 'user', id: ADAM.userId, name: ADAM.name }, now: NOW.plus({ minutes }) });

function newOffer(id: string, name: string, overrides: Record<string, unknown> = {}): Offer {
  const input = offerDetailsInput(NOW.toISODate()!).parse({ name, offerType: 'saas', listingType: 'transact', liveSince: '2026-10-01', ...overrides });
  return createOffer(id, TENANT, input, offerCtx());
}

const contact = (i: number, role: CoSellContact['role'] = 'partnerSales', countries: CoSellContact['countries'] = ['FR']): CoSellContact => ({
  name: `Inès Morel ${i}`,
  email: `ines.morel${i}@fabrikam.example`,
  title: 'Account executive',
  role,
  countries,
  states: [],
});

/** An offer with everything 000/004 ask for co-sell ready in France and Germany, and a live rewards page. */
function readyOffer(): Offer {
  let o = newOffer('O0000000000AB', 'Fabrikam Migrate');
  o = setCoSellTab(
    o,
    CoSellTabInput.parse({
      platforms: ['Azure', 'Dynamics 365'],
      segments: ['Enterprise', 'SMB'],
      solutionType: 'ip',
      solutionAreas: [{ area: 'Data & AI', subAreas: ['Analytics', 'Data governance'] }, { area: 'Infrastructure', subAreas: ['Migration'] }],
      regions: ['FR', 'DE'],
      productLandingPage: 'https://fabrikam.example/migrate',
      incentive: 'azureIpCoSell',
    }),
    offerCtx(1),
  );
  for (const d of [
    { kind: 'onePager', fileName: 'one-pager.pdf' },
    { kind: 'pitchDeck', fileName: 'pitch deck.pptx' },
    { kind: 'referenceArchitecture', fileName: 'architecture.png' },
    { kind: 'other', fileName: 'demo.mp4' },
  ] as const) {
    o = ok(addDocument(o, { ...d, url: `https://fabrikam.sharepoint.com/sites/sales/${encodeURIComponent(d.fileName)}` }, offerCtx(2)), 'document');
  }
  o = ok(importContacts(o, [contact(1, 'partnerSales', ['FR', 'DE']), contact(2, 'partnerMarketing', 'all')], offerCtx(3)), 'contacts');
  o = ok(assignOfferMarketingContact(o, 'partnercenter@fabrikam.example', MarketingContact.parse({ userId: 'user-mia', email: 'mia@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR' }), true, offerCtx(4)), 'contact');
  o = ok(activateOfferBenefit(o, 'Social media promotion', offerCtx(5)), 'benefit');
  return o;
}

/** Everything at the seeds' limits: five areas of five long sub-areas, eleven documents, 2,000 contacts, 20 benefits, 200-character names. */
export function longestOffer(): Offer {
  const long = (seed: string, n = 200) => longText(n, seed);
  let o = newOffer('O0000000000AC', long('Fabrikam Worldwide Migration and Modernisation Accelerator for Azure'), { offerType: 'dynamics365CustomerEngagementAndPowerApps', listingType: 'list', consulting: 'workshop' });
  o = setCoSellTab(
    o,
    CoSellTabInput.parse({
      platforms: Array.from({ length: 20 }, (_, i) => long(`Platform ${i} Azure Kubernetes Service`, 200)),
      segments: Array.from({ length: 20 }, (_, i) => long(`Segment ${i} Enterprise`, 200)),
      solutionType: 'managedService',
      solutionAreas: Array.from({ length: 5 }, (_, i) => ({ area: long(`Area ${i} Data and AI`, 200), subAreas: Array.from({ length: 5 }, (_, j) => long(`Sub ${j} Analytics`, 200)) })),
      regions: ['FR', 'DE', 'US', 'CA', 'JP', 'CN', 'BR', 'IN', 'AU', 'ZA', 'GB', 'ES', 'IT', 'NL', 'BE', 'CH', 'AT', 'SE', 'NO', 'DK'],
      productLandingPage: `https://fabrikam.example/${'p'.repeat(300)}`,
      incentive: 'bizAppsPremium',
    }),
    offerCtx(1),
  );
  const kinds = ['onePager', 'pitchDeck', 'caseStudy', 'customerWins', 'channelPitchDeck', 'referenceArchitecture', 'other', 'other', 'other', 'other', 'other'] as const;
  for (const [i, kind] of kinds.entries()) o = ok(addDocument(o, { kind, fileName: `${'W'.repeat(240)}${i}.pptx`, url: `https://fabrikam.sharepoint.com/${'d'.repeat(1500)}${i}` }, offerCtx(2)), 'document');
  o = ok(importContacts(o, Array.from({ length: 2000 }, (_, i) => ({ ...contact(i), name: long(`Maximiliana Konstantinopoulou ${i}`, 200), title: long('Senior partner development executive', 200) })), offerCtx(3)), 'contacts');
  o = ok(assignOfferMarketingContact(o, 'partnercenter@fabrikam.example', MarketingContact.parse({ userId: 'user-mia', email: `${'m'.repeat(60)}@fabrikam.example`, phone: '+33 1 02 03 04 05 06 07 08 09', language: 'zh-Hant-TW' }), true, offerCtx(4)), 'contact');
  for (let i = 0; i < 20; i++) o = ok(activateOfferBenefit(o, long(`Benefit ${i} co-marketing campaign`, 200), offerCtx(5 + i)), 'benefit');
  return o;
}

/** Every free-text field hostile (cards/hostile.ts). */
function hostileOffer(): Offer {
  const o = readyOffer();
  return {
    ...o,
    name: HOSTILE,
    coSell: {
      ...o.coSell,
      platforms: [HOSTILE],
      segments: [HOSTILE],
      solutionAreas: [{ area: HOSTILE, subAreas: [HOSTILE] }, { area: HOSTILE, subAreas: [] }],
      documents: [{ kind: 'onePager', fileName: `${HOSTILE.replace(/\n/g, ' ')}.pdf`, url: 'https://evil.example/login' }],
      contacts: [{ ...contact(1), name: HOSTILE, title: HOSTILE }],
    },
    rewards: { ...o.rewards, benefits: o.rewards.benefits.map((b) => ({ ...b, name: HOSTILE })) },
  };
}

const WITH_NOTICE = { text: 'Your changes are saved.', color: 'Good' as const };

function offerCards(): GalleryEntry[] {
  const t = 'solution-offer.json';
  const card = (o: Offer, lang: Lang = 'en', viewer = ADAM, now = NOW.plus({ hours: 1 }), notice?: { text: string; color: 'Good' | 'Attention' }) =>
    renderOfferCard(offerCardData(o, viewer, tr(lang), now, notice ? { notice } : {}));
  const empty = newOffer('O0000000000AD', 'Fabrikam Backup', { liveSince: '' });
  const gaps = setCoSellTab(readyOffer(), CoSellTabInput.parse({ ...readyOffer().coSell, regions: ['FR', 'DE', 'JP', 'BR'], productLandingPage: '' }), offerCtx(9));
  return [
    ...LANGS.map((lang) => ({ template: t, state: `ready-admin-${lang}`, card: () => card(readyOffer(), lang) })),
    { template: t, state: 'ready-seller-en', card: () => card(readyOffer(), 'en', ANA) },
    { template: t, state: 'empty-not-live-en', card: () => card(empty) },
    { template: t, state: 'missing-regions-saved-en', card: () => card(gaps, 'en', ADAM, NOW, WITH_NOTICE) },
    { template: t, state: 'owner-hint-five-weeks-en', card: () => card(readyOffer(), 'en', GIA, NOW.plus({ weeks: 5 })) },
    { template: t, state: 'refused-en', card: () => card(readyOffer(), 'en', ANA, NOW, { text: 'Only referral admins can change your company’s offers. Everyone in your organization can view them.', color: 'Attention' }) },
    { template: t, state: 'longest-en', card: () => card(longestOffer()) },
    { template: t, state: 'hostile-en', card: () => card(hostileOffer(), 'en', ADAM, NOW, { text: HOSTILE, color: 'Attention' }) },
  ];
}

function listCards(): GalleryEntry[] {
  const t = 'solution-list.json';
  const org = (overrides: Partial<Organization> = {}): Organization => ({ ...ORG, ...overrides });
  const vetted = org({ assessmentVetted: true, assessmentVettedBy: { kind: 'user', id: GIA.userId, name: GIA.name }, assessmentVettedAt: '2026-11-02T09:00:00.000Z' });
  const offers = [readyOffer(), newOffer('O0000000000AD', 'Fabrikam Backup', { liveSince: '' })];
  const card = (lang: Lang, o: Organization, list: Offer[], viewer = ADAM, options = {}) => renderSolutionListCard(solutionListCardData(o, list, viewer, tr(lang), options));
  return [
    ...LANGS.map((lang) => ({ template: t, state: `two-offers-${lang}`, card: () => card(lang, org(), offers) })),
    { template: t, state: 'vetted-global-admin-en', card: () => card('en', vetted, offers, GIA, { notice: { text: 'Recorded: your organization is vetted for solution assessments.', color: 'Good' } }) },
    { template: t, state: 'empty-admin-en', card: () => card('en', org(), []) },
    { template: t, state: 'empty-seller-fr', card: () => card('fr', org(), [], ANA) },
    { template: t, state: 'full-page-with-next-en', card: () => card('en', vetted, Array.from({ length: 10 }, () => longestOffer()), GIA, { nextToken: 't'.repeat(200) }) },
    {
      template: t,
      state: 'hostile-en',
      card: () => card('en', { ...vetted, name: HOSTILE, assessmentVettedBy: { kind: 'user', id: 'x', name: HOSTILE } }, [hostileOffer()], GIA, { notice: { text: HOSTILE, color: 'Attention' } }),
    },
  ];
}

function offerForms(): GalleryEntry[] {
  const o = readyOffer();
  const today = todayOf('en');
  const badOffer = { name: '', offerType: 'teamsApp', listingType: 'rent', consulting: 'x', liveSince: '2030-01-01' };
  const badTab = { platforms: Array.from({ length: 21 }, () => 'Azure').join('\n'), segments: '', solutionType: 'hardware', area0: '', subAreas0: 'Analytics', area1: 'Security', subAreas1: '1,2,3,4,5,6', regions: 'FR, XX, FRA', landingPage: 'fabrikam.example', incentive: 'gold' };
  const badDocument = { kind: 'brochure', fileName: 'deck.key', url: 'http://fabrikam.example/deck' };
  const badMarketing = { userId: '', email: 'partnercenter@fabrikam.example', phone: 'call me', language: 'français!!', accountEmail: 'not an email' };
  const members = [ADAM, GIA, ANA, ...Array.from({ length: 97 }, (_, i) => member({ userId: `user-${i}`, name: longText(60, `Member ${i} of the Fabrikam organization`), email: `member${i}@fabrikam.example` }))];
  return [
    ...LANGS.map((lang) => ({ template: 'solution-offer-form.json', state: `new-${lang}`, card: () => renderOfferForm(offerFormData(TENANT, undefined, tr(lang))) })),
    { template: 'solution-offer-form.json', state: 'edit-en', card: () => renderOfferForm(offerFormData(TENANT, o, tr('en'))) },
    {
      template: 'solution-offer-form.json',
      state: 'every-field-in-error-en',
      card: () => renderOfferForm(offerFormData(TENANT, o, tr('en'), badOffer, { error: offerDetailsInput(today).safeParse(readOfferForm(badOffer)).error })),
    },
    { template: 'solution-offer-form.json', state: 'name-taken-en', card: () => renderOfferForm(offerFormData(TENANT, undefined, tr('en'), { name: 'Fabrikam Migrate', offerType: 'saas', listingType: 'list' }, { refusal: { code: 'offer_name_taken', params: { name: 'Fabrikam Migrate' } } })) },
    { template: 'solution-offer-form.json', state: 'hostile-en', card: () => renderOfferForm(offerFormData(TENANT, { ...o, name: HOSTILE }, tr('en'), { name: HOSTILE, offerType: HOSTILE, listingType: HOSTILE, consulting: HOSTILE, liveSince: HOSTILE }, { error: offerDetailsInput(today).safeParse({ name: HOSTILE, offerType: HOSTILE }).error })) },
    ...LANGS.map((lang) => ({ template: 'solution-cosell-form.json', state: `prefilled-${lang}`, card: () => renderCoSellTabForm(coSellTabFormData(o, tr(lang))) })),
    { template: 'solution-cosell-form.json', state: 'empty-en', card: () => renderCoSellTabForm(coSellTabFormData(newOffer('O0000000000AD', 'Fabrikam Backup'), tr('en'))) },
    { template: 'solution-cosell-form.json', state: 'every-field-in-error-en', card: () => renderCoSellTabForm(coSellTabFormData(o, tr('en'), badTab, { error: CoSellTabInput.safeParse(readCoSellTabForm(badTab)).error })) },
    { template: 'solution-cosell-form.json', state: 'longest-en', card: () => renderCoSellTabForm(coSellTabFormData(longestOffer(), tr('en'))) },
    { template: 'solution-cosell-form.json', state: 'hostile-en', card: () => renderCoSellTabForm(coSellTabFormData(hostileOffer(), tr('en'), Object.fromEntries(['platforms', 'segments', 'solutionType', 'area0', 'subAreas0', 'regions', 'landingPage', 'incentive'].map((k) => [k, HOSTILE])))) },
    ...LANGS.map((lang) => ({ template: 'solution-document-form.json', state: `link-${lang}`, card: () => renderDocumentForm(documentFormData(TENANT, { offer: o }, tr(lang))) })),
    { template: 'solution-document-form.json', state: 'file-sent-in-chat-en', card: () => renderDocumentForm(documentFormData(TENANT, { offers: [o, newOffer('O0000000000AD', 'Fabrikam Backup')], file: { fileName: 'Fabrikam one-pager.pdf', url: 'https://fabrikam-my.sharepoint.com/personal/ada/Documents/Fabrikam%20one-pager.pdf' } }, tr('en'))) },
    { template: 'solution-document-form.json', state: 'every-field-in-error-en', card: () => renderDocumentForm(documentFormData(TENANT, { offer: o }, tr('en'), badDocument, { error: DocumentInput.safeParse(readDocumentForm(badDocument)).error })) },
    { template: 'solution-document-form.json', state: 'sixth-other-refused-en', card: () => renderDocumentForm(documentFormData(TENANT, { offer: o }, tr('en'), { kind: 'other', fileName: 'demo6.mp4', url: 'https://fabrikam.example/6' }, { refusal: { code: 'offer_other_documents_max' } })) },
    { template: 'solution-document-form.json', state: 'hostile-en', card: () => renderDocumentForm(documentFormData(TENANT, { offers: [hostileOffer()], file: { fileName: HOSTILE, url: 'https://evil.example/login' } }, tr('en'), { kind: HOSTILE, fileName: HOSTILE, url: HOSTILE }, { error: DocumentInput.safeParse({ kind: HOSTILE }).error })) },
    ...LANGS.map((lang) => ({ template: 'solution-marketing-form.json', state: `prefilled-${lang}`, card: () => renderMarketingForm(marketingFormData(o, [ADAM, GIA, ANA], 'partnercenter@fabrikam.example', tr(lang))) })),
    {
      template: 'solution-marketing-form.json',
      state: 'every-field-in-error-en',
      card: () => renderMarketingForm(marketingFormData(o, members, undefined, tr('en'), badMarketing, { error: MarketingContactInput.safeParse(readMarketingForm(badMarketing)).error })),
    },
    { template: 'solution-marketing-form.json', state: 'account-email-refused-en', card: () => renderMarketingForm(marketingFormData(o, members, 'partnercenter@fabrikam.example', tr('en'), { userId: 'user-ana', email: 'partnercenter@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR', accountEmail: 'partnercenter@fabrikam.example' }, { refusal: { code: 'rewards_contact_email_is_account_email' } })) },
    { template: 'solution-marketing-form.json', state: 'hostile-en', card: () => renderMarketingForm(marketingFormData({ ...o, name: HOSTILE }, [member({ name: HOSTILE })], HOSTILE, tr('en'), { userId: HOSTILE, email: HOSTILE, phone: HOSTILE, language: HOSTILE, accountEmail: HOSTILE })) },
  ];
}

function contactsCards(): GalleryEntry[] {
  const t = 'solution-contacts.json';
  const o = readyOffer();
  const bad = parseContactsCsv('Name,Email,Title,Role,Countries/Regions,States/Provinces\r\nInès,,AE,Boss,"US, XX",WA\r\n' + Array.from({ length: 40 }, (_, i) => `Sam ${i},sam@fabrikam.example,AE,Partner sales,XX,`).join('\r\n'));
  const errors = 'errors' in bad ? bad.errors : [];
  return [
    ...LANGS.map((lang) => ({ template: t, state: `import-${lang}`, card: () => renderContactsCard(contactsImportCardData(o, ADAM, tr(lang))) })),
    { template: t, state: 'imported-en', card: () => renderContactsCard(contactsImportCardData(o, ADAM, tr('en'), { kind: 'imported', count: 12 })) },
    { template: t, state: 'rows-refused-en', card: () => renderContactsCard(contactsImportCardData(o, ADAM, tr('en'), { kind: 'csvErrors', errors })) },
    ...FILE_PROBLEMS.map((problem) => ({ template: t, state: `file-${problem.toLowerCase()}-en`, card: () => renderContactsCard(contactsImportCardData(o, ADAM, tr('en'), { kind: 'fileRejected', problem })) })),
    { template: t, state: 'export-one-part-en', card: () => renderContactsCard(contactsExportCardData(o, ADAM, tr('en'))[0]!) },
    { template: t, state: 'export-part-of-many-en', card: () => renderContactsCard(contactsExportCardData(longestOffer(), ADAM, tr('en'))[1]!) },
    {
      template: t,
      state: 'hostile-en',
      card: () =>
        renderContactsCard(contactsImportCardData(hostileOffer(), ADAM, tr('en'), { kind: 'csvErrors', errors: [{ line: 2, column: 'role', code: 'role', value: HOSTILE }, { line: 3, column: 'countries', code: 'country', value: HOSTILE }] }, HOSTILE)),
    },
  ];
}

function reminderCards(): GalleryEntry[] {
  const t = 'solution-reminder.json';
  const o = readyOffer();
  const due = applyRewardsReminders(o, NOW.plus({ weeks: 1, minutes: 10 })).reminders[0];
  if (due?.kind !== 'contactExpected') throw new Error('solution gallery: the sample benefit has no contact reminder');
  const contactReminder = due;
  const ownerReminder = { kind: 'lookForOwner' as const, key: `owner:${o.liveSince}`, dueAt: o.liveSince! };
  return [
    ...LANGS.map((lang) => ({ template: t, state: `contact-expected-${lang}`, card: () => renderRewardsReminderCard(rewardsReminderCardData(o, contactReminder, tr(lang))) })),
    { template: t, state: 'look-for-owner-en', card: () => renderRewardsReminderCard(rewardsReminderCardData(o, ownerReminder, tr('en'))) },
    { template: t, state: 'longest-en', card: () => renderRewardsReminderCard(rewardsReminderCardData(longestOffer(), { ...contactReminder, benefitId: 'b1', benefitName: longText(200, 'Benefit 0 co-marketing campaign') }, tr('en'))) },
    { template: t, state: 'hostile-en', card: () => renderRewardsReminderCard(rewardsReminderCardData(hostileOffer(), { ...contactReminder, benefitName: HOSTILE }, tr('en'))) },
  ];
}

/** The accept form offers the organization's co-sell ready offers as "your company's solutions". */
function acceptWithOwnSolutions(): GalleryEntry[] {
  const referral = receiveReferral(
    {
      tenantId: TENANT,
      externalId: 'pc-own',
      name: 'Contoso – Azure migration',
      location: 'FR',
      sender: { type: 'Microsoft', organizationName: 'Microsoft', name: 'Camille Martin' },
      customer: { name: 'Contoso SA', country: 'FR', contacts: [], contactConsent: false },
      value: { amount: 250000, currency: 'EUR' },
      closeDate: '2027-03-31',
      solutions: [{ kind: 'microsoft', name: 'Azure Migrate', publisher: 'Microsoft' }],
    },
    NOW,
    RULES,
  );
  const own = [ownSolutionOf(readyOffer(), NOW)!, { kind: 'own' as const, id: 'O0000000000AE', name: 'Fabrikam Backup' }];
  return [
    { template: 'referral-accept.json', state: 'own-solutions-en', card: () => renderAcceptForm(acceptFormData(referral, ADAM, tr('en'), todayOf('en'), 'referral', undefined, undefined, own)) },
    { template: 'referral-accept.json', state: 'own-solutions-hostile-en', card: () => renderAcceptForm(acceptFormData(referral, ADAM, tr('en'), todayOf('en'), 'referral', { own: HOSTILE }, undefined, [{ kind: 'own', id: 'O0000000000AF', name: HOSTILE }])) },
  ];
}

/** The sections of issue 14, for cards/gallery.ts SECTIONS. */
export const SOLUTION_SECTIONS: readonly (() => GalleryEntry[])[] = [registerForms, listCards, offerCards, offerForms, contactsCards, reminderCards, acceptWithOwnSolutions];
