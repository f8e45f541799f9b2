import { DateTime } from 'luxon';
import { isoInstant } from '../clock';
import { changed, entry, type ActionContext } from './change';
import { dealType } from './dealType';
import type { Deal, RegistrationStatus } from './model';
import { ok, refuse, type Result } from './result';
import type { TimeRules } from './schedule';
import { hasIncentiveEligibleSolution } from './solutions';

export type RegistrationCriterion = 'type' | 'incentiveSolution' | 'won' | 'microsoftEngaged';

/**
 * Deal registration eligibility (003): all of — the type is Co-sell or Partner-led; an
 * incentive-eligible solution is on the deal; the deal is Won; for Co-sell, Microsoft accepted the
 * invitation or itself marked the deal won. Private deals are never eligible. A referral sent by
 * Microsoft counts as Microsoft engaged: it started the deal.
 */
export function registrationEligibility(deal: Deal): { eligible: boolean; unmet: RegistrationCriterion[] } {
  const type = dealType(deal);
  const unmet: RegistrationCriterion[] = [];
  if (type !== 'coSell' && type !== 'partnerLed') unmet.push('type');
  if (!hasIncentiveEligibleSolution(deal.solutions)) unmet.push('incentiveSolution');
  if (deal.status !== 'won') unmet.push('won');
  if (type === 'coSell' && deal.microsoft.status !== 'engaged' && !deal.microsoft.markedWon) unmet.push('microsoftEngaged');
  return { eligible: unmet.length === 0, unmet };
}

/**
 * Register now: usable right after Won or later. Registration is the one thing that still moves on a
 * won (closed) deal; its review steps come from Microsoft.
 */
export function registerDeal(deal: Deal, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const eligibility = registrationEligibility(deal);
  if (!eligibility.eligible) return refuse('registration_not_eligible', { unmet: eligibility.unmet.join(',') });
  if (deal.registration) return refuse('registration_already_submitted', { status: deal.registration.status });
  const at = isoInstant(ctx.now);
  const registration = { status: 'submitted' as const, submittedAt: at, submittedBy: ctx.actor, updatedAt: at };
  return ok(changed({ ...deal, registration }, ctx, rules, [entry('registration', ctx, { stage: 'submitted' })]));
}

/** Review → action required ⇄ review → validated; validation completes it and closes the deal for good. */
export const REGISTRATION_NEXT: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  submitted: ['inReview', 'actionRequired', 'validated'],
  inReview: ['actionRequired', 'validated'],
  actionRequired: ['inReview', 'validated'],
  validated: [],
};

export function recordRegistrationProgress(deal: Deal, status: RegistrationStatus, at: DateTime, rules: TimeRules, note?: string): Result<Deal> {
  if (!deal.registration) return refuse('registration_not_submitted');
  if (!REGISTRATION_NEXT[deal.registration.status].includes(status)) {
    return refuse('registration_transition', { from: deal.registration.status, to: status });
  }
  const ctx = { actor: { kind: 'microsoft' as const, name: 'Microsoft' }, now: at };
  const registration = { ...deal.registration, status, updatedAt: isoInstant(at), ...(note ? { note } : {}) };
  return ok(changed({ ...deal, registration }, ctx, rules, [entry('registration', ctx, { stage: status, ...(note ? { detail: note } : {}) })]));
}
