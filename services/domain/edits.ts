import { changed, entry, guardOpen, type ActionContext } from './change';
import type { DealEditInput } from './inputs';
import type { Deal } from './model';
import { ok, refuse, type Result } from './result';
import type { TimeRules } from './schedule';
import { checkSolutions } from './solutions';

/** Fields an open deal's team may change (003 "Accepted stage"). */
export const EDITABLE_FIELDS = ['name', 'value', 'closeDate', 'notes', 'crmId', 'campaignId', 'team', 'solutions'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/**
 * Edit an open deal. Location can never be edited after creation; any other field outside the list
 * is refused by name. A solution assessment stays one (exactly one assessment, nothing else) and a
 * normal deal cannot become one by editing its solutions. Editing nothing changes nothing.
 */
export function editDeal(deal: Deal, patch: DealEditInput & Record<string, unknown>, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const guard = guardOpen(deal);
  if (!guard.ok) return guard;
  if ('location' in patch) return refuse('location_not_editable');
  const unknown = Object.keys(patch).find((k) => !(EDITABLE_FIELDS as readonly string[]).includes(k));
  if (unknown) return refuse('field_not_editable', { field: unknown });
  // Accepting needs no team (003), but a deal the organization created keeps one whole contact.
  if (patch.team && deal.direction === 'outbound' && !patch.team.some((t) => t.phone !== undefined)) return refuse('team_required');
  if (patch.solutions) {
    const isAssessment = patch.solutions.some((s) => s.kind === 'assessment');
    if (isAssessment !== Boolean(deal.assessment)) return refuse('assessment_kind_fixed');
    const check = checkSolutions(patch.solutions, deal.assessment);
    if (!check.ok) return check;
  }
  const fields = EDITABLE_FIELDS.filter((f) => f in patch && JSON.stringify(patch[f]) !== JSON.stringify(deal[f]));
  if (fields.length === 0) return ok(deal);
  const next: Deal = { ...deal };
  for (const f of fields) (next as Record<string, unknown>)[f] = patch[f];
  return ok(changed(next, ctx, rules, [entry('edited', ctx, { detail: fields.join(',') })]));
}
