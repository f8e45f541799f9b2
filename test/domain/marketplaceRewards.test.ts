import { DateTime } from 'luxon';
import {
  activateBenefit,
  assignMarketingContact,
  engagementFor,
  MarketingContact,
  MarketplaceRewards,
  RewardsOffer,
  rewardsContactExpectedBy,
  shouldLookForOfferOwner,
  type Engagement,
} from '../../services/domain/marketplaceRewards';
import type { RefusalCode } from '../../services/domain/result';

/* Seed 002 (fr-FR, ms.date 04/23/2020): "Vos avantages sur la place de marché commerciale". */

const NOW = DateTime.fromISO('2026-11-20T10:00:00Z', { zone: 'utc' });

const contact = (overrides: Partial<MarketingContact> = {}): MarketingContact =>
  MarketingContact.parse({ userId: 'user-mia', email: 'mia.marketing@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR', ...overrides });

const rewards = (overrides: Record<string, unknown> = {}): MarketplaceRewards =>
  MarketplaceRewards.parse({
    accountEmail: 'partnercenter@fabrikam.example',
    accountUsers: ['user-ana', 'user-mia'],
    benefits: [
      { id: 'b-social', name: 'Social media promotion' },
      { id: 'b-case', name: 'Case study', activatedAt: '2026-10-01T09:00:00Z' },
    ],
    ...overrides,
  });

const offer = (overrides: Record<string, unknown> = {}): RewardsOffer =>
  RewardsOffer.parse({ id: 'offer-1', listingType: 'transact', liveSince: '2026-09-01T00:00:00Z', ...overrides });

const withContact = () => rewards({ marketingContact: contact() });
const codeOf = <T>(result: { ok: true; value: T } | { ok: false; refusal: { code: RefusalCode } }) => (result.ok ? 'ok' : result.refusal.code);

describe('DOMAIN: a company marketing contact must be assigned before a marketing and sales benefit can be activated (002, step 3)', () => {
  it.each<[string, () => MarketplaceRewards, RefusalCode | 'ok']>([
    ['no marketing contact is assigned', () => rewards(), 'rewards_marketing_contact_required'],
    ['a marketing contact is assigned', withContact, 'ok'],
  ])('when %s, then activating a benefit gives %s', (_label, make, expected) => {
    expect(codeOf(activateBenefit(make(), 'b-social', [offer()], NOW))).toBe(expected);
  });

  it('when the contact is assigned after a refusal, then the same benefit activates and is stamped with the time', () => {
    const before = rewards();
    expect(activateBenefit(before, 'b-social', [offer()], NOW)).toEqual({ ok: false, refusal: { code: 'rewards_marketing_contact_required' } });
    const assigned = assignMarketingContact(before, contact());
    if (!assigned.ok) throw new Error(assigned.refusal.code);
    const activated = activateBenefit(assigned.value, 'b-social', [offer()], NOW);
    if (!activated.ok) throw new Error(activated.refusal.code);
    expect(activated.value.benefits).toEqual([
      { id: 'b-social', name: 'Social media promotion', activatedAt: '2026-11-20T10:00:00.000Z' },
      { id: 'b-case', name: 'Case study', activatedAt: '2026-10-01T09:00:00.000Z' },
    ]);
    expect(before.benefits[0]!.activatedAt).toBeUndefined();
  });

  it.each<[string, string, RefusalCode]>([
    ['already active', 'b-case', 'rewards_benefit_already_active'],
    ['not on the page', 'b-unknown', 'rewards_benefit_not_found'],
  ])('when the benefit is %s, then activation is refused', (_label, benefitId, expected) => {
    expect(codeOf(activateBenefit(withContact(), benefitId, [offer()], NOW))).toBe(expected);
  });
});

describe('DOMAIN: benefits are activated once an offer is live on Azure Marketplace or AppSource (002)', () => {
  it.each<[string, RewardsOffer[], RefusalCode | 'ok']>([
    ['no offer', [], 'rewards_offer_not_live'],
    ['only an offer not yet live', [offer({ liveSince: undefined })], 'rewards_offer_not_live'],
    ['only an offer going live tomorrow', [offer({ liveSince: '2026-11-21T10:00:00Z' })], 'rewards_offer_not_live'],
    ['an offer live since this very moment', [offer({ liveSince: '2026-11-20T10:00:00Z' })], 'ok'],
    ['a draft and a live List offer', [offer({ liveSince: undefined }), offer({ id: 'offer-2', listingType: 'list' })], 'ok'],
  ])('when the organization has %s, then activating gives %s', (_label, offers, expected) => {
    expect(codeOf(activateBenefit(withContact(), 'b-social', offers, NOW))).toBe(expected);
  });
});

