import { isoInstant, type Clock } from '../clock';
import type { PartnerCenterConnection } from '../domain/model';
import { OutboxKind } from '../notifications/effects';
import { AlreadyExistsError, ConflictError, type Store, type Stored } from '../store/ports';

/** How many import errors a connection keeps (newest first). */
export const IMPORT_ERRORS_KEPT = 20;

/**
 * The admin's Partner Center token. The bot keeps none itself: on Teams the Bot Framework token
 * service holds it for the admin who connected (bot/features/partnerCenter/tokens.ts); locally a fixed
 * development token stands in. Undefined means the admin must sign in again.
 */
export interface PartnerCenterTokens {
  token(connection: PartnerCenterConnection): Promise<string | undefined>;
}

/** What an admin is told about the connection outside a conversation with them. */
export type NoticeKind = 'signInAgain';

export interface NoticePayload {
  readonly tenantId: string;
  readonly userId: string;
  readonly notice: NoticeKind;
}

/** Conditional updates of one organization's connection, re-read and re-applied when someone else wrote first. */
export class Connections {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  get(tenantId: string): Promise<Stored<PartnerCenterConnection> | undefined> {
    return this.store.partnerCenter.get(tenantId);
  }

  /** The connection when it is in use (connected or waiting for a new sign-in). */
  async active(tenantId: string): Promise<PartnerCenterConnection | undefined> {
    const found = (await this.get(tenantId))?.value;
    return found && found.state !== 'disconnected' ? found : undefined;
  }

  async isConnected(tenantId: string): Promise<boolean> {
    return (await this.active(tenantId)) !== undefined;
  }

  /** Apply `change` to the stored connection (undefined: leave it); returns what was stored, or undefined when there is none. */
  async update(tenantId: string, change: (c: PartnerCenterConnection) => PartnerCenterConnection | undefined): Promise<PartnerCenterConnection | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.get(tenantId);
      if (!stored) return undefined;
      const next = change(stored.value);
      if (!next) return stored.value;
      try {
        return (await this.store.partnerCenter.update({ ...next, updatedAt: isoInstant(this.clock.now()) }, stored.etag)).value;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    throw new ConflictError('partnerCenterConnection', tenantId);
  }

  /** Create the connection, or bring back the one an earlier connect left. */
  async connect(connection: PartnerCenterConnection): Promise<PartnerCenterConnection> {
    const existing = await this.get(connection.tenantId);
    if (!existing) {
      try {
        return (await this.store.partnerCenter.create(connection)).value;
      } catch (err) {
        if (!(err instanceof AlreadyExistsError)) throw err;
      }
    }
    return (await this.update(connection.tenantId, (old) => ({ ...connection, importErrors: old.importErrors })))!;
  }

  /** Remember a referral Partner Center sent that the bot could not take (kept newest first, bounded). */
  recordImportError(tenantId: string, referralId: string, reason: string): Promise<unknown> {
    const at = isoInstant(this.clock.now());
    return this.update(tenantId, (c) => ({
      ...c,
      importErrors: [{ referralId, at, reason }, ...c.importErrors.filter((e) => e.referralId !== referralId)].slice(0, IMPORT_ERRORS_KEPT),
    }));
  }

  /** A referral that failed before now imported: its error goes. */
  clearImportError(tenantId: string, referralId: string): Promise<unknown> {
    return this.update(tenantId, (c) => (c.importErrors.some((e) => e.referralId === referralId) ? { ...c, importErrors: c.importErrors.filter((e) => e.referralId !== referralId) } : undefined));
  }

  /**
   * Partner Center refused the admin's token: nothing syncs until they sign in again, and they are told
   * once — by the one caller that moves the connection out of `connected`.
   */
  async needsSignIn(tenantId: string): Promise<void> {
    let moved = false;
    const at = isoInstant(this.clock.now());
    const after = await this.update(tenantId, (c) => {
      moved = false;
      if (c.state !== 'connected') return undefined;
      moved = true;
      return { ...c, state: 'needsSignIn', signInNotifiedAt: at, lastError: { at, code: 'unauthorized' } };
    });
    if (moved && after) {
      const payload: NoticePayload = { tenantId, userId: after.connectedBy.userId, notice: 'signInAgain' };
      await this.store.outbox.enqueue([{ id: `pcnotice:${tenantId}:signIn:${at}`, kind: OutboxKind.partnerCenterNotice, tenantId, availableAt: at, payload: { ...payload } }]);
    }
  }

  /** Partner Center could not be reached, or asked us to wait: shown on `partner center`. */
  recordFailure(tenantId: string, code: 'unavailable' | 'refused' | 'webhook', status?: number, pausedUntil?: string): Promise<unknown> {
    const at = isoInstant(this.clock.now());
    return this.update(tenantId, (c) => ({ ...c, lastError: { at, code, ...(status !== undefined ? { status } : {}) }, ...(pausedUntil ? { pausedUntil } : {}) }));
  }
}
