import type { z } from 'zod';
import { allowedActions } from '../domain/actions';
import { todayFor } from '../domain/change';
import { acceptInput, DeclineInput } from '../domain/inputs';
import { acceptReferral, declineReferral } from '../domain/lifecycle';
import type { Deal, Member } from '../domain/model';
import { assignReferral, snoozeReminder } from '../domain/assignment';
import { refuse } from '../domain/result';
import { authorizeView, isAdmin } from '../domain/visibility';
import { runDealAction, type DealActionDeps, type DealActionOutcome } from '../deals/runner';
import type { Effects } from '../notifications/effects';

export type ResponseOutcome = DealActionOutcome | { readonly kind: 'invalid'; readonly error: z.ZodError; readonly deal: Deal };

export interface ReferralResponseDeps extends DealActionDeps {
  readonly effects: Effects;
}

/**
 * Accept or decline an inbound referral from a card (validate what the seller typed, then apply the
 * rule), hand it to a colleague, or be reminded of it tomorrow.
 */
export class ReferralResponses {
  constructor(private readonly deps: ReferralResponseDeps) {}

  async accept(member: Member, tenantId: string, dealId: string, raw: unknown): Promise<ResponseOutcome> {
    const today = todayFor({ now: this.deps.clock.now(), zone: member.timeZone });
    const input = acceptInput(today).safeParse(raw);
    if (!input.success) return this.invalid(member, tenantId, dealId, input.error, 'accept');
    return runDealAction(this.deps, {
      tenantId,
      dealId,
      member,
      apply: (deal, ctx) => acceptReferral(deal, input.data, ctx, this.deps.timeRules),
      effects: (_before, after) => [...this.deps.effects.referralOutcome(after, 'referral.accepted'), ...this.deps.effects.partnerCenterPush(after)],
    });
  }

  async decline(member: Member, tenantId: string, dealId: string, raw: unknown): Promise<ResponseOutcome> {
    const input = DeclineInput.safeParse(raw);
    if (!input.success) return this.invalid(member, tenantId, dealId, input.error, 'decline');
    return runDealAction(this.deps, {
      tenantId,
      dealId,
      member,
      apply: (deal, ctx) => declineReferral(deal, input.data, ctx, this.deps.timeRules),
      effects: (_before, after) => [...this.deps.effects.referralOutcome(after, 'referral.declined'), ...this.deps.effects.partnerCenterPush(after)],
    });
  }

  /**
   * An admin hands the referral to a colleague (a member the bot knows, by Entra object id): they join
   * the team, hold it, and get its card in their personal chat; every copy says who holds it.
   */
  async assign(member: Member, tenantId: string, dealId: string, colleagueId: string): Promise<DealActionOutcome> {
    const colleague = (await this.deps.store.members.get(tenantId, colleagueId))?.value;
    return runDealAction(this.deps, {
      tenantId,
      dealId,
      member,
      apply: (deal, ctx) => {
        if (!isAdmin(member)) return refuse('not_permitted');
        if (!colleague) return refuse('assignee_not_member');
        return assignReferral(deal, colleague, ctx, this.deps.timeRules);
      },
      effects: (_before, after) => [this.deps.effects.refreshCards(after), this.deps.effects.handedTo(after, colleagueId)],
    });
  }

  /** "Remind me tomorrow", for the member who clicks it: one more reminder to them alone, a day later. */
  async snooze(member: Member, tenantId: string, dealId: string): Promise<DealActionOutcome> {
    return runDealAction(this.deps, { tenantId, dealId, member, apply: (deal, ctx) => snoozeReminder(deal, member, ctx.now, this.deps.timeRules) });
  }

  /**
   * Input errors are shown only to someone who may see the deal and still answer it: otherwise the
   * form would leak the deal, or ask to fix a form that can no longer be sent.
   */
  private async invalid(member: Member, tenantId: string, dealId: string, error: z.ZodError, action: 'accept' | 'decline'): Promise<ResponseOutcome> {
    const deal = (await this.deps.store.deals.get(tenantId, dealId))?.value;
    if (!deal) return { kind: 'notFound' };
    const visible = authorizeView(member, deal);
    if (!visible.ok) return { kind: 'refused', refusal: visible.refusal };
    if (!allowedActions(deal, member, this.deps.clock.now()).includes(action)) {
      return { kind: 'refused', refusal: { code: deal.status === 'received' ? 'referral_expired' : 'not_received' }, deal };
    }
    return { kind: 'invalid', error, deal };
  }
}