describe('DOMAIN: the marketing contact — one of the account’s users, with an email other than the company’s Partner Center account email, a phone and a default language (002, step 4)', () => {
  it.each<[string, Partial<MarketingContact>, RefusalCode | 'ok']>([
    ['a user of the account with their own email', {}, 'ok'],
    ['someone not among the account’s users', { userId: 'user-outsider' }, 'rewards_contact_not_account_user'],
    ['the company’s Partner Center account email', { email: 'partnercenter@fabrikam.example' }, 'rewards_contact_email_is_account_email'],
    ['the account email in other letter case', { email: 'PartnerCenter@Fabrikam.example' }, 'rewards_contact_email_is_account_email'],
  ])('when the contact is %s, then assigning gives %s', (_label, overrides, expected) => {
    expect(codeOf(assignMarketingContact(rewards(), contact(overrides)))).toBe(expected);
  });

  it('when a contact is assigned again, then the new one replaces the old one (add, update or change)', () => {
    const first = assignMarketingContact(rewards(), contact());
    if (!first.ok) throw new Error(first.refusal.code);
    const second = assignMarketingContact(first.value, contact({ userId: 'user-ana', email: 'ana@fabrikam.example', language: 'en-US' }));
    expect(second.ok && second.value.marketingContact).toEqual(contact({ userId: 'user-ana', email: 'ana@fabrikam.example', language: 'en-US' }));
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['no phone', { phone: undefined }, { phone: 'v.required' }],
    ['no default language', { language: '' }, { language: 'v.required' }],
    ['a language that is not a language tag', { language: 'français!!' }, { language: 'v.rewards.language' }],
    ['no email', { email: undefined }, { email: 'v.required' }],
  ])('when the contact has %s, then it is refused', (_label, overrides, expected) => {
    const result = MarketingContact.safeParse({ userId: 'user-mia', email: 'mia@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR', ...overrides });
    expect(result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]))).toEqual(expected);
  });
});

describe('DOMAIN: once a benefit is activated, the rewards team contacts the marketing contact within one week (002, step 4.4)', () => {
  it.each<[string | undefined, string | undefined]>([
    ['2026-11-20T10:00:00Z', '2026-11-27T10:00:00.000Z'],
    ['2026-12-29T23:30:00Z', '2027-01-05T23:30:00.000Z'],
    [undefined, undefined],
  ])('when the benefit was activated at %s, then contact is expected by %s', (activatedAt, expected) => {
    expect(rewardsContactExpectedBy({ id: 'b', name: 'Benefit', ...(activatedAt ? { activatedAt } : {}) })).toBe(expected);
  });
});

describe('DOMAIN: an offer published more than four weeks ago without a rewards message — look for the offer’s owner, or open a support ticket (002 note)', () => {
  const liveSince = '2026-10-23T10:00:00Z'; // exactly four weeks before NOW
  it.each<[string, DateTime, boolean, boolean]>([
    ['four weeks to the minute, no message', NOW, false, false],
    ['four weeks and a minute, no message', NOW.plus({ minutes: 1 }), false, true],
    ['six weeks, a message received', NOW.plus({ weeks: 2 }), true, false],
    ['three weeks, no message', NOW.minus({ weeks: 1 }), false, false],
  ])('when the offer has been live %s, then looking for the owner is %s', (_label, now, messageReceived, expected) => {
    expect(shouldLookForOfferOwner(offer({ liveSince }), messageReceived, now)).toBe(expected);
  });

  it('when the offer is not live, then there is nothing to look for', () => {
    expect(shouldLookForOfferOwner(offer({ liveSince: undefined }), false, NOW)).toBe(false);
  });
});

describe('DOMAIN: benefits differ for List, Trial and Transact offers — three months of a dedicated engagement manager for Trial and consulting proof of concept, implementation or workshop; persistent for Transact; the baseline emails otherwise (002)', () => {
  const liveSince = '2026-09-01T00:00:00Z';
  it.each<[string, Record<string, unknown>, Engagement]>([
    ['a Trial offer', { listingType: 'trial' }, { kind: 'dedicated', until: '2026-12-01T00:00:00.000Z' }],
    ['a consulting proof of concept (List)', { listingType: 'list', consulting: 'proofOfConcept' }, { kind: 'dedicated', until: '2026-12-01T00:00:00.000Z' }],
    ['a consulting implementation (List)', { listingType: 'list', consulting: 'implementation' }, { kind: 'dedicated', until: '2026-12-01T00:00:00.000Z' }],
    ['a consulting workshop (List)', { listingType: 'list', consulting: 'workshop' }, { kind: 'dedicated', until: '2026-12-01T00:00:00.000Z' }],
    ['another consulting offer (List)', { listingType: 'list', consulting: 'other' }, { kind: 'baseline' }],
    ['a List offer', { listingType: 'list' }, { kind: 'baseline' }],
    ['a Transact offer', { listingType: 'transact' }, { kind: 'dedicated', until: null }],
    ['a Transact offer not live yet', { listingType: 'transact', liveSince: undefined }, { kind: 'notLive' }],
    ['a Trial offer going live next month', { listingType: 'trial', liveSince: '2026-12-20T00:00:00Z' }, { kind: 'notLive' }],
  ])('when the offer is %s, then its engagement is as in that row', (_label, overrides, expected) => {
    expect(engagementFor(offer({ liveSince, ...overrides }), NOW)).toEqual(expected);
  });

  it('when a new Trial offer is published later, then it gets its own three months', () => {
    expect(engagementFor(offer({ id: 'offer-2', listingType: 'trial', liveSince: '2026-11-15T08:00:00Z' }), NOW)).toEqual({
      kind: 'dedicated',
      until: '2027-02-15T08:00:00.000Z',
    });
  });

  it('when the listing type is not List, Trial or Transact, then the offer is refused', () => {
    expect(RewardsOffer.safeParse({ id: 'o', listingType: 'contactMe' }).error?.issues.map((i) => i.message)).toEqual(['v.choice']);
  });
});
