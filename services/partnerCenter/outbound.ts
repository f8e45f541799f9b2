import { isoInstant } from '../clock';
import { runSystemChange } from '../deals/runner';
import type { Deal, PartnerCenterLink } from '../domain/model';
import { ok } from '../domain/result';
import type { HandlerOutcome, OutboxHandler } from '../outbox/dispatcher';
import type { OutboxRecord } from '../store/ports';
import { PartnerCenterError } from './client';
import { changedGroups, createBody, fieldsOfDeal, patchOps, PcReferral, rebase, syncedLink } from './mapping';
import { onPartnerCenterFailure, remoteChangeEffects, SIGN_IN_RETRY_MS, type ReferralSyncDeps } from './sync';

/*
 * The bot → Partner Center (pc.push, queued in the same write as the change: see Effects). The item
 * names only the deal; the handler sends what differs between the deal now and what Partner Center
 * last held, with If-Match, and records the new eTag on the deal (a second conditional write). So a
 * repeated item sends nothing twice, a change that came from Partner Center sends nothing at all, and
 * several changes queued during an outage go as one PATCH when it ends. A 412 rebases the deal on
 * Partner Center's current version (mapping.rebase) and sends what still makes sense; a 4xx refusal
 * keeps Partner Center's state and says so on the card.
 */

const MAX_REBASES = 3;

/** What pushing needs is what pulling needs: the store, the rules, Partner Center and its tokens. */
export type PushHandlerDeps = ReferralSyncDeps;

