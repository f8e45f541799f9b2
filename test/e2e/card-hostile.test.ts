import { MAX_CARD_BYTES } from '../../cards/render';
import { HOSTILE } from '../../cards/hostile';
import { FixedClock } from '../../services/clock';
import type { TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn, type ConnectorCall } from '../support/connector';
import { OTHER_TENANT, TENANT } from '../support/fixtures';
import { actionsOf, click, install, personalConversation, teamsUser, type TeamsUser } from '../support/teams';
import { plainTextProblems } from '../cards/markdown';
import { command, KEY, press, startBot, type Card } from '../dialogs/support';

/*
 * Issue 10, findings 8 and 9, through the real HTTP server, the intake, the outbox worker and the
 * sender; what the connector stand-in receives is what Teams would show.
 * - Markdown injection across organizations: a partner's referral whose every text field is hostile,
 *   declined with a hostile reason by an admin whose display name is hostile, and a P2P invitation with
 *   a hostile note, reach cards in both organizations as plain text.
 * - Cards over Teams' size limit: a referral at the contract's limits (two 4,000-character Chinese
 *   notes, 50 solutions of 200 characters, 50 customer contacts) makes no message, and no card
 *   answered on a click, of 28 KB or more.
 */

const fabrikamAdmin = teamsUser('ada', { name: HOSTILE }); // first to install in TENANT: referral admin; named by an attacker
const senderAdmin = teamsUser('tia', { tenantId: OTHER_TENANT, email: 'tia@tailspin.example' }); // the sending organization's admin

/** A partner organization that uses this deployment (OTHER_TENANT) sends Fabrikam a referral. */
function referralBody(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'pc-hostile',
    tenantId: TENANT,
    name: 'Contoso – Azure migration',
    location: 'FR',
    sender: { type: 'Partner', organizationName: 'Tailspin Toys', name: 'Tia', email: 'tia@tailspin.example', tenantId: OTHER_TENANT },
    customerProfile: { name: 'Contoso SA', address: { city: 'Paris', country: 'FR' } },
    details: { dealValue: 250000, currency: 'EUR', closingDateTime: '2027-03-31' },
    createdDateTime: '2026-11-20T09:30:00Z',
    ...overrides,
  };
}

/** Chinese filler: 3 bytes a character in UTF-8. */
const cjk = (length: number): string => '客户希望在第二季度之前迁出数据中心并保持系统运行同时培训员工'.repeat(Math.ceil(length / 30)).slice(0, length);
const ascii = (length: number, word: string): string => `${word} `.repeat(Math.ceil(length / (word.length + 1))).slice(0, length).trim().padEnd(length, 'x');

const bytes = (json: unknown): number => Buffer.byteLength(JSON.stringify(json), 'utf8');

