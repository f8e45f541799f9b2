import type { Deal, Member } from './model';
import { ok, refuse, type Result } from './result';

export function isAdmin(member: Pick<Member, 'role'>): boolean {
  return member.role === 'globalAdmin' || member.role === 'admin';
}

/** A member is on a deal's team when the team lists their user id or their email. */
export function isOnTeam(member: Pick<Member, 'userId' | 'email'>, deal: Pick<Deal, 'team'>): boolean {
  const email = member.email?.toLowerCase();
  return deal.team.some((t) => (t.userId !== undefined && t.userId === member.userId) || (email !== undefined && t.email.toLowerCase() === email));
}

/**
 * Who may see a deal (003): referral admins (with or without global scope) see every deal of their
 * organization; a referral user sees it only when on its team and its location is in their scope.
 * Nothing crosses organizations.
 */
export function canView(member: Member, deal: Pick<Deal, 'tenantId' | 'location' | 'team'>): boolean {
  return authorizeView(member, deal).ok;
}

export function authorizeView(member: Member, deal: Pick<Deal, 'tenantId' | 'location' | 'team'>): Result<void> {
  if (member.tenantId !== deal.tenantId) return refuse('other_organization');
  if (isAdmin(member)) return ok(undefined);
  if (!member.locationScopes.includes(deal.location)) return refuse('not_visible', { location: deal.location });
  if (!isOnTeam(member, deal)) return refuse('not_visible', { location: deal.location });
  return ok(undefined);
}

/**
 * Granting roles: admins manage members of their own organization; only a referral admin with
 * global scope may grant or take away that global role, and nobody can demote the last global admin
 * (the organization would be left without anyone able to manage it). `globalAdminCount` and the
 * actor's role must come from a read the change is written against (MemberRepository.roster, then
 * changeRole naming its version): counted apart from the write, two admins demoting each other at once
 * would each see the other still there.
 */
export function authorizeRoleChange(
  actor: Member,
  target: Member,
  newRole: Member['role'],
  globalAdminCount: number,
): Result<void> {
  if (actor.tenantId !== target.tenantId) return refuse('other_organization');
  if (!isAdmin(actor)) return refuse('not_permitted');
  const touchesGlobal = target.role === 'globalAdmin' || newRole === 'globalAdmin';
  if (touchesGlobal && actor.role !== 'globalAdmin') return refuse('not_permitted');
  if (target.role === 'globalAdmin' && newRole !== 'globalAdmin' && globalAdminCount <= 1) return refuse('last_global_admin');
  return ok(undefined);
}
