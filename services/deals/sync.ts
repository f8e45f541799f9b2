import { z } from 'zod';
import type { Clock } from '../clock';
import { recordMicrosoftMarkedWon, recordMicrosoftResponse } from '../domain/invitations';
import type { Deal } from '../domain/model';
import { RegistrationStatus } from '../domain/model';
import { recordRegistrationProgress } from '../domain/registration';
import { ok, type Refusal, type Result } from '../domain/result';
import type { TimeRules } from '../domain/schedule';
import { issueKey, translator } from '../i18n';
import type { Effects } from '../notifications/effects';
import { ConflictError, type Store } from '../store/ports';

/*
 * What Partner Center knows and the bot cannot see: Microsoft's answer to an invitation (or that it
 * marked the deal won), and the progress of a deal registration's review. A sync job reports them
 * through the extension of the intake API (docs/deals.md); each is a fact from Microsoft's side,
 * recorded with the domain's rule and shown on every copy of the deal's cards.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const TenantField = z.string('v.required').trim().min(1, 'v.required').max(128, 'v.tooLong');

export const MicrosoftSyncBody = z.object({
  tenantId: TenantField,
  status: z.enum(['engaged', 'declined', 'markedWon'], 'v.microsoftSyncStatus'),
});
export type MicrosoftSyncBody = z.infer<typeof MicrosoftSyncBody>;

export const RegistrationSyncBody = z.object({
  tenantId: TenantField,
  status: RegistrationStatus.exclude(['submitted'], 'v.registrationSyncStatus'),
  note: z.preprocess(blankToUndefined, z.string().trim().max(1000, 'v.tooLong').optional()),
});
export type RegistrationSyncBody = z.infer<typeof RegistrationSyncBody>;

export interface SyncIssue {
  readonly path: string;
  readonly message: string;
}

/** Validate a sync body; issues name each field, in English (the API's language), as the intake does. */
export function parseSyncBody<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; issues: SyncIssue[] } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const tr = translator();
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: tr.tk(issueKey(i)) })) };
}

export type SyncOutcome =
  | { readonly kind: 'done'; readonly deal: Deal; readonly changed: boolean }
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly deal: Deal }
  | { readonly kind: 'notFound' };

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
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.deps.store.deals.get(tenantId, dealId);
      if (!stored) return { kind: 'notFound' };
      const result = rule(stored.value);
      if (!result.ok) return { kind: 'refused', refusal: result.refusal, deal: stored.value };
      if (result.value === stored.value) return { kind: 'done', deal: stored.value, changed: false };
      try {
        const saved = await this.deps.store.deals.update(result.value, stored.etag, { outbox: [this.deps.effects.refreshCards(result.value)] });
        return { kind: 'done', deal: saved.value, changed: true };
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    throw new ConflictError('deal', dealId);
  }
}
