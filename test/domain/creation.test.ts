import { DateTime } from 'luxon';
import {
  createDeal,
  Customer,
  dealDraftInput,
  dealType,
  sellingType,
  todayFor,
  type HelpKind,
} from '../../services/domain';
import { issueKey } from '../../services/i18n';
import { ctx, draft, NOW, organization, OTHER_TENANT, outboundDeal, RULES, TENANT, unwrap, seq } from '../support/fixtures';

const schema = () => dealDraftInput(NOW.toISODate()!);
const issuesOf = (input: Record<string, unknown>) => {
  const base = {
    customer: { name: 'Northwind', country: 'FR' },
    name: 'Deal',
    location: 'FR',
    value: { amount: '1', currency: 'EUR' },
    closeDate: '2027-01-31',
    team: [{ name: 'Ana', phone: '+33 1 02 03 04 05', email: 'ana@fabrikam.example' }],
    solutions: [{ kind: 'microsoft', name: 'Azure' }],
  };
  const result = schema().safeParse({ ...base, ...input });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), issueKey(i)]));
};

describe('DOMAIN: creating a deal — customer: location then name, D-U-N-S of 9 digits tells entities apart', () => {
  it('when the customer has no name or country, then both are required', () => {
    expect(issuesOf({ customer: {} })).toMatchObject({ 'customer.name': 'v.required', 'customer.country': 'v.required' });
  });

  it.each(['12345678', '1234567890', '12345678a', '123-456-789'])('when the D-U-N-S is "%s", then it is refused', (duns) => {
    expect(issuesOf({ customer: { name: 'Northwind', country: 'FR', duns } })).toEqual({ 'customer.duns': 'v.duns' });
  });

  it('when the D-U-N-S has exactly 9 digits or is left empty, then it is accepted', () => {
    expect(issuesOf({ customer: { name: 'Northwind', country: 'FR', duns: '123456789' } })).toEqual({});
    expect(issuesOf({ customer: { name: 'Northwind', country: 'FR', duns: '' } })).toEqual({});
  });

  it('when the country is not an ISO 3166 code, then it is refused; lower case is accepted', () => {
    expect(issuesOf({ customer: { name: 'Northwind', country: 'XX' } })).toEqual({ 'customer.country': 'v.country' });
    expect(Customer.parse({ name: 'Northwind', country: 'fr' }).country).toBe('FR');
  });
});

describe('DOMAIN: creating a deal — the customer main contact is optional, needed only when Microsoft is invited, with consent', () => {
  it('when no help is asked of Microsoft, then a deal without customer contact is created', () => {
    expect(createDeal(draft(), organization(), ctx(), RULES).ok).toBe(true);
  });

  it('when help is asked of Microsoft without a complete main contact, then creation is refused', () => {
    const result = createDeal(draft({ help: 'technicalPresales' }), organization(), ctx(), RULES);
    expect(result).toEqual({ ok: false, refusal: { code: 'customer_contact_required' } });
  });

  it('when help is asked with a contact but without the customer’s consent, then creation is refused', () => {
    const customer = { name: 'Northwind', country: 'FR', contacts: [{ name: 'Léa', phone: '+33 1 23 45 67 89', email: 'lea@northwind.example' }] };
    expect(createDeal(draft({ help: 'technicalPresales', customer }), organization(), ctx(), RULES)).toEqual({
      ok: false,
      refusal: { code: 'customer_consent_required' },
    });
    expect(createDeal(draft({ help: 'technicalPresales', customer: { ...customer, contactConsent: true } }), organization(), ctx(), RULES).ok).toBe(true);
  });

  it('when a contact email or phone is malformed, then the field is refused', () => {
    expect(issuesOf({ customer: { name: 'N', country: 'FR', contacts: [{ email: 'not-an-email', phone: 'call me' }] } })).toEqual({
      'customer.contacts.0.email': 'v.email',
      'customer.contacts.0.phone': 'v.phone',
    });
  });
});

