import { isoInstant } from '../clock';
import type { PartnerCenterConnection } from '../domain/model';
import { OutboxKind } from '../notifications/effects';
import type { OutboxHandler } from '../outbox/dispatcher';
import { PartnerCenterError } from './client';
import { Connections } from './connections';
import { PushHandler } from './outbound';
import { PartnerCenterPoller, PollHandler, PullHandler, pullItem, ReferralSync, type ReferralSyncDeps, type SyncReport } from './sync';
import type { WebhookEvent } from './webhook';

/*
 * The Partner Center connector as the rest of the bot sees it: an organization's admin connects it
 * (webhook registered, first import), asks how it stands, disconnects it; webhooks arrive; and the
 * outbox handlers that carry changes both ways. No Teams here: bot/features/partnerCenter is the chat
 * surface, bot/partnerCenterEvents.ts the webhook route.
 */

export { PartnerCenterClient, PartnerCenterError } from './client';
export type { PartnerCenterTokens } from './connections';
export type { SyncReport } from './sync';

/** The sync's own dependencies (the service keeps the connections itself), and when to wake the workers. */
export interface PartnerCenterServiceDeps extends Omit<ReferralSyncDeps, 'connections'> {
  readonly onWork: () => void;
  /** PUBLIC_BASE_URL (read when connecting): where Partner Center posts webhooks. Without it only the poll keeps in step. */
  readonly publicBaseUrl: () => string | undefined;
  /** PARTNER_CENTER_SYNC_SECONDS, in ms. */
  readonly syncIntervalMs: number;
}

export type ConnectOutcome =
  | { readonly kind: 'connected'; readonly webhook: boolean; readonly report?: SyncReport }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'unavailable' };

const REFERRAL_PATH = /\/engagements\/referrals\/([A-Za-z0-9._-]{1,128})\/?$/;

export class PartnerCenterService {
  readonly connections: Connections;
  readonly sync: ReferralSync;
  readonly poller: PartnerCenterPoller;

  constructor(private readonly deps: PartnerCenterServiceDeps) {
    this.connections = new Connections(deps.store, deps.clock);
    this.sync = new ReferralSync({ ...deps, connections: this.connections });
    this.poller = new PartnerCenterPoller({ store: deps.store, clock: deps.clock, intervalMs: deps.syncIntervalMs, onWork: deps.onWork, logger: deps.logger });
  }

  /** The outbox handlers of the connector (the admin notice is sent from bot/, where Teams is). */
  handlers(): Record<string, OutboxHandler> {
    return {
      [OutboxKind.partnerCenterPull]: new PullHandler(this.sync, this.connections),
      [OutboxKind.partnerCenterPoll]: new PollHandler(this.sync, this.connections, this.deps.clock),
      [OutboxKind.partnerCenterPush]: new PushHandler({ ...this.deps, connections: this.connections }),
    };
  }

  /** The organization's callback address: one per organization, so a callback says whose it is. */
  webhookUrl(tenantId: string): string | undefined {
    const base = this.deps.publicBaseUrl()?.replace(/\/+$/, '');
    return base ? `${base}/api/partner-center/events?tenant=${encodeURIComponent(tenantId)}` : undefined;
  }

  status(tenantId: string): Promise<PartnerCenterConnection | undefined> {
    return this.connections.get(tenantId).then((s) => s?.value);
  }

  /**
   * Connect the organization with the admin's token: register the webhook (which also proves Partner
   * Center accepts the token), record the connection, then import every open incoming referral. An
   * import that fails half-way leaves the connection in place: the poll finishes it.
   */
  async connect(tenantId: string, by: PartnerCenterConnection['connectedBy'], token: string, dev = false): Promise<ConnectOutcome> {
    const { client, clock, logger } = this.deps;
    const url = this.webhookUrl(tenantId);
    try {
      if (url) await client.registerWebhook(token, url);
    } catch (err) {
      if (!(err instanceof PartnerCenterError)) throw err;
      logger.warn('partner center webhook registration failed', { tenantId, failure: err.failure, status: err.status });
      return { kind: err.failure === 'unauthorized' ? 'unauthorized' : 'unavailable' };
    }
    const now = isoInstant(clock.now());
    await this.connections.connect({
      tenantId,
      state: 'connected',
      connectedBy: by,
      connectedAt: now,
      updatedAt: now,
      ...(url ? { webhook: { url, registeredAt: now } } : {}),
      importErrors: [],
      dev,
    });
    logger.info('partner center connected', { tenantId, by: by.userId, webhook: Boolean(url) });
    try {
      return { kind: 'connected', webhook: Boolean(url), report: await this.sync.reconcile(tenantId, token) };
    } catch (err) {
      if (!(err instanceof PartnerCenterError)) throw err;
      logger.warn('partner center first import did not finish', { tenantId, failure: err.failure, status: err.status });
      if (err.failure === 'unauthorized') return { kind: 'unauthorized' };
      await this.connections.recordFailure(tenantId, 'unavailable', err.status);
      return { kind: 'connected', webhook: Boolean(url) };
    }
  }

  /**
   * Stop everything: the webhook registration is removed when Partner Center still accepts a token,
   * and the connection is marked disconnected whatever happens (callbacks and queued changes for it are
   * then ignored). Returns whether the registration is known to be gone.
   */
  async disconnect(tenantId: string, token?: string): Promise<{ readonly wasConnected: boolean; readonly webhookRemoved: boolean }> {
    const connection = await this.connections.active(tenantId);
    if (!connection) return { wasConnected: false, webhookRemoved: true };
    let removed = !connection.webhook;
    const bearer = token ?? (await this.deps.tokens.token(connection));
    if (!removed && bearer) {
      try {
        await this.deps.client.deleteWebhook(bearer);
        removed = true;
      } catch (err) {
        if (!(err instanceof PartnerCenterError)) throw err;
        this.deps.logger.warn('partner center webhook could not be removed', { tenantId, failure: err.failure, status: err.status });
      }
    }
    await this.connections.update(tenantId, (c) => {
      const { webhook: _w, pausedUntil: _p, ...rest } = c;
      return { ...rest, state: 'disconnected', ...(removed ? {} : { webhook: c.webhook, lastError: { at: isoInstant(this.deps.clock.now()), code: 'webhook' as const } }) };
    });
    this.deps.logger.info('partner center disconnected', { tenantId, webhookRemoved: removed });
    return { wasConnected: true, webhookRemoved: removed };
  }

  /**
   * A verified callback for an organization: queue a read of the referral it names (its id only — the
   * address it gives is never fetched); `callbackDigest` identifies the callback (a hash of its bytes). Ignored when the organization is not connected or the event is
   * not about a referral.
   */
  async receive(tenantId: string, event: WebhookEvent, callbackDigest: string): Promise<'queued' | 'ignored'> {
    if (!/^(related-)?referral-/i.test(event.EventName)) return 'ignored';
    const connection = await this.connections.active(tenantId);
    if (connection?.state !== 'connected') return 'ignored';
    let path = '';
    try {
      path = new URL(event.ResourceUri ?? '').pathname;
    } catch {
      return 'ignored';
    }
    const referralId = REFERRAL_PATH.exec(path)?.[1];
    if (!referralId) return 'ignored';
    await this.deps.store.outbox.enqueue([pullItem(tenantId, referralId, callbackDigest, this.deps.clock.now())]);
    this.deps.onWork();
    return 'queued';
  }
}
