import { FixedClock } from '../../services/clock';
import type { Deal } from '../../services/domain';
import { contractExample } from '../../services/referrals/contractExample';
import { contractPath } from '../../services/referrals/intake';
import type { TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { TENANT } from '../support/fixtures';
import { install, personalConversation, teamsUser } from '../support/teams';
import { KEY, startBot } from '../dialogs/support';

/*
 * Issue 10, finding 3 (and 12): the intake accepted referrals the store then refused (500, retried for
 * ever by a sync job) and far-future dates that broke the sweeper's order. What the intake accepts is
 * now stored, its card sent; what the store would refuse, or a date no referral can have, is a 400
 * naming the contract's field. Through the real HTTP server and the store.
 */

const ada = teamsUser('ada'); // first to install: referral admin, gets every new referral's card
const NOW = '2026-11-20T10:00:00.000Z';

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...contractExample(), tenantId: TENANT, createdDateTime: '2026-11-20T09:30:00Z', ...overrides };
}

/** The contract example's customer, with one contact as given. */
function withContact(contact: Record<string, unknown>): Record<string, unknown> {
  return { customerProfile: { ...contractExample().customerProfile, team: [{ firstName: 'Léa', lastName: 'Dubois', email: 'lea.dubois@contoso.example', ...contact }] } };
}

function withClosing(closingDateTime: string): Record<string, unknown> {
  return { details: { ...contractExample().details, closingDateTime } };
}

