import { DateTime } from 'luxon';
import {
  activateOfferBenefit,
  addDocument,
  applyRewardsReminders,
  assignOfferMarketingContact,
  authorizeOfferChange,
  checkCoSellReadiness,
  CoSellListing,
  createOffer,
  editOfferDetails,
  formatContactsCsv,
  importContacts,
  MarketingContact,
  offerDetailsInput,
  offerReadiness,
  ownSolutionOf,
  parseContactsCsv,
  recordAssessmentVetting,
  recordBenefitContact,
  recordRewardsMessage,
  removeDocument,
  setCoSellTab,
  CoSellTabInput,
  documentKey,
  type CoSellContact,
  type Offer,
  type OfferContext,
  type RefusalCode,
} from '../../services/domain';
import { admin, member, NOW, organization, unwrap } from '../support/fixtures';

/*
 * The organization's own offers: seeds 000 (fr-FR, 3/17/2021) and 004 (zh-CN, 09/27/2021) for the
 * co-sell tab, 002 (fr-FR, 04/23/2020) for marketplace rewards, 003 for solutions on deals and
 * solution-assessment vetting.
 */

const at = (minutes = 0): OfferContext => ({ actor: { kind: 'user', id: 'user-adam', name: 'Adam Admin' }, now: NOW.plus({ minutes }) });
const sales = (countries: CoSellContact['countries']): CoSellContact => ({ name: 'Inès Morel', email: 'ines@fabrikam.example', title: 'AE', role: 'partnerSales', countries, states: [] });

function offer(overrides: Partial<Offer> = {}): Offer {
  const details = offerDetailsInput('2026-11-20').parse({ name: 'Fabrikam Migrate', offerType: 'saas', listingType: 'transact', liveSince: '2026-10-01' });
  return { ...createOffer('O0000000000AB', 'tenant-1', details, at()), ...overrides };
}

/** An offer whose co-sell tab holds every requirement of 000/004 for France. */
function readyOffer(overrides: Partial<Offer['coSell']> = {}): Offer {
  const base = offer();
  const tab = CoSellTabInput.parse({
    platforms: ['Azure'],
    segments: ['Enterprise'],
    solutionType: 'ip',
    solutionAreas: [{ area: 'Data & AI', subAreas: ['Analytics'] }],
    regions: ['FR'],
    productLandingPage: 'https://fabrikam.example/migrate',
  });
  let o = setCoSellTab(base, tab, at());
  o = unwrap(addDocument(o, { kind: 'onePager', fileName: 'one-pager.pdf', url: 'https://fabrikam.example/one-pager.pdf' }, at()));
  o = unwrap(addDocument(o, { kind: 'pitchDeck', fileName: 'pitch.pptx', url: 'https://fabrikam.example/pitch.pptx' }, at()));
  o = unwrap(importContacts(o, [sales(['FR'])], at()));
  return { ...o, coSell: CoSellListing.parse({ ...o.coSell, ...overrides }) };
}

const codeOf = <T>(result: { ok: true; value: T } | { ok: false; refusal: { code: RefusalCode } }) => (result.ok ? 'ok' : result.refusal.code);

describe('DOMAIN: the product landing page is recommended, not required, for co-sell ready (000, 004; DOMAIN.md lists it apart from the requirements)', () => {
  it('when only the landing page is missing, then the listing is ready and the landing page is still listed', () => {
    const listing = CoSellListing.parse({ ...readyOffer().coSell, productLandingPage: undefined });
    expect(checkCoSellReadiness(listing)).toEqual({ ready: true, missing: [{ code: 'productLandingPageMissing' }] });
  });

  it('when only the landing page is missing, then the offer is co-sell ready and the page is a recommendation', () => {
    const readiness = offerReadiness(readyOffer({ productLandingPage: undefined }));
    expect(readiness).toMatchObject({ coSellReady: true, missing: [], recommended: [{ code: 'productLandingPageMissing' }] });
  });
});

