import { DateTime } from 'luxon';
import { FixedClock } from '../../services/clock';
import { createDeal, dealDraftInput, type Deal, type Organization } from '../../services/domain';
import { parseLeadTimes } from '../../services/domain/schedule';
import type { TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { EventsReceiver } from '../support/eventsReceiver';
import { OTHER_TENANT, seq, TENANT } from '../support/fixtures';
import { coSellReadyOffer } from '../support/offers';
import { actionsOf, click, inputsOf, install, personalConversation, say, submit, teamsUser, type TeamsUser } from '../support/teams';
import { cardProblems, command, KEY, press, startBot, type Card } from '../dialogs/support';

/*
 * Deal work from chat, end to end through the HTTP server: the commands and lists, the deal status
 * card, every action on a deal and its refusals, and the Partner Center sync endpoints.
 */

const ada = teamsUser('ada'); // first to install: referral admin with global scope
const ben = teamsUser('ben'); // referral user, location scope FR
const cy = teamsUser('cy'); // referral user, location scope DE
const dora = teamsUser('dora', { tenantId: OTHER_TENANT, email: 'dora@tailspin.example' }); // another organization
const SECRET = 'events-secret-for-tests';
const RULES = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };

const person = (u: TeamsUser, phone = '+33 1 02 03 04 05') => ({ name: u.name, phone, email: u.email, userId: u.aadObjectId });
const consenting = { name: 'Northwind Traders', country: 'FR', city: 'Lyon', contacts: [{ name: 'Léa Dubois', phone: '+33 1 23 45 67 89', email: 'lea@northwind.example' }], contactConsent: true };

/** The contract's sample referral (as in referrals.test.ts). */
function referral(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'pc-7f3c2a',
    tenantId: TENANT,
    name: 'Contoso – Azure migration',
    location: 'FR',
    sender: { type: 'Microsoft', organizationName: 'Microsoft', name: 'Camille Martin', email: 'camille.martin@microsoft.example' },
    customerProfile: { name: 'Contoso SA', address: { city: 'Paris', country: 'FR' } },
    details: { dealValue: 250000, currency: 'EUR', closingDateTime: '2027-03-31', requirements: { solutions: [{ name: 'Azure Migrate', publisher: 'Microsoft' }] } },
    createdDateTime: '2026-11-20T09:30:00Z',
    ...overrides,
  };
}

