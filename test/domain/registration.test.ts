import { DateTime } from 'luxon';
import {
  allowedActions,
  grantMicrosoftView,
  markWon,
  recordMicrosoftMarkedWon,
  recordMicrosoftResponse,
  recordRegistrationProgress,
  registerDeal,
  registrationEligibility,
  invitePartners,
  invitationInput,
  registrationInput,
  type Deal,
  type RegistrationDetails,
} from '../../services/domain';
import { admin, ctx, NOW, outboundDeal, RULES, unwrap } from '../support/fixtures';

const customer = {
  name: 'Northwind',
  country: 'FR',
  contacts: [{ name: 'Léa', phone: '+33 1 23 45 67 89', email: 'lea@northwind.example' }],
  contactConsent: true,
};
const incentive = [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }];
const noIncentive = [{ kind: 'microsoft', name: 'Azure' }];
const won = (deal: Deal) => unwrap(markWon(deal, ctx(), RULES));
/** What the seller confirms and gives before registering (003). */
const details: RegistrationDetails = { contractConfirmed: true, solutions: ['Fabrikam Migrate'], contractSignedOn: '2026-11-19' };
const msAt = DateTime.fromISO('2026-11-25T00:00:00Z');

describe('DOMAIN: deal registration eligibility — Co-sell or Partner-led, an incentive-eligible solution, Won, and for Co-sell Microsoft accepted or marked it won', () => {
  it.each<[string, () => Deal, boolean, string[]]>([
    ['won Partner-led with an incentive solution', () => won(unwrap(grantMicrosoftView(outboundDeal({ solutions: incentive }), ctx(), RULES))), true, []],
    ['won Private with an incentive solution (never eligible)', () => won(outboundDeal({ solutions: incentive })), false, ['type']],
    ['won Partner-led without an incentive solution', () => won(outboundDeal({ solutions: noIncentive, microsoftMayView: 'true' })), false, ['incentiveSolution']],
    ['open Partner-led with an incentive solution', () => outboundDeal({ solutions: incentive, microsoftMayView: 'true' }), false, ['won']],
    [
      'won Co-sell where Microsoft never answered',
      () => won(outboundDeal({ solutions: incentive, help: 'technicalPresales', customer })),
      false,
      ['microsoftEngaged'],
    ],
    [
      'won Co-sell where Microsoft accepted the invitation',
      () => won(unwrap(recordMicrosoftResponse(outboundDeal({ solutions: incentive, help: 'technicalPresales', customer }), 'engaged', msAt, RULES))),
      true,
      [],
    ],
    [
      'won Co-sell where Microsoft declined but itself marked the deal won',
      () =>
        won(
          unwrap(
            recordMicrosoftMarkedWon(
              unwrap(recordMicrosoftResponse(outboundDeal({ solutions: incentive, help: 'technicalPresales', customer }), 'declined', msAt, RULES)),
              msAt,
              RULES,
            ),
          ),
        ),
      true,
      [],
    ],
  ])('%s → eligible %s', (_label, make, eligible, unmet) => {
    expect(registrationEligibility(make())).toEqual({ eligible, unmet });
  });

  it.each(['azureIpCoSell', 'bizAppsPremium', 'bizAppsStandard'])('the %s incentive makes a solution incentive-eligible', (program) => {
    const deal = won(outboundDeal({ solutions: [{ kind: 'own', name: 'X', incentive: program }], microsoftMayView: 'true' }));
    expect(registrationEligibility(deal).eligible).toBe(true);
  });
});

describe('DOMAIN: Register now — after Won or later; its progress shows; validation completes it', () => {
  const eligible = () => won(outboundDeal({ solutions: incentive, microsoftMayView: 'true' }));

  it('when an eligible won deal is registered, then it is submitted and the card stops offering Register now', () => {
    const deal = eligible();
    expect(allowedActions(deal, admin(), NOW)).toContain('register');
    const registered = unwrap(registerDeal(deal, ctx(), RULES, details));
    expect(registered.registration).toMatchObject({ status: 'submitted', submittedBy: { id: 'user-ana' }, details });
    expect(allowedActions(registered, admin(), NOW)).not.toContain('register');
    expect(registerDeal(registered, ctx(), RULES, details)).toEqual({ ok: false, refusal: { code: 'registration_already_submitted', params: { status: 'submitted' } } });
  });

  it('when a deal is not eligible, then Register now is refused with what is missing', () => {
    expect(registerDeal(won(outboundDeal({ solutions: incentive })), ctx(), RULES, details)).toEqual({
      ok: false,
      refusal: { code: 'registration_not_eligible', params: { unmet: 'type' } },
    });
  });

  it('progress goes review → action required → review → validated, and nothing moves after validation', () => {
    let deal = unwrap(registerDeal(eligible(), ctx(), RULES, details));
    for (const status of ['inReview', 'actionRequired', 'inReview', 'validated'] as const) {
      deal = unwrap(recordRegistrationProgress(deal, status, msAt, RULES));
      expect(deal.registration!.status).toBe(status);
    }
    expect(recordRegistrationProgress(deal, 'inReview', msAt, RULES)).toEqual({
      ok: false,
      refusal: { code: 'registration_transition', params: { from: 'validated', to: 'inReview' } },
    });
  });
});

