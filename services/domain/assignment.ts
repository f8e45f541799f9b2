import { DateTime } from 'luxon';
import { isoInstant } from '../clock';
import { changed, entry, type ActionContext } from './change';
import { guardReceived } from './lifecycle';
import type { Deal, Member } from './model';
import { ok, refuse, type Result } from './result';
import type { TimeRules } from './schedule';
import { withPeople } from './team';
import { isAdmin } from './visibility';

/**
 * An admin hands a received referral to a colleague: the colleague joins the deal's team (with what
 * the bot knows of them — name, email, and the phone they last gave, if any) and holds it until it is
 * answered. Handing it to someone who still could not see it (a referral user without the deal's
 * location in scope) is refused with the reason: scopes are an admin's decision on the members card,
 * never a side effect. Handing it to its holder again changes nothing.
 */
export function assignReferral(deal: Deal, colleague: Member, ctx: ActionContext, rules: TimeRules): Result<Deal> {
  const guard = guardReceived(deal, ctx.now);
  if (!guard.ok) return guard;
  if (colleague.tenantId !== deal.tenantId) return refuse('member_not_found');
  // Picked with the people picker before they ever wrote to the bot: known by id only until they do.
  if (!colleague.email || !colleague.name) return refuse('assignee_unknown');
  const name = colleague.name;
  if (!isAdmin(colleague) && !colleague.locationScopes.includes(deal.location)) return refuse('assignee_out_of_scope', { name, location: deal.location });
  if (deal.heldBy?.userId === colleague.userId) return ok(deal);
  const teammate = { name, email: colleague.email, userId: colleague.userId, ...(colleague.phone ? { phone: colleague.phone } : {}) };
  const held: Deal = { ...deal, team: withPeople(deal.team, [teammate]), heldBy: { userId: colleague.userId, name } };
  return ok(changed(held, ctx, rules, [entry('assigned', ctx, { detail: name })]));
}

/**
 * "Remind me tomorrow": one more reminder for this member, a day from now at the same time of day
 * where they are (luxon keeps the wall-clock time across a daylight-saving change). One per member: a
 * second click moves it. A reminder that would come after the referral expires is refused — the
 * answer is due sooner.
 */
export function snoozeReminder(deal: Deal, member: Member, now: DateTime, rules: TimeRules): Result<Deal> {
  const guard = guardReceived(deal, now);
  if (!guard.ok) return guard;
  const at = now.setZone(member.timeZone ?? 'UTC').plus({ days: 1 });
  if (!at.isValid || at >= DateTime.fromISO(deal.inbound!.expiresAt)) return refuse('snooze_too_late');
  const snoozes = [...(deal.inbound!.snoozes ?? []).filter((s) => s.userId !== member.userId), { userId: member.userId, at: isoInstant(at) }];
  return ok(changed({ ...deal, inbound: { ...deal.inbound!, snoozes } }, { actor: { kind: 'user', id: member.userId, name: member.name }, now }, rules));
}
