import type { DateTime } from 'luxon';
import { isoInstant } from '../clock';
import type { Member, Organization } from './model';
import { ok, refuse, type Result } from './result';

/**
 * Solution assessment deals "can be created only by a set of partners who are vetted by the solution
 * assessments business team" (003). The bot cannot ask that team, so a referral admin with global
 * scope records the vetting (or its withdrawal); who did and when is kept with it. Recording what is
 * already recorded changes nothing.
 */
export function recordAssessmentVetting(org: Organization, member: Member, vetted: boolean, now: DateTime): Result<Organization> {
  if (member.tenantId !== org.tenantId || member.role !== 'globalAdmin') return refuse('assessment_vetting_global_admin_only');
  if (org.assessmentVetted === vetted) return ok(org);
  const at = isoInstant(now);
  return ok({ ...org, assessmentVetted: vetted, assessmentVettedBy: { kind: 'user', id: member.userId, name: member.name }, assessmentVettedAt: at, updatedAt: at });
}
