import { z } from 'zod';
import type { Clock } from '../clock';
import { recordMicrosoftMarkedWon, recordMicrosoftResponse } from '../domain/invitations';
import { Deal, Registration, RegistrationStatus, TenantId } from '../domain/model';
import { recordRegistrationProgress } from '../domain/registration';
import { ok, type Result } from '../domain/result';
import { apiIssues } from '../i18n';
import type { TimeRules } from '../domain/schedule';
import type { Effects } from '../notifications/effects';
import type { Store } from '../store/ports';
import { runSystemChange, type DealActionOutcome } from './runner';

/*
 * What Partner Center knows and the bot cannot see: Microsoft's answer to an invitation (or that it
 * marked the deal won), and the progress of a deal registration's review. A sync job reports them
 * through the extension of the intake API (docs/deals.md); each is a fact from Microsoft's side,
 * recorded with the domain's rule and shown on every copy of the deal's cards.
 *
 * What the endpoints accept is stored: each field's rule is the domain's schema for what it becomes,
 * and the changed deal is checked with the store's schema before it is saved, so a body the store
 * would refuse is a 400 naming the body's field, never a 500 (which a sync job would retry for ever).
 */

export const MicrosoftSyncBody = z.object({
  tenantId: TenantId,
  status: z.enum(['engaged', 'declined', 'markedWon'], 'v.microsoftSyncStatus'),
});
export type MicrosoftSyncBody = z.infer<typeof MicrosoftSyncBody>;

export const RegistrationSyncBody = z.object({
  tenantId: TenantId,
  status: RegistrationStatus.exclude(['submitted'], 'v.registrationSyncStatus'),
  note: Registration.shape.note,
});
export type RegistrationSyncBody = z.infer<typeof RegistrationSyncBody>;

export type SyncOutcome = DealActionOutcome | { readonly kind: 'invalid'; readonly issues: { path: string; message: string }[] };

/** The body's field a field of the changed deal comes from: Microsoft's note is kept on the registration and in the history. */
function bodyPath(dealPath: readonly PropertyKey[]): string[] {
  const path = dealPath.map(String);
  return path[0] === 'registration' && path[1] === 'note' ? ['note'] : path[0] === 'history' && path[2] === 'detail' ? ['note'] : [];
}

export interface PartnerCenterSyncDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly timeRules: TimeRules;
  readonly effects: Effects;
}

export class PartnerCenterSync {
  constructor(private readonly deps: PartnerCenterSyncDeps) {}

  /**
   * Microsoft engaged, declined (within its 14 days), or marked the deal won. A report repeated by
   * the sync job changes nothing and is answered like the first.
   */
  microsoft(dealId: string, body: MicrosoftSyncBody): Promise<SyncOutcome> {
    return this.record(body.tenantId, dealId, (deal) => {
      const now = this.deps.clock.now();
      if (body.status === 'markedWon') return deal.microsoft.markedWon ? ok(deal) : recordMicrosoftMarkedWon(deal, now, this.deps.timeRules);
      if (deal.microsoft.status === body.status) return ok(deal);
      return recordMicrosoftResponse(deal, body.status, now, this.deps.timeRules);
    });
  }

  /** A registration's review moved on (in review, action required, validated), with Microsoft's note. */
  registration(dealId: string, body: RegistrationSyncBody): Promise<SyncOutcome> {
    return this.record(body.tenantId, dealId, (deal) => {
      if (deal.registration?.status === body.status && deal.registration.note === (body.note ?? deal.registration.note)) return ok(deal);
      return recordRegistrationProgress(deal, body.status, this.deps.clock.now(), this.deps.timeRules, body.note);
    });
  }

  private async record(tenantId: string, dealId: string, rule: (deal: Deal) => Result<Deal>): Promise<SyncOutcome> {
    let refused: z.ZodError | undefined;
    const checked = (deal: Deal): Result<Deal> => {
      const result = rule(deal);
      if (!result.ok || result.value === deal) return result;
      const stored = Deal.safeParse(result.value);
      if (stored.success) return result;
      refused = stored.error;
      return ok(deal); // nothing is saved
    };
    const outcome = await runSystemChange(this.deps.store, { tenantId, dealId }, checked, (_before, after) => [this.deps.effects.refreshCards(after)]);
    if (!refused) return outcome;
    return { kind: 'invalid', issues: apiIssues(new z.ZodError(refused.issues.map((i) => ({ ...i, path: bodyPath(i.path) })))) };
  }
}
