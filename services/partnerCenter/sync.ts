import { DateTime } from 'luxon';
import { isoInstant, type Clock } from '../clock';
import { runSystemChange } from '../deals/runner';
import { inboundDealId } from '../domain/ids';
import { DealId, type Deal } from '../domain/model';
import { ok } from '../domain/result';
import type { TimeRules } from '../domain/schedule';
import { apiIssues } from '../i18n';
import { OutboxKind, type Effects, type ReferralEventName } from '../notifications/effects';
import type { HandlerOutcome, OutboxHandler } from '../outbox/dispatcher';
import { receiveReferralBody } from '../referrals/intake';
import type { OutboxItem, OutboxRecord, Store } from '../store/ports';
import { PartnerCenterError, type PartnerCenterClient } from './client';
import type { Connections, PartnerCenterTokens } from './connections';
import {
  describeIssues,
  fieldsOf,
  isClosed,
  isIncoming,
  mergeRemote,
  PcReferral,
  referralToIntake,
  storeRefusal,
  syncedLink,
  syncStateOf,
  takeRemote,
} from './mapping';

/*
 * Partner Center → the bot. Three ways in, one path: a webhook names a referral (pc.pull), the poll
 * lists what changed since the last pass (pc.poll, which also catches every webhook Partner Center
 * gave up on), and the first import when an admin connects. Each referral then goes through apply():
 * a new incoming one becomes an inbound referral through the intake's own validation and domain path
 * (the same deal, the same cards); one the bot knows is merged into its deal (mapping.mergeRemote).
 * Deal ids derive from (tenant, Partner Center's id), so seeing a referral twice changes nothing.
 */

/** How far back each pass looks before the watermark: Partner Center's clock and list are not ours. */
const OVERLAP_MS = 2 * 60_000;

export interface SyncLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface ReferralSyncDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly timeRules: TimeRules;
  readonly effects: Effects;
  readonly client: PartnerCenterClient;
  readonly tokens: PartnerCenterTokens;
  readonly connections: Connections;
  readonly logger: SyncLogger;
}

export type ApplyOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** What a reconciliation pass saw. `found`: incoming referrals still open in Partner Center. */
export interface SyncReport {
  readonly found: number;
  readonly created: number;
  readonly updated: number;
  readonly failed: number;
}

class ImportRefused extends Error {}

/** The status event an inbound deal's change from Partner Center is, if it is one. */
function outcomeOf(before: Deal, after: Deal): ReferralEventName | undefined {
  if (!after.inbound || before.status === after.status) return undefined;
  switch (after.status) {
    case 'open':
      return before.status === 'received' ? 'referral.accepted' : undefined;
    case 'declined':
    case 'expired':
    case 'won':
    case 'lost':
      return `referral.${after.status}`;
    default:
      return undefined;
  }
}

/**
 * What a change that came from Partner Center causes: the cards show it (an outcome also reaches the
 * sender, as one made here would) — and nothing goes back to Partner Center. A new eTag alone that
 * leaves the card as it was refreshes nothing.
 */
export function remoteChangeEffects(effects: Effects, before: Deal, after: Deal): OutboxItem[] {
  const event = outcomeOf(before, after);
  if (event) return effects.referralOutcome(after, event);
  const { partnerCenter: _a, ...beforeRest } = before;
  const { partnerCenter: _b, ...afterRest } = after;
  const sameDeal = JSON.stringify(beforeRest) === JSON.stringify(afterRest);
  const sameState = JSON.stringify(syncStateOf(before)) === JSON.stringify(syncStateOf(after));
  return sameDeal && sameState ? [] : [effects.refreshCards(after)];
}

export class ReferralSync {
  constructor(private readonly deps: ReferralSyncDeps) {}

  private async failed(tenantId: string, referralId: string, reason: string): Promise<ApplyOutcome> {
    this.deps.logger.warn('partner center referral skipped', { tenantId, referralId, reason });
    await this.deps.connections.recordImportError(tenantId, referralId, reason);
    return 'failed';
  }