describe('DOMAIN: a Partner-led deal that invites partners keeps what makes it Partner-led for deal registration (003: Partner-led may invite partners; registration asks for Co-sell or Partner-led)', () => {
  const partner = invitationInput(NOW.toISODate()!).parse({
    partner: { name: 'Tailspin Toys' },
    closeDate: '2027-05-31',
    value: { amount: '40000', currency: 'EUR' },
    solutions: [{ kind: 'thirdParty', name: 'Tailspin Backup' }],
  });

  it('when a Partner-led deal with an incentive solution invites a partner and is won, then it is eligible and registers', () => {
    const deal = won(unwrap(invitePartners(outboundDeal({ solutions: incentive, microsoftMayView: 'true' }), [partner], ctx(), RULES)));
    expect(registrationEligibility(deal)).toEqual({ eligible: true, unmet: [] });
    expect(unwrap(registerDeal(deal, ctx(), RULES, details)).registration?.status).toBe('submitted');
  });

  it('when a Private deal invites a partner, then it is still not eligible; once Microsoft sellers may view it, it is', () => {
    const p2p = unwrap(invitePartners(outboundDeal({ solutions: incentive }), [partner], ctx(), RULES));
    expect(registrationEligibility(won(p2p))).toEqual({ eligible: false, unmet: ['type'] });
    expect(registrationEligibility(won(unwrap(grantMicrosoftView(p2p, ctx(), RULES))))).toEqual({ eligible: true, unmet: [] });
  });
});

describe('DOMAIN: register the deal only if the company name and the incentive-eligible solution are clearly mentioned in the customer contract; after Won, additional information is asked (003)', () => {
  const eligible = () => won(outboundDeal({ solutions: [...incentive, { kind: 'own', name: 'Fabrikam Backup' }, { kind: 'own', name: 'Fabrikam Lens', incentive: 'bizAppsStandard' }], microsoftMayView: 'true' }));
  const form = (overrides: Record<string, unknown> = {}) =>
    registrationInput('2026-11-20').safeParse({ contractConfirmed: 'true', solutions: ['Fabrikam Migrate'], contractSignedOn: '2026-11-19', ...overrides });
  const issues = (overrides: Record<string, unknown>) => {
    const parsed = form(overrides);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['the confirmation ticked, a solution and the signing date', {}, {}],
    ['the confirmation not ticked', { contractConfirmed: 'false' }, { contractConfirmed: 'v.registration.confirm' }],
    ['the confirmation missing', { contractConfirmed: undefined }, { contractConfirmed: 'v.registration.confirm' }],
    ['no solution named', { solutions: [] }, { solutions: 'v.registration.solution' }],
    ['no signing date', { contractSignedOn: '' }, { contractSignedOn: 'v.required' }],
    ['a contract signed tomorrow', { contractSignedOn: '2026-11-21' }, { contractSignedOn: 'v.registration.signedInFuture' }],
    ['a reference of 101 characters', { contractReference: 'R'.repeat(101) }, { contractReference: 'v.tooLong' }],
  ])('when the form has %s, then its issues are %j', (_label, overrides, expected) => {
    expect(issues(overrides)).toEqual(expected);
  });

  it('when the seller names incentive-eligible solutions of the deal, then they are kept with the registration', () => {
    const parsed = form({ solutions: ['Fabrikam Migrate', 'Fabrikam Lens'], contractReference: 'NW-114', notes: 'Signed by the CIO' });
    if (!parsed.success) throw new Error('form refused');
    expect(unwrap(registerDeal(eligible(), ctx(), RULES, parsed.data)).registration?.details).toEqual({
      contractConfirmed: true,
      solutions: ['Fabrikam Migrate', 'Fabrikam Lens'],
      contractSignedOn: '2026-11-19',
      contractReference: 'NW-114',
      notes: 'Signed by the CIO',
    });
  });

  it.each(['Fabrikam Backup', 'Azure Synapse'])('when the seller names "%s" (not an incentive-eligible solution of the deal), then registering is refused by name', (name) => {
    expect(registerDeal(eligible(), ctx(), RULES, { ...details, solutions: [name] })).toEqual({ ok: false, refusal: { code: 'registration_solution_not_on_deal', params: { name } } });
  });
});
