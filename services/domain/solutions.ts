import type { Assessment, Solution } from './model';
import { ok, refuse, type Result } from './result';

/** Incentive programmes that make a won deal eligible for deal registration (003 FAQ: IP incentives only). */
export function hasIncentiveEligibleSolution(solutions: readonly Solution[]): boolean {
  return solutions.some((s) => s.incentive !== undefined);
}

/**
 * At least one solution; a solution assessment is exactly one assessment type with nothing else,
 * and an assessment location (003 "Add solution(s)").
 */
export function checkSolutions(solutions: readonly Solution[], assessment: Assessment | undefined): Result<void> {
  if (solutions.length === 0) return refuse('solution_required');
  const assessments = solutions.filter((s) => s.kind === 'assessment');
  if (assessments.length === 0) return assessment ? refuse('assessment_exclusive') : ok(undefined);
  if (assessments.length > 1 || solutions.length > 1) return refuse('assessment_exclusive');
  if (!assessment) return refuse('assessment_location_required');
  return ok(undefined);
}