describe('cards across organizations, through the real server', () => {
  let connector: ConnectorStandIn;
  let clock: FixedClock;
  let bot: TestApp;

  const drain = () => bot.app.dispatcher.drain();
  const cardsTo = (user: TeamsUser): ConnectorCall[] => connector.sent(personalConversation(user)).filter((c) => cardsOf(c).length > 0 && !cardText(cardsOf(c)[0]).includes('Welcome'));
  const updatesTo = (user: TeamsUser): ConnectorCall[] => connector.updates(personalConversation(user));
  const first = (call: ConnectorCall): Card => cardsOf(call)[0]!;
  const intake = async (body: unknown) => {
    const raw = JSON.stringify(body);
    const res = await fetch(`${bot.url}/api/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: raw });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, bytes: Buffer.byteLength(raw) };
  };

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    clock = new FixedClock('2026-11-20T10:00:00Z');
    bot = await startBot(clock);
    for (const user of [fabrikamAdmin, senderAdmin]) await install(bot, connector, user);
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('when a partner sends a referral with hostile text in every field and it is declined with a hostile reason, then every card in both organizations shows it as plain text', async () => {
    const res = await intake(
      referralBody({
        name: HOSTILE,
        sender: { type: 'Partner', organizationName: HOSTILE, name: HOSTILE, email: 'tia@tailspin.example', tenantId: OTHER_TENANT },
        customerProfile: {
          name: HOSTILE,
          address: { city: HOSTILE, country: 'FR' },
          team: [{ firstName: HOSTILE, lastName: HOSTILE, email: 'lea.dubois@contoso.example', phoneNumber: '+33 1 23 45 67 89' }],
        },
        details: { dealValue: 250000, currency: 'EUR', closingDateTime: '2027-03-31', notes: HOSTILE, requirements: { solutions: [{ name: HOSTILE, publisher: HOSTILE }] } },
        inviteContext: { notes: HOSTILE, helpWanted: HOSTILE },
      }),
    );
    expect(res.status).toBe(201);
    const ref = { dealId: res.body.referralId as string, tenantId: TENANT };
    await drain();

    const received = cardsTo(fabrikamAdmin);
    expect(received).toHaveLength(1);
    const referralCard = first(received[0]!);
    expect(plainTextProblems(referralCard)).toEqual([]);
    // The link's text and its target are both shown, as text, never as a link.
    expect(JSON.stringify(referralCard)).not.toContain('](https://evil.example');
    expect(JSON.stringify(referralCard)).not.toContain('\u202E');

    for (const verb of ['referral.acceptForm', 'referral.declineForm', 'deal.show']) {
      const answer = await click(bot, connector, fabrikamAdmin, verb, ref);
      expect({ verb, problems: plainTextProblems(answer.card) }).toEqual({ verb, problems: [] });
    }

    const declined = await click(bot, connector, fabrikamAdmin, 'referral.decline', { ...ref, reason: 'other', reasonText: HOSTILE, notes: HOSTILE });
    expect(cardText(declined.card)).toContain('Done: you declined this referral.');
    expect(plainTextProblems(declined.card)).toEqual([]);
    await drain();

    // Fabrikam's copy of the referral card shows the outcome, hostile reason and all, as text.
    const update = updatesTo(fabrikamAdmin).find((u) => u.activityId === received[0]!.createdId)!;
    expect(cardText(first(update))).toContain('Declined by');
    expect(plainTextProblems(first(update))).toEqual([]);

    // The sending organization's admin is told, in another tenant: the decline reason, the notes and
    // the name of whoever declined were all chosen by the other side.
    const told = cardsTo(senderAdmin).filter((c) => cardText(first(c)).includes('Your referral was answered'));
    expect(told).toHaveLength(1);
    const outcome = first(told[0]!);
    expect(cardText(outcome)).toContain('declined');
    expect(plainTextProblems(outcome)).toEqual([]);
    expect(JSON.stringify(outcome)).not.toContain('**URGENT**');
  });

  it('when an organization invites a partner with a hostile note, then the invited organization’s referral card shows it as plain text', async () => {
    let card = await command(bot, connector, fabrikamAdmin, 'new deal');
    card = await press(bot, connector, fabrikamAdmin, card, 'next', { customerCountry: 'FR', customerName: HOSTILE, customerCity: HOSTILE });
    card = await press(bot, connector, fabrikamAdmin, card, 'next', { name: HOSTILE, amount: '120000', currency: 'EUR', closeDate: '2027-06-30', notes: HOSTILE });
    card = await press(bot, connector, fabrikamAdmin, card, 'next', { team0Phone: '+33 1 02 03 04 05' });
    card = await press(bot, connector, fabrikamAdmin, card, 'next', { microsoft: 'Azure Synapse' });
    card = await press(bot, connector, fabrikamAdmin, card, 'next', {});
    card = await press(bot, connector, fabrikamAdmin, card, 'search', { partnerQuery: 'tailspin' });
    card = await press(bot, connector, fabrikamAdmin, card, 'add', { partnerPick: OTHER_TENANT, partnerAmount: '40000', partnerNotes: HOSTILE, partnerHelp: HOSTILE });
    card = await press(bot, connector, fabrikamAdmin, card, 'next', {});
    // The seller's own summary shows what they typed, as text.
    expect(plainTextProblems(card)).toEqual([]);
    card = await press(bot, connector, fabrikamAdmin, card, 'create');
    expect(cardText(card)).toContain('Outbound · Partner to partner');
    await drain();

    const invitations = cardsTo(senderAdmin).filter((c) => cardText(first(c)).includes('New partner referral'));
    expect(invitations).toHaveLength(1);
    const invited = first(invitations[0]!);
    expect(plainTextProblems(invited)).toEqual([]);
    expect(cardText(invited)).toContain('re-verify your account');
  });

  it('when a referral at the contract’s limits arrives and is answered, then no message and no answered card reaches 28 KB, and the deal card shows the rest', async () => {
    const res = await intake(
      referralBody({
        id: 'pc-largest',
        name: cjk(200),
        sender: { type: 'Partner', organizationName: cjk(200), name: cjk(200), email: 'tia@tailspin.example', tenantId: OTHER_TENANT },
        customerProfile: {
          name: cjk(200),
          address: { city: cjk(120), country: 'FR' },
          duns: '987654321',
          team: Array.from({ length: 50 }, (_, i) => ({ firstName: ascii(99, 'Marie-Antoinette'), lastName: ascii(100, 'Dubois'), email: `contact${i}@contoso.example`, phoneNumber: '+33 1 23 45 67 89' })),
        },
        details: {
          dealValue: 1e15,
          currency: 'JPY',
          closingDateTime: '2027-12-31',
          notes: cjk(4000),
          requirements: { solutions: Array.from({ length: 50 }, (_, i) => ({ name: ascii(200, `Solution${i + 1} Azure Kubernetes Service Premium`), publisher: 'Fabrikam' })) },
        },
        inviteContext: { notes: cjk(4000), helpWanted: cjk(200) },
      }),
    );
    // Within the contract: the intake's 64 KiB body limit accepts it.
    expect(res.bytes).toBeLessThan(64 * 1024);
    expect(res.status).toBe(201);
    const ref = { dealId: res.body.referralId as string, tenantId: TENANT };
    const answered: { what: string; bytes: number }[] = [];
    const answer = async (what: string, verb: string, data: Record<string, unknown>): Promise<Card> => {
      const result = await click(bot, connector, fabrikamAdmin, verb, data);
      expect(result.status).toBe(200);
      answered.push({ what, bytes: bytes(result.raw) });
      return result.card;
    };

    await drain();
    const referralCard = first(cardsTo(fabrikamAdmin)[0]!);
    // Shortened, it says so and leads to the deal card.
    expect(cardText(referralCard)).toContain('Long texts are shortened here');
    expect(actionsOf(referralCard).map((a) => a.verb)).toEqual(['referral.assign', 'referral.acceptForm', 'referral.declineForm', 'deal.show']);

    // A reminder a week later is rendered again, from the same deal.
    clock.set('2026-11-27T09:30:00Z');
    expect((await bot.app.sweeper.sweepOnce()).reminders).toBe(1);
    await drain();
    expect(cardsTo(fabrikamAdmin).map((c) => cardText(first(c)))).toEqual([expect.stringContaining('New partner referral'), expect.stringContaining('Reminder: 7 days left to answer this referral')]);

    // The deal card carries more of the notes than the referral card, and says it is shortened.
    const dealCard = await answer('the deal card', 'deal.show', ref);
    const notesOf = (card: Card) => Math.max(...cardText(card).split('\n').filter((l) => l.startsWith('客户希望')).map((l) => l.length));
    expect(notesOf(dealCard)).toBeGreaterThan(notesOf(referralCard));
    expect(cardText(dealCard)).toContain('texts and lists ending in “…” are shortened');
    expect(cardText(dealCard)).toContain('Why you');
    expect(actionsOf(dealCard).map((a) => a.verb)).toEqual(expect.arrayContaining(['referral.acceptForm', 'referral.declineForm']));

    await answer('the accept form', 'referral.acceptForm', ref);
    await answer('the decline form', 'referral.declineForm', ref);
    const declined = await answer('the declined referral', 'referral.decline', { ...ref, reason: 'other', reasonText: cjk(200), notes: cjk(4000) });
    expect(cardText(declined)).toContain('Done: you declined this referral.');
    await drain();
    await answer('the declined deal card', 'deal.show', ref);

    // Every copy was updated, and the sender's admin was told, in another tenant.
    expect(updatesTo(fabrikamAdmin)).toHaveLength(2);
    const told = cardsTo(senderAdmin).filter((c) => cardText(first(c)).includes('Your referral was answered'));
    expect(told).toHaveLength(1);
    expect(cardText(first(told[0]!))).toContain('The notes end in “…”');

    // What Teams would have received: every message the bot sent or updated, whole activity included.
    const messages = connector.calls.filter((c) => (c.method === 'POST' || c.method === 'PUT') && c.path.includes('/activities'));
    expect(messages.length).toBeGreaterThanOrEqual(6);
    const tooBig = [...messages.map((c) => ({ what: `${c.method} ${c.conversationId}`, bytes: bytes(c.body) })), ...answered].filter((m) => m.bytes >= MAX_CARD_BYTES);
    expect(tooBig).toEqual([]);
  });
});