  /** Take one referral as Partner Center returned it. Never throws for what the referral holds. */
  async apply(tenantId: string, raw: unknown): Promise<ApplyOutcome> {
    const { store, clock, timeRules, connections } = this.deps;
    const parsed = PcReferral.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | undefined)?.id;
      return this.failed(tenantId, typeof id === 'string' ? id.slice(0, 128) : '(no id)', describeIssues(apiIssues(parsed.error)));
    }
    const pc = parsed.data;
    const now = clock.now();
    const incoming = isIncoming(pc);
    // Our outgoing referrals carry our deal id; any other outgoing one was not made by the bot.
    const dealId = incoming ? inboundDealId(tenantId, pc.id) : (pc.externalReferenceId ?? '');
    if (!incoming && !DealId.safeParse(dealId).success) return 'skipped';
    const existing = await store.deals.get(tenantId, dealId);
    if (existing) {
      const link = existing.value.partnerCenter;
      if (link?.referralId ? link.referralId !== pc.id : !incoming) return 'skipped';
      let refusal: string | undefined;
      const outcome = await runSystemChange(
        store,
        { tenantId, dealId },
        (deal) => {
          refusal = undefined;
          const merged = mergeRemote(deal, pc, now, timeRules);
          if (merged === deal) return ok(deal);
          refusal = storeRefusal(merged);
          return ok(refusal ? deal : merged);
        },
        (before, after) => remoteChangeEffects(this.deps.effects, before, after),
      );
      if (refusal) return this.failed(tenantId, pc.id, refusal);
      if (outcome.kind === 'done' && outcome.changed) {
        await connections.clearImportError(tenantId, pc.id);
        return 'updated';
      }
      return 'unchanged';
    }
    if (!incoming || isClosed(pc)) return 'skipped';
    const intake = referralToIntake(tenantId, pc);
    if (!intake.ok) return this.failed(tenantId, pc.id, intake.reason);
    try {
      // The intake's own path: its shape, then the domain's checks of the deal it makes, then one write.
      const result = await receiveReferralBody(this.deps, intake.body, (deal) => {
        // Answered in Partner Center already: arrive in that state, in the same single write.
        const linked = { ...takeRemote(deal, fieldsOf(pc), ['status'], now, timeRules, pc.acceptedDateTime ?? undefined), partnerCenter: syncedLink(pc, now) };
        const refusal = storeRefusal(linked);
        if (refusal) throw new ImportRefused(refusal);
        return linked;
      });
      if (result.status === 'invalid') return this.failed(tenantId, pc.id, describeIssues(result.issues));
      if (result.status === 'received') await connections.clearImportError(tenantId, pc.id);
      return result.status === 'received' ? 'created' : 'unchanged';
    } catch (err) {
      if (err instanceof ImportRefused) return this.failed(tenantId, pc.id, err.message);
      throw err;
    }
  }

  /**
   * One pass over what changed in Partner Center: every open incoming referral the first time, then
   * every referral updated since the last complete pass (less an overlap). The watermark moves only
   * when the pass completes. `token`: the admin's, when they just signed in.
   */
  async reconcile(tenantId: string, token?: string): Promise<SyncReport> {
    const { connections, clock, client } = this.deps;
    const connection = await connections.active(tenantId);
    if (!connection) return { found: 0, created: 0, updated: 0, failed: 0 };
    const bearer = token ?? (await this.deps.tokens.token(connection));
    if (!bearer) throw new PartnerCenterError('unauthorized', 'no token for the admin who connected');
    const started = clock.now();
    const since = connection.watermark ? DateTime.fromISO(connection.watermark).minus({ milliseconds: OVERLAP_MS }) : undefined;
    const filter = since ? `updatedDateTime gt ${since.toUTC().toISO()}` : `direction eq 'Incoming' and status ne 'Closed'`;
    const counts = { found: 0, created: 0, updated: 0, failed: 0 };
    let newest = connection.watermark ? Date.parse(connection.watermark) : started.toMillis();
    for await (const page of client.listReferrals(bearer, { filter, orderBy: 'updatedDateTime asc' })) {
      for (const raw of page) {
        const r = raw as { direction?: unknown; status?: unknown; updatedDateTime?: unknown };
        if (String(r.direction).toLowerCase() === 'incoming' && String(r.status).toLowerCase() !== 'closed') counts.found++;
        const outcome = await this.apply(tenantId, raw);
        if (outcome === 'created') counts.created++;
        if (outcome === 'updated') counts.updated++;
        if (outcome === 'failed') counts.failed++;
        const updated = typeof r.updatedDateTime === 'string' ? Date.parse(r.updatedDateTime) : NaN;
        if (Number.isFinite(updated)) newest = Math.max(newest, updated);
      }
    }
    const watermark = isoInstant(DateTime.fromMillis(newest, { zone: 'utc' }));
    await connections.update(tenantId, (c) => {
      const { lastError: _e, pausedUntil: _p, ...rest } = c;
      return { ...rest, watermark, lastSyncAt: isoInstant(clock.now()) };
    });
    this.deps.logger.info('partner center reconciled', { tenantId, ...counts });
    return counts;
  }

  /** One referral a webhook said changed. */
  async pull(tenantId: string, referralId: string): Promise<ApplyOutcome> {
    const connection = await this.deps.connections.active(tenantId);
    if (!connection || connection.state !== 'connected') return 'skipped';
    const token = await this.deps.tokens.token(connection);
    if (!token) throw new PartnerCenterError('unauthorized', 'no token for the admin who connected');
    const read = await this.deps.client.getReferral(token, referralId);
    return this.apply(tenantId, read.body);
  }
}

