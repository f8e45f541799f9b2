import { DateTime } from 'luxon';
import {
  acceptInput,
  acceptReferral,
  completeAssessmentStage,
  declineReferral,
  DeclineInput,
  expireReferral,
  markLost,
  markSalesStage,
  markWon,
  stagePercent,
  SALES_STAGE_PERCENT,
  TERMINAL,
  editDeal,
  invitePartners,
  inviteMicrosoft,
  grantMicrosoftView,
  type Deal,
  type SalesStage,
} from '../../services/domain';
import { ANA_ON_TEAM, ctx, NOW, outboundDeal, organization, receivedReferral, RULES, unwrap } from '../support/fixtures';

const acceptance = (overrides: Record<string, unknown> = {}) =>
  acceptInput(NOW.toISODate()!).parse({
    name: 'Contoso migration',
    value: { amount: '260000', currency: 'EUR' },
    closeDate: '2027-04-30',
    notes: 'Called Léa; workshop next week.',
    team: [ANA_ON_TEAM],
    ...overrides,
  });

describe('DOMAIN: inbound lifecycle — Received --accept--> Accepted', () => {
  it('when a received referral is accepted, then it is open at the Accepted stage (10 %) with the seller’s name, value, close date, notes and team', () => {
    const accepted = unwrap(acceptReferral(receivedReferral(), acceptance({ crmId: 'CRM-42', campaignId: 'CAMP-7' }), ctx(), RULES));
    expect(accepted.status).toBe('open');
    expect(accepted.salesStage).toBe('accepted');
    expect(stagePercent(accepted)).toBe(10);
    expect(accepted.name).toBe('Contoso migration');
    expect(accepted.value).toEqual({ amount: 260000, currency: 'EUR' });
    expect(accepted.closeDate).toBe('2027-04-30');
    expect(accepted.notes).toBe('Called Léa; workshop next week.');
    expect(accepted.crmId).toBe('CRM-42');
    expect(accepted.campaignId).toBe('CAMP-7');
    expect(accepted.team).toEqual([ANA_ON_TEAM]);
    expect(accepted.response).toMatchObject({ action: 'accepted', by: { id: 'user-ana' }, at: '2026-11-20T10:00:00.000Z' });
    expect(accepted.history.at(-1)).toMatchObject({ event: 'accepted', by: { name: 'Ana Seller' } });
    expect(accepted.dueAt).toBeNull();
  });

  it('when accepting (seed 003), then deal name, value and close date are required; team, CRM and campaign ids optional', () => {
    const schema = acceptInput(NOW.toISODate()!);
    const result = schema.safeParse({ value: { amount: '', currency: 'EUR' }, team: [] });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'value.amount', 'closeDate']));
    expect(paths).not.toEqual(expect.arrayContaining(['crmId', 'campaignId', 'notes', 'team']));
    expect(schema.safeParse({ name: 'Contoso', value: { amount: '1', currency: 'EUR' }, closeDate: '2027-01-31' }).success).toBe(true);
  });

  it('when accepting (seed 003), then a team row that is started must be whole: name, phone and email', () => {
    const schema = acceptInput(NOW.toISODate()!);
    const result = schema.safeParse({ name: 'Contoso', value: { amount: '1', currency: 'EUR' }, closeDate: '2027-01-31', team: [{ name: 'Ben', phone: '', email: 'ben@fabrikam.example' }] });
    expect(new Set(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`))).toEqual(new Set(['team.0.phone: v.phone']));
  });

  it('when a referral handed to a colleague is accepted with no team typed, then the colleague stays on the team', () => {
    const held = { ...receivedReferral(), team: [{ name: 'Ben Okafor', email: 'ben@fabrikam.example', userId: 'user-ben' }] };
    const input = acceptInput(NOW.toISODate()!).parse({ name: 'Contoso', value: { amount: '1', currency: 'EUR' }, closeDate: '2027-01-31' });
    const accepted = unwrap(acceptReferral(held, input, ctx(), RULES));
    expect(accepted.team).toEqual([{ name: 'Ben Okafor', email: 'ben@fabrikam.example', userId: 'user-ben' }]);
  });

  it('when a referral was already answered, then accepting it again is refused', () => {
    const accepted = unwrap(acceptReferral(receivedReferral(), acceptance(), ctx(), RULES));
    const again = acceptReferral(accepted, acceptance(), ctx(), RULES);
    expect(again).toEqual({ ok: false, refusal: { code: 'not_received' } });
  });

  it('when its 14 days are over but the sweeper has not run yet, then accepting is refused as expired', () => {
    const referral = receivedReferral();
    const late = ctx({ now: DateTime.fromISO('2026-12-04T09:30:00Z') });
    expect(acceptReferral(referral, acceptance(), late, RULES)).toEqual({ ok: false, refusal: { code: 'referral_expired' } });
  });
});

describe('DOMAIN: inbound lifecycle — Received --decline (reason + notes)--> Declined', () => {
  it('when declined with a reason and notes, then it is Declined (terminal) and records who, when and why', () => {
    const declined = unwrap(declineReferral(receivedReferral(), DeclineInput.parse({ reason: 'noCapacity', notes: 'Team booked until March.' }), ctx(), RULES));
    expect(declined.status).toBe('declined');
    expect(TERMINAL.has(declined.status)).toBe(true);
    expect(declined.response).toMatchObject({ action: 'declined', reason: 'noCapacity', notes: 'Team booked until March.', by: { id: 'user-ana' } });
    expect(declined.dueAt).toBeNull();
  });

  it('when the reason is "other", then the seller must say why', () => {
    const result = DeclineInput.safeParse({ reason: 'other' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['reasonText'], message: 'v.reasonOther' });
    expect(DeclineInput.safeParse({ reason: 'other', reasonText: 'Customer asked us not to' }).success).toBe(true);
  });

  it('when the reason is not one of the list, then it is refused', () => {
    expect(DeclineInput.safeParse({ reason: 'because' }).success).toBe(false);
  });
});

describe('DOMAIN: inbound lifecycle — no answer in 14 days --> Expired', () => {
  it('when no expiry is given, then the referral expires 14 days after it was created', () => {
    expect(receivedReferral().inbound!.expiresAt).toBe('2026-12-04T09:30:00.000Z');
  });

  it('when the sender gives an expiry, then that one applies', () => {
    const referral = receivedReferral({ expiresAt: DateTime.fromISO('2026-11-27T12:00:00Z') });
    expect(referral.inbound!.expiresAt).toBe('2026-11-27T12:00:00.000Z');
  });

  it.each([
    ['one millisecond before the 14 days end', '2026-12-04T09:29:59.999Z', 'it is refused', 'not_yet_expired'],
    ['exactly when the 14 days end', '2026-12-04T09:30:00.000Z', 'it expires', null],
    ['a day after the 14 days end', '2026-12-05T09:30:00.000Z', 'it expires', null],
  ])('when the sweeper runs %s (%s), then %s', (_label, at, _outcome, refusal) => {
    const result = expireReferral(receivedReferral(), DateTime.fromISO(at), RULES);
    if (refusal) expect(result).toEqual({ ok: false, refusal: { code: refusal } });
    else expect(unwrap(result)).toMatchObject({ status: 'expired', dueAt: null });
  });

  it('when a referral was accepted, then it never expires', () => {
    const accepted = unwrap(acceptReferral(receivedReferral(), acceptance(), ctx(), RULES));
    expect(expireReferral(accepted, DateTime.fromISO('2027-01-01T00:00:00Z'), RULES).ok).toBe(false);
  });
});

describe('DOMAIN: every deal the organization creates starts in the Accepted stage (sales stage Created, 10 %)', () => {
  it('when a deal is created, then it is open, outbound, at Created and 10 %', () => {
    const deal = outboundDeal();
    expect(deal).toMatchObject({ direction: 'outbound', status: 'open', salesStage: 'created' });
    expect(stagePercent(deal)).toBe(10);
    expect(deal.history[0]).toMatchObject({ event: 'created', by: { id: 'user-ana' } });
  });
});

describe('DOMAIN: sales stages and their percentages', () => {
  it.each<[SalesStage, number]>([
    ['created', 10],
    ['accepted', 10],
    ['qualified', 20],
    ['developed', 40],
    ['proposed', 60],
    ['negotiated', 80],
    ['won', 100],
  ])('stage %s is %i %%', (stage, percent) => {
    expect(SALES_STAGE_PERCENT[stage]).toBe(percent);
  });

  it.each<[SalesStage, number]>([
    ['qualified', 20],
    ['developed', 40],
    ['proposed', 60],
    ['negotiated', 80],
  ])('when a seller marks %s, then the deal shows %i %% and the history says who and when', (stage, percent) => {
    const deal = unwrap(markSalesStage(outboundDeal(), stage, ctx(), RULES));
    expect(deal.salesStage).toBe(stage);
    expect(stagePercent(deal)).toBe(percent);
    expect(deal.history.at(-1)).toMatchObject({ event: 'stage', stage, by: { name: 'Ana Seller' }, at: '2026-11-20T10:00:00.000Z' });
  });

  it('when a seller marks Created, Accepted or Won as a stage, then it is refused (Won has its own action)', () => {
    for (const stage of ['created', 'accepted', 'won'] as const) {
      expect(markSalesStage(outboundDeal(), stage, ctx(), RULES)).toMatchObject({ ok: false, refusal: { code: 'stage_not_allowed' } });
    }
  });

  it('when a received referral is not accepted yet, then no stage can be marked', () => {
    expect(markSalesStage(receivedReferral(), 'qualified', ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'not_open' } });
  });

  it('when Won is marked, then the deal is 100 % and closed; Lost closes it too', () => {
    const won = unwrap(markWon(outboundDeal(), ctx(), RULES));
    expect(won.status).toBe('won');
    expect(stagePercent(won)).toBe(100);
    const lost = unwrap(markLost(outboundDeal(), 'Customer chose another vendor', ctx(), RULES));
    expect(lost).toMatchObject({ status: 'lost', lostReason: 'Customer chose another vendor' });
    expect(stagePercent(lost)).toBeUndefined();
  });
});

describe('DOMAIN: solution assessment deals have their own mandatory stages; Won only when all are complete', () => {
  const assessment = () =>
    outboundDeal(
      { solutions: [{ kind: 'assessment', name: 'Azure migration assessment' }], assessment: { type: 'Azure migration assessment', location: 'FR' } },
      organization({ assessmentVetted: true }),
    );

  it('when an assessment deal is created, then Won is refused until every assessment stage is complete', () => {
    expect(markWon(assessment(), ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'assessment_stages_incomplete' } });
  });

  it('when the stages are completed in order, then each raises the percentage and Won becomes possible', () => {
    let deal: Deal = assessment();
    const seen: number[] = [];
    for (const stage of ['engaged', 'discovery', 'analysis', 'findingsPresented'] as const) {
      deal = unwrap(completeAssessmentStage(deal, stage, ctx(), RULES));
      seen.push(stagePercent(deal)!);
    }
    expect(seen).toEqual([20, 40, 60, 80]);
    expect(unwrap(markWon(deal, ctx(), RULES)).status).toBe('won');
  });

  it('when a stage is skipped, then it is refused and the next one is named', () => {
    expect(completeAssessmentStage(assessment(), 'analysis', ctx(), RULES)).toEqual({
      ok: false,
      refusal: { code: 'assessment_stage_out_of_order', params: { stage: 'analysis', next: 'engaged' } },
    });
  });

  it('when a standard sales stage is marked on an assessment deal, then it is refused', () => {
    expect(markSalesStage(assessment(), 'qualified', ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'assessment_only_stages' } });
  });
});

describe('DOMAIN: closed (Won, Lost, Declined, Expired) is terminal — nothing can be edited or acted on afterwards', () => {
  const closedDeals: [string, () => Deal][] = [
    ['won', () => unwrap(markWon(outboundDeal(), ctx(), RULES))],
    ['lost', () => unwrap(markLost(outboundDeal(), undefined, ctx(), RULES))],
    ['declined', () => unwrap(declineReferral(receivedReferral(), DeclineInput.parse({ reason: 'notAFit' }), ctx(), RULES))],
    ['expired', () => unwrap(expireReferral(receivedReferral(), DateTime.fromISO('2026-12-05T00:00:00Z'), RULES))],
  ];

  it('the terminal set is exactly Won, Lost, Declined and Expired', () => {
    expect([...TERMINAL].sort()).toEqual(['declined', 'expired', 'lost', 'won']);
  });

  it.each(closedDeals)('when a deal is %s, then every change is refused with the reason "closed"', (status, make) => {
    const deal = make();
    const attempts = [
      acceptReferral(deal, acceptance(), ctx(), RULES),
      declineReferral(deal, DeclineInput.parse({ reason: 'notAFit' }), ctx(), RULES),
      markSalesStage(deal, 'qualified', ctx(), RULES),
      markWon(deal, ctx(), RULES),
      markLost(deal, undefined, ctx(), RULES),
      editDeal(deal, { name: 'Renamed' }, ctx(), RULES),
      inviteMicrosoft(deal, { help: 'technicalPresales' }, ctx(), RULES),
      grantMicrosoftView(deal, ctx(), RULES),
      invitePartners(deal, [], ctx(), RULES),
    ];
    for (const attempt of attempts) {
      expect(attempt).toEqual({ ok: false, refusal: { code: 'deal_closed', params: { status } } });
    }
  });
});
