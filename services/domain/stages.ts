import type { AssessmentStage, Deal, DealStatus, SalesStage } from './model';

/** Won, Lost, Declined and Expired are terminal: nothing can be edited or acted on afterwards (003). */
export const TERMINAL: ReadonlySet<DealStatus> = new Set<DealStatus>(['won', 'lost', 'declined', 'expired']);

export function isTerminal(deal: Pick<Deal, 'status'>): boolean {
  return TERMINAL.has(deal.status);
}

/** Partner Center's sales stages and their percentages (003). */
export const SALES_STAGE_PERCENT: Readonly<Record<SalesStage, number>> = {
  created: 10,
  accepted: 10,
  qualified: 20,
  developed: 40,
  proposed: 60,
  negotiated: 80,
  won: 100,
};

/** The four stages a seller marks between acceptance/creation and Won or Lost. */
export const MARKABLE_STAGES: readonly SalesStage[] = ['qualified', 'developed', 'proposed', 'negotiated'];

/**
 * Solution-assessment deals have their own stages, mandatory and completed in order; Won is enabled
 * only when all are complete (003). The seeds do not name them: these follow how an assessment is
 * delivered, at the same 20/40/60/80 steps as the standard stages.
 */
export const ASSESSMENT_STAGES: readonly AssessmentStage[] = ['engaged', 'discovery', 'analysis', 'findingsPresented'];
export const ASSESSMENT_STAGE_PERCENT: Readonly<Record<AssessmentStage, number>> = {
  engaged: 20,
  discovery: 40,
  analysis: 60,
  findingsPresented: 80,
};

export function completedAssessmentStages(deal: Pick<Deal, 'assessmentStage'>): AssessmentStage[] {
  if (!deal.assessmentStage) return [];
  return ASSESSMENT_STAGES.slice(0, ASSESSMENT_STAGES.indexOf(deal.assessmentStage) + 1);
}

export function nextAssessmentStage(deal: Pick<Deal, 'assessmentStage'>): AssessmentStage | undefined {
  return ASSESSMENT_STAGES[completedAssessmentStages(deal).length];
}

export function allAssessmentStagesComplete(deal: Pick<Deal, 'assessmentStage'>): boolean {
  return nextAssessmentStage(deal) === undefined;
}

/** The deal's progress in percent, or undefined where none applies (received, declined, expired, lost). */
export function stagePercent(deal: Pick<Deal, 'status' | 'salesStage' | 'assessmentStage' | 'assessment'>): number | undefined {
  if (deal.status === 'won') return 100;
  if (deal.status !== 'open') return undefined;
  if (deal.assessment) return deal.assessmentStage ? ASSESSMENT_STAGE_PERCENT[deal.assessmentStage] : SALES_STAGE_PERCENT.created;
  return deal.salesStage ? SALES_STAGE_PERCENT[deal.salesStage] : undefined;
}
