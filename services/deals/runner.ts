import type { DateTime } from 'luxon';
import type { Clock } from '../clock';
import type { ActionContext } from '../domain/change';
import type { Actor, Deal, Member } from '../domain/model';
import type { Refusal, Result } from '../domain/result';
import type { TimeRules } from '../domain/schedule';
import { authorizeView } from '../domain/visibility';
import { ConflictError, type OutboxItem, type Store } from '../store/ports';

export interface DealActionDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly timeRules: TimeRules;
}

export type DealActionOutcome =
  /** The change was saved (or there was nothing to change). */
  | { readonly kind: 'done'; readonly deal: Deal; readonly changed: boolean }
  /** A rule refused it; `deal` is the current state when the member may see it. */
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly deal?: Deal }
  | { readonly kind: 'notFound' };

export interface DealAction {
  readonly tenantId: string;
  readonly dealId: string;
  readonly member: Member;
  /** The rule: the deal after the change, or a refusal. Called again on the fresh deal after a conflict. */
  apply(deal: Deal, ctx: ActionContext): Result<Deal>;
  /** What the change must cause, written atomically with it. */
  effects?(before: Deal, after: Deal): OutboxItem[];
}

export function actorOf(member: Member): Actor {
  return { kind: 'user', id: member.userId, name: member.name };
}

export function contextFor(member: Member, now: DateTime): ActionContext {
  return { actor: actorOf(member), now, zone: member.timeZone };
}

const MAX_ATTEMPTS = 5;

/**
 * Load a deal, apply a rule, save it with the etag read together with what the change causes; when
 * someone else saved in between, load again and re-apply, so the rule always decides on the state it
 * is saved over. `hidden` refusals (the reader may not see the deal) come back without the deal.
 */
async function changeDeal(
  store: Store,
  tenantId: string,
  dealId: string,
  apply: (deal: Deal) => Result<Deal> | { readonly hidden: Refusal },
  effects?: (before: Deal, after: Deal) => OutboxItem[],
): Promise<DealActionOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await store.deals.get(tenantId, dealId);
    if (!stored) return { kind: 'notFound' };
    const result = apply(stored.value);
    if ('hidden' in result) return { kind: 'refused', refusal: result.hidden };
    if (!result.ok) return { kind: 'refused', refusal: result.refusal, deal: stored.value };
    if (result.value === stored.value) return { kind: 'done', deal: stored.value, changed: false };
    try {
      const saved = await store.deals.update(result.value, stored.etag, { outbox: effects?.(stored.value, result.value) ?? [] });
      return { kind: 'done', deal: saved.value, changed: true };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  throw new ConflictError('deal', dealId);
}

/**
 * The story every deal action follows: load, check who may act, apply the rule, save with the etag
 * read (and the effects, atomically). When someone else saved in between, load again and re-apply:
 * the rule then sees the new state, so two clicks never transition twice — the second one is refused
 * with the current state ("already answered").
 */
export function runDealAction(deps: DealActionDeps, action: DealAction): Promise<DealActionOutcome> {
  return changeDeal(
    deps.store,
    action.tenantId,
    action.dealId,
    (deal) => {
      const allowed = authorizeView(action.member, deal);
      return allowed.ok ? action.apply(deal, contextFor(action.member, deps.clock.now())) : { hidden: allowed.refusal };
    },
    action.effects,
  );
}

/**
 * A change nobody in the organization makes: a fact reported from outside (Partner Center, another
 * organization's answer). The same story without a member to authorize.
 */
export function runSystemChange(
  store: Store,
  ref: { readonly tenantId: string; readonly dealId: string },
  apply: (deal: Deal) => Result<Deal>,
  effects?: (before: Deal, after: Deal) => OutboxItem[],
): Promise<DealActionOutcome> {
  return changeDeal(store, ref.tenantId, ref.dealId, apply, effects);
}