describe('DOMAIN: creating a deal — deal details: name, location, value + currency and close date mandatory; CRM ID, campaign ID, notes optional', () => {
  it('when the mandatory details are missing, then each is named', () => {
    expect(issuesOf({ name: '', location: undefined, value: undefined, closeDate: undefined })).toMatchObject({
      name: 'v.required',
      location: 'v.required',
      value: 'v.required',
      closeDate: 'v.required',
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a negative value', { value: { amount: '-1', currency: 'EUR' } }, { 'value.amount': 'v.positive' }],
    ['a value of zero (issue 13, item 5: a deal worth nothing is a typo)', { value: { amount: '0', currency: 'EUR' } }, { 'value.amount': 'v.positive' }],
    ['a value that is not a number', { value: { amount: 'lots', currency: 'EUR' } }, { 'value.amount': 'v.number' }],
    ['a currency that is not ISO 4217', { value: { amount: '10', currency: 'EURO' } }, { 'value.currency': 'v.currency' }],
    ['a close date in the past', { closeDate: '2026-11-19' }, { closeDate: 'v.dateInPast' }],
    ['a close date that is not a date', { closeDate: '31/01/2027' }, { closeDate: 'v.date' }],
  ])('when the seller enters %s, then that field is refused', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it('when the value is a cent and the close date is today, then both are accepted; optional ids may be empty', () => {
    expect(issuesOf({ value: { amount: '0.01', currency: 'usd' }, closeDate: '2026-11-20', crmId: '', campaignId: '', notes: '' })).toEqual({});
  });
});

describe('DOMAIN: creating a deal — team: at least one member with name, phone and email, all mandatory', () => {
  it('when the team is empty, then it is refused', () => {
    expect(issuesOf({ team: [] })).toEqual({ team: 'v.teamRequired' });
  });

  it('when a member lacks a phone or email, then that field is refused', () => {
    expect(issuesOf({ team: [{ name: 'Ana', phone: '', email: 'ana' }] })).toEqual({ 'team.0.phone': 'v.phone', 'team.0.email': 'v.email' });
  });
});

describe('DOMAIN: creating a deal — solutions: at least one; a solution assessment is exactly one assessment type and nothing else, with a location', () => {
  const vetted = organization({ assessmentVetted: true });
  const assessment = { kind: 'assessment', name: 'Azure migration assessment' };

  it('when no solution is given, then it is refused', () => {
    expect(issuesOf({ solutions: [] })).toEqual({ solutions: 'v.solutionRequired' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['two assessment types', { solutions: [assessment, { ...assessment, name: 'Security assessment' }], assessment: { type: 'x', location: 'FR' } }, 'assessment_exclusive'],
    ['an assessment with another solution', { solutions: [assessment, { kind: 'microsoft', name: 'Azure' }], assessment: { type: 'x', location: 'FR' } }, 'assessment_exclusive'],
    ['an assessment without its location', { solutions: [assessment] }, 'assessment_location_required'],
    ['an assessment that asks Microsoft for help', { solutions: [assessment], assessment: { type: 'x', location: 'FR' }, help: 'technicalPresales' }, 'assessment_no_invitations'],
  ])('when a deal has %s, then it is refused', (_label, input, code) => {
    expect(createDeal(draft(input), vetted, ctx(), RULES)).toMatchObject({ ok: false, refusal: { code } });
  });

  it('when the organization is not vetted for assessments, then an assessment deal is refused', () => {
    expect(createDeal(draft({ solutions: [assessment], assessment: { type: 'x', location: 'DE' } }), organization(), ctx(), RULES)).toEqual({
      ok: false,
      refusal: { code: 'assessment_not_vetted' },
    });
  });

  it('when a vetted organization creates one assessment with its location, then the deal is a Solution assessment', () => {
    const deal = unwrap(createDeal(draft({ solutions: [assessment], assessment: { type: 'Azure migration assessment', location: 'DE' } }), vetted, ctx(), RULES));
    expect(dealType(deal)).toBe('solutionAssessment');
    expect(deal.assessment).toEqual({ type: 'Azure migration assessment', location: 'DE' });
  });

  it('when solutions of every other kind are mixed, then the deal is accepted', () => {
    const solutions = [
      { kind: 'own', name: 'Fabrikam Migrate' },
      { kind: 'microsoft', name: 'Azure Migrate', publisher: 'Microsoft' },
      { kind: 'thirdParty', name: 'Tailspin Backup', publisher: 'Tailspin' },
    ];
    expect(createDeal(draft({ solutions }), organization(), ctx(), RULES).ok).toBe(true);
  });
});

describe('DOMAIN: selling type from the two questions (help from Microsoft × may Microsoft sellers view)', () => {
  it.each<[HelpKind, boolean, string]>([
    ['none', false, 'private'],
    ['none', true, 'partnerLed'],
    ['technicalPresales', false, 'coSell'],
    ['technicalPresales', true, 'coSell'],
    ['other', false, 'coSell'],
  ])('help %s and view %s make a %s deal', (help, view, expected) => {
    expect(sellingType(help, view)).toBe(expected);
  });

  it('when a deal is created with the answers, then its type and Microsoft’s 14-day window follow them', () => {
    expect(dealType(outboundDeal())).toBe('private');
    expect(dealType(outboundDeal({ microsoftMayView: 'true' }))).toBe('partnerLed');
    const contact = { name: 'Léa', phone: '+33 1 23 45 67 89', email: 'lea@northwind.example' };
    const coSell = outboundDeal({ help: 'proofOfConcept', customer: { name: 'Northwind', country: 'FR', contacts: [contact], contactConsent: true } });
    expect(dealType(coSell)).toBe('coSell');
    expect(coSell.microsoft).toMatchObject({ status: 'invited', helpWanted: 'proofOfConcept', invitedAt: '2026-11-20T10:00:00.000Z', respondBy: '2026-12-04T10:00:00.000Z' });
    expect(coSell.dueAt).toBe('2026-12-04T10:00:00.000Z');
  });

  it('when a referral comes from Microsoft it is Co-sell; from a partner it is P2P', () => {
    const fromMicrosoft = unwrap({ ok: true, value: outboundDeal() });
    expect(dealType({ ...fromMicrosoft, inbound: { sender: { type: 'Microsoft' } } as never })).toBe('coSell');
    expect(dealType({ ...fromMicrosoft, inbound: { sender: { type: 'Partner' } } as never })).toBe('p2p');
  });
});

describe('DOMAIN: inviting partners makes the deal P2P, each with close date, value, notes, team, at least one solution and help wanted', () => {
  const invitation = (overrides: Record<string, unknown> = {}) => ({
    partner: { tenantId: OTHER_TENANT, name: 'Tailspin Toys' },
    closeDate: '2027-05-31',
    value: { amount: '40000', currency: 'EUR' },
    notes: 'They run the data platform',
    team: [],
    solutions: [{ kind: 'thirdParty', name: 'Tailspin Backup' }],
    helpWanted: 'Data engineering',
    ...overrides,
  });

  it('when a partner is invited at creation, then the deal is P2P and the invitation pending with its fields', () => {
    const deal = outboundDeal({ invitations: [invitation()] });
    expect(dealType(deal)).toBe('p2p');
    expect(deal.invitations[0]).toMatchObject({
      id: '1',
      partner: { tenantId: OTHER_TENANT, name: 'Tailspin Toys' },
      closeDate: '2027-05-31',
      value: { amount: 40000, currency: 'EUR' },
      status: 'pending',
      helpWanted: 'Data engineering',
    });
  });

  it('when an invitation has no solution or a past close date, then it is refused field by field', () => {
    expect(issuesOf({ invitations: [invitation({ solutions: [], closeDate: '2020-01-01' })] })).toEqual({
      'invitations.0.solutions': 'v.solutionRequired',
      'invitations.0.closeDate': 'v.dateInPast',
    });
  });

  it('when the same partner is invited twice or the organization invites itself, then it is refused', () => {
    expect(createDeal(draft({ invitations: [invitation(), invitation()] }), organization(), ctx(), RULES)).toMatchObject({
      ok: false,
      refusal: { code: 'partner_already_invited' },
    });
    expect(createDeal(draft({ invitations: [invitation({ partner: { tenantId: TENANT, name: 'Us' } })] }), organization(), ctx(), RULES)).toEqual({
      ok: false,
      refusal: { code: 'cannot_invite_self' },
    });
  });

  it('when both Microsoft and a partner are invited, then the deal is Co-sell', () => {
    const customer = { name: 'Northwind', country: 'FR', contacts: [{ name: 'Léa', phone: '+33 1 23 45 67 89', email: 'l@n.example' }], contactConsent: true };
    expect(dealType(outboundDeal({ invitations: [invitation()], help: 'technicalPresales', customer }))).toBe('coSell');
  });

  it('ids are stable for the same random source (deal ids are D + 12 base32 characters)', () => {
    const a = unwrap(createDeal(draft(), organization(), ctx(), RULES, seq(7)));
    const b = unwrap(createDeal(draft(), organization(), ctx(), RULES, seq(7)));
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^D[0-9A-Z]{12}$/);
  });
});

describe("DOMAIN: a close date in the past is refused — \"today\" is the seller's calendar day, in their time zone", () => {
  const lateEvening = DateTime.fromISO('2026-11-20T23:30:00Z', { zone: 'utc' });
  it.each<[string | undefined, string]>([
    [undefined, '2026-11-20'],
    ['Europe/Paris', '2026-11-21'],
    ['America/New_York', '2026-11-20'],
    ['Pacific/Kiritimati', '2026-11-21'],
    ['Not/AZone', '2026-11-20'],
  ])('at 23:30 UTC a seller in %s is on %s', (zone, day) => {
    expect(todayFor({ now: lateEvening, zone })).toBe(day);
  });

  it("when the clock crosses the seller's midnight, then today changes at once, even asked many times around it", () => {
    // Kathmandu is UTC+05:45: its midnight is not on an hour of UTC.
    const midnight = DateTime.fromISO('2026-11-20T18:15:00.000Z', { zone: 'utc' });
    const sequence = [-60_000, -1, -1, 0, 0, 59_999, -1, 60_000, -60_001].map((ms) => todayFor({ now: midnight.plus({ milliseconds: ms }), zone: 'Asia/Kathmandu' }));
    expect(sequence).toEqual(['2026-11-20', '2026-11-20', '2026-11-20', '2026-11-21', '2026-11-21', '2026-11-21', '2026-11-20', '2026-11-21', '2026-11-20']);
  });

  it('when it is already tomorrow for the seller, then a close date of "today in UTC" is in the past', () => {
    const paris = todayFor({ now: lateEvening, zone: 'Europe/Paris' });
    expect(dealDraftInput(paris).safeParse({ ...draft(), closeDate: '2026-11-20' }).success).toBe(false);
    expect(dealDraftInput(paris).safeParse({ ...draft(), closeDate: '2026-11-21' }).success).toBe(true);
  });
});
