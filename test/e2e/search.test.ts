import { FixedClock } from '../../services/clock';
import { createDeal, dealDraftInput, type Deal, type Organization } from '../../services/domain';
import { parseLeadTimes } from '../../services/domain/schedule';
import { shortDealId } from '../../services/domain/search';
import { cardProblems as teamsCardProblems } from '../../scripts/lib/cardChecks';
import type { TestApp } from '../support/app';
import { cardText, ConnectorStandIn } from '../support/connector';
import { OTHER_TENANT, seq, TENANT } from '../support/fixtures';
import { actionsOf, click, install, inputsOf, teamsUser, type TeamsUser } from '../support/teams';
import { command, press, startBot, type Card } from '../dialogs/support';

/*
 * Issue 13, "Search": `search <words>` and the search box on list cards find the deals a member may see
 * by name, customer, short id (the last 6 characters of the deal id), CRM id or partner — with a typo,
 * without accents — best first, a page at a time, narrowed by stage, direction and close date. Through
 * the real HTTP server: typed commands and card actions, as Teams sends them.
 */

const ada = teamsUser('ada'); // first to install: referral admin with global scope
const ben = teamsUser('ben'); // referral user, location scope FR
const dora = teamsUser('dora', { tenantId: OTHER_TENANT, email: 'dora@tailspin.example' }); // another organization
const RULES = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };

const person = (u: TeamsUser) => ({ name: u.name, phone: '+33 1 02 03 04 05', email: u.email, userId: u.aadObjectId });

/** The first object of a card's JSON that `match` accepts. */
function findJson(node: unknown, match: (n: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findJson(child, match);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (match(n)) return n;
    for (const child of Object.values(n)) {
      const found = findJson(child, match);
      if (found) return found;
    }
  }
  return undefined;
}

/** The deal names a search card lists, in order. */
function listed(card: Card): string[] {
  const rows = actionsOf(card).filter((a) => a.verb === 'deal.show');
  const text = cardText(card).split('\n');
  return rows.map((row) => {
    const i = text.findIndex((line) => line.startsWith(`ID ${shortDealId(String(row.data?.dealId))} · `));
    return text[i - 1]!;
  });
}

