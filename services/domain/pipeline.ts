import { z } from 'zod';
import { AssessmentStage, DealStatus, SalesStage, type Deal, type Money } from './model';
import { ASSESSMENT_STAGE_PERCENT, SALES_STAGE_PERCENT, stagePercent } from './stages';

/*
 * The pipeline at a glance: open deals by sales stage, with count and value per currency, the weighted
 * forecast, what closes this month and this quarter, the referrals waiting for an answer, and how fast
 * the organization answers referrals (003: responding fast raises the partner's visibility in partner
 * search). Pure: the figures come from the store, "today" from the reader's time zone.
 *
 * Amounts in different currencies are never added together: every sum is per currency.
 */

/** The few fields of a deal the pipeline counts, which the stores read without the rest of the deal. */
export const DealFigures = z.object({
  id: z.string(),
  name: z.string(),
  customer: z.string(),
  status: DealStatus,
  salesStage: SalesStage.optional(),
  assessmentStage: AssessmentStage.optional(),
  /** A solution-assessment deal (its own stages). */
  assessment: z.boolean(),
  value: z.object({ amount: z.number(), currency: z.string() }),
  closeDate: z.string(),
  createdAt: z.string(),
  /** Inbound referrals: when it arrived, when its 14 days end, when it was answered. */
  receivedAt: z.string().optional(),
  expiresAt: z.string().optional(),
  respondedAt: z.string().optional(),
});
export type DealFigures = z.infer<typeof DealFigures>;

/** What a store read: the figures, and whether it stopped at its limit with more left to read. */
export interface FiguresRead {
  readonly items: DealFigures[];
  readonly truncated: boolean;
}

/** The figures of a whole deal, as a store projects them (for stores that hold deals whole, and tests). */
export function figuresOf(deal: Deal): DealFigures {
  return {
    id: deal.id,
    name: deal.name,
    customer: deal.customer.name,
    status: deal.status,
    ...(deal.salesStage ? { salesStage: deal.salesStage } : {}),
    ...(deal.assessmentStage ? { assessmentStage: deal.assessmentStage } : {}),
    assessment: deal.assessment !== undefined,
    value: deal.value,
    closeDate: deal.closeDate,
    createdAt: deal.createdAt,
    ...(deal.inbound ? { receivedAt: deal.inbound.receivedAt, expiresAt: deal.inbound.expiresAt } : {}),
    ...(deal.response ? { respondedAt: deal.response.at } : {}),
  };
}

/** A row of the pipeline: a sales stage, or a solution-assessment stage (those deals have their own). */
export type PipelineStage = { readonly kind: 'sales'; readonly stage: SalesStage } | { readonly kind: 'assessment'; readonly stage: AssessmentStage };

export interface StageFigures {
  readonly stage: PipelineStage;
  readonly percent: number;
  readonly count: number;
  /** One sum per currency, largest first. */
  readonly values: Money[];
}

export interface PeriodFigures {
  /** First and last calendar day of the period, yyyy-MM-dd. */
  readonly from: string;
  readonly to: string;
  readonly count: number;
  readonly values: Money[];
}

export interface WaitingReferral {
  readonly id: string;
  readonly name: string;
  readonly customer: string;
  readonly expiresAt: string;
}

export interface PipelineFigures {
  /** Stages that hold at least one open deal, in the order deals move through them. */
  readonly stages: StageFigures[];
  readonly total: { readonly count: number; readonly values: Money[] };
  /** How many open deals are in each currency, most first (which currencies to chart). */
  readonly currencies: { readonly currency: string; readonly count: number }[];
  /** Σ value × stage %, per currency. */
  readonly weighted: Money[];
  readonly thisMonth: PeriodFigures;
  readonly thisQuarter: PeriodFigures;
  /** Open deals whose close date is before today. */
  readonly closeDatePassed: number;
  /** Received referrals, soonest to expire first. */
  readonly waiting: WaitingReferral[];
  /** Median time from receiving a referral to answering it (accepted or declined), over the window. */
  readonly medianAnswerMs?: number;
  readonly answers: number;
}

/** How far back the median answer time looks. */
export const ANSWER_WINDOW_DAYS = 90;

const ORDER: readonly PipelineStage[] = [
  ...(['created', 'accepted', 'qualified', 'developed', 'proposed', 'negotiated'] as const).map((stage) => ({ kind: 'sales' as const, stage })),
  ...AssessmentStage.options.map((stage) => ({ kind: 'assessment' as const, stage })),
];
const stageKey = (s: PipelineStage): string => `${s.kind}:${s.stage}`;