describe('the intake stores what it accepts (issue 10, findings 3 and 12)', () => {
  let connector: ConnectorStandIn;
  let clock: FixedClock;
  let bot: TestApp;

  const post = async (payload: unknown) => {
    const res = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify(payload),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = async (): Promise<Deal[]> => (await bot.app.store.deals.list(TENANT, {}, { limit: 50 })).items.map((s) => s.value);
  const cardsToAda = () => connector.sent(personalConversation(ada)).flatMap(cardsOf).filter((c) => cardText(c).includes('New co-sell referral'));

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    clock = new FixedClock(NOW);
    bot = await startBot(clock);
    await install(bot, connector, ada);
    // The install hands Ada the referrals waiting (none yet): done before each test counts the outbox.
    await bot.app.dispatcher.drain();
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  describe('values the contract allows are stored as given, and their card is sent', () => {
    it.each<[string, Record<string, unknown>, (deal: Deal) => void, string]>([
      [
        'a customer phone with an extension, "+33 1 23 45 67 89 ext 12"',
        withContact({ phoneNumber: '+33 1 23 45 67 89 ext 12' }),
        (deal) => expect(deal.customer.contacts).toEqual([{ name: 'Léa Dubois', email: 'lea.dubois@contoso.example', phone: '+33 1 23 45 67 89 ext 12' }]),
        'Léa Dubois · lea.dubois@contoso.example · +33 1 23 45 67 89 ext 12',
      ],
      [
        'a customer phone "n/a"',
        withContact({ phoneNumber: 'n/a' }),
        (deal) => expect(deal.customer.contacts[0]!.phone).toBe('n/a'),
        'Léa Dubois · lea.dubois@contoso.example · n/a',
      ],
      [
        'a phone of 40 characters, the contract’s limit',
        withContact({ phoneNumber: `+${'1'.repeat(39)}` }),
        (deal) => expect(deal.customer.contacts[0]!.phone).toBe(`+${'1'.repeat(39)}`),
        `+${'1'.repeat(39)}`,
      ],
      [
        'first and last names of 100 characters each',
        withContact({ firstName: 'F'.repeat(100), lastName: 'L'.repeat(100) }),
        (deal) => expect(deal.customer.contacts[0]!.name).toBe(`${'F'.repeat(100)} ${'L'.repeat(100)}`),
        // Stored whole; the referral card shortens so long a name with "…" (cards/referral.ts).
        `${'F'.repeat(100)} ${'L'.repeat(90)}`,
      ],
    ])('when a referral has %s, then it is 201, stored as given and its card reaches the admin', async (_label, overrides, check, onCard) => {
      const res = await post(body(overrides));
      expect(res).toEqual({ status: 201, body: { referralId: expect.stringMatching(/^D/), status: 'received' } });
      const deal = (await bot.app.store.deals.get(TENANT, res.body.referralId as string))!.value;
      check(deal);
      await bot.app.dispatcher.drain();
      expect(cardsToAda()).toHaveLength(1);
      expect(cardText(cardsToAda()[0])).toContain(onCard);
    });
  });

  describe('instants at the edges of the plausible window are stored', () => {
    it.each<[string, Record<string, unknown>, Partial<Record<'createdAt' | 'expiresAt' | 'closeDate', string>>]>([
      ['created exactly a day after receipt (a sender’s clock ahead of ours)', { createdDateTime: '2026-11-21T10:00:00Z' }, { createdAt: '2026-11-21T10:00:00.000Z', expiresAt: '2026-12-05T10:00:00.000Z' }],
      ['created on 2000-01-01', { createdDateTime: '2000-01-01T00:00:00Z' }, { createdAt: '2000-01-01T00:00:00.000Z', expiresAt: '2000-01-15T00:00:00.000Z' }],
      ['expiring exactly a year after creation', { expirationDateTime: '2027-11-20T09:30:00Z' }, { expiresAt: '2027-11-20T09:30:00.000Z' }],
      ['created with an offset, stored in UTC', { createdDateTime: '2026-11-20T11:30:00+02:00' }, { createdAt: '2026-11-20T09:30:00.000Z' }],
      ['closing on 2100-12-31', withClosing('2100-12-31'), { closeDate: '2100-12-31' }],
      ['closing on 2000-01-01 (a date-time keeps its calendar date)', withClosing('2000-01-01T23:00:00-05:00'), { closeDate: '2000-01-01' }],
    ])('when a referral is %s, then it is 201 and stored so', async (_label, overrides, expected) => {
      const res = await post(body(overrides));
      expect(res.status).toBe(201);
      const deal = (await bot.app.store.deals.get(TENANT, res.body.referralId as string))!.value;
      expect({ createdAt: deal.createdAt, expiresAt: deal.inbound!.expiresAt, closeDate: deal.closeDate }).toMatchObject(expected);
    });
  });

  describe('values the store would refuse, or no referral can have, are a 400 naming the field; nothing is stored', () => {
    it.each<[string, Record<string, unknown>, string, string]>([
      ['createdDateTime 2026-02-31 (no such day)', { createdDateTime: '2026-02-31T09:30:00.000Z' }, 'createdDateTime', 'Enter a date and time in ISO 8601, such as 2026-11-20T09:30:00Z.'],
      ['expirationDateTime 2026-11-31 (no such day)', { expirationDateTime: '2026-11-31T09:30:00.000Z' }, 'expirationDateTime', 'Enter a date and time in ISO 8601, such as 2026-11-20T09:30:00Z.'],
      ['closingDateTime 0000-01-01', withClosing('0000-01-01'), 'details.closingDateTime', 'Enter a date from 2000 to 2100.'],
      ['closingDateTime 1999-12-31', withClosing('1999-12-31'), 'details.closingDateTime', 'Enter a date from 2000 to 2100.'],
      ['closingDateTime 2101-01-01', withClosing('2101-01-01T00:00:00Z'), 'details.closingDateTime', 'Enter a date from 2000 to 2100.'],
      ['closingDateTime 2027-02-29 (not a leap year)', withClosing('2027-02-29'), 'details.closingDateTime', 'Enter a date as YYYY-MM-DD.'],
      ['createdDateTime 9999-12-31 (finding 12)', { createdDateTime: '9999-12-31T23:59:59.999Z' }, 'createdDateTime', 'Must not be more than a day after the time of receipt.'],
      ['createdDateTime a millisecond past a day after receipt', { createdDateTime: '2026-11-21T10:00:00.001Z' }, 'createdDateTime', 'Must not be more than a day after the time of receipt.'],
      ['createdDateTime 1999-12-31T23:59:59.999Z', { createdDateTime: '1999-12-31T23:59:59.999Z' }, 'createdDateTime', 'Must be in 2000 or later.'],
      ['createdDateTime in year 10000', { createdDateTime: '+010000-01-01T00:00:00Z' }, 'createdDateTime', 'Enter a date and time in ISO 8601, such as 2026-11-20T09:30:00Z.'],
      ['expirationDateTime a year and a millisecond after creation', { expirationDateTime: '2027-11-20T09:30:00.001Z' }, 'expirationDateTime', 'Must be at most one year after createdDateTime.'],
      ['expirationDateTime 9999-12-31', { expirationDateTime: '9999-12-31T23:59:59.999Z' }, 'expirationDateTime', 'Must be at most one year after createdDateTime.'],
      ['expirationDateTime before the time of receipt, without createdDateTime', { createdDateTime: undefined, expirationDateTime: '2026-11-20T09:59:59Z' }, 'expirationDateTime', 'Must be later than createdDateTime.'],
      ['a phone of 41 characters', withContact({ phoneNumber: `+${'1'.repeat(40)}` }), 'customerProfile.team.0.phoneNumber', 'Too long.'],
      ['a first name of 101 characters', withContact({ firstName: 'F'.repeat(101) }), 'customerProfile.team.0.firstName', 'Too long.'],
    ])('when a referral has %s, then it is 400 at that field', async (_label, overrides, path, message) => {
      const res = await post(body(overrides));
      expect(res).toEqual({ status: 400, body: { error: 'invalid_referral', issues: [{ path, message }] } });
      expect(await stored()).toEqual([]);
      expect((await bot.app.store.outbox.counts()).pending).toBe(0);
    });
  });

  describe('the dates the store writes sort as strings (finding 12)', () => {
    it('when the latest referral the intake allows arrives, then its instants have four-digit years, the sweep at receipt skips it, and it comes due at its first reminder', async () => {
      const res = await post(body({ id: 'latest', createdDateTime: '2026-11-21T10:00:00Z', expirationDateTime: '2027-11-21T10:00:00Z' }));
      expect(res.status).toBe(201);
      const deal = (await bot.app.store.deals.get(TENANT, res.body.referralId as string))!.value;
      expect(deal.dueAt).toBe('2027-11-14T10:00:00.000Z');
      for (const instant of [deal.createdAt, deal.updatedAt, deal.dueAt!, deal.inbound!.receivedAt, deal.inbound!.expiresAt]) {
        expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
      expect((await bot.app.store.deals.listDue(NOW, { limit: 10 })).items).toEqual([]);
      expect(await bot.app.sweeper.sweepOnce()).toMatchObject({ examined: 0, changed: 0 });
      clock.set('2027-11-14T10:00:00Z');
      expect(await bot.app.sweeper.sweepOnce()).toMatchObject({ examined: 1, reminders: 1 });
    });

    it.each([
      ['a year past 9999', '+010000-01-07T23:59:59.999Z'],
      ['a negative year', '-000001-01-01T00:00:00.000Z'],
      ['a day that does not exist', '2026-02-31T00:00:00.000Z'],
    ])('when anything tries to store an instant in %s, then the store refuses it (it would not sort, or not be a time)', async (_label, instant) => {
      const res = await post(body());
      const deal = (await bot.app.store.deals.get(TENANT, res.body.referralId as string))!.value;
      await expect(bot.app.store.deals.create({ ...deal, id: 'D0000000000ZZ', dueAt: instant })).rejects.toThrow();
      expect((await bot.app.store.deals.listDue('2030-01-01T00:00:00.000Z', { limit: 10 })).items.map((s) => s.value.id)).toEqual([deal.id]);
    });
  });
});

describe('an issue the store raises about the deal names the contract field it came from', () => {
  it.each<[string, string]>([
    ['customer.contacts.3.phone', 'customerProfile.team.3.phoneNumber'],
    ['customer.contacts.0.name', 'customerProfile.team.0'],
    ['customer.contacts.2.email', 'customerProfile.team.2.email'],
    ['customer.city', 'customerProfile.address.city'],
    ['customer.duns', 'customerProfile.duns'],
    ['inbound.expiresAt', 'expirationDateTime'],
    ['dueAt', 'expirationDateTime'],
    ['createdAt', 'createdDateTime'],
    ['inbound.sender.email', 'sender.email'],
    ['history.0.by.name', 'sender.name'],
    ['inbound.externalId', 'id'],
    ['inbound.inviteContext.notes', 'inviteContext.notes'],
    ['value.amount', 'details.dealValue'],
    ['closeDate', 'details.closingDateTime'],
    ['solutions.4.publisher', 'details.requirements.solutions.4.publisher'],
    ['name', 'name'],
    ['inbound.remindersDone', '(body)'],
  ])('when the deal field is %s, then the issue is at %s', (dealPath, path) => {
    expect(contractPath(dealPath.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)))).toBe(path);
  });
});
