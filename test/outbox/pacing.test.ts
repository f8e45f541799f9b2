import { Pacer } from '../../services/outbox/pacing';
import type { OutboxRecord } from '../../services/store/ports';

let seq = 0;
function item(key: string, tenantId = 't1'): OutboxRecord {
  const id = `item-${++seq}`;
  return { id, kind: 'teams.send', tenantId, key, payload: {}, status: 'pending', availableAt: '2026-11-20T10:00:00.000Z', attempts: 0, createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z' };
}

const chat = { perSecond: 1, burst: 1 };
const tenant = { perSecond: 45, burst: 5 };
const pacing = { perKey: chat, perTenant: tenant };

describe('pacing an item before it is sent', () => {
  let t: number;
  let pacer: Pacer;

  beforeEach(() => {
    t = 0;
    pacer = new Pacer(() => t);
  });

  it('when a chat is busy, then its next items get later turns while another chat’s item may go at once', () => {
    const [c1, c2, c3, d1] = [item('c'), item('c'), item('c'), item('d')];
    expect([c1, c2, c3, d1].map((i) => pacer.turn(i, pacing))).toEqual([0, 1000, 2000, 0]);
  });

  it('when an item waits for its chat, then it holds no tenant turn meanwhile: the tenant’s burst stays for chats that can go now', () => {
    const waiting = [item('c'), item('c'), item('c'), item('c'), item('c')];
    waiting.forEach((i) => pacer.turn(i, pacing));
    // Only c's first item took a tenant turn; four more of the tenant's burst of five go at once.
    expect(['d', 'e', 'f', 'g'].map((key) => pacer.turn(item(key), pacing))).toEqual([0, 0, 0, 0]);
    expect(pacer.turn(item('h'), pacing)).toBeGreaterThan(0);
  });

  it('when an item comes back at its turn, then it goes, instead of queueing again behind the turns reserved since', () => {
    const first = item('c');
    const second = item('c');
    pacer.turn(first, pacing);
    expect(pacer.turn(second, pacing)).toBe(1000);
    for (let i = 0; i < 5; i++) pacer.turn(item('c'), pacing); // later items reserve turns up to 6 s
    pacer.away(second.id, '2026-11-20T10:00:00.500Z', 500);
    t = 500;
    expect(pacer.turn(second, pacing)).toBe(500); // back early from the store: it waits the rest
    t = 1000;
    expect(pacer.turn(second, pacing)).toBe(0);
  });

  it('when an item comes back from the store long after its turn, then it takes a new turn rather than crowd the turns after it', () => {
    const late = item('c');
    pacer.turn(item('c'), pacing);
    expect(pacer.turn(late, pacing)).toBe(1000);
    pacer.turn(item('c'), pacing); // turn at 2 s
    pacer.away(late.id, '2026-11-20T10:00:00.500Z', 500);
    t = 2500;
    expect(pacer.turn(late, pacing)).toBe(500); // the next free turn, at 3 s
  });

  it('when a chat’s next turn is beyond the horizon, then claims skip its backlog, up to the first of its items waiting in the store for a turn', () => {
    const items = Array.from({ length: 5 }, () => item('busy'));
    items.forEach((i) => pacer.turn(i, pacing));
    expect(pacer.skips(1000, 10)).toEqual([{ key: 'busy' }]);
    pacer.away(items[3]!.id, '2026-11-20T10:00:02.500Z', 2500);
    pacer.away(items[2]!.id, '2026-11-20T10:00:01.500Z', 1500);
    expect(pacer.skips(1000, 10)).toEqual([{ key: 'busy', availableBefore: '2026-11-20T10:00:01.500Z' }]);
    // Next change: the first item due back from the store.
    expect(pacer.nextChange(1000)).toBe(1500);
    t = 4500;
    expect(pacer.skips(1000, 10)).toEqual([]);
  });

  it('when Teams answers 429 for a tenant, then none of its items may go until Retry-After, and claims skip the whole tenant', () => {
    const steady = { perKey: chat, perTenant: { perSecond: 50, burst: 1 } };
    pacer.pauseTenant('t1', steady.perTenant, 5000);
    expect(pacer.skips(1000, 10)).toEqual([{ tenantId: 't1' }]);
    expect(pacer.nextChange(1000)).toBe(4000);
    expect(pacer.turn(item('c'), steady)).toBe(5000);
    expect(pacer.turn(item('x', 't2'), steady)).toBe(0);
  });

  it('when the process wakes late and many items’ turns have passed, then still no more than rate + burst of them go within one second', () => {
    const steady = { perTenant: { perSecond: 10, burst: 2 } };
    const items = Array.from({ length: 30 }, (_, i) => item(`chat-${i}`));
    for (const i of items) if (pacer.turn(i, steady) === 0) pacer.done(i.id); // the first two go at once
    t = 2000; // a stall: twenty more turns have passed meanwhile
    const due = items.filter((i) => pacer.turn(i, steady) === 0);
    expect(due).toHaveLength(12);
    t = 2999;
    expect(items.filter((i) => !due.includes(i) && pacer.turn(i, steady) === 0)).toHaveLength(0);
    t = 3000;
    expect(items.filter((i) => !due.includes(i) && pacer.turn(i, steady) === 0).length).toBeGreaterThan(0);
  });

  it('when items are done, then their turns are forgotten', () => {
    const i = item('c');
    pacer.turn(item('c'), pacing);
    pacer.turn(i, pacing);
    pacer.done(i.id);
    t = 1000;
    // Asking again reserves a new turn: the old one was given up.
    expect(pacer.turn(i, pacing)).toBe(1000);
  });
});