describe('search (issue 13)', () => {
  let connector: ConnectorStandIn;
  let clock: FixedClock;
  let bot: TestApp;
  let seeded = 0;

  const store = () => bot.app.store;
  const org = async (tenant = TENANT): Promise<Organization> => (await store().organizations.get(tenant))!.value;

  /** A deal created through the domain (arrange), `minutesAgo` before now so that recency has an order. */
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
    const created = createDeal(draft, await org(tenant), { actor: { kind: 'user', id: ada.aadObjectId, name: 'Ada' }, now }, RULES, seq(seeded + 300));
    if (!created.ok) throw new Error(created.refusal.code);
    return (await store().deals.create(created.value)).value;
  }

  const search = (user: TeamsUser, text: string) => command(bot, connector, user, `search ${text}`);
  const invitation = (name: string) => ({
    partner: { name },
    closeDate: '2027-05-31',
    value: { amount: '40000', currency: 'EUR' },
    team: [],
    solutions: [{ kind: 'thirdParty', name: 'Tailspin Backup', publisher: 'Tailspin Toys' }],
  });

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    clock = new FixedClock('2026-11-20T10:00:00Z');
    bot = await startBot(clock);
    for (const user of [ada, ben, dora]) await install(bot, connector, user);
    await click(bot, connector, ada, 'member.update', { userId: ben.aadObjectId, index: 0, role0: 'user', scopes0: 'FR' });
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  describe('finds a deal by what the seller remembers of it', () => {
    let contoso: Deal;
    let societe: Deal;
    let northwind: Deal;

    beforeEach(async () => {
      contoso = await seed({ name: 'Contoso – Azure migration', customer: { name: 'Contoso SA', country: 'FR', city: 'Paris' }, crmId: 'CRM-4471' }, 3);
      societe = await seed({ name: 'Data platform', customer: { name: 'Société Générale', country: 'FR', city: 'Paris' }, invitations: [invitation('Tailspin Toys')] }, 2);
      northwind = await seed({ name: 'Fabrikam lakehouse' }, 1);
    });

    it.each([
      ['its name', 'azure', () => contoso],
      ['its customer', 'northwind', () => northwind],
      ['its CRM id, typed with or without the dash', 'crm-4471', () => contoso],
      ['its CRM id', 'CRM4471', () => contoso],
      ['an invited partner', 'tailspin', () => societe],
      ['a word with one letter missing ("contso")', 'contso', () => contoso],
      ['a word with two letters swapped ("lakehosue")', 'lakehosue', () => northwind],
      ['the customer without accents ("societe generale")', 'societe generale', () => societe],
      ['the start of a word, in capitals', 'FABRI', () => northwind],
    ])('when the seller types "search <%s>", then that deal, and only it, is listed', async (_what, text, expected) => {
      const card = await search(ada, text);
      expect(listed(card)).toEqual([expected().name]);
      expect(cardText(card)).toContain(`ID ${shortDealId(expected().id)} · ${expected().customer.name}`);
      expect(teamsCardProblems(card)).toEqual([]);
    });

    it('when the seller types the short id shown on a row (the last 6 characters of the deal id, any case), then that deal is listed', async () => {
      for (const typed of [shortDealId(societe.id), shortDealId(societe.id).toLowerCase(), societe.id]) expect(listed(await search(ada, typed))).toEqual(['Data platform']);
    });

    it('when the customer is written with accents, then the card shows it as written', async () => {
      expect(cardText(await search(ada, 'generale'))).toContain('Société Générale');
    });

    it('when nothing matches, then the card says so and keeps the search box', async () => {
      const card = await search(ada, 'woodgrove');
      expect(cardText(card)).toContain('No deal you can see matches.');
      expect(inputsOf(card)).toMatchObject({ searchWords: 'woodgrove' });
    });
  });

  it('when several deals match, then an exact word comes before the start of a word and a typo, more words matched before fewer, then the newest', async () => {
    await seed({ name: 'Contosa Ltd renewal' }, 1); // one typo from "contoso", newest
    await seed({ name: 'Contoso Retail' }, 5); // exact
    await seed({ name: 'Contoso Retail Azure' }, 6); // exact, and "azure" too
    await seed({ name: 'Contosoville' }, 2); // "contoso" is the start of a word
    await seed({ name: 'Contoso data' }, 4); // exact, newer than Retail
    expect(listed(await search(ada, 'contoso'))).toEqual(['Contoso data', 'Contoso Retail', 'Contoso Retail Azure', 'Contosoville', 'Contosa Ltd renewal']);
    expect(listed(await search(ada, 'contoso azure'))).toEqual(['Contoso Retail Azure', 'Contoso data', 'Contoso Retail', 'Contosoville', 'Contosa Ltd renewal']);
  });

  it('when more deals match than a page holds, then the card pages through them, with Action.Execute or its Action.Submit fallback, and says where it is', async () => {
    for (let i = 1; i <= 11; i++) await seed({ name: `Contoso store ${String(i).padStart(2, '0')}` }, i);
    const first = await search(ada, 'contoso');
    expect(cardText(first)).toContain('11 matches, showing 1–8.');
    expect(listed(first)).toEqual(Array.from({ length: 8 }, (_, i) => `Contoso store ${String(i + 1).padStart(2, '0')}`));

    const second = await press(bot, connector, ada, first, (a) => a.verb === 'deal.search' && a.title === 'Next page');
    expect(cardText(second)).toContain('11 matches, showing 9–11.');
    expect(listed(second)).toEqual(['Contoso store 09', 'Contoso store 10', 'Contoso store 11']);
    expect(actionsOf(second).map((a) => a.title)).toEqual(expect.arrayContaining(['First page']));
    expect(actionsOf(second).map((a) => a.title)).not.toContain('Next page');

    const viaSubmit = await press(bot, connector, ada, first, (a) => a.verb === 'deal.search' && a.title === 'Next page', {}, { via: 'submit' });
    expect(listed(viaSubmit)).toEqual(listed(second));
  });

  it('when the words in the box were changed but not searched, then Next page pages the search shown: it sends the search, not the inputs', async () => {
    for (let i = 1; i <= 9; i++) await seed({ name: `Contoso store ${i}` }, i);
    const first = await search(ada, 'contoso');
    const next = findJson(first, (node) => node.type === 'Action.Execute' && node.title === 'Next page');
    expect(next).toMatchObject({ associatedInputs: 'none', data: { searchWords: 'contoso', searchOffset: '8' }, fallback: { associatedInputs: 'none' } });
    expect(listed(await press(bot, connector, ada, first, (a) => a.title === 'Next page', {}, { withInputs: false }))).toEqual(['Contoso store 9']);
  });

  describe('filters: stage, direction, closing on or before a date — typed or chosen on the card', () => {
    beforeEach(async () => {
      const qualified = await seed({ name: 'Contoso qualified', closeDate: '2027-01-31' }, 1);
      const stored = (await store().deals.get(TENANT, qualified.id))!;
      await store().deals.update({ ...stored.value, salesStage: 'qualified' }, stored.etag);
      await seed({ name: 'Contoso later', closeDate: '2027-06-30' }, 2);
      const { referralId } = (await (
        await fetch(`${bot.url}/api/referrals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer intake-key-for-tests' },
          body: JSON.stringify({
            id: 'pc-search-1',
            tenantId: TENANT,
            name: 'Contoso inbound referral',
            location: 'FR',
            sender: { type: 'Microsoft', organizationName: 'Microsoft' },
            customerProfile: { name: 'Contoso SA', address: { country: 'FR' } },
            details: { dealValue: 5000, currency: 'EUR', closingDateTime: '2027-01-15' },
            createdDateTime: '2026-11-20T09:00:00Z',
          }),
        })
      ).json()) as { referralId: string };
      expect(referralId).toBeTruthy();
    });

    it.each([
      ['contoso stage:qualified', ['Contoso qualified']],
      ['contoso stage:received', ['Contoso inbound referral']],
      ['contoso inbound', ['Contoso inbound referral']],
      ['contoso outbound', ['Contoso qualified', 'Contoso later']],
      ['contoso before:2027-01-31', ['Contoso qualified', 'Contoso inbound referral']],
      ['stage:created', ['Contoso later']],
      ['outbound before:2027-01-31', ['Contoso qualified']],
    ])('when the seller types "search %s", then %j', async (text, names) => {
      const card = await search(ada, text);
      expect(listed(card)).toEqual(names);
    });

    it('when filters are typed, then the card shows what it understood and prefills its choices; chosen on the card, they apply the same', async () => {
      const typed = await search(ada, 'contoso stage:qualified outbound before:2027-03-31');
      expect(cardText(typed)).toContain('Filters: stage Qualified · Outbound · closing on or before Mar 31, 2027.');
      expect(inputsOf(typed)).toEqual({ searchWords: 'contoso', searchStage: 'qualified', searchDirection: 'outbound', searchBefore: '2027-03-31' });

      const chosen = await press(bot, connector, ada, await search(ada, ''), (a) => a.verb === 'deal.search' && a.title === 'Search', {
        searchWords: 'contoso',
        searchStage: 'any',
        searchDirection: 'inbound',
        searchBefore: '',
      });
      expect(listed(chosen)).toEqual(['Contoso inbound referral']);
    });

    it('when a filter cannot be read, then the card says which and why, and lists nothing rather than the wrong deals', async () => {
      const card = await search(ada, 'contoso stage:shipped before:31/03/2027');
      expect(cardText(card)).toContain('There is no stage “shipped”. Use one of: created, accepted, qualified, developed, proposed, negotiated, won, lost, received, declined, expired.');
      expect(cardText(card)).toContain('“31/03/2027” is not a date I can read: write it as 2027-03-31, or pick it below.');
      expect(listed(card)).toEqual([]);
    });
  });

  it('when "search" is typed alone or with a typo ("serach"), then the empty search card says what can be searched', async () => {
    for (const text of ['search', 'serach', 'find']) {
      const card = await command(bot, connector, ada, text);
      expect(cardText(card)).toContain('Type part of a deal’s name, its customer, its ID, its CRM ID or a partner');
      expect(teamsCardProblems(card)).toEqual([]);
    }
  });

  it('when the seller types words in the search box of a list card and presses Search, then the matches come', async () => {
    await seed({ name: 'Contoso – Azure migration' }, 1);
    await seed({ name: 'Fabrikam lakehouse' }, 2);
    const list = await command(bot, connector, ada, 'outbound');
    expect(Object.keys(inputsOf(list))).toEqual(['searchWords']);
    const found = await press(bot, connector, ada, list, (a) => a.verb === 'deal.search', { searchWords: 'contso' });
    expect(listed(found)).toEqual(['Contoso – Azure migration']);
  });

  describe('never shows a deal the member may not see', () => {
    beforeEach(async () => {
      await seed({ name: 'Contoso with Ben', team: [person(ben)] }, 1);
      await seed({ name: 'Contoso without Ben' }, 2);
      await seed({ name: 'Contoso in Germany', location: 'DE', customer: { name: 'Contoso GmbH', country: 'DE' }, team: [person(ben)] }, 3);
      await seed({ name: 'Contoso at Tailspin', team: [person(dora)] }, 4, OTHER_TENANT);
    });

    it('when a referral user searches, then only deals on their team and in their location scope are listed — by words, by filters, by id', async () => {
      expect(listed(await search(ben, 'contoso'))).toEqual(['Contoso with Ben']);
      expect(listed(await search(ben, 'stage:created'))).toEqual(['Contoso with Ben']);
      const hidden = (await store().deals.list(TENANT, {}, { limit: 50 })).items.find((d) => d.value.name === 'Contoso without Ben')!.value;
      expect(listed(await search(ben, shortDealId(hidden.id)))).toEqual([]);
    });

    it('when an admin searches, then every deal of the organization is listed, and never another organization’s; the other organization sees only its own', async () => {
      expect(listed(await search(ada, 'contoso'))).toEqual(['Contoso with Ben', 'Contoso without Ben', 'Contoso in Germany']);
      expect(listed(await search(dora, 'contoso'))).toEqual(['Contoso at Tailspin']);
    });
  });

  describe('hostile searches get a prompt, clean card', () => {
    beforeEach(async () => {
      await seed({ name: 'Contoso 100% cloud_first' }, 1);
    });

    it.each([
      ['10 KB of text', `contoso ${'x'.repeat(10_000)}`],
      ['a pasted page of words', 'contoso lorem ipsum dolor sit amet '.repeat(300)],
      ['regular-expression characters', 'contoso .* (a+)+$ [^x] \\d{1,99}'],
      ['SQL', "contoso'; DROP TABLE deals; -- OR 1=1"],
      ['LIKE and FTS wildcards and operators', 'contoso % _ * " NEAR( AND OR NOT ^'],
      ['only punctuation', '%%% ___ *** """'],
      ['markdown and a template expression', '[x](https://evil.example) **bold** ${secret} contoso'],
    ])('when the query is %s, then the answer is a valid card with no error', async (_what, text) => {
      const card = await search(ada, text);
      expect(teamsCardProblems(card)).toEqual([]);
      expect(cardText(card)).not.toContain('Something went wrong');
      expect(cardText(card)).not.toMatch(/SQLITE|fts5|syntax/i);
    });

    it('when the query is longer than a search reads, then it is cut first and the card says what was searched', async () => {
      const card = await search(ada, `contoso ${'x'.repeat(10_000)}`);
      expect(cardText(card)).toContain('I searched the first 6 words (at most 200 characters) of what you typed.');
      expect(listed(card)).toEqual(['Contoso 100% cloud_first']);
      expect(JSON.stringify(card).length).toBeLessThan(26 * 1024);
    });

    it('when a card sends a forged page or filters, then the first page comes, never an error', async () => {
      for (const data of [{ searchWords: 'contoso', searchOffset: -5 }, { searchWords: 'contoso', searchOffset: 'x'.repeat(5000) }, { searchWords: 42, searchStage: { $gt: '' } }, { searchWords: 'contoso', searchOffset: 1e9 }]) {
        const { status, card } = await click(bot, connector, ada, 'deal.search', data);
        expect(status).toBe(200);
        expect(teamsCardProblems(card)).toEqual([]);
        expect(cardText(card)).not.toContain('Something went wrong');
      }
    });
  });
});