describe('DOMAIN: an offer card says whether it is Co-sell ready, whether it meets the extra requirement of Azure IP co-sell incentivized, and what is missing per region (000, 004)', () => {
  it('when the tab holds every requirement, then it is co-sell ready; without the reference architecture diagram it is not Azure IP co-sell incentivized', () => {
    const ready = readyOffer();
    expect(offerReadiness(ready)).toEqual({
      coSellReady: true,
      missing: [],
      ipIncentivized: { met: false, missing: [{ code: 'referenceArchitectureMissing', params: { incentive: 'azureIpCoSell' } }] },
      recommended: [],
    });
    const withDiagram = unwrap(addDocument(ready, { kind: 'referenceArchitecture', fileName: 'architecture.png', url: 'https://fabrikam.example/a.png' }, at()));
    expect(offerReadiness(withDiagram).ipIncentivized).toEqual({ met: true, missing: [] });
  });

  it('when regions lack a Partner-sales contact, then each region is listed, and the offer is not co-sell ready', () => {
    const tab = CoSellTabInput.parse({ ...readyOffer().coSell, regions: ['FR', 'DE', 'JP'] });
    const o = setCoSellTab(readyOffer(), tab, at());
    expect(offerReadiness(o)).toMatchObject({
      coSellReady: false,
      missing: [
        { code: 'partnerSalesContactMissing', params: { region: 'DE' } },
        { code: 'partnerSalesContactMissing', params: { region: 'JP' } },
      ],
      ipIncentivized: { met: false },
    });
  });

  it('when the tab is empty, then every requirement is missing and the incentive needs the diagram too', () => {
    const readiness = offerReadiness(offer());
    expect(readiness.coSellReady).toBe(false);
    expect(readiness.missing.map((g) => g.code)).toEqual(['platformMissing', 'segmentMissing', 'solutionTypeMissing', 'solutionAreaMissing', 'onePagerMissing', 'pitchDeckMissing', 'regionMissing']);
    expect(readiness.recommended).toEqual([{ code: 'productLandingPageMissing' }]);
  });
});