/** Which row an open deal counts in: its assessment stage when it has one completed, else its sales stage. */
function stageOf(f: DealFigures): PipelineStage {
  if (f.assessment && f.assessmentStage) return { kind: 'assessment', stage: f.assessmentStage };
  return { kind: 'sales', stage: f.salesStage && f.salesStage !== 'won' ? f.salesStage : 'created' };
}

/** stagePercent only asks whether a deal is an assessment, not which one. */
const AN_ASSESSMENT = {} as NonNullable<Deal['assessment']>;

/** The deal's own percentage (Partner Center's, 003): what its stage says it is likely to bring. */
function percentOf(f: DealFigures): number {
  return stagePercent({ status: f.status, salesStage: f.salesStage, assessmentStage: f.assessmentStage, assessment: f.assessment ? AN_ASSESSMENT : undefined }) ?? 0;
}

/** Sums per currency; cents are kept exact by rounding each sum (amounts are at most 10^15). */
class Sums {
  private readonly byCurrency = new Map<string, number>();
  add(money: Money, factor = 1): void {
    this.byCurrency.set(money.currency, (this.byCurrency.get(money.currency) ?? 0) + money.amount * factor);
  }
  list(): Money[] {
    return [...this.byCurrency]
      .map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }))
      .sort((a, b) => b.amount - a.amount || (a.currency < b.currency ? -1 : 1));
  }
}

/** The calendar month and quarter that hold `today` (yyyy-MM-dd): first and last day of each. */
export function periodsOf(today: string): { month: { from: string; to: string }; quarter: { from: string; to: string } } {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  return {
    month: { from: date(y, m, 1), to: date(y, m, lastDay(y, m)) },
    quarter: { from: date(y, q, 1), to: date(y, q + 2, lastDay(y, q + 2)) },
  };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The pipeline of the deals given (the ones the reader may see): `open` holds the open and received
 * deals, `answered` the inbound referrals answered since `answeredSince`; `today` is the reader's
 * calendar day.
 */
export function pipelineFigures(open: readonly DealFigures[], answered: readonly DealFigures[], today: string, answeredSince: string): PipelineFigures {
  const periods = periodsOf(today);
  const rows = new Map<string, { count: number; sums: Sums }>();
  const total = new Sums();
  const weighted = new Sums();
  const month = new Sums();
  const quarter = new Sums();
  let totalCount = 0;
  let monthCount = 0;
  let quarterCount = 0;
  let closeDatePassed = 0;
  const waiting: WaitingReferral[] = [];
  const currencies = new Map<string, number>();

  for (const f of open) {
    if (f.status === 'received' && f.expiresAt) {
      waiting.push({ id: f.id, name: f.name, customer: f.customer, expiresAt: f.expiresAt });
      continue;
    }
    if (f.status !== 'open') continue;
    const stage = stageOf(f);
    const row = rows.get(stageKey(stage)) ?? { count: 0, sums: new Sums() };
    row.count++;
    row.sums.add(f.value);
    rows.set(stageKey(stage), row);
    totalCount++;
    total.add(f.value);
    currencies.set(f.value.currency, (currencies.get(f.value.currency) ?? 0) + 1);
    weighted.add(f.value, percentOf(f) / 100);
    if (f.closeDate >= periods.month.from && f.closeDate <= periods.month.to) (monthCount++, month.add(f.value));
    if (f.closeDate >= periods.quarter.from && f.closeDate <= periods.quarter.to) (quarterCount++, quarter.add(f.value));
    if (f.closeDate < today) closeDatePassed++;
  }

  const durations = answered
    .filter((f) => f.receivedAt && f.respondedAt && f.respondedAt >= answeredSince)
    .map((f) => Math.max(0, Date.parse(f.respondedAt!) - Date.parse(f.receivedAt!)));
  const medianAnswerMs = median(durations);

  return {
    stages: ORDER.filter((s) => rows.has(stageKey(s))).map((stage) => {
      const row = rows.get(stageKey(stage))!;
      const percent = stage.kind === 'sales' ? SALES_STAGE_PERCENT[stage.stage] : ASSESSMENT_STAGE_PERCENT[stage.stage];
      return { stage, percent, count: row.count, values: row.sums.list() };
    }),
    total: { count: totalCount, values: total.list() },
    currencies: [...currencies]
      .map(([currency, count]) => ({ currency, count }))
      .sort((a, b) => b.count - a.count || (a.currency < b.currency ? -1 : 1)),
    weighted: weighted.list(),
    thisMonth: { ...periods.month, count: monthCount, values: month.list() },
    thisQuarter: { ...periods.quarter, count: quarterCount, values: quarter.list() },
    closeDatePassed,
    waiting: waiting.sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : a.expiresAt > b.expiresAt ? 1 : 0)),
    ...(medianAnswerMs !== undefined ? { medianAnswerMs } : {}),
    answers: durations.length,
  };
}
