import type { Member } from '../domain/model';
import { isAdmin } from '../domain/visibility';
import type { DealQuery } from '../store/ports';

/**
 * The store-side form of the visibility rule (domain/visibility.ts canView): referral admins see
 * every deal of their organization; a referral user only deals in their location scopes whose team
 * lists them. Lists and searches pass it to the store so a page never holds a deal the reader may
 * not see.
 */
export function restrictionFor(member: Member): DealQuery['restrictTo'] {
  if (isAdmin(member)) return undefined;
  return { locations: member.locationScopes, userId: member.userId, ...(member.email ? { email: member.email } : {}) };
}

/** A deal query holding only what the member may see (no restriction for admins). */
export function visibleTo(member: Member): DealQuery {
  const restrictTo = restrictionFor(member);
  return restrictTo ? { restrictTo } : {};
}
