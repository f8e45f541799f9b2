import { figuresOf, periodsOf, pipelineFigures } from '../../services/domain/pipeline';
import { outboundDeal, receivedReferral } from '../support/fixtures';

/*
 * The pipeline's arithmetic below the chat (test/e2e/pipeline.test.ts asserts the card end to end):
 * calendar periods, sums that never mix currencies, and the median answer time.
 */

describe('pipeline: this month and this quarter are calendar periods of the reader’s day', () => {
  it.each([
    ['2026-11-20', ['2026-11-01', '2026-11-30'], ['2026-10-01', '2026-12-31']],
    ['2027-02-14', ['2027-02-01', '2027-02-28'], ['2027-01-01', '2027-03-31']],
    ['2028-02-29', ['2028-02-01', '2028-02-29'], ['2028-01-01', '2028-03-31']],
    ['2027-06-30', ['2027-06-01', '2027-06-30'], ['2027-04-01', '2027-06-30']],
  ])('on %s', (today, month, quarter) => {
    const p = periodsOf(today);
    expect([p.month.from, p.month.to]).toEqual(month);
    expect([p.quarter.from, p.quarter.to]).toEqual(quarter);
  });
});

describe('pipeline: sums', () => {
  it('when deals are in two currencies, then every sum is per currency and amounts with cents stay exact', () => {
    const eur = (amount: number, stage: 'qualified' | 'proposed') => figuresOf({ ...outboundDeal(), salesStage: stage, value: { amount, currency: 'EUR' } });
    const usd = figuresOf({ ...outboundDeal(), salesStage: 'proposed', value: { amount: 0.1, currency: 'USD' } });
    const f = pipelineFigures([eur(0.1, 'qualified'), eur(0.2, 'qualified'), usd], [], '2026-11-20', '2026-08-22T10:00:00.000Z');
    expect(f.total.values).toEqual([
      { amount: 0.3, currency: 'EUR' },
      { amount: 0.1, currency: 'USD' },
    ]);
    expect(f.stages.map((s) => [s.stage.stage, s.count, s.values])).toEqual([
      ['qualified', 2, [{ amount: 0.3, currency: 'EUR' }]],
      ['proposed', 1, [{ amount: 0.1, currency: 'USD' }]],
    ]);
    // 0.3 € × 20 % and 0.1 $ × 60 %: equal amounts, listed by currency code.
    expect(f.weighted).toEqual([
      { amount: 0.06, currency: 'EUR' },
      { amount: 0.06, currency: 'USD' },
    ]);
  });

  it('DOMAIN "What sellers are told to do" (003: responding fast raises visibility): when answers are 1, 3 and 10 hours, then the median time to answer is 3 hours; with a fourth of 20 hours it is 6.5; answers before the window are not counted', () => {
    const answered = (hours: number, at = '2026-11-10T00:00:00.000Z') => {
      const received = Date.parse(at) - hours * 3_600_000;
      return { ...figuresOf(receivedReferral()), receivedAt: new Date(received).toISOString(), respondedAt: at };
    };
    const since = '2026-08-22T10:00:00.000Z';
    expect(pipelineFigures([], [answered(1), answered(3), answered(10)], '2026-11-20', since).medianAnswerMs).toBe(3 * 3_600_000);
    expect(pipelineFigures([], [answered(1), answered(3), answered(10), answered(20)], '2026-11-20', since).medianAnswerMs).toBe(6.5 * 3_600_000);
    const old = answered(100, '2026-08-01T00:00:00.000Z');
    expect(pipelineFigures([], [old], '2026-11-20', since)).toMatchObject({ answers: 0 });
    expect(pipelineFigures([], [old], '2026-11-20', since).medianAnswerMs).toBeUndefined();
  });
});