describe('DOMAIN: "my company’s solutions" on a deal are the co-sell ready solutions the company publishes (003), with their incentive when they qualify (000, 004)', () => {
  it.each<[string, () => Offer, object | undefined]>([
    ['live and co-sell ready, no incentive', () => readyOffer(), { kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate' }],
    ['live, co-sell ready, aiming at Biz apps premium', () => readyOffer({ incentive: 'bizAppsPremium' }), { kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate', incentive: 'bizAppsPremium' }],
    ['live, co-sell ready, aiming at Azure IP co-sell without the diagram', () => readyOffer({ incentive: 'azureIpCoSell' }), { kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate' }],
    [
      'live, co-sell ready, aiming at Azure IP co-sell with the diagram',
      () => readyOffer({ incentive: 'azureIpCoSell', documents: [...readyOffer().coSell.documents, { kind: 'referenceArchitecture', fileName: 'a.png' }] }),
      { kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' },
    ],
    ['co-sell ready but not live', () => ({ ...readyOffer(), liveSince: undefined }), undefined],
    ['live but missing a pitch deck', () => ({ ...readyOffer(), coSell: { ...readyOffer().coSell, documents: readyOffer().coSell.documents.filter((d) => d.kind !== 'pitchDeck') } }), undefined],
  ])('when the offer is %s, then on deals it is %j', (_label, make, expected) => {
    expect(ownSolutionOf(make(), NOW)).toEqual(expected);
  });
});

describe('DOMAIN: documents — one slot each for one-pager, pitch deck, case study, customer wins, channel pitch deck and reference architecture; up to 5 other documents or videos (000, 004)', () => {
  it('when a second one-pager is added, then it replaces the first; other documents add up to five, the sixth is refused', () => {
    let o = readyOffer();
    o = unwrap(addDocument(o, { kind: 'onePager', fileName: 'one-pager-v2.pdf', url: 'https://fabrikam.example/v2.pdf' }, at()));
    expect(o.coSell.documents.filter((d) => d.kind === 'onePager').map((d) => d.fileName)).toEqual(['one-pager-v2.pdf']);
    for (let i = 0; i < 5; i++) o = unwrap(addDocument(o, { kind: 'other', fileName: `demo-${i}.mp4`, url: `https://fabrikam.example/${i}.mp4` }, at()));
    expect(codeOf(addDocument(o, { kind: 'other', fileName: 'demo-6.mp4', url: 'https://fabrikam.example/6.mp4' }, at()))).toBe('offer_other_documents_max');
  });

  it('when a document is removed, then only if it is still the one the admin saw', () => {
    const o = readyOffer();
    const seen = documentKey(o.coSell.documents[0]!);
    const replaced = unwrap(addDocument(o, { kind: 'onePager', fileName: 'one-pager.pdf', url: 'https://fabrikam.example/v2.pdf' }, at()));
    expect(codeOf(removeDocument(replaced, 1, seen, at()))).toBe('offer_document_not_found');
    expect(codeOf(removeDocument(o, 1, seen, at()))).toBe('offer_document_not_found');
    expect(unwrap(removeDocument(o, 0, seen, at())).coSell.documents.map((d) => d.kind)).toEqual(['pitchDeck']);
  });
});

describe('DOMAIN: importing contacts replaces all existing contacts (000, 004); an offer keeps at most 2,000', () => {
  it('when contacts are imported, then none of the earlier ones remain', () => {
    const o = unwrap(importContacts(readyOffer(), [sales(['DE'])], at()));
    expect(o.coSell.contacts).toEqual([sales(['DE'])]);
  });

  it('when 2,001 contacts are imported, then nothing changes', () => {
    expect(codeOf(importContacts(readyOffer(), Array.from({ length: 2001 }, () => sales('all')), at()))).toBe('offer_contacts_max');
  });
});

describe('DOMAIN: the contacts export is the template’s CSV, so an exported file imports back (000, 004: export the existing contacts, change that file)', () => {
  const contacts: CoSellContact[] = [
    { name: 'Morel, Inès', email: 'ines@fabrikam.example', title: 'AE "EMEA"', role: 'partnerSales', countries: ['US', 'CA', 'FR'], states: ['US-WA', 'CA-ON'] },
    { name: 'Wei Zhang', email: 'wei@fabrikam.example', title: 'Marketing lead', role: 'partnerMarketing', countries: 'all', states: [] },
    { name: 'Sam Lee', email: 'sam@fabrikam.example', title: 'Architect', role: 'partnerTechnicalSales', countries: ['JP'], states: [] },
    { name: 'Ana Ruiz', email: 'ana@fabrikam.example', title: 'CSM', role: 'partnerCustomerSuccessManager', countries: ['ES'], states: [] },
  ];

  it('when contacts are exported, then the file has the template’s header and reads back as the same contacts', () => {
    const csv = formatContactsCsv(contacts);
    expect(csv.split('\r\n')[0]).toBe('Name,Email,Title,Role,Countries/Regions,States/Provinces');
    expect(csv).toContain('"Morel, Inès",ines@fabrikam.example,"AE ""EMEA""",Partner sales,"US, CA, FR","US-WA, CA-ON"');
    expect(csv).toContain('Wei Zhang,wei@fabrikam.example,Marketing lead,Partner marketing,OOO,');
    expect(parseContactsCsv(csv)).toEqual({ contacts });
  });

  it('when a value would start a spreadsheet formula, then it is exported as text (a leading apostrophe)', () => {
    const csv = formatContactsCsv([{ ...contacts[2]!, name: '=HYPERLINK("http://x.example","Sam")', title: '@SUM(A1)' }]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example"",""Sam"")",sam@fabrikam.example,'@SUM(A1),Partner technical sales,JP,`);
  });
});

describe('DOMAIN: referral admins change the organization’s offers; everyone else may only view them', () => {
  it.each<[string, RefusalCode | 'ok', Parameters<typeof authorizeOfferChange>[0]]>([
    ['a referral admin', 'ok', admin()],
    ['a referral admin with global scope', 'ok', admin({ role: 'globalAdmin' })],
    ['a referral user', 'offers_admin_only', member()],
  ])('when %s changes an offer, then %s', (_label, expected, who) => {
    expect(codeOf(authorizeOfferChange(who))).toBe(expected);
  });
});

describe('the offer’s details: name, type (one of the eleven of 000/004), listing type (002), live since', () => {
  it('when the live date is left as it was, then its instant is kept; cleared, the offer is no longer live; after today, it is refused', () => {
    const o = offer();
    expect(o.liveSince).toBe('2026-10-01T00:00:00.000Z');
    const same = editOfferDetails(o, offerDetailsInput('2026-11-20').parse({ name: 'Renamed', offerType: 'azureApplication', listingType: 'list', liveSince: '2026-10-01' }), at(5));
    expect(same).toMatchObject({ name: 'Renamed', liveSince: o.liveSince, coSell: { offerType: 'azureApplication' }, updatedBy: { id: 'user-adam' } });
    const off = editOfferDetails(o, offerDetailsInput('2026-11-20').parse({ name: 'Renamed', offerType: 'saas', listingType: 'list', liveSince: '' }), at(6));
    expect(off.liveSince).toBeUndefined();
    const future = offerDetailsInput('2026-11-20').safeParse({ name: 'x', offerType: 'saas', listingType: 'list', liveSince: '2026-11-21' });
    expect(future.error?.issues.map((i) => i.message)).toEqual(['v.offer.liveInFuture']);
    expect(offerDetailsInput('2026-11-20').safeParse({ name: 'x', offerType: 'teamsApp', listingType: 'list' }).error?.issues.map((i) => i.message)).toEqual(['v.coSell.offerType']);
  });
});

// ---------- marketplace rewards per offer (002) ----------

const contact = (overrides: Partial<MarketingContact> = {}) =>
  MarketingContact.parse({ userId: 'user-mia', email: 'mia@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR', ...overrides });
const ACCOUNT = 'partnercenter@fabrikam.example';

describe('DOMAIN: per offer, a company marketing contact (a user of the account, with an email other than the account’s) must be assigned before a benefit can be activated, and only once the offer is live (002)', () => {
  it.each<[string, RefusalCode | 'ok', () => ReturnType<typeof assignOfferMarketingContact>]>([
    ['a member with their own email', 'ok', () => assignOfferMarketingContact(offer(), ACCOUNT, contact(), true, at())],
    ['someone the organization does not have', 'rewards_contact_not_account_user', () => assignOfferMarketingContact(offer(), ACCOUNT, contact(), false, at())],
    ['the Partner Center account email', 'rewards_contact_email_is_account_email', () => assignOfferMarketingContact(offer(), ACCOUNT, contact({ email: ACCOUNT }), true, at())],
  ])('when the marketing contact is %s, then assigning gives %s', (_label, expected, assign) => {
    expect(codeOf(assign())).toBe(expected);
  });

  it('when a benefit is activated without a contact, on an offer not live, then it is refused; with both, it is activated and stamped', () => {
    expect(codeOf(activateOfferBenefit(offer(), 'Social media promotion', at()))).toBe('rewards_marketing_contact_required');
    const withContact = unwrap(assignOfferMarketingContact(offer(), ACCOUNT, contact(), true, at()));
    expect(codeOf(activateOfferBenefit({ ...withContact, liveSince: undefined }, 'Social media promotion', at()))).toBe('rewards_offer_not_live');
    const activated = unwrap(activateOfferBenefit(withContact, 'Social media promotion', at(1)));
    expect(activated.rewards.benefits).toEqual([{ id: 'b1', name: 'Social media promotion', activatedAt: '2026-11-20T10:01:00.000Z' }]);
    expect(codeOf(activateOfferBenefit(activated, 'social MEDIA promotion', at(2)))).toBe('rewards_benefit_already_active');
  });
});

describe('DOMAIN: reminders — the rewards team contacts the marketing contact within a week of an activation; an offer live more than four weeks without a message: look for its owner (002)', () => {
  const live = (liveSince = '2026-11-19T09:00:00.000Z') => unwrap(assignOfferMarketingContact({ ...offer(), liveSince }, ACCOUNT, contact(), true, at()));

  it('when a benefit was activated, then its reminder is due a week later, exactly once, and not once the contact is recorded', () => {
    const activated = unwrap(activateOfferBenefit(live(), 'Case study', at()));
    expect(activated.dueAt).toBe('2026-11-27T10:00:00.000Z');
    expect(applyRewardsReminders(activated, DateTime.fromISO('2026-11-27T09:59:59Z')).reminders).toEqual([]);
    const first = applyRewardsReminders(activated, DateTime.fromISO('2026-11-27T10:00:00Z'));
    expect(first.reminders).toEqual([{ kind: 'contactExpected', key: 'contact:b1:2026-11-20T10:00:00.000Z', dueAt: '2026-11-27T10:00:00.000Z', benefitId: 'b1', benefitName: 'Case study' }]);
    expect(applyRewardsReminders(first.offer, DateTime.fromISO('2026-11-27T10:00:00Z')).reminders).toEqual([]);
    const contacted = unwrap(recordBenefitContact(activated, 'b1', at(60)));
    expect(applyRewardsReminders(contacted, DateTime.fromISO('2026-12-30T00:00:00Z')).reminders).toEqual([]);
  });

  it('when an offer has been live four weeks to the minute, then nothing; a millisecond more without a message, the owner reminder, once', () => {
    const o = live('2026-10-23T10:00:00.000Z');
    expect(o.dueAt).toBe('2026-11-20T10:00:00.001Z');
    expect(applyRewardsReminders(o, NOW).reminders).toEqual([]);
    const due = applyRewardsReminders(o, NOW.plus({ milliseconds: 1 }));
    expect(due.reminders).toEqual([{ kind: 'lookForOwner', key: 'owner:2026-10-23T10:00:00.000Z', dueAt: '2026-11-20T10:00:00.001Z' }]);
    expect(due.offer.dueAt).toBeNull();
    expect(applyRewardsReminders(due.offer, NOW.plus({ days: 3 })).reminders).toEqual([]);
  });

  it('when a rewards message was recorded, then there is no owner to look for', () => {
    const o = recordRewardsMessage(live('2026-10-01T10:00:00.000Z'), at());
    expect(o.dueAt).toBeNull();
    expect(applyRewardsReminders(o, NOW.plus({ weeks: 8 })).reminders).toEqual([]);
  });

  it('when the offer goes live again later, then its own four weeks start over', () => {
    const first = applyRewardsReminders(live('2026-10-01T10:00:00.000Z'), NOW).offer;
    const again = { ...first, liveSince: '2026-11-20T10:00:00.000Z' };
    expect(applyRewardsReminders(again, NOW.plus({ weeks: 4, minutes: 1 })).reminders.map((r) => r.key)).toEqual(['owner:2026-11-20T10:00:00.000Z']);
  });
});

describe('DOMAIN: solution assessment deals only for partners vetted by the solution assessments team (003); a referral admin with global scope records the vetting, with who and when', () => {
  it.each<[string, RefusalCode | 'ok', ReturnType<typeof member>]>([
    ['a referral admin with global scope', 'ok', admin({ role: 'globalAdmin' })],
    ['a referral admin', 'assessment_vetting_global_admin_only', admin()],
    ['a referral user', 'assessment_vetting_global_admin_only', member()],
    ['a global admin of another organization', 'assessment_vetting_global_admin_only', admin({ role: 'globalAdmin', tenantId: 'other' })],
  ])('when %s records the vetting, then %s', (_label, expected, who) => {
    expect(codeOf(recordAssessmentVetting(organization({ solutions: [] }), who, true, NOW))).toBe(expected);
  });

  it('when recorded, then who and when are kept; recording it again changes nothing; withdrawing is recorded too', () => {
    const gia = admin({ userId: 'user-gia', name: 'Gia Global', role: 'globalAdmin' });
    const vetted = unwrap(recordAssessmentVetting(organization(), gia, true, NOW));
    expect(vetted).toMatchObject({ assessmentVetted: true, assessmentVettedBy: { kind: 'user', id: 'user-gia', name: 'Gia Global' }, assessmentVettedAt: '2026-11-20T10:00:00.000Z' });
    expect(unwrap(recordAssessmentVetting(vetted, gia, true, NOW.plus({ days: 1 })))).toBe(vetted);
    expect(unwrap(recordAssessmentVetting(vetted, gia, false, NOW.plus({ days: 2 })))).toMatchObject({ assessmentVetted: false, assessmentVettedAt: '2026-11-22T10:00:00.000Z' });
  });
});
