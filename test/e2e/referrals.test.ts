import { createHmac } from 'node:crypto';
import { FixedClock } from '../../services/clock';
import { contractExample } from '../../services/referrals/contractExample';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn, type ConnectorCall } from '../support/connector';
import { EventsReceiver } from '../support/eventsReceiver';
import { OTHER_TENANT, TENANT } from '../support/fixtures';
import { actionsOf, click, inputsOf, install, personalConversation, say, submit, teamsUser, uninstall } from '../support/teams';

const KEY = 'intake-key-for-tests';
const SECRET = 'events-secret-for-tests';

/** The contract's example referral, created half an hour before the tests' "now". */
function sample(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...contractExample(), tenantId: TENANT, createdDateTime: '2026-11-20T09:30:00Z', ...overrides };
}

const ada = teamsUser('ada'); // first to install: referral admin with global scope
const ben = teamsUser('ben', { timezone: 'America/New_York' }); // made an admin by Ada
const cy = teamsUser('cy'); // referral user without scope: must not see new referrals
const dora = teamsUser('dora', { tenantId: OTHER_TENANT }); // another organization

describe('inbound referrals end to end', () => {
  let connector: ConnectorStandIn;
  let events: EventsReceiver;
  let clock: FixedClock;
  let bot: TestApp;

  const intake = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const drain = () => bot.app.dispatcher.drain();
  const sentTo = (user: typeof ada) => connector.sent(personalConversation(user)).filter((c) => cardsOf(c).length > 0 && !cardText(cardsOf(c)[0]).includes('Welcome'));
  const lastCard = (call: ConnectorCall) => cardsOf(call)[0]!;

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    events = await new EventsReceiver().start();
    clock = new FixedClock('2026-11-20T10:00:00Z');
    // Pacing is unit-tested with a fake clock (test/outbox); here it only must not slow the tests down.
    const fastPacing = { TEAMS_RATE_PER_CONVERSATION: '100', TEAMS_BURST_PER_CONVERSATION: '7' };
    bot = await startTestApp({ REFERRAL_INTAKE_KEY: KEY, REFERRAL_EVENTS_URL: events.url, REFERRAL_EVENTS_SECRET: SECRET, ...fastPacing }, { clock, workers: false });
    for (const user of [ada, ben, cy, dora]) await install(bot, connector, user);
    // Ada (first to install) makes Ben a referral admin from the members card.
    const card = await click(bot, connector, ada, 'member.update', { userId: ben.aadObjectId, index: 0, role0: 'admin', scopes0: '' });
    expect(cardText(card.card)).toContain('Saved: Ben is now Referral admin');
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
    await events.stop();
  });

  it('install → intake → card reaches exactly the members who may see it → accept → every copy updated → signed event delivered', async () => {
    const res = await intake(sample());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ referralId: expect.stringMatching(/^D[0-9A-Z]{12}$/), status: 'received' });
    const referralId = res.body.referralId as string;

    await drain();
    expect(sentTo(ada)).toHaveLength(1);
    expect(sentTo(ben)).toHaveLength(1);
    expect(sentTo(cy)).toHaveLength(0);
    expect(sentTo(dora)).toHaveLength(0);

    // The card shows what a seller needs, with the time left in the reader's time zone.
    const adaCard = lastCard(sentTo(ada)[0]!);
    const text = cardText(adaCard);
    for (const expected of ['New co-sell referral', 'Contoso – Azure migration', 'Contoso SA (Paris, France)', 'France', '€250,000', 'Mar 31, 2027', 'Camille Martin, Microsoft', 'Technical pre-sales', 'Azure Migrate', 'Customer wants to leave its data centre by Q2.', 'You did their last migration.', '13 days, 23 hours left', 'Dec 4, 2026, 10:30 AM GMT+1']) {
      expect(text).toContain(expected);
    }
    expect(cardText(lastCard(sentTo(ben)[0]!))).toContain('Dec 4, 2026, 4:30 AM EST');
    expect(actionsOf(adaCard).map((a) => a.verb)).toEqual(['referral.assign', 'referral.acceptForm', 'referral.declineForm', 'deal.show']);
    expect(adaCard.refresh).toMatchObject({ userIds: [ada.aadObjectId] });

    // Accept opens the form on the card, prefilled from the referral; the team is optional (seed 003),
    // and Teams gave the bot no phone for Ada, so no team row is started for her.
    const form = await click(bot, connector, ada, 'referral.acceptForm', { dealId: referralId, tenantId: TENANT });
    const inputs = inputsOf(form.card);
    expect(inputs).toMatchObject({ name: 'Contoso – Azure migration', amount: '250000', currency: 'EUR', closeDate: '2027-03-31', team0Name: '', team0Email: '', team0Phone: '' });

    const accepted = await click(bot, connector, ada, 'referral.accept', { dealId: referralId, tenantId: TENANT, ...inputs, notes: 'Call booked' });
    expect(cardText(accepted.card)).toContain('Done: you accepted this referral.');
    expect(cardText(accepted.card)).toMatch(/Accepted by Ada on Nov 20, 2026, 11:00 AM GMT\+1/);
    // What comes next is one click away: the deal card (issue 13, item 3).
    expect(actionsOf(accepted.card).map((a) => [a.verb, a.title, a.data])).toEqual([['deal.show', 'Open deal', { dealId: referralId, tenantId: TENANT }]]);
    const deal = (await bot.app.store.deals.get(TENANT, referralId))!.value;
    expect(deal).toMatchObject({ status: 'open', salesStage: 'accepted', notes: 'Call booked', team: [] });

    // Every copy the bot sent now shows the outcome; the only button left opens the deal.
    await drain();
    for (const user of [ada, ben]) {
      const copy = sentTo(user)[0]!;
      const updates = connector.updates(personalConversation(user)).filter((u) => u.activityId === copy.createdId);
      expect(updates).toHaveLength(1);
      expect(cardText(lastCard(updates[0]!))).toContain('Accepted by Ada');
      expect(actionsOf(lastCard(updates[0]!)).map((a) => a.verb)).toEqual(['deal.show']);
    }

    // The sender's system is told, signed with REFERRAL_EVENTS_SECRET.
    expect(events.delivered()).toHaveLength(1);
    const event = events.delivered()[0]!;
    expect(event.body).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/),
      event: 'referral.accepted',
      id: 'pc-7f3c2a',
      tenantId: TENANT,
      referralId,
      status: 'accepted',
      occurredAt: '2026-11-20T10:00:00Z',
    });
    expect(event.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(event.raw).digest('hex')}`);

    // Ben's card was stale; his click now shows the current state and never transitions again.
    const late = await click(bot, connector, ben, 'referral.acceptForm', { dealId: referralId, tenantId: TENANT });
    expect(cardText(late.card)).toContain('Someone already answered this referral.');
    expect(actionsOf(late.card).map((a) => a.verb)).toEqual(['deal.show']);
    const lateAccept = await click(bot, connector, ben, 'referral.accept', { dealId: referralId, tenantId: TENANT, ...inputs, team0Phone: '+1 212 555 0100' });
    expect(cardText(lateAccept.card)).toContain('Someone already answered this referral.');
    expect((await bot.app.store.deals.get(TENANT, referralId))!.value.history.filter((h) => h.event === 'accepted')).toHaveLength(1);
    await drain();
    expect(events.delivered()).toHaveLength(1);
  });

  it('decline asks for a reason (Other needs one written) and notes; the outcome reaches every copy and the sender', async () => {
    const { body } = await intake(sample());
    const referralId = body.referralId as string;
    await drain();

    const form = await click(bot, connector, ben, 'referral.declineForm', { dealId: referralId, tenantId: TENANT });
    expect(cardText(form.card)).toContain('Declining closes the referral for good');
    const choices = (JSON.stringify(form.card).match(/"value":"(notAFit|noCapacity|customerNotReachable|duplicate|outsideLocation|budgetOrTiming|other)"/g) ?? []).length;
    expect(choices).toBe(7);

    const missing = await click(bot, connector, ben, 'referral.decline', { dealId: referralId, tenantId: TENANT, reason: 'other', reasonText: '', notes: '' });
    expect(cardText(missing.card)).toContain('Say why you decline.');
    expect((await bot.app.store.deals.get(TENANT, referralId))!.value.status).toBe('received');

    const declined = await click(bot, connector, ben, 'referral.decline', { dealId: referralId, tenantId: TENANT, reason: 'other', reasonText: 'Customer asked for a local partner', notes: 'Happy to help next time' });
    expect(cardText(declined.card)).toContain('Done: you declined this referral.');
    expect(cardText(declined.card)).toContain('Declined by Ben on Nov 20, 2026, 5:00 AM EST: Customer asked for a local partner.');

    await drain();
    const adaUpdate = connector.updates(personalConversation(ada));
    expect(adaUpdate).toHaveLength(1);
    // Ada reads it in her own time zone.
    expect(cardText(lastCard(adaUpdate[0]!))).toContain('Declined by Ben on Nov 20, 2026, 11:00 AM GMT+1');
    expect(events.delivered().map((e) => e.body)).toEqual([
      expect.objectContaining({ event: 'referral.declined', status: 'declined', reason: 'Customer asked for a local partner', notes: 'Happy to help next time' }),
    ]);
  });

  it('the Action.Submit fallback takes the same path and replaces the clicked card', async () => {
    const { body } = await intake(sample());
    const referralId = body.referralId as string;
    await drain();
    const copy = sentTo(ada)[0]!;
    const res = await submit(bot, connector, ada, { verb: 'referral.declineForm', dealId: referralId, tenantId: TENANT }, copy.createdId);
    expect(res.status).toBe(200);
    const update = connector.updates(personalConversation(ada)).at(-1)!;
    expect(update.activityId).toBe(copy.createdId);
    expect(cardText(lastCard(update))).toContain('Decline “Contoso – Azure migration”');
  });

  it('a repeated intake of the same id stores nothing new and notifies nobody again', async () => {
    const first = await intake(sample());
    await drain();
    const second = await intake(sample({ name: 'Changed name' }));
    expect(second).toEqual({ status: 200, body: { referralId: first.body.referralId, status: 'received' } });
    await drain();
    expect(sentTo(ada)).toHaveLength(1);
    expect((await bot.app.store.deals.get(TENANT, first.body.referralId as string))!.value.name).toBe('Contoso – Azure migration');
  });

  it('10 accepts at the same moment: exactly one wins, the others see the current state', async () => {
    const { body } = await intake(sample());
    const referralId = body.referralId as string;
    const inputs = { name: 'X', amount: '1', currency: 'EUR', closeDate: '2027-01-31', team0Name: 'A', team0Phone: '+33 6 00 00 00 00', team0Email: 'a@fabrikam.example' };
    const clicks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => click(bot, connector, i % 2 ? ada : ben, 'referral.accept', { dealId: referralId, tenantId: TENANT, ...inputs })),
    );
    const texts = clicks.map((c) => cardText(c.card));
    expect(texts.filter((t) => t.includes('Done: you accepted'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Someone already answered'))).toHaveLength(9);
    const deal = (await bot.app.store.deals.get(TENANT, referralId))!.value;
    expect(deal.history.filter((h) => h.event === 'accepted')).toHaveLength(1);
    await drain();
    expect(events.delivered()).toHaveLength(1);
  });

  it('when Teams re-sends the same invoke, the second gets the first answer and changes nothing', async () => {
    const { body } = await intake(sample());
    const referralId = body.referralId as string;
    const data = { dealId: referralId, tenantId: TENANT, reason: 'notAFit', notes: '' };
    const first = await click(bot, connector, ada, 'referral.decline', data, { id: 'retry-1' });
    const again = await click(bot, connector, ada, 'referral.decline', data, { id: 'retry-1' });
    expect(cardText(first.card)).toContain('Done: you declined');
    expect(again.card).toEqual(first.card);
    await say(bot, connector, ada, 'help', 'msg-1');
    await say(bot, connector, ada, 'help', 'msg-1');
    expect(connector.sent(personalConversation(ada)).filter((c) => cardText(cardsOf(c)[0]).includes('Co-sell assistant'))).toHaveLength(1);
  });

  it('reminders go out once at each lead time, then the referral expires once, its cards change and the sender is told', async () => {
    const { body } = await intake(sample());
    const referralId = body.referralId as string;
    await bot.app.sweeper.sweepOnce();
    await drain();
    const reminders = () => sentTo(ada).filter((c) => cardText(lastCard(c)).includes('Reminder:'));
    expect(reminders()).toHaveLength(0);

    clock.set('2026-11-27T09:30:00Z');
    expect((await bot.app.sweeper.sweepOnce()).reminders).toBe(1);
    expect((await bot.app.sweeper.sweepOnce()).reminders).toBe(0);
    await drain();
    expect(reminders()).toHaveLength(1);
    expect(cardText(lastCard(reminders()[0]!))).toContain('Reminder: 7 days left to answer this referral');
    expect(sentTo(ben).filter((c) => cardText(lastCard(c)).includes('Reminder:'))).toHaveLength(1);
    expect(sentTo(cy)).toHaveLength(0);

    // Cards are rendered when sent, so each reminder says how long is left at that moment.
    clock.set('2026-12-01T09:30:00Z');
    await bot.app.sweeper.sweepOnce();
    await drain();
    clock.set('2026-12-03T09:30:00Z');
    await bot.app.sweeper.sweepOnce();
    await drain();
    expect(reminders().map((c) => cardText(lastCard(c)).match(/Reminder: ([^\n]+) left to answer/)![1])).toEqual(['7 days', '3 days', '1 day']);

    clock.set('2026-12-04T09:30:00Z');
    expect((await bot.app.sweeper.sweepOnce()).expired).toBe(1);
    expect((await bot.app.sweeper.sweepOnce()).expired).toBe(0);
    await drain();
    expect((await bot.app.store.deals.get(TENANT, referralId))!.value.status).toBe('expired');
    // All four copies Ada received (the referral and three reminders) now say it expired; only Open deal is left.
    const adaUpdates = connector.updates(personalConversation(ada));
    expect(new Set(adaUpdates.map((u) => u.activityId)).size).toBe(4);
    for (const u of adaUpdates) {
      expect(cardText(lastCard(u))).toContain('Expired on Dec 4, 2026');
      expect(actionsOf(lastCard(u)).map((a) => a.verb)).toEqual(['deal.show']);
    }
    expect(events.delivered().map((e) => e.body.event)).toEqual(['referral.expired']);
  });

  it('a 429 with Retry-After is waited out and the card is delivered once', async () => {
    connector.enqueue({ status: 429, headers: { 'retry-after': '2' }, conversationId: personalConversation(ada) });
    await intake(sample());
    await drain();
    expect(sentTo(ada)).toHaveLength(0);
    expect(connector.calls.filter((c) => c.conversationId === personalConversation(ada) && c.status === 429)).toHaveLength(1);
    clock.advance({ seconds: 1 });
    await drain();
    expect(sentTo(ada)).toHaveLength(0);
    clock.advance({ seconds: 2 });
    await drain();
    expect(sentTo(ada)).toHaveLength(1);
    expect(sentTo(ben)).toHaveLength(1);
  });

  it('a 403 is not retried: the conversation is dropped and nothing is sent there again', async () => {
    connector.enqueue({ status: 403, conversationId: personalConversation(ada) });
    await intake(sample());
    await drain();
    clock.advance({ hours: 1 });
    await drain();
    expect(connector.calls.filter((c) => c.conversationId === personalConversation(ada) && c.method === 'POST' && c.path.endsWith('/activities'))).toHaveLength(1);
    expect(await bot.app.store.conversations.get(TENANT, personalConversation(ada))).toBeUndefined();
    expect((await bot.app.store.members.get(TENANT, ada.aadObjectId))!.value.installed).toBe(false);
    await intake(sample({ id: 'pc-second' }));
    await drain();
    expect(connector.calls.filter((c) => c.conversationId === personalConversation(ada) && c.method === 'POST' && c.path.endsWith('/activities'))).toHaveLength(1);
    expect(sentTo(ben)).toHaveLength(2);
  });

  it('uninstalling drops the conversation reference; writing again brings it back with the new serviceUrl', async () => {
    await uninstall(bot, connector, ben);
    expect(await bot.app.store.conversations.get(TENANT, personalConversation(ben))).toBeUndefined();
    await intake(sample());
    await drain();
    expect(sentTo(ben)).toHaveLength(0);
    expect(sentTo(ada)).toHaveLength(1);
  });

  it('a failed event delivery is retried with backoff until the receiver takes it, with the same eventId', async () => {
    events.failNext(503, 500);
    const { body } = await intake(sample());
    await click(bot, connector, ada, 'referral.decline', { dealId: body.referralId, tenantId: TENANT, reason: 'noCapacity' });
    await drain();
    clock.advance({ minutes: 5 });
    await drain();
    clock.advance({ minutes: 5 });
    await drain();
    expect(events.received.map((e) => e.status)).toEqual([503, 500, 204]);
    expect(new Set(events.received.map((e) => e.body.eventId)).size).toBe(1);
  });
});

describe('bad input on card actions', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;
  let referralId: string;
  const lines: string[] = [];

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    const { createLogger } = await import('../../bot/logger');
    bot = await startTestApp({ REFERRAL_INTAKE_KEY: KEY }, { clock: new FixedClock('2026-11-20T10:00:00Z'), workers: false, logger: createLogger('info', { write: (l) => lines.push(l) }) });
    for (const user of [ada, cy, dora]) await install(bot, connector, user);
    const res = await fetch(`${bot.url}/api/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(sample()) });
    referralId = ((await res.json()) as { referralId: string }).referralId;
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it.each<[string, () => [typeof ada, string, Record<string, unknown>], RegExp]>([
    ['a deal the user may not see (referral user, no scope)', () => [cy, 'referral.accept', { dealId: referralId, tenantId: TENANT }], /on its team and FR is in your location scope/],
    ['a deal of another organization (forged tenant)', () => [dora, 'referral.acceptForm', { dealId: referralId, tenantId: TENANT }], /sent something I cannot read/],
    ['missing data', () => [ada, 'referral.decline', {}], /sent something I cannot read/],
    ['a forged deal id', () => [ada, 'referral.show', { dealId: '../../etc/passwd', tenantId: TENANT }], /sent something I cannot read/],
    ['an unknown deal', () => [ada, 'referral.show', { dealId: 'D000000000000', tenantId: TENANT }], /could not find that deal/],
    ['an unknown verb', () => [ada, 'referral.approveEverything', { dealId: referralId, tenantId: TENANT }], /This card is out of date/],
  ])('%s → a clear error card, no state change, logged', async (_label, make, message) => {
    const [user, verb, data] = make();
    const before = await bot.app.store.deals.get(TENANT, referralId);
    const res = await click(bot, connector, user, verb, data);
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toMatch(message);
    expect(await bot.app.store.deals.get(TENANT, referralId)).toEqual(before);
    expect(lines.join('')).toMatch(/refused/);
  });
});
