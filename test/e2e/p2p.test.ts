import { FixedClock } from '../../services/clock';
import type { Deal } from '../../services/domain/model';
import type { TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn, type ConnectorCall } from '../support/connector';
import { OTHER_TENANT, TENANT } from '../support/fixtures';
import { actionsOf, click, inputsOf, install, personalConversation, teamsUser, type TeamsUser } from '../support/teams';
import { cardProblems, command, press, startBot, type Card } from '../dialogs/support';

/*
 * Partner to partner inside one deployment, through the real HTTP server: Fabrikam invites Tailspin
 * (found by partner search); Tailspin receives it as an inbound P2P referral — the same card and
 * flow as any referral — and its answer (or its silence for 14 days) shows on Fabrikam's deal card.
 */

const ada = teamsUser('ada'); // Fabrikam's referral admin
const tia = teamsUser('tia', { tenantId: OTHER_TENANT, email: 'tia@tailspin.example' }); // Tailspin's referral admin
const tom = teamsUser('tom', { tenantId: OTHER_TENANT, email: 'tom@tailspin.example' }); // Tailspin referral user, no scope yet

describe('partner to partner between two organizations of this deployment', () => {
  let connector: ConnectorStandIn;
  let clock: FixedClock;
  let bot: TestApp;

  const drain = () => bot.app.dispatcher.drain();
  const cardsTo = (user: TeamsUser) => connector.sent(personalConversation(user)).filter((c) => cardsOf(c).length > 0);
  const first = (call: ConnectorCall) => cardsOf(call)[0]!;
  const dealsOf = async (tenantId: string): Promise<Deal[]> => (await bot.app.store.deals.list(tenantId, {}, { limit: 20 })).items.map((s) => s.value);

  /** Ada creates a deal with the dialog, inviting Tailspin found by partner search. */
  async function createInvitingTailspin(name: string): Promise<Deal> {
    let card = await command(bot, connector, ada, 'new deal');
    card = await press(bot, connector, ada, card, 'next', { customerCountry: 'FR', customerName: 'Northwind Traders', contactName: 'Léa Dubois', contactEmail: 'lea@northwind.example' });
    card = await press(bot, connector, ada, card, 'next', { name, amount: '120000', currency: 'EUR', closeDate: '2027-06-30', notes: 'Internal: budget is tight' });
    card = await press(bot, connector, ada, card, 'next', { team0Phone: '+33 1 02 03 04 05' });
    card = await press(bot, connector, ada, card, 'next', { microsoft: 'Azure Synapse' });
    card = await press(bot, connector, ada, card, 'next', {});
    card = await press(bot, connector, ada, card, 'search', { partnerQuery: 'TAILSPIN' });
    expect(inputsOf(card)).toHaveProperty('partnerPick');
    card = await press(bot, connector, ada, card, 'add', { partnerPick: OTHER_TENANT, partnerAmount: '40000', partnerNotes: 'You know their backup estate', partnerHelp: 'Backup migration' });
    card = await press(bot, connector, ada, card, 'next', {});
    card = await press(bot, connector, ada, card, 'create');
    expect(cardText(card)).toContain('Outbound · Partner to partner');
    return (await dealsOf(TENANT)).find((d) => d.name === name)!;
  }

  /** The deal card Ada holds (sent by "deal <name>"), to see later changes arrive on it. */
  async function adaHoldsCard(name: string): Promise<ConnectorCall> {
    await command(bot, connector, ada, `deal ${name}`);
    return cardsTo(ada).at(-1)!;
  }
  const latestVersion = (copy: ConnectorCall): Card => {
    const updates = connector.updates(personalConversation(ada)).filter((u) => u.activityId === copy.createdId);
    return first(updates.at(-1) ?? copy);
  };

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    clock = new FixedClock('2026-11-20T10:00:00Z');
    bot = await startBot(clock);
    for (const user of [ada, tia, tom]) await install(bot, connector, user);
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('partner search finds organizations of this deployment by name, never the searcher’s own', async () => {
    const created = (await bot.app.store.organizations.get(OTHER_TENANT))!.value.name;
    expect(created).toBe('tailspin.example');
    const deal = await dealsOf(TENANT);
    expect(deal).toEqual([]);
    let card = await command(bot, connector, ada, 'new deal');
    for (const typed of [
      { customerCountry: 'FR', customerName: 'N' },
      { name: 'D', amount: '1', currency: 'EUR', closeDate: '2027-01-31' },
      { team0Phone: '+33 1 02 03 04 05' },
      { microsoft: 'Azure' },
      {},
    ]) {
      card = await press(bot, connector, ada, card, 'next', typed);
    }
    const tail = await press(bot, connector, ada, card, 'search', { partnerQuery: 'spin' });
    expect(cardText(tail)).toContain('tailspin.example');
    const own = await press(bot, connector, ada, card, 'search', { partnerQuery: 'fabrikam' });
    expect(cardText(own)).toContain('No partner using this bot has that name.');
  });

  it('invite → the invited organization gets an inbound P2P referral → it accepts → the inviter’s deal card shows it', async () => {
    const deal = await createInvitingTailspin('Northwind – data platform');
    const copy = await adaHoldsCard('Northwind – data platform');
    expect(cardText(first(copy))).toContain('tailspin.example · Pending');

    await drain();
    // Tailspin's admin gets the referral card; its referral user (no scope, not on a team) does not.
    const received = cardsTo(tia).filter((c) => cardText(first(c)).includes('New partner referral'));
    expect(received).toHaveLength(1);
    expect(cardsTo(tom).filter((c) => cardText(first(c)).includes('New partner referral'))).toHaveLength(0);
    const referralCard = first(received[0]!);
    const text = cardText(referralCard);
    for (const expected of ['Partner to partner · from fabrikam.example', 'Northwind – data platform', 'Northwind Traders (France)', '€40,000', 'Jun 30, 2027', 'Ada, fabrikam.example (ada@fabrikam.example)', 'Backup migration', 'You know their backup estate', 'Azure Synapse', '14 days left']) {
      expect(text).toContain(expected);
    }
    // What stays with the inviter: its internal notes and the customer's contact (consented for Microsoft only).
    expect(text).not.toContain('budget is tight');
    expect(text).not.toContain('Léa Dubois');
    expect(cardProblems(referralCard)).toEqual([]);

    const inbound = (await dealsOf(OTHER_TENANT))[0]!;
    expect(inbound).toMatchObject({ direction: 'inbound', status: 'received', inbound: { inviterDealId: deal.id, invitationId: '1', sender: { type: 'Partner', tenantId: TENANT } } });
    expect((await bot.app.store.deals.get(TENANT, deal.id))!.value.invitations[0]!.remoteDealId).toBe(inbound.id);

    // Tailspin accepts with the same card and flow as any referral.
    const form = await press(bot, connector, tia, referralCard, 'referral.acceptForm');
    const accepted = await press(bot, connector, tia, form, 'referral.accept', { team0Name: tia.name, team0Email: tia.email, team0Phone: '+44 20 7946 0000' });
    expect(cardText(accepted)).toContain('Done: you accepted this referral.');
    await drain();

    const invitation = (await bot.app.store.deals.get(TENANT, deal.id))!.value.invitations[0]!;
    expect(invitation).toMatchObject({ status: 'accepted', remoteDealId: inbound.id, respondedAt: '2026-11-20T10:00:00.000Z' });
    expect(cardText(latestVersion(copy))).toContain('tailspin.example · Accepted');
    expect(cardText(latestVersion(copy))).toContain('Invitation accepted — tailspin.example');
    // Fabrikam's admins are told, as for any referral they sent, and can open their own deal from it (issue 13, item 3).
    const told = cardsTo(ada).map(first).find((c) => cardText(c).includes('tailspin.example accepted “Northwind – data platform”'))!;
    expect(actionsOf(told).map((a) => [a.verb, a.title, a.data])).toEqual([['deal.show', 'Open your deal', { dealId: deal.id, tenantId: TENANT }]]);
    expect(cardText((await click(bot, connector, ada, 'deal.show', { dealId: deal.id, tenantId: TENANT })).card)).toContain('tailspin.example · Accepted');

    // Once it accepted, the invited partner may change its close date and value on its own deal.
    const own = await click(bot, connector, tia, 'deal.editForm', { dealId: inbound.id, tenantId: OTHER_TENANT });
    const edited = await press(bot, connector, tia, own.card, 'deal.edit', { amount: '45000', closeDate: '2027-07-31' });
    expect(cardText(edited)).toContain('Your changes are saved.');
    expect((await bot.app.store.deals.get(OTHER_TENANT, inbound.id))!.value).toMatchObject({ value: { amount: 45000 }, closeDate: '2027-07-31' });
  });

  it('a partner invited later declines with a reason: the inviter’s deal shows it', async () => {
    const deal = (await (async () => {
      let card = await command(bot, connector, ada, 'new deal');
      for (const typed of [
        { customerCountry: 'FR', customerName: 'Contoso' },
        { name: 'Contoso later', amount: '10', currency: 'EUR', closeDate: '2027-01-31' },
        { team0Phone: '+33 1 02 03 04 05' },
        { microsoft: 'Azure' },
        {},
        {},
      ]) {
        card = await press(bot, connector, ada, card, 'next', typed);
      }
      await press(bot, connector, ada, card, 'create');
      return (await dealsOf(TENANT))[0]!;
    })())!;
    const copy = await adaHoldsCard('Contoso later');
    const form = await click(bot, connector, ada, 'deal.inviteForm', { dealId: deal.id, tenantId: TENANT });
    const searched = await press(bot, connector, ada, form.card, (a) => a.verb === 'deal.inviteForm', { partnerQuery: 'tailspin' });
    const invited = await press(bot, connector, ada, searched, 'deal.invitePartner', { partnerPick: OTHER_TENANT, partnerAmount: '5' });
    expect(cardText(invited)).toContain('tailspin.example is invited.');
    await drain();
    const referralCard = first(cardsTo(tia).find((c) => cardText(first(c)).includes('Contoso later'))!);
    const declineForm = await press(bot, connector, tia, referralCard, 'referral.declineForm');
    await press(bot, connector, tia, declineForm, 'referral.decline', { reason: 'noCapacity', notes: 'Maybe next quarter' });
    await drain();
    expect((await bot.app.store.deals.get(TENANT, deal.id))!.value.invitations[0]).toMatchObject({ status: 'declined', reason: 'noCapacity' });
    expect(cardText(latestVersion(copy))).toContain('tailspin.example · Declined');
    expect(cardText(latestVersion(copy))).toContain('reason: No capacity right now');
    expect(actionsOf(latestVersion(copy)).map((a) => a.verb)).toContain('deal.inviteForm');
  });

  it('an invitation not answered in 14 days expires, and the inviter’s deal shows it', async () => {
    const deal = await createInvitingTailspin('Silent deal');
    const copy = await adaHoldsCard('Silent deal');
    await drain();
    clock.advance({ days: 14 });
    expect((await bot.app.sweeper.sweepOnce()).expired).toBe(1);
    await drain();
    expect((await bot.app.store.deals.get(TENANT, deal.id))!.value.invitations[0]).toMatchObject({ status: 'expired' });
    expect(cardText(latestVersion(copy))).toContain('tailspin.example · Expired');
    expect(cardsTo(ada).some((c) => cardText(first(c)).includes('did not answer in time on “Silent deal”'))).toBe(true);
  });

  it('delivering the same invitation twice creates one referral and one notification', async () => {
    await createInvitingTailspin('Once only');
    await drain();
    const item = await bot.app.store.outbox.get(`p2pinvite:${TENANT}:${(await dealsOf(TENANT))[0]!.id}:1`);
    expect(item).toMatchObject({ status: 'done', kind: 'p2p.invite' });
    // A second delivery of the same invitation (e.g. after a crash before the item was settled).
    await bot.app.store.outbox.enqueue([{ ...item!, id: `${item!.id}:again` }]);
    await drain();
    expect(await dealsOf(OTHER_TENANT)).toHaveLength(1);
    expect(cardsTo(tia).filter((c) => cardText(first(c)).includes('Once only'))).toHaveLength(1);
  });
});
