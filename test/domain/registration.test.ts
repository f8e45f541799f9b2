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
  type Deal,
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
    const registered = unwrap(registerDeal(deal, ctx(), RULES));
    expect(registered.registration).toMatchObject({ status: 'submitted', submittedBy: { id: 'user-ana' } });
    expect(allowedActions(registered, admin(), NOW)).not.toContain('register');
    expect(registerDeal(registered, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'registration_already_submitted', params: { status: 'submitted' } } });
  });

  it('when a deal is not eligible, then Register now is refused with what is missing', () => {
    expect(registerDeal(won(outboundDeal({ solutions: incentive })), ctx(), RULES)).toEqual({
      ok: false,
      refusal: { code: 'registration_not_eligible', params: { unmet: 'type' } },
    });
  });

  it('progress goes review → action required → review → validated, and nothing moves after validation', () => {
    let deal = unwrap(registerDeal(eligible(), ctx(), RULES));
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
