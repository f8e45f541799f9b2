import { DateTime } from 'luxon';
import { isoInstant } from '../clock';
import { changed, entry, type ActionContext } from './change';
import { dealType } from './dealType';
import type { Deal, DealType, RegistrationDetails, RegistrationStatus } from './model';
import { ok, refuse, type Result } from './result';
import type { TimeRules } from './schedule';
import { hasIncentiveEligibleSolution } from './solutions';

export type RegistrationCriterion = 'type' | 'incentiveSolution' | 'won' | 'microsoftEngaged';

/**
 * The deal's type as deal registration reads it. `dealType` calls a deal that invited partners P2P;
 * a Partner-led deal (Microsoft sellers may view it, no help asked) that then invites partners keeps
 * what made it Partner-led — 003 lets a Partner-led deal invite partners, and registration asks for a
 * Co-sell or Partner-led deal, not for one without partners.
 */
export function registrationType(deal: Deal): DealType {
  const type = dealType(deal);
  return type === 'p2p' && deal.microsoft.canView ? 'partnerLed' : type;
}

/**
 * Deal registration eligibility (003): all of — the type is Co-sell or Partner-led; an
 * incentive-eligible solution is on the deal; the deal is Won; for Co-sell, Microsoft accepted the
 * invitation or itself marked the deal won. Private deals are never eligible. A referral sent by
 * Microsoft counts as Microsoft engaged: it started the deal.
 */
export function registrationEligibility(deal: Deal): { eligible: boolean; unmet: RegistrationCriterion[] } {
  const type = registrationType(deal);
  const unmet: RegistrationCriterion[] = [];
  if (type !== 'coSell' && type !== 'partnerLed') unmet.push('type');
  if (!hasIncentiveEligibleSolution(deal.solutions)) unmet.push('incentiveSolution');
  if (deal.status !== 'won') unmet.push('won');
  if (type === 'coSell' && deal.microsoft.status !== 'engaged' && !deal.microsoft.markedWon) unmet.push('microsoftEngaged');
  return { eligible: unmet.length === 0, unmet };
}

/** Whether Register now can be used on this deal now: eligible, and not registered yet. */
export function checkRegistrable(deal: Deal): Result<void> {
  const eligibility = registrationEligibility(deal);
  if (!eligibility.eligible) return refuse('registration_not_eligible', { unmet: eligibility.unmet.join(',') });
  if (deal.registration) return refuse('registration_already_submitted', { status: deal.registration.status });
  return ok(undefined);
}

/**
 * Register now: usable right after Won or later. Registration is the one thing that still moves on a
 * won (closed) deal; its review steps come from Microsoft. The seller has confirmed that the company's
 * name and the solution are clearly in the customer contract and said which of the deal's
 * incentive-eligible solutions it names (003): a solution not on the deal, or not eligible, is refused.
 */
export function registerDeal(deal: Deal, ctx: ActionContext, rules: TimeRules, details: RegistrationDetails): Result<Deal> {
  const registrable = checkRegistrable(deal);
  if (!registrable.ok) return registrable;
  const eligible = new Set(deal.solutions.filter((s) => s.incentive !== undefined).map((s) => s.name));
  const unknown = details.solutions.find((name) => !eligible.has(name));
  if (unknown !== undefined) return refuse('registration_solution_not_on_deal', { name: unknown });
  const at = isoInstant(ctx.now);
  const registration = { status: 'submitted' as const, submittedAt: at, submittedBy: ctx.actor, updatedAt: at, details };
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
