import { DateTime } from 'luxon';
import { isoInstant, type Clock } from '../clock';
import type { HandlerOutcome, OutboxHandler } from '../outbox/dispatcher';
import { waitingReferrals } from '../referrals/waiting';
import type { OutboxItem, OutboxRecord, Store } from '../store/ports';
import { OutboxKind, type Effects, type SendPayload } from './effects';

const DONE: HandlerOutcome = { kind: 'done' };

/** When a digest arrives, on the member's clock: the start of a working day. */
export const DIGEST_HOUR = 9;

/** The next digest after `now` for someone in `zone`: its calendar day there, and the instant. */
export function nextDigest(now: DateTime, zone: string | undefined): { day: string; at: string } {
  const local = now.setZone(zone ?? 'UTC');
  const here = local.isValid ? local : now.toUTC();
  let at = here.set({ hour: DIGEST_HOUR, minute: 0, second: 0, millisecond: 0 });
  if (at <= here) at = at.plus({ days: 1 });
  return { day: at.toISODate() as string, at: isoInstant(at) };
}

/**
 * One member's daily digest: when its day comes, and the member still wants digests, the referrals
 * waiting that they may see go to their personal chat in one card (none waiting: no card), and the
 * next day's digest is queued. Both are keyed by the member's calendar day, so a day has one digest
 * however often this runs or the setting is switched; a member back on single reminders ends the chain.
 */
export class DigestHandler implements OutboxHandler {
  constructor(private readonly store: Store, private readonly clock: Clock, private readonly effects: Effects) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const { userId, day } = item.payload as { userId: string; day: string };
    const member = (await this.store.members.get(item.tenantId, userId))?.value;
    if (!member || member.reminders !== 'digest') return DONE;
    const now = this.clock.now();
    const items: OutboxItem[] = [];
    const conversation = member.installed ? await this.store.conversations.findPersonal(item.tenantId, userId) : undefined;
    if (conversation && (await waitingReferrals(this.store, member, now)).length > 0) {
      const payload: SendPayload = { dealTenantId: '', dealId: '', conversationId: conversation.conversationId, userId, purpose: 'digest' };
      items.push({ id: `send:${item.id}`, kind: OutboxKind.send, tenantId: item.tenantId, key: conversation.conversationId, availableAt: isoInstant(now), payload: { ...payload, day } });
    }
    // After the later of its time and now: a digest run late (the bot was down) is not followed by another at once.
    const next = nextDigest(DateTime.max(now, DateTime.fromISO(item.availableAt)), member.timeZone);
    items.push(this.effects.digest(item.tenantId, userId, next.day, next.at));
    await this.store.outbox.enqueue(items);
    return DONE;
  }
}

/**
 * A member who just installed the bot gets the referrals waiting that they may see, each as its own
 * card (so they can answer at once, and later changes update it): a colleague given a role ahead of
 * time, an admin reinstalling. Each send has the id the referral's own fan-out gives that chat, so a
 * referral whose fan-out also reaches them (it arrived around the install) is sent to them once.
 */
export class HandoverHandler implements OutboxHandler {
  constructor(private readonly store: Store, private readonly clock: Clock, private readonly effects: Effects) {}

  async handle(item: OutboxRecord): Promise<HandlerOutcome> {
    const { userId } = item.payload as { userId: string };
    const member = (await this.store.members.get(item.tenantId, userId))?.value;
    // Queued just before the install is written (Membership.observe): give that write a moment.
    if (!member?.installed) return item.attempts < 3 ? { kind: 'retry', afterMs: 2000, error: 'member not installed yet' } : DONE;
    const conversation = await this.store.conversations.findPersonal(item.tenantId, userId);
    if (!conversation) return DONE;
    const now = this.clock.now();
    const sends: OutboxItem[] = (await waitingReferrals(this.store, member, now)).map((deal) => {
      const payload: SendPayload = { dealTenantId: deal.tenantId, dealId: deal.id, conversationId: conversation.conversationId, userId, purpose: 'referral' };
      const fanout = this.effects.newReferral(deal)[0]!;
      return { id: `send:${fanout.id}:${conversation.conversationId}`, kind: OutboxKind.send, tenantId: item.tenantId, key: conversation.conversationId, availableAt: isoInstant(now), payload: { ...payload } };
    });
    if (sends.length) await this.store.outbox.enqueue(sends);
    return DONE;
  }
}