export class PushHandler implements OutboxHandler {
  constructor(private readonly deps: PushHandlerDeps) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const { dealTenantId: tenantId, dealId } = item.payload as { dealTenantId: string; dealId: string };
    const deal = (await this.deps.store.deals.get(tenantId, dealId))?.value;
    if (!deal?.partnerCenter) return { kind: 'done' };
    const connection = await this.deps.connections.active(tenantId);
    // Disconnected: nothing to send to. Waiting for a new sign-in: the change waits too.
    if (!connection) return { kind: 'done' };
    if (connection.state === 'needsSignIn') return { kind: 'retry', afterMs: SIGN_IN_RETRY_MS, error: 'waiting for a new Partner Center sign-in' };
    const token = await this.deps.tokens.token(connection);
    try {
      if (!token) throw new PartnerCenterError('unauthorized', 'no token for the admin who connected');
      if (!deal.partnerCenter.referralId) await this.create(deal, token);
      else await this.update(deal, token);
      return { kind: 'done' };
    } catch (err) {
      if (err instanceof PartnerCenterError && (err.failure === 'refused' || err.failure === 'notFound') && deal.partnerCenter.referralId) {
        await this.keepRemote(deal, token!, err);
        return { kind: 'done' };
      }
      return onPartnerCenterFailure(err, item, this.deps.connections, tenantId);
    }
  }

  /** Write a new link (and whatever else `change` does) on the freshest deal, with what it causes. */
  private async save(deal: Deal, change: (fresh: Deal) => Deal): Promise<Deal | undefined> {
    const outcome = await runSystemChange(
      this.deps.store,
      { tenantId: deal.tenantId, dealId: deal.id },
      (fresh) => ok(change(fresh)),
      (before, after) => remoteChangeEffects(this.deps.effects, before, after),
    );
    return outcome.kind === 'done' ? outcome.deal : undefined;
  }

  private parse(body: unknown): PcReferral {
    const parsed = PcReferral.safeParse(body);
    if (!parsed.success) throw new PartnerCenterError('invalidResponse', 'Partner Center answered with something that is not a referral');
    return parsed.data;
  }

  /**
   * A deal created in the bot. A POST whose answer was lost (a crash, a timeout) must not make a second
   * referral: the one carrying our deal id as externalReferenceId is looked for first.
   */
  private async create(deal: Deal, token: string): Promise<void> {
    const { client, clock } = this.deps;
    let found: unknown;
    try {
      for await (const page of client.listReferrals(token, { filter: `externalReferenceId eq '${deal.id}'`, top: 1 })) {
        found = page[0];
        break;
      }
    } catch (err) {
      // A Partner Center that cannot filter on externalReferenceId: create (the look-up only guards a lost answer).
      if (!(err instanceof PartnerCenterError && err.failure === 'refused')) throw err;
    }
    const pc = this.parse(found ?? (await client.createReferral(token, createBody(deal))).body);
    const link = syncedLink(pc, clock.now());
    await this.save(deal, (fresh) => (fresh.partnerCenter?.referralId ? fresh : { ...fresh, partnerCenter: link }));
    this.deps.logger.info('partner center referral created', { tenantId: deal.tenantId, dealId: deal.id, referralId: pc.id, existing: Boolean(found) });
  }

  private async update(first: Deal, token: string): Promise<void> {
    const { client, clock, timeRules } = this.deps;
    let deal = first;
    // A conflict found by a rebase in this run stays on the card after the rest is sent; an older one is cleared by success.
    let conflict: PartnerCenterLink['conflict'];
    for (let round = 0; round <= MAX_REBASES; round++) {
      const link = deal.partnerCenter!;
      const base = link.synced;
      if (!base) return;
      const groups = changedGroups(base, fieldsOfDeal(deal, base));
      if (groups.length === 0) return;
      try {
        const sent = await client.patchReferral(token, link.referralId!, patchOps(base, fieldsOfDeal(deal, base), groups), link.eTag ?? '*');
        // 204 without a body: read it back for the new eTag and values.
        const pc = this.parse(sent.body ?? (await client.getReferral(token, link.referralId!)).body);
        const kept: Pick<PartnerCenterLink, 'state' | 'conflict'> = conflict ? { state: 'conflict', conflict } : { state: 'synced' };
        await this.save(deal, (fresh) => ({ ...fresh, partnerCenter: { ...syncedLink(pc, clock.now()), ...kept } }));
        this.deps.logger.info('partner center referral updated', { tenantId: deal.tenantId, dealId: deal.id, referralId: pc.id, groups });
        return;
      } catch (err) {
        if (!(err instanceof PartnerCenterError && err.failure === 'stale') || round === MAX_REBASES) throw err;
      }
      const pc = this.parse((await client.getReferral(token, link.referralId!)).body);
      let dropped: string[] = [];
      const saved = await this.save(deal, (fresh) => {
        const rebased = rebase(fresh, pc, clock.now(), timeRules);
        dropped = rebased.dropped;
        return rebased.deal;
      });
      this.deps.logger.info('partner center changed the referral meanwhile; rebased', { tenantId: deal.tenantId, dealId: deal.id, dropped });
      if (!saved) return;
      deal = saved;
      conflict = dropped.length > 0 ? deal.partnerCenter?.conflict : conflict;
    }
  }

  /** Partner Center refused the change (or the referral is gone there): keep its state and say so on the card. */
  private async keepRemote(deal: Deal, token: string, refusal: PartnerCenterError): Promise<void> {
    const { client, clock, timeRules } = this.deps;
    this.deps.logger.warn('partner center refused a change; keeping its state', { tenantId: deal.tenantId, dealId: deal.id, status: refusal.status, failure: refusal.failure });
    let pc: PcReferral | undefined;
    try {
      pc = refusal.failure === 'notFound' ? undefined : this.parse((await client.getReferral(token, deal.partnerCenter!.referralId!)).body);
    } catch (err) {
      if (!(err instanceof PartnerCenterError && err.failure === 'notFound')) throw err;
    }
    const at = clock.now();
    await this.save(deal, (fresh) => {
      if (!pc) return { ...fresh, partnerCenter: { ...fresh.partnerCenter!, state: 'conflict', at: isoInstant(at), conflict: { code: 'notFound' } } };
      // Everything of ours gives way: rebase on a base that equals the deal, so every difference is theirs.
      const asIfUnchanged: Deal = { ...fresh, partnerCenter: { ...fresh.partnerCenter!, synced: fieldsOfDeal(fresh, fresh.partnerCenter?.synced) } };
      const taken = rebase(asIfUnchanged, pc, at, timeRules).deal;
      const remote = `${pc.status ?? ''}/${pc.substatus ?? ''}`;
      return { ...taken, partnerCenter: { ...taken.partnerCenter!, state: 'conflict', conflict: { code: 'refused', remoteStatus: remote } } };
    });
  }
}
