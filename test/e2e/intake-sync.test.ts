import { FixedClock } from '../../services/clock';
import { PartnerCenterSync } from '../../services/deals/sync';
import { markWon, registerDeal, type Deal } from '../../services/domain';
import { Effects } from '../../services/notifications/effects';
import type { TestApp } from '../support/app';
import { ctx, NOW, outboundDeal, RULES, TENANT, unwrap } from '../support/fixtures';
import { KEY, startBot } from '../dialogs/support';

/*
 * Issue 10, finding 3, for the Partner Center sync endpoints: what they accept is stored. Microsoft's
 * note on a registration (≤ 1,000 characters, docs/deals.md) is kept on the registration and in the
 * deal's history; the history refused notes over 400 characters, so a valid body got a 500.
 */

describe('the Partner Center sync stores what it accepts (issue 10, finding 3)', () => {
  let bot: TestApp;
  let registered: Deal;

  const sync = async (path: string, payload: unknown) => {
    const res = await fetch(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(payload) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const current = async () => (await bot.app.store.deals.get(TENANT, registered.id))!;

  beforeEach(async () => {
    bot = await startBot(new FixedClock(NOW));
    // A partner-led deal with an incentive-eligible solution, won and registered: Microsoft reviews it.
    const deal = outboundDeal({ solutions: [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }], microsoftMayView: 'true' });
    registered = unwrap(registerDeal(unwrap(markWon(deal, ctx(), RULES)), ctx(), RULES, { contractConfirmed: true, solutions: ['Fabrikam Migrate'], contractSignedOn: '2026-11-19' }));
    await bot.app.store.deals.create(registered);
  });

  afterEach(() => bot.stop());

  it('when Microsoft’s note is 1,000 characters (the documented limit), then 200, and it is stored on the registration and in the history', async () => {
    const note = `${'Upload the signed contract. '.repeat(40).slice(0, 999)}.`;
    const res = await sync(`/api/deals/${registered.id}/registration`, { tenantId: TENANT, status: 'actionRequired', note });
    expect(res).toEqual({ status: 200, body: { referralId: registered.id, registration: { status: 'actionRequired', note }, changed: true } });
    const { value } = await current();
    expect(value.registration).toMatchObject({ status: 'actionRequired', note });
    expect(value.history.at(-1)).toMatchObject({ event: 'registration', stage: 'actionRequired', detail: note });
  });

  it('when Microsoft’s note is 1,001 characters, then 400 at note, and the deal is unchanged', async () => {
    const before = await current();
    const res = await sync(`/api/deals/${registered.id}/registration`, { tenantId: TENANT, status: 'inReview', note: 'n'.repeat(1001) });
    expect(res).toEqual({ status: 400, body: { error: 'invalid_body', issues: [{ path: 'note', message: 'Too long.' }] } });
    expect((await current()).etag).toBe(before.etag);
  });

  it('when a tenant id is longer than any the store keeps, then 400 at tenantId', async () => {
    const res = await sync(`/api/deals/${registered.id}/microsoft`, { tenantId: 't'.repeat(129), status: 'engaged' });
    expect(res).toEqual({ status: 400, body: { error: 'invalid_body', issues: [{ path: 'tenantId', message: 'Too long.' }] } });
  });

  it('when a report would make a deal the store refuses, then the sync answers invalid at the body’s field and saves nothing (never a 500)', async () => {
    // Past the body's schema (as a caller inside the process could): the store's own schema still decides.
    const sync = new PartnerCenterSync({ store: bot.app.store, clock: new FixedClock(NOW), timeRules: RULES, effects: new Effects({ eventsEnabled: false }) });
    const before = await current();
    const outcome = await sync.registration(registered.id, { tenantId: TENANT, status: 'inReview', note: 'n'.repeat(5000) });
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.issues).toEqual([
      { path: 'note', message: 'Too long.' },
      { path: 'note', message: 'Too long.' },
    ]);
    expect((await current()).etag).toBe(before.etag);
    expect((await bot.app.store.outbox.counts()).pending).toBe(0);
  });
});