describe('deal work from chat', () => {
  let connector: ConnectorStandIn;
  let events: EventsReceiver;
  let clock: FixedClock;
  let bot: TestApp;
  let seeded = 0;

  const store = () => bot.app.store;
  const drain = () => bot.app.dispatcher.drain();
  const get = async (id: string) => (await store().deals.get(TENANT, id))!.value;
  const org = async (): Promise<Organization> => (await store().organizations.get(TENANT))!.value;
  /** The verbs of a card's buttons ("Show team and history" only shows what the card holds: it has none). */
  const verbs = (card: Card) => actionsOf(card).map((a) => a.verb).filter(Boolean);

  /** An outbound deal created through the domain (arrange), `minutesAgo` before now so lists have an order. */
  async function seed(overrides: Record<string, unknown> = {}, minutesAgo = 0, tenant = TENANT): Promise<Deal> {
    const now = clock.now().minus({ minutes: minutesAgo });
    const draft = dealDraftInput(now.toISODate()!).parse({
      customer: { name: 'Northwind Traders', country: 'FR', city: 'Lyon' },
      name: `Deal ${++seeded}`,
      location: 'FR',
      value: { amount: '1000', currency: 'EUR' },
      closeDate: '2027-06-30',
      team: [person(ada)],
      solutions: [{ kind: 'microsoft', name: 'Azure Synapse' }],
      ...overrides,
    });
    const organization = tenant === TENANT ? await org() : (await store().organizations.get(tenant))!.value;
    const created = createDeal(draft, organization, { actor: { kind: 'user', id: ada.aadObjectId, name: 'Ada' }, now }, RULES, seq(seeded + 100));
    if (!created.ok) throw new Error(created.refusal.code);
    return (await store().deals.create(created.value)).value;
  }

  const intake = async (body: unknown) => {
    const res = await fetch(`${bot.url}/api/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(body) });
    return (await res.json()) as { referralId: string };
  };

  /** An inbound co-sell referral, accepted by Ada with Ben on the team. */
  async function acceptedInbound(): Promise<Deal> {
    const { referralId } = await intake(referral());
    const form = await click(bot, connector, ada, 'referral.acceptForm', { dealId: referralId, tenantId: TENANT });
    const done = await click(bot, connector, ada, 'referral.accept', { dealId: referralId, tenantId: TENANT, ...inputsOf(form.card), team0Name: 'Ada', team0Email: ada.email, team0Phone: '+33 6 12 34 56 78', team1Name: 'Ben', team1Phone: '+33 6 98 76 54 32', team1Email: ben.email });
    expect(cardText(done.card)).toContain('Done: you accepted this referral.');
    return get(referralId);
  }

  const open = async (user: TeamsUser, deal: Pick<Deal, 'id' | 'tenantId'>) => (await click(bot, connector, user, 'deal.show', { dealId: deal.id, tenantId: deal.tenantId })).card;
  const act = async (user: TeamsUser, verb: string, deal: Pick<Deal, 'id' | 'tenantId'>, data: Record<string, unknown> = {}) =>
    (await click(bot, connector, user, verb, { dealId: deal.id, tenantId: deal.tenantId, ...data })).card;

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    events = await new EventsReceiver().start();
    clock = new FixedClock('2026-11-20T10:00:00Z');
    bot = await startBot(clock, { REFERRAL_EVENTS_URL: events.url, REFERRAL_EVENTS_SECRET: SECRET });
    for (const user of [ada, ben, cy, dora]) await install(bot, connector, user);
    await click(bot, connector, ada, 'member.update', { userId: ben.aadObjectId, index: 0, role0: 'user', scopes0: 'FR' });
    await click(bot, connector, ada, 'member.update', { userId: cy.aadObjectId, index: 0, role0: 'user', scopes0: 'DE' });
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
    await events.stop();
  });

  describe('commands (typed or from the command menu; typos and case do not matter)', () => {
    it.each([
      ['inbound', 'Inbound deals · Open'],
      ['Outbund', 'Outbound deals · Open'],
      ['FAVOURITES all', 'Favorites · All'],
      ['outbound closed', 'Outbound deals · Closed'],
      ['/inbound   ALL', 'Inbound deals · All'],
    ])('when the seller types "%s", then the "%s" list comes', async (text, title) => {
      expect(cardText(await command(bot, connector, ada, text))).toContain(title);
    });

    it.each(['new deal', 'New-Deal', 'create deal'])('when the seller types "%s", then the create-deal dialog starts', async (text) => {
      expect(cardText(await command(bot, connector, ada, text))).toContain('New deal · step 1 of 6: Customer');
    });

    it('unknown text gets help, not silence', async () => {
      const card = await command(bot, connector, ada, 'show me the money');
      expect(cardText(card)).toContain('I did not understand "show me the money"');
      expect(cardText(card)).toContain('open one deal by name or id');
    });

    it('"deal <name>" with one match sends its card, kept so that later changes update it; by id too', async () => {
      const deal = await seed({ name: 'Northwind – data platform' });
      const card = await command(bot, connector, ada, 'deal northwind');
      expect(cardText(card)).toContain('Northwind – data platform');
      expect(verbs(card)).toContain('deal.stage');
      expect(await store().cardCopies.listForDeal(TENANT, deal.id)).toMatchObject([{ kind: 'deal', userId: ada.aadObjectId, conversationId: personalConversation(ada) }]);
      expect(cardText(await command(bot, connector, ada, `Deal ${deal.id.toLowerCase()}`))).toContain('Northwind – data platform');

      // A later change (here Ada's own, from another card) reaches the copy she holds.
      await act(ada, 'deal.stage', deal, { stage: 'qualified' });
      await drain();
      const copy = connector.sent(personalConversation(ada)).find((c) => cardText(cardsOf(c)[0]).includes('Northwind – data platform'))!;
      const update = connector.updates(personalConversation(ada)).find((u) => u.activityId === copy.createdId);
      expect(cardText(cardsOf(update!)[0])).toContain('Qualified · 20 %');
    });

    it('"deal <name>" with several matches lists them; with none says so; never shows what the seller may not see', async () => {
      await seed({ name: 'Alpha one' }, 2);
      await seed({ name: 'Alpha two', team: [person(ada)] }, 1);
      const list = await command(bot, connector, ada, 'deal alpha');
      expect(cardText(list)).toContain('Deals matching “alpha”');
      expect(cardText(list).indexOf('Alpha two')).toBeLessThan(cardText(list).indexOf('Alpha one'));
      expect(cardText(await command(bot, connector, ada, 'deal omega'))).toContain('No deal you can see matches “omega”');
      expect(cardText(await command(bot, connector, ben, 'deal alpha'))).toContain('No deal you can see matches “alpha”');
      expect(cardText(await command(bot, connector, dora, 'deal alpha'))).toContain('No deal you can see matches “alpha”');
    });
  });

  describe('lists: Inbound, Outbound and Favorites', () => {
    it('are newest first and paged; a page token travels in the card; filters switch open/closed/all', async () => {
      for (let i = 0; i < 10; i++) await seed({ name: `Paged ${i}` }, 100 - i);
      const lost = await seed({ name: 'Lost one' }, 200);
      await act(ada, 'deal.lost', lost);

      const first = await command(bot, connector, ada, 'outbound');
      const names = (card: Card) => [...cardText(card).matchAll(/^(Paged \d|Lost one)$/gm)].map((m) => m[1]);
      expect(names(first)).toEqual(['Paged 9', 'Paged 8', 'Paged 7', 'Paged 6', 'Paged 5', 'Paged 4', 'Paged 3', 'Paged 2']);
      expect(cardProblems(first)).toEqual([]);
      const second = await press(bot, connector, ada, first, (a) => a.verb === 'deal.list' && typeof a.data?.token === 'string');
      expect(names(second)).toEqual(['Paged 1', 'Paged 0']);
      expect(actionsOf(second).some((a) => a.title === 'First page')).toBe(true);
      const closed = await press(bot, connector, ada, first, (a) => a.verb === 'deal.list' && a.data?.filter === 'closed');
      expect(names(closed)).toEqual(['Lost one']);
      expect(cardText(closed)).toContain('Lost');
    });

    it('each row: name, customer, value, stage and %, days to respond (received) or to close', async () => {
      await seed({ name: 'Row deal', value: { amount: '120000', currency: 'EUR' }, closeDate: '2026-12-20' });
      await intake(referral());
      const outbound = cardText(await command(bot, connector, ada, 'outbound'));
      expect(outbound).toMatch(/Row deal\nNorthwind Traders · €120,000\nDeal [0-9A-Z]{6} · created Nov 20, 2026 by Ada\nCreated · 10 % · closes in 30 days/);
      const inbound = cardText(await command(bot, connector, ada, 'inbound'));
      expect(inbound).toMatch(/Contoso – Azure migration\nContoso SA · €250,000\nDeal [0-9A-Z]{6} · received Nov 20, 2026\nReceived · 13 days, 23 hours left/);
    });

    it('the heart adds and removes the favorite from the list, and Favorites lists it; Open gives the deal card', async () => {
      const deal = await seed({ name: 'Hearted' });
      const list = await command(bot, connector, ada, 'outbound');
      const hearted = await press(bot, connector, ada, list, (a) => a.verb === 'deal.favorite' && a.data?.dealId === deal.id);
      expect(cardText(hearted)).toContain('Added to your favorites.');
      expect(actionsOf(hearted).find((a) => a.verb === 'deal.favorite')!.title).toBe('♥');
      expect(cardText(await command(bot, connector, ada, 'favorites'))).toContain('Hearted');
      // Personal: Ben's favorites do not have it.
      expect((await get(deal.id)).favoritedBy).toEqual([ada.aadObjectId]);
      // The heart says what it sets: clicking the same (now stale) heart again, or Teams resending the
      // click, leaves it on instead of flipping it back.
      await press(bot, connector, ada, list, (a) => a.verb === 'deal.favorite' && a.data?.dealId === deal.id);
      expect((await get(deal.id)).favoritedBy).toEqual([ada.aadObjectId]);
      const again = await press(bot, connector, ada, hearted, (a) => a.verb === 'deal.favorite' && a.data?.dealId === deal.id);
      expect(cardText(again)).toContain('Removed from your favorites.');
      expect(cardText(await command(bot, connector, ada, 'favorites'))).toContain('No favorites here.');
      const opened = await press(bot, connector, ada, again, (a) => a.verb === 'deal.show' && a.data?.dealId === deal.id);
      expect(cardText(opened)).toContain('Outbound · Private');
    });

    it('a referral user’s lists only hold deals they may see: on the team and in their location scope', async () => {
      await seed({ name: 'Ben on team in FR', team: [person(ben)] }, 3);
      await seed({ name: 'Ben not on team', team: [person(ada)] }, 2);
      await seed({ name: 'Ben on team in DE', location: 'DE', team: [person(ben)] }, 1);
      const text = cardText(await command(bot, connector, ben, 'outbound all'));
      expect(text).toContain('Ben on team in FR');
      expect(text).not.toContain('Ben not on team');
      expect(text).not.toContain('Ben on team in DE');
      expect(cardText(await command(bot, connector, dora, 'outbound all'))).toContain('No outbound deals here.');
    });

    it('a forged page token gives the first page with a notice', async () => {
      await seed({ name: 'Only one' });
      const card = await click(bot, connector, ada, 'deal.list', { list: 'outbound', filter: 'open', token: 'not-a-token' });
      expect(cardText(card.card)).toContain('That page is out of date.');
      expect(cardText(card.card)).toContain('Only one');
    });
  });

  describe('the deal status card', () => {
    it('shows type and direction, the stage as a progress bar, Microsoft’s participation and days left, partners, team, solutions and history', async () => {
      const deal = await seed({
        name: 'Rich deal',
        customer: consenting,
        help: 'technicalPresales',
        team: [person(ada), ...Array.from({ length: 13 }, (_, i) => ({ name: `Member ${i}`, phone: '+33 1 00 00 00 00', email: `m${i}@fabrikam.example` }))],
        invitations: [
          { partner: { tenantId: OTHER_TENANT, name: 'Tailspin Toys' }, closeDate: '2027-05-31', value: { amount: '40000', currency: 'EUR' }, solutions: [{ kind: 'thirdParty', name: 'Tailspin Backup' }], notes: 'Backup', helpWanted: 'Data' },
        ],
      });
      clock.advance({ days: 3 });
      for (const stage of ['qualified', 'developed', 'qualified', 'developed', 'proposed', 'negotiated', 'proposed', 'negotiated', 'proposed', 'negotiated']) {
        await act(ada, 'deal.stage', deal, { stage });
      }
      const card = await open(ada, deal);
      const text = cardText(card);
      expect(text).toContain('Outbound · Co-sell');
      expect(text).toContain('Negotiated · 80 %');
      const cells = JSON.stringify(card).match(/"style":"(good|emphasis)","minHeight"/g)!;
      expect(cells.filter((c) => c.includes('good'))).toHaveLength(8);
      expect(cells).toHaveLength(10);
      expect(text).toContain('Invited for Technical pre-sales: deciding, 11 days left (until Dec 4, 2026, 11:00 AM GMT+1)');
      expect(text).toContain('Tailspin Toys · Pending');
      expect(text).toContain('€40,000, closing May 31, 2027');
      expect(text).toContain('Member 8');
      expect(text).not.toContain('Member 9');
      expect(text).toContain('and 4 more people');
      expect(text).toContain('Azure Synapse (Microsoft)');
      expect(text).toContain('Stage: Negotiated — Ada, Nov 23, 2026, 11:00 AM GMT+1');
      expect(text).toContain('Showing the last 10 of 13 events.');
      expect(text).not.toContain('Deal created —');
      expect(cardProblems(card)).toEqual([]);
    });

    it('offers only the actions this viewer may take now', async () => {
      const deal = await seed({ name: 'Actions' });
      // The next stage, Won, Lost and Edit first; any other stage and invitations after (issue 13, item 11).
      expect(verbs(await open(ada, deal))).toEqual(['deal.stage', 'deal.won', 'deal.lost', 'deal.editForm', 'deal.stage', 'deal.inviteForm', 'deal.microsoftForm', 'deal.grantView', 'deal.favorite']);
      const inbound = await intake(referral());
      expect(verbs(await open(ada, { id: inbound.referralId, tenantId: TENANT }))).toEqual(['referral.acceptForm', 'referral.declineForm', 'deal.favorite']);
      await act(ada, 'deal.won', deal);
      const won = await open(ada, deal);
      expect(verbs(won)).toEqual(['deal.favorite']);
      expect(cardText(won)).toContain('This deal is won and closed: it can be viewed but not changed.');
    });

    it('a solution assessment lists its stages; Won stays disabled until all are complete', async () => {
      const stored = (await store().organizations.get(TENANT))!;
      await store().organizations.update({ ...stored.value, assessmentVetted: true }, stored.etag);
      const deal = await seed({ solutions: [{ kind: 'assessment', name: 'Azure migration readiness' }], assessment: { type: 'Azure migration readiness', location: 'FR' } });
      let card = await open(ada, deal);
      expect(verbs(card)).not.toContain('deal.won');
      expect(verbs(card)).not.toContain('deal.stage');
      expect(cardText(card)).toContain('Customer engaged\nNext');
      expect(cardText(await act(ada, 'deal.won', deal))).toContain('Complete every assessment stage before marking this deal as won.');
      expect(cardText(await act(ada, 'deal.assessmentStage', deal, { stage: 'analysis' }))).toContain('Assessment stages are completed in order: the next one is "Customer engaged".');
      for (const stage of ['engaged', 'discovery', 'analysis', 'findingsPresented']) {
        card = await press(bot, connector, ada, card, 'deal.assessmentStage');
        expect((await get(deal.id)).assessmentStage).toBe(stage);
      }
      expect(cardText(card)).toContain('Findings presented · 80 %');
      expect(verbs(card)).toContain('deal.won');
      card = await press(bot, connector, ada, card, 'deal.won');
      expect(cardText(card)).toContain('Won · 100 %');
    });

    it('the deal registration milestone shows when eligible; Register now submits it and Microsoft’s progress shows', async () => {
      const deal = await seed({ solutions: [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }], microsoftMayView: 'true' });
      expect(cardText(await open(ada, deal))).not.toContain('Deal registration');
      const won = await act(ada, 'deal.won', deal);
      expect(cardText(won)).toContain('Deal registration\nEligible: register it now or later.');
      expect(verbs(won)).toEqual(['deal.registerForm', 'deal.favorite']);
      const form = await press(bot, connector, ada, won, 'deal.registerForm');
      expect(cardText(form)).toContain('Register the deal only if your company name and the incentive-eligible solution are clearly mentioned in the contract with the customer.');
      expect(cardProblems(form)).toEqual([]);
      const unconfirmed = await press(bot, connector, ada, form, 'deal.register', { contractSignedOn: '2026-11-19' });
      expect(cardText(unconfirmed)).toContain('Confirm that your company name and the solution are clearly in the customer contract.');
      expect((await get(deal.id)).registration).toBeUndefined();
      const registered = await press(bot, connector, ada, form, 'deal.register', { contractSignedOn: '2026-11-19', contractConfirmed: 'true', contractReference: 'NW-114' });
      expect(cardText(registered)).toContain('Registration submitted.');
      expect(cardText(registered)).toContain('Contract NW-114, signed Nov 19, 2026: Fabrikam Migrate');
      expect(cardText(registered)).toMatch(/Submitted \(updated Nov 20, 2026/);
      expect(verbs(registered)).toEqual(['deal.favorite']);
      const res = await sync(`/api/deals/${deal.id}/registration`, { tenantId: TENANT, status: 'actionRequired', note: 'Upload the signed contract' });
      expect(res.status).toBe(200);
      const card = cardText(await open(ada, deal));
      expect(card).toContain('Action required');
      expect(card).toContain('Upload the signed contract');
    });
  });

  describe('actions on a deal', () => {
    it('marking a stage saves it, answers on the card and updates every copy; one deal read and one write', async () => {
      const deal = await seed({ name: 'Stages', team: [person(ada), person(ben)] });
      await command(bot, connector, ben, 'deal stages');
      const gets = jest.spyOn(store().deals, 'get');
      const updates = jest.spyOn(store().deals, 'update');
      const card = await act(ada, 'deal.stage', deal, { stage: 'developed' });
      expect(gets).toHaveBeenCalledTimes(1);
      expect(updates).toHaveBeenCalledTimes(1);
      expect(cardText(card)).toContain('Stage saved: Developed.');
      expect(cardText(card)).toContain('Developed · 40 %');
      await drain();
      const benCopy = connector.updates(personalConversation(ben)).at(-1)!;
      expect(cardText(cardsOf(benCopy)[0])).toContain('Developed · 40 %');
      expect(cardText(await act(ada, 'deal.stage', deal, { stage: 'developed' }))).toContain('The deal is already at that stage.');
      expect(cardText(await act(ada, 'deal.stage', deal, { stage: 'won' }))).toContain('The stage "Won" cannot be marked on this deal.');
    });

    it('Won and Lost each sit behind a confirmation that says it cannot be undone', async () => {
      const card = await open(ada, await seed());
      const text = cardText(card);
      expect(text).toContain('Mark this deal as won? This cannot be undone');
      expect(text).toContain('Mark this deal as lost? This cannot be undone');
    });

    it('an inbound deal won emits referral.won; another lost emits referral.lost with its reason', async () => {
      const deal = await acceptedInbound();
      expect(cardText(await act(ben, 'deal.won', deal))).toContain('Marked as won.');
      const second = await intake(referral({ id: 'pc-second' }));
      const form = await click(bot, connector, ada, 'referral.acceptForm', { dealId: second.referralId, tenantId: TENANT });
      await click(bot, connector, ada, 'referral.accept', { dealId: second.referralId, tenantId: TENANT, ...inputsOf(form.card) });
      expect(cardText(await act(ada, 'deal.lost', { id: second.referralId, tenantId: TENANT }, { reason: 'Budget cut' }))).toContain('Marked as lost.');
      await drain();
      const outcomes = events.delivered().map((e) => e.body).filter((b) => b.event === 'referral.won' || b.event === 'referral.lost');
      expect(outcomes).toEqual([
        expect.objectContaining({ event: 'referral.won', id: 'pc-7f3c2a', referralId: deal.id, status: 'won' }),
        expect.objectContaining({ event: 'referral.lost', id: 'pc-second', status: 'lost', reason: 'Budget cut' }),
      ]);
    });

    it('edit changes every editable field, never the location; errors show beside the field and save nothing', async () => {
      await store().offers.create(coSellReadyOffer(TENANT, 'Fabrikam Migrate', { incentive: 'azureIpCoSell', diagram: true }));
      const deal = await seed({ name: 'Before', notes: 'Old notes', crmId: 'CRM-1' });
      const form = await act(ada, 'deal.editForm', deal);
      expect(inputsOf(form)).not.toHaveProperty('location');
      expect(cardText(form)).toContain('Location: France. It cannot be changed after the deal is created.');
      expect(cardProblems(form)).toEqual([]);

      const invalid = await press(bot, connector, ada, form, 'deal.edit', { amount: '-3', currency: 'EURO', team0Email: 'nope' });
      expect(cardText(invalid)).toContain('Please correct the fields marked below.');
      for (const message of ['Enter a value above zero.', 'Enter an ISO 4217 currency code', 'Enter an email address.']) expect(cardText(invalid)).toContain(message);
      expect((await get(deal.id)).name).toBe('Before');

      const saved = await press(bot, connector, ada, form, 'deal.edit', {
        name: 'After',
        amount: '2500.5',
        currency: 'usd',
        closeDate: '2027-09-30',
        notes: '',
        crmId: 'CRM-2',
        campaignId: 'SPRING',
        team1Name: 'Ben',
        team1Phone: '+33 6 98 76 54 32',
        team1Email: ben.email,
        own: '0',
        microsoft: 'Azure Synapse\nAzure OpenAI',
        location: 'DE',
      });
      expect(cardText(saved)).toContain('Your changes are saved.');
      expect(await get(deal.id)).toMatchObject({
        name: 'After',
        location: 'FR',
        value: { amount: 2500.5, currency: 'USD' },
        closeDate: '2027-09-30',
        crmId: 'CRM-2',
        campaignId: 'SPRING',
        team: [{ email: ada.email, userId: ada.aadObjectId }, { name: 'Ben', email: ben.email }],
        solutions: [{ kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }, { name: 'Azure Synapse' }, { name: 'Azure OpenAI' }],
      });
      expect((await get(deal.id)).notes).toBeUndefined();
      expect((await get(deal.id)).history.at(-1)).toMatchObject({ event: 'edited', detail: 'name,value,closeDate,notes,crmId,campaignId,team,solutions' });
    });

    it('P2P locks: an invitation shows its close date, value, team and solutions locked; its notes and help can change', async () => {
      const deal = await seed({
        invitations: [{ partner: { name: 'Contoso Services' }, closeDate: '2027-05-31', value: { amount: '40000', currency: 'EUR' }, solutions: [{ kind: 'thirdParty', name: 'Contoso Care' }], notes: 'Old why' }],
      });
      const card = await open(ada, deal);
      const form = await press(bot, connector, ada, card, (a) => a.verb === 'deal.invitationForm' && a.data?.invitationId === '1');
      expect(cardText(form)).toContain('Only Contoso Services can change its close date, value, team and solutions now.');
      expect(cardText(form)).toContain('May 31, 2027');
      expect(Object.keys(inputsOf(form))).toEqual(['notes', 'helpWanted']);
      expect(cardProblems(form)).toEqual([]);
      const saved = await press(bot, connector, ada, form, 'deal.editInvitation', { notes: 'New why', helpWanted: 'Support desk' });
      expect(cardText(saved)).toContain('The invitation of Contoso Services is saved.');
      expect((await get(deal.id)).invitations[0]).toMatchObject({ notes: 'New why', helpWanted: 'Support desk', closeDate: '2027-05-31', value: { amount: 40000 } });
      // A forged form that sends a locked field is refused by name, and nothing changes.
      const forged = await act(ada, 'deal.editInvitation', deal, { invitationId: '1', notes: 'x', closeDate: '2027-12-31' });
      expect(cardText(forged)).toContain('After the deal is created only Contoso Services can change its close date.');
      expect((await get(deal.id)).invitations[0]).toMatchObject({ notes: 'New why', closeDate: '2027-05-31' });
      // The edit form itself does not hold invitation fields; it says where they are edited.
      const edit = await act(ada, 'deal.editForm', deal);
      expect(Object.keys(inputsOf(edit)).some((k) => k.startsWith('invitation'))).toBe(false);
      expect(cardText(edit)).toContain('edited from the deal card, one at a time');
    });

    it('a close date that has passed can stay as it is while other fields change; a new one must not be past', async () => {
      const deal = await seed({ closeDate: '2026-11-25' });
      clock.advance({ days: 10 });
      const form = await act(ada, 'deal.editForm', deal);
      expect(cardText(await press(bot, connector, ada, form, 'deal.edit', { name: 'Renamed' }))).toContain('Your changes are saved.');
      const again = await act(ada, 'deal.editForm', deal);
      expect(cardText(await press(bot, connector, ada, again, 'deal.edit', { closeDate: '2026-11-28' }))).toContain('Choose today or a later date.');
    });

    it('inviting Microsoft later (with the kind of help) upgrades the deal to Co-sell with its 14 days; its contact is checked', async () => {
      const deal = await seed();
      const form = await act(ada, 'deal.microsoftForm', deal);
      expect(cardProblems(form)).toEqual([]);
      const noContact = await press(bot, connector, ada, form, 'deal.inviteMicrosoft', { help: 'proofOfConcept' });
      expect(cardText(noContact)).toContain('Microsoft needs the customer’s main contact (name, phone and email) to help.');
      const badEmail = await press(bot, connector, ada, form, 'deal.inviteMicrosoft', { help: 'proofOfConcept', contactName: 'Léa', contactPhone: '+33 1 23 45 67 89', contactEmail: 'lea@' });
      expect(cardText(badEmail)).toContain('Enter an email address.');
      expect((await get(deal.id)).microsoft.status).toBe('notInvited');
      const invited = await press(bot, connector, ada, form, 'deal.inviteMicrosoft', { help: 'proofOfConcept', contactName: 'Léa', contactPhone: '+33 1 23 45 67 89', contactEmail: 'lea@northwind.example', contactConsent: 'true' });
      expect(cardText(invited)).toContain('Microsoft is invited: it has 14 days to decide whether to join.');
      expect(cardText(invited)).toContain('Outbound · Co-sell');
      expect(verbs(invited)).not.toContain('deal.microsoftForm');
    });

    it('giving Microsoft sellers visibility turns a Private deal Partner-led', async () => {
      const deal = await seed();
      const card = await act(ada, 'deal.grantView', deal);
      expect(cardText(card)).toContain('Outbound · Partner-led');
      expect(verbs(card)).not.toContain('deal.grantView');
      expect(cardText(await act(ada, 'deal.grantView', deal))).toContain('Microsoft sellers can already view this deal.');
    });

    it('inviting a partner later makes a Private deal P2P; a partner outside the deployment is recorded pending', async () => {
      const deal = await seed();
      const form = await act(ada, 'deal.inviteForm', deal);
      expect(cardProblems(form)).toEqual([]);
      const searched = await press(bot, connector, ada, form, (a) => a.verb === 'deal.inviteForm', { partnerQuery: 'nobody-here' });
      expect(cardText(searched)).toContain('No partner using this bot has that name.');
      const invalid = await press(bot, connector, ada, searched, 'deal.invitePartner', { partnerName: 'Contoso Services', partnerAmount: '-1' });
      expect(cardText(invalid)).toContain('Enter a value above zero.');
      const invited = await press(bot, connector, ada, searched, 'deal.invitePartner', { partnerName: 'Contoso Services', partnerAmount: '9000', partnerNotes: 'Support' });
      expect(cardText(invited)).toContain('Contoso Services is invited.');
      expect(cardText(invited)).toContain('Outbound · Partner to partner');
      expect(cardText(invited)).toContain('does not use this bot');
      expect((await get(deal.id)).invitations[0]).toMatchObject({ partner: { name: 'Contoso Services' }, status: 'pending', value: { amount: 9000, currency: 'EUR' } });
      const twice = await act(ada, 'deal.invitePartner', deal, { ...inputsOf(form), partnerName: 'Contoso Services', partnerAmount: '1' });
      expect(cardText(twice)).toContain('Contoso Services is already invited.');
    });

    it('the heart on the deal card toggles the favorite, on closed deals too', async () => {
      const deal = await seed();
      await act(ada, 'deal.lost', deal);
      const card = await act(ada, 'deal.favorite', deal, { from: 'deal' });
      expect(cardText(card)).toContain('Added to your favorites.');
      expect(actionsOf(card).find((a) => a.verb === 'deal.favorite')!.title).toBe('♥ In favorites');
    });
  });

  describe('refusals: nothing changes, and the card says why', () => {
    const TERMINAL_VERBS: [string, Record<string, unknown>][] = [
      ['deal.stage', { stage: 'qualified' }],
      ['deal.won', {}],
      ['deal.lost', {}],
      ['deal.editForm', {}],
      ['deal.edit', { name: 'x' }],
      ['deal.microsoftForm', {}],
      ['deal.inviteMicrosoft', { help: 'postSales' }],
      ['deal.grantView', {}],
      ['deal.inviteForm', {}],
      ['deal.invitePartner', { partnerName: 'Contoso', partnerAmount: '1' }],
      ['deal.invitationForm', { invitationId: '1' }],
      ['deal.editInvitation', { invitationId: '1', notes: 'x' }],
      ['deal.registerForm', {}],
      ['deal.register', {}],
    ];

    it.each(TERMINAL_VERBS)('a won deal refuses %s with the reason and shows no action but the heart', async (verb, data) => {
      const deal = await seed({ invitations: [{ partner: { name: 'Contoso' }, closeDate: '2027-05-31', value: { amount: '1', currency: 'EUR' }, solutions: [{ kind: 'thirdParty', name: 'C' }] }] });
      await act(ada, 'deal.won', deal);
      const before = await store().deals.get(TENANT, deal.id);
      const card = await act(ada, verb, deal, data);
      expect(cardText(card)).toMatch(/This deal is won and closed: it can be viewed but not changed.|This deal is not eligible for deal registration./);
      expect(verbs(card)).toEqual(['deal.favorite']);
      expect(await store().deals.get(TENANT, deal.id)).toEqual(before);
    });

    it.each<[string, () => TeamsUser, string, RegExp]>([
      ['a referral user not on the team (wrong role for the deal)', () => ben, 'deal.stage', /only if you are on its team and FR is in your location scope/],
      ['a referral user on the team but outside the location scope', () => cy, 'deal.won', /only if you are on its team and FR is in your location scope/],
      ['a referral user on the team but outside the location scope, opening it', () => cy, 'deal.show', /only if you are on its team and FR is in your location scope/],
      ['an admin of another organization (forged tenant)', () => dora, 'deal.stage', /sent something I cannot read/],
    ])('%s', async (_label, who, verb, message) => {
      const deal = await seed({ team: [person(ada), person(cy)] });
      const before = await store().deals.get(TENANT, deal.id);
      const card = await act(who(), verb, deal, { stage: 'qualified' });
      expect(cardText(card)).toMatch(message);
      expect(verbs(card)).toEqual([]);
      expect(await store().deals.get(TENANT, deal.id)).toEqual(before);
    });

    it('inviting partners on an inbound co-sell deal is refused: no form, and no invitation even when forged', async () => {
      const deal = await acceptedInbound();
      const card = await open(ada, deal);
      expect(verbs(card)).not.toContain('deal.inviteForm');
      const form = await act(ada, 'deal.inviteForm', deal);
      expect(cardText(form)).toContain('Partners can be invited only on co-sell deals your organization created, never on inbound ones.');
      const forged = await act(ada, 'deal.invitePartner', deal, { partnerName: 'Contoso', partnerAmount: '1', partnerCloseDate: '2027-01-31', partnerCurrency: 'EUR', partnerOtherSolutions: 'X' });
      expect(cardText(forged)).toContain('Partners can be invited only on co-sell deals your organization created');
      expect((await get(deal.id)).invitations).toEqual([]);
    });

    it('a received referral refuses deal actions until it is accepted', async () => {
      const { referralId } = await intake(referral());
      const card = await act(ada, 'deal.stage', { id: referralId, tenantId: TENANT }, { stage: 'qualified' });
      expect(cardText(card)).toContain('This deal is not open: accept the referral before working on it.');
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['a stage that is an object', 'deal.stage', { stage: { $ne: null } }],
      ['a stage that does not exist', 'deal.stage', { stage: 'signed' }],
      ['a lost reason that is a number', 'deal.lost', { reason: 42 }],
      ['an assessment stage on a normal deal', 'deal.assessmentStage', { stage: 'engaged' }],
    ])('wrong types or values in card data (%s) are refused with a message and save nothing', async (_label, verb, data) => {
      const deal = await seed();
      const before = await store().deals.get(TENANT, deal.id);
      const card = await act(ada, verb, deal, data);
      expect(cardText(card)).toMatch(/That did not work: This card sent something I cannot read|cannot be marked on this deal/);
      expect(await store().deals.get(TENANT, deal.id)).toEqual(before);
    });

    it('the Action.Submit fallback of a deal action takes the same path and replaces the clicked card', async () => {
      const deal = await seed({ name: 'Fallback' });
      await command(bot, connector, ada, 'deal fallback');
      const copy = connector.sent(personalConversation(ada)).at(-1)!;
      const res = await submit(bot, connector, ada, { verb: 'deal.stage', dealId: deal.id, tenantId: TENANT, stage: 'proposed' }, copy.createdId);
      expect(res.status).toBe(200);
      const update = connector.updates(personalConversation(ada)).find((u) => u.activityId === copy.createdId)!;
      expect(cardText(cardsOf(update)[0])).toContain('Stage saved: Proposed.');
      expect((await get(deal.id)).salesStage).toBe('proposed');
    });

    it('an unknown deal and unreadable data', async () => {
      expect(cardText(await act(ada, 'deal.stage', { id: 'D000000000000', tenantId: TENANT }, { stage: 'qualified' }))).toContain('I could not find that deal.');
      expect(cardText((await click(bot, connector, ada, 'deal.won', { dealId: '../x', tenantId: TENANT })).card)).toContain('sent something I cannot read');
      expect(cardText((await click(bot, connector, ada, 'deal.list', { list: 'everything' })).card)).toContain('sent something I cannot read');
    });
  });

  /** POST to a sync endpoint with the intake key. */
  async function sync(path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${bot.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  describe('the Partner Center sync endpoints', () => {
    it('Microsoft engages within its 14 days: recorded, every copy of the card shows it, a repeat changes nothing', async () => {
      const deal = await seed({ customer: consenting, help: 'technicalPresales', name: 'Synced' });
      await command(bot, connector, ada, 'deal synced');
      clock.advance({ days: 2 });
      const res = await sync(`/api/deals/${deal.id}/microsoft`, { tenantId: TENANT, status: 'engaged' });
      expect(res).toEqual({ status: 200, body: { referralId: deal.id, microsoft: { status: 'engaged', markedWon: false }, changed: true } });
      expect(await sync(`/api/deals/${deal.id}/microsoft`, { tenantId: TENANT, status: 'engaged' })).toMatchObject({ status: 200, body: { changed: false } });
      await drain();
      const update = connector.updates(personalConversation(ada)).at(-1)!;
      expect(cardText(cardsOf(update)[0])).toContain('Engaged (Technical pre-sales).');
      expect((await get(deal.id)).history.filter((h) => h.event === 'microsoftResponded')).toHaveLength(1);
    });

    it('Microsoft marks a won co-sell deal won: it becomes eligible for registration', async () => {
      const deal = await seed({ customer: consenting, help: 'technicalPresales', solutions: [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'bizAppsPremium' }] });
      await act(ada, 'deal.won', deal);
      expect(verbs(await open(ada, deal))).not.toContain('deal.registerForm');
      expect((await sync(`/api/deals/${deal.id}/microsoft`, { tenantId: TENANT, status: 'markedWon' })).status).toBe(200);
      expect(verbs(await open(ada, deal))).toContain('deal.registerForm');
    });

    type Call = { path: string; body: unknown; headers?: Record<string, string>; dealId?: string };
    const on = async (kind: string, body: unknown, headers?: Record<string, string>): Promise<Call> => {
      const deal = await seed();
      return { path: `/api/deals/${deal.id}/${kind}`, body, dealId: deal.id, ...(headers ? { headers } : {}) };
    };
    it.each<[string, number, Record<string, unknown>, () => Promise<Call>]>([
      ['a wrong key', 401, { error: 'unauthorized' }, () => on('microsoft', { tenantId: TENANT, status: 'engaged' }, { authorization: 'Bearer nope' })],
      ['not JSON', 415, { error: 'unsupported_media_type' }, () => on('microsoft', 'status=engaged', { 'content-type': 'text/plain' })],
      ['a body that is not valid JSON', 400, { error: 'invalid_body', issues: [{ path: '(body)', message: 'Not valid JSON.' }] }, () => on('microsoft', '{"status":')],
      ['a status that does not exist', 400, { error: 'invalid_body', issues: [{ path: 'status', message: 'Must be "engaged", "declined" or "markedWon".' }] }, () => on('microsoft', { tenantId: TENANT, status: 'maybe' })],
      ['no tenant', 400, { error: 'invalid_body', issues: [{ path: 'tenantId', message: 'Required.' }] }, () => on('registration', { status: 'inReview' })],
      ['a registration status that does not exist', 400, { error: 'invalid_body', issues: [{ path: 'status', message: 'Must be "inReview", "actionRequired" or "validated".' }] }, () => on('registration', { tenantId: TENANT, status: 'submitted' })],
      ['an unknown deal', 404, { error: 'not_found' }, async () => ({ path: '/api/deals/D000000000000/microsoft', body: { tenantId: TENANT, status: 'engaged' } })],
      ['a malformed deal id', 404, { error: 'not_found' }, async () => ({ path: '/api/deals/not-a-deal/microsoft', body: { tenantId: TENANT, status: 'engaged' } })],
      ['another tenant’s deal', 404, { error: 'not_found' }, () => on('microsoft', { tenantId: OTHER_TENANT, status: 'engaged' })],
      ['Microsoft answering a deal it was not invited to', 409, { error: 'refused', code: 'microsoft_not_invited' }, () => on('microsoft', { tenantId: TENANT, status: 'engaged' })],
      ['registration progress on an unregistered deal', 409, { error: 'refused', code: 'registration_not_submitted', message: 'This deal has not been registered.' }, () => on('registration', { tenantId: TENANT, status: 'validated' })],
    ])('%s → %i, nothing changed', async (_label, status, body, make) => {
      const call = await make();
      const before = call.dealId ? await store().deals.get(TENANT, call.dealId) : undefined;
      const res = await sync(call.path, call.body, call.headers);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject(body);
      if (call.dealId) expect(await store().deals.get(TENANT, call.dealId)).toEqual(before);
    });

    it('Microsoft answering after its 14 days is refused (its window closed)', async () => {
      const deal = await seed({ customer: consenting, help: 'technicalPresales' });
      clock.advance({ days: 14 });
      expect(await sync(`/api/deals/${deal.id}/microsoft`, { tenantId: TENANT, status: 'engaged' })).toMatchObject({ status: 409, body: { code: 'microsoft_window_closed' } });
    });

    it('without REFERRAL_INTAKE_KEY the endpoints answer 503', async () => {
      const keyless = await startBot(new FixedClock(DateTime.utc()), { REFERRAL_INTAKE_KEY: '' });
      try {
        const res = await fetch(`${keyless.url}/api/deals/D000000000000/microsoft`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        expect(res.status).toBe(503);
      } finally {
        await keyless.stop();
      }
    });
  });

  it('the help card lists every command, and say() of each never leaves the seller without an answer', async () => {
    for (const text of ['help', 'inbound', 'outbound', 'favorites', 'deal x', 'members', 'gibberish']) {
      const before = connector.sent(personalConversation(cy)).length;
      await say(bot, connector, cy, text);
      expect(connector.sent(personalConversation(cy)).length).toBe(before + 1);
    }
  });
});