/** How long a change waits while the admin has not signed in again. */
export const SIGN_IN_RETRY_MS = 10 * 60_000;

/**
 * Turn a failure talking to Partner Center into the outbox's answer, recording it on the connection:
 * a refused token asks for a new sign-in (told once) and waits; an outage waits for Retry-After or
 * backs off. Anything that is not a Partner Center failure is the dispatcher's to retry.
 */
export async function onPartnerCenterFailure(err: unknown, item: OutboxRecord, connections: Connections, tenantId: string): Promise<HandlerOutcome> {
  if (!(err instanceof PartnerCenterError)) throw err;
  switch (err.failure) {
    case 'unauthorized':
      await connections.needsSignIn(tenantId);
      return { kind: 'retry', afterMs: SIGN_IN_RETRY_MS, error: err.message };
    case 'unavailable':
    case 'invalidResponse':
      await connections.recordFailure(tenantId, 'unavailable', err.status);
      return { kind: 'retry', afterMs: err.waitMs(item.attempts), error: err.message };
    case 'notFound':
      return { kind: 'done' };
    default:
      await connections.recordFailure(tenantId, 'refused', err.status);
      return { kind: 'dead', error: err.message };
  }
}

/** pc.pull: read the referral a webhook named and take it in. */
export class PullHandler implements OutboxHandler {
  constructor(
    private readonly sync: ReferralSync,
    private readonly connections: Connections,
  ) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const { tenantId, referralId } = item.payload as { tenantId: string; referralId: string };
    try {
      await this.sync.pull(tenantId, referralId);
      return { kind: 'done' };
    } catch (err) {
      return onPartnerCenterFailure(err, item, this.connections, tenantId);
    }
  }
}

/**
 * pc.poll: one reconciliation pass for one organization. An outage is not retried here — the next
 * poll comes anyway — but a 429's Retry-After pauses the organization's polls until then.
 */
export class PollHandler implements OutboxHandler {
  constructor(
    private readonly sync: ReferralSync,
    private readonly connections: Connections,
    private readonly clock: Clock,
  ) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const { tenantId } = item.payload as { tenantId: string };
    try {
      await this.sync.reconcile(tenantId);
      return { kind: 'done' };
    } catch (err) {
      if (!(err instanceof PartnerCenterError)) throw err;
      if (err.failure === 'unauthorized') {
        await this.connections.needsSignIn(tenantId);
      } else {
        const paused = err.retryAfterMs !== undefined ? isoInstant(this.clock.now().plus({ milliseconds: err.retryAfterMs })) : undefined;
        await this.connections.recordFailure(tenantId, err.failure === 'refused' ? 'refused' : 'unavailable', err.status, paused);
      }
      return { kind: 'done' };
    }
  }
}

/**
 * Queue a pull of a referral a webhook named. Its id derives from the callback's exact bytes: Partner
 * Center's retry of one callback queues nothing new, any other callback queues its own read.
 */
export function pullItem(tenantId: string, referralId: string, callbackDigest: string, now: DateTime): OutboxItem {
  return {
    id: `pcpull:${tenantId}:${referralId}:${callbackDigest}`,
    kind: OutboxKind.partnerCenterPull,
    tenantId,
    availableAt: isoInstant(now),
    payload: { tenantId, referralId },
  };
}

export interface PollerOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly onWork: () => void;
  readonly logger: SyncLogger;
}

/**
 * Every PARTNER_CENTER_SYNC_SECONDS, one pc.poll item per organization in use. Its id names the
 * interval, so several bot processes queue one pass between them; the outbox's lease makes one run it.
 */
export class PartnerCenterPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Queue this interval's passes; resolves with how many were queued. */
  async tick(): Promise<number> {
    const run = this.queue();
    this.running = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async queue(): Promise<number> {
    const { store, clock, intervalMs } = this.options;
    const now = clock.now();
    const bucket = Math.floor(now.toMillis() / intervalMs);
    let queued = 0;
    let token: string | undefined;
    try {
      do {
        const page = await store.partnerCenter.listActive({ limit: 100, continuationToken: token });
        const items: OutboxItem[] = page.items
          .map((s) => s.value)
          .filter((c) => c.state === 'connected' && !(c.pausedUntil && c.pausedUntil > isoInstant(now)))
          .map((c) => ({ id: `pcpoll:${c.tenantId}:${bucket}`, kind: OutboxKind.partnerCenterPoll, tenantId: c.tenantId, availableAt: isoInstant(now), payload: { tenantId: c.tenantId } }));
        if (items.length) await store.outbox.enqueue(items);
        queued += items.length;
        token = page.continuationToken;
      } while (token);
    } catch (err) {
      this.options.logger.error('partner center poll could not be queued', { error: err });
      return queued;
    }
    if (queued) this.options.onWork();
    return queued;
  }
}
