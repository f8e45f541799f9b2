import { z } from 'zod';
import type { Clock } from '../clock';
import { recordMicrosoftMarkedWon, recordMicrosoftResponse } from '../domain/invitations';
import type { Deal } from '../domain/model';
import { optionalText } from '../domain/inputs';
import { RegistrationStatus } from '../domain/model';
import { recordRegistrationProgress } from '../domain/registration';
import { ok, type Result } from '../domain/result';
import type { TimeRules } from '../domain/schedule';
import type { Effects } from '../notifications/effects';
import type { Store } from '../store/ports';
import { runSystemChange, type DealActionOutcome } from './runner';

/*
 * What Partner Center knows and the bot cannot see: Microsoft's answer to an invitation (or that it
 * marked the deal won), and the progress of a deal registration's review. A sync job reports them
 * through the extension of the intake API (docs/deals.md); each is a fact from Microsoft's side,
 * recorded with the domain's rule and shown on every copy of the deal's cards.
 */

const TenantField = z.string('v.required').trim().min(1, 'v.required').max(128, 'v.tooLong');

export const MicrosoftSyncBody = z.object({
  tenantId: TenantField,
  status: z.enum(['engaged', 'declined', 'markedWon'], 'v.microsoftSyncStatus'),
});
export type MicrosoftSyncBody = z.infer<typeof MicrosoftSyncBody>;

export const RegistrationSyncBody = z.object({
  tenantId: TenantField,
  status: RegistrationStatus.exclude(['submitted'], 'v.registrationSyncStatus'),
  note: optionalText(1000),
});
export type RegistrationSyncBody = z.infer<typeof RegistrationSyncBody>;

export type SyncOutcome = DealActionOutcome;

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

  private record(tenantId: string, dealId: string, rule: (deal: Deal) => Result<Deal>): Promise<SyncOutcome> {
    return runSystemChange(this.deps.store, { tenantId, dealId }, rule, (_before, after) => [this.deps.effects.refreshCards(after)]);
  }
}
