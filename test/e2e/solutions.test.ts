import { FixedClock } from '../../services/clock';
import { parseContactsCsv, type Deal, type Offer } from '../../services/domain';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { OTHER_TENANT, TENANT } from '../support/fixtures';
import { coSellReadyOffer } from '../support/offers';
import { actionsOf, click, inputsOf, install, personalConversation, teamsUser, type TeamsUser } from '../support/teams';
import { cardProblems, command, FAST, KEY, press, type Card } from '../dialogs/support';

/*
 * Issue 14 end to end, through the real HTTP server and the connector stand-in: the organization's own
 * offers (seeds 000/004), their contacts CSV sent as a Teams file or pasted, readiness, offers on deals,
 * deal registration to validated (003), solution-assessment vetting, and the marketplace rewards
 * reminders (002) with an injected clock.
 */

const ada = teamsUser('ada'); // first to install: referral admin with global scope
const ben = teamsUser('ben'); // referral user, location scope FR
const cy = teamsUser('cy'); // referral admin (not global)
const dora = teamsUser('dora', { tenantId: OTHER_TENANT, email: 'dora@tailspin.example' }); // another organization

const HEADER = 'Name,Email,Title,Role,Countries/Regions,States/Provinces';
const GOOD_CSV = [HEADER, 'Inès Morel,ines@fabrikam.example,Account executive,Partner sales,"FR, DE",', 'Wei Zhang,wei@fabrikam.example,Marketing lead,Partner marketing,OOO,'].join('\r\n');

describe('the company’s own solutions, from chat', () => {
  let connector: ConnectorStandIn;
  let clock: FixedClock;
  let bot: TestApp;

  const store = () => bot.app.store;
  /** The card actions a card offers (links that only open a document are not actions on the bot). */
  const verbs = (card: Card) => actionsOf(card).flatMap((a) => (a.verb ? [a.verb] : []));
  const offers = async (tenantId = TENANT): Promise<Offer[]> => (await store().offers.list(tenantId, { limit: 50 })).items.map((s) => s.value);
  const offerNamed = async (name: string): Promise<Offer> => (await offers()).find((o) => o.name === name)!;
  const open = async (user: TeamsUser, offer: Pick<Offer, 'id' | 'tenantId'>) => (await click(bot, connector, user, 'offer.show', { tenantId: offer.tenantId, offerId: offer.id })).card;
  const act = async (user: TeamsUser, verb: string, offer: Pick<Offer, 'id' | 'tenantId'>, data: Record<string, unknown> = {}) =>
    (await click(bot, connector, user, verb, { tenantId: offer.tenantId, offerId: offer.id, ...data })).card;

  /** The user sends files in their personal chat (Teams: file.download.info attachments); the cards the bot answers with. */
  async function sendFiles(user: TeamsUser, attachments: Record<string, unknown>[]): Promise<Card[]> {
    const before = connector.sent(personalConversation(user)).length;
    const res = await bot.post(
      teamsActivity(connector.url, {
        from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
        conversationId: personalConversation(user),
        tenantId: user.tenantId,
        text: '',
        attachments,
      }),
    );
    expect(res.status).toBe(200);
    return connector.sent(personalConversation(user)).slice(before).flatMap(cardsOf);
  }
  const sendFile = async (user: TeamsUser, name: string, body: Buffer | string, options: { chunked?: boolean } = {}) => {
    const cards = await sendFiles(user, [connector.serveFile(name, body, options).attachment]);
    expect(cards).toHaveLength(1);
    return cards[0]!;
  };

  /** Ada adds an offer through the list card and its form; the card she gets back. */
  async function addOffer(name: string, liveSince = '2026-10-01', listingType = 'transact'): Promise<Card> {
    const list = await command(bot, connector, ada, 'solutions');
    const form = await press(bot, connector, ada, list, 'offer.form');
    return press(bot, connector, ada, form, 'offer.create', { name, offerType: 'saas', listingType, liveSince });
  }

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    clock = new FixedClock('2026-11-20T10:00:00Z');
    bot = await startTestApp({ REFERRAL_INTAKE_KEY: KEY, ...FAST }, { clock, workers: false, allowHttpFileDownloads: true });
    for (const user of [ada, ben, cy, dora]) await install(bot, connector, user);
    await click(bot, connector, ada, 'member.update', { userId: ben.aadObjectId, index: 0, role0: 'user', scopes0: 'FR' });
    await click(bot, connector, ada, 'member.update', { userId: cy.aadObjectId, index: 0, role0: 'admin', scopes0: '' });
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('an admin adds an offer and fills its co-sell tab from cards, imports contacts (a good file, then a bad one that replaces nothing), and sees readiness go from "missing …" to "Co-sell ready"; a seller then creates a Partner-led deal with it, wins and registers it, and the sync endpoint moves it to validated and closed', async () => {
    // The offer.
    let card = await addOffer('Fabrikam Migrate');
    expect(cardText(card)).toContain('The offer is added.');
    expect(cardText(card)).toContain('Not co-sell ready: 7 things are missing.');
    expect(cardProblems(card)).toEqual([]);
    const offer = await offerNamed('Fabrikam Migrate');

    // Its co-sell tab, from the form.
    const tab = await press(bot, connector, ada, card, 'offer.tabForm');
    expect(cardProblems(tab)).toEqual([]);
    card = await press(bot, connector, ada, tab, 'offer.saveTab', {
      platforms: 'Azure\nDynamics 365',
      segments: 'Enterprise',
      solutionType: 'ip',
      area0: 'Data & AI',
      subAreas0: 'Analytics, Data governance',
      regions: 'fr, DE',
      landingPage: '',
      incentive: 'azureIpCoSell',
    });
    expect(cardText(card)).toContain('Your changes are saved.');
    let text = cardText(card);
    for (const gap of [
      'Upload the solution/offer one-pager.',
      'Upload the solution/offer pitch deck.',
      'Add a Partner sales contact for France (FR): each country or region where the offer should be co-sell ready needs one.',
      'Add a Partner sales contact for Germany (DE)',
    ]) {
      expect(text).toContain(gap);
    }
    expect(text).toContain('Recommended, not required:\n• Enter the link to your product landing page.');

    // Documents: the one-pager as a link, the pitch deck and the diagram as files sent in chat.
    const documentForm = await press(bot, connector, ada, card, 'offer.documentForm');
    card = await press(bot, connector, ada, documentForm, 'offer.addDocument', { kind: 'onePager', fileName: 'Fabrikam one-pager.pdf', url: 'https://fabrikam.sharepoint.com/sites/sales/one-pager.pdf' });
    expect(cardText(card)).toContain('The document is saved.');
    for (const [name, kind] of [
      ['Fabrikam pitch.pptx', 'pitchDeck'],
      ['Architecture.png', 'referenceArchitecture'],
    ] as const) {
      const asked = await sendFile(ada, name, 'not read: a document is kept as a link');
      expect(cardText(asked)).toContain(`Add “${name}” to an offer`);
      card = await press(bot, connector, ada, asked, 'offer.addDocument', { targetOfferId: offer.id, kind });
      expect(cardText(card)).toContain('The document is saved.');
    }
    expect((await offerNamed('Fabrikam Migrate')).coSell.documents.map((d) => [d.kind, d.fileName, d.url])).toEqual([
      ['onePager', 'Fabrikam one-pager.pdf', 'https://fabrikam.sharepoint.com/sites/sales/one-pager.pdf'],
      ['pitchDeck', 'Fabrikam pitch.pptx', 'https://fabrikam-my.sharepoint.com/personal/ada/Documents/Microsoft%20Teams%20Chat%20Files/Fabrikam%20pitch.pptx'],
      ['referenceArchitecture', 'Architecture.png', 'https://fabrikam-my.sharepoint.com/personal/ada/Documents/Microsoft%20Teams%20Chat%20Files/Architecture.png'],
    ]);
    expect(cardText(card)).toContain('Not co-sell ready: 2 things are missing.');

    // Contacts: Import contacts names the offer; the CSV file sent in chat is downloaded and imported.
    const importCard = await press(bot, connector, ada, card, 'offer.importForm');
    expect(cardText(importCard)).toContain('Send the contacts CSV file in this chat within 30 minutes, or paste it below');
    const imported = await sendFile(ada, 'contacts.csv', GOOD_CSV);
    expect(cardText(imported)).toContain('2 contacts imported; they replace all earlier contacts.');
    expect(connector.downloads).toHaveLength(1);

    // A bad file afterwards: nothing is replaced, and each bad row says why.
    const refused = await sendFile(ada, 'contacts.csv', [HEADER, 'Sam Lee,,Architect,Partner sales,FR,', 'Ana Ruiz,ana@fabrikam.example,CSM,Boss,"FR, XX",'].join('\r\n'));
    text = cardText(refused);
    expect(text).toContain('Nothing was imported, so your current contacts are unchanged.');
    expect(text).toContain('Line 2, Email: Required.');
    expect(text).toContain('Line 3, Role: “Boss” is not a role.');
    expect(text).toContain('Line 3, Countries/Regions: “XX” is not a two-letter country or region code.');
    expect((await offerNamed('Fabrikam Migrate')).coSell.contacts.map((c) => c.name)).toEqual(['Inès Morel', 'Wei Zhang']);

    // Readiness at a glance.
    card = await open(ada, offer);
    text = cardText(card);
    expect(text).toContain('Co-sell ready');
    expect(text).not.toContain('Missing:');
    expect(text).toContain('Azure IP co-sell incentivized: it meets the extra requirement (the reference architecture diagram).');
    expect(text).toContain('Offered as one of your company’s solutions on deals, with its incentive (Azure IP co-sell).');

    // A seller creates a Partner-led deal with the offer, from the dialog's "your company's solutions".
    let step = await command(bot, connector, ben, 'new deal');
    step = await press(bot, connector, ben, step, 'next', { customerCountry: 'FR', customerCity: 'Lyon', customerName: 'Northwind Traders' });
    step = await press(bot, connector, ben, step, 'next', { name: 'Northwind – migration', amount: '90000', currency: 'EUR', closeDate: '2027-03-31' });
    step = await press(bot, connector, ben, step, 'next', { team0Phone: '+33 1 02 03 04 05' });
    expect(cardText(step)).toContain('Fabrikam Migrate (your company · Azure IP co-sell)');
    step = await press(bot, connector, ben, step, 'next', { own: '0' });
    step = await press(bot, connector, ben, step, 'next', { help: 'none', microsoftMayView: 'true' });
    step = await press(bot, connector, ben, step, 'next', {});
    expect(cardText(step)).toContain('This will be a Partner-led deal.');
    let dealCard = await press(bot, connector, ben, step, 'create');
    const deal = (await store().deals.list(TENANT, {}, { limit: 5 })).items[0]!.value;
    expect(deal.solutions).toEqual([{ kind: 'own', id: offer.id, name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }]);

    // Won, then Register now: the confirmation and the contract's details, then Microsoft's review.
    dealCard = await press(bot, connector, ben, dealCard, 'deal.won');
    expect(cardText(dealCard)).toContain('Deal registration\nEligible: register it now or later.');
    const form = await press(bot, connector, ben, dealCard, 'deal.registerForm');
    dealCard = await press(bot, connector, ben, form, 'deal.register', { contractSignedOn: '2026-11-19', contractConfirmed: 'true' });
    expect(cardText(dealCard)).toContain('Registration submitted.');
    expect((await store().deals.get(TENANT, deal.id))!.value.registration).toMatchObject({ status: 'submitted', details: { contractConfirmed: true, solutions: ['Fabrikam Migrate'], contractSignedOn: '2026-11-19' } });
    const sync = async (status: string, note?: string) =>
      fetch(`${bot.url}/api/deals/${deal.id}/registration`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ tenantId: TENANT, status, ...(note ? { note } : {}) }),
      });
    expect((await sync('inReview')).status).toBe(200);
    expect((await sync('validated', 'Validated by Microsoft')).status).toBe(200);
    const finalCard = cardText((await click(bot, connector, ben, 'deal.show', { dealId: deal.id, tenantId: TENANT })).card);
    expect(finalCard).toContain('Validated (updated');
    expect(finalCard).toContain('Validation is complete: the deal is closed.');
    expect(finalCard).toContain('This deal is won and closed: it can be viewed but not changed.');
    const stored: Deal = (await store().deals.get(TENANT, deal.id))!.value;
    expect(stored).toMatchObject({ status: 'won', registration: { status: 'validated', note: 'Validated by Microsoft' } });
    expect((await sync('inReview')).status).toBe(409);
  }, 60_000);

  describe('contacts from CSV: bad input changes nothing and the admin gets the reasons, row by row (000, 004)', () => {
    let offer: Offer;

    beforeEach(async () => {
      await store().offers.create(coSellReadyOffer(TENANT, 'Fabrikam Migrate'));
      offer = await offerNamed('Fabrikam Migrate');
      const pasted = await act(ada, 'offer.importContacts', offer, { csv: GOOD_CSV });
      expect(cardText(pasted)).toContain('2 contacts imported');
      await act(ada, 'offer.importForm', offer);
    });

    const unchanged = async () => expect((await offerNamed('Fabrikam Migrate')).coSell.contacts.map((c) => c.email)).toEqual(['ines@fabrikam.example', 'wei@fabrikam.example']);
    const row = (cells: string) => [HEADER, cells].join('\r\n');
    const latin1 = Buffer.from(row('Inès Morel,ines@fabrikam.example,AE,Partner sales,FR,'), 'latin1');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const tenMegabytes = Buffer.alloc(10 * 1024 * 1024, 'a');

    it.each<[string, () => Promise<Card>, string[]]>([
      ['a wrong header', () => sendFile(ada, 'contacts.csv', 'Name,Mail,Position,Role,Countries\r\nInès,ines@fabrikam.example,AE,Partner sales,FR'), ['Line 1, Email: The header row has no such column', 'Line 1, Title: The header row has no such column']],
      ['a missing mandatory field', () => sendFile(ada, 'contacts.csv', row('Inès Morel,ines@fabrikam.example,,Partner sales,FR,')), ['Line 2, Title: Required.']],
      ['an unknown role', () => sendFile(ada, 'contacts.csv', row('Inès Morel,ines@fabrikam.example,AE,Sales boss,FR,')), ['Line 2, Role: “Sales boss” is not a role.']],
      ['an unknown country code', () => sendFile(ada, 'contacts.csv', row('Inès Morel,ines@fabrikam.example,AE,Partner sales,"FR, XX",')), ['Line 2, Countries/Regions: “XX” is not a two-letter country or region code.']],
      ['a state outside the XX-XX format', () => sendFile(ada, 'contacts.csv', row('Inès Morel,ines@fabrikam.example,AE,Partner sales,US,WA')), ['Line 2, States/Provinces: “WA” is not a state or province in the XX-XX format']],
      ['a 10 MB file', () => sendFile(ada, 'contacts.csv', tenMegabytes), ['The file is larger than 1 MB: it is not a contacts CSV.']],
      ['a 10 MB file streamed without its length', () => sendFile(ada, 'contacts.csv', tenMegabytes, { chunked: true }), ['The file is larger than 1 MB: it is not a contacts CSV.']],
      ['a binary file named .csv', () => sendFile(ada, 'contacts.csv', png), ['The file is not text (it holds binary data)']],
      ['a file that is not UTF-8 (Latin-1)', () => sendFile(ada, 'contacts.csv', latin1), ['The file is not UTF-8 text']],
      ['an empty file', () => sendFile(ada, 'contacts.csv', ''), ['Line 1: The file is empty.']],
      ['a pasted CSV with a wrong header', () => act(ada, 'offer.importContacts', offer, { csv: 'Who,What\r\nx,y' }), ['Line 1, Name: The header row has no such column']],
    ])('when the admin sends %s, then nothing is replaced and the card says why', async (_label, send, reasons) => {
      const card = await send();
      const text = cardText(card);
      expect(text).toContain('Nothing was imported, so your current contacts are unchanged.');
      for (const reason of reasons) expect(text).toContain(reason);
      expect(cardProblems(card)).toEqual([]);
      await unchanged();
    });

    it('when the download does not answer, then nothing is replaced and the admin is asked to send it again', async () => {
      const attachment = { ...connector.serveFile('contacts.csv', GOOD_CSV, { status: 404 }).attachment };
      const [card] = await sendFiles(ada, [attachment]);
      expect(cardText(card)).toContain('I could not download the file from Teams. Send it again in a moment.');
      await unchanged();
    });

    it('when a file’s download link is not https (and not the test stand-in), then it is never fetched', async () => {
      const attachment = { ...connector.serveFile('contacts.csv', GOOD_CSV).attachment, content: { downloadUrl: 'http://169.254.169.254/latest/meta-data' } };
      const [card] = await sendFiles(ada, [attachment]);
      expect(cardText(card)).toContain('I could not download the file from Teams.');
      await unchanged();
    });

    it('when an admin sends a CSV without having chosen an offer, then nothing is downloaded and the offers list asks which offer it is for', async () => {
      const [card] = await sendFiles(cy, [connector.serveFile('contacts.csv', GOOD_CSV).attachment]);
      expect(cardText(card)).toContain('Which offer are these contacts for? Open the offer, choose Import contacts, then send the file again.');
      expect(connector.downloads).toEqual([]);
    });

    it('when the chosen offer’s window has passed (30 minutes), then the next file is not imported into it', async () => {
      clock.advance({ minutes: 31 });
      const [card] = await sendFiles(ada, [connector.serveFile('contacts.csv', GOOD_CSV.replace('Inès Morel', 'Someone Else')).attachment]);
      expect(cardText(card)).toContain('Which offer are these contacts for?');
      await unchanged();
    });

    it('the admin gets the contacts back as the template’s CSV, and that text imports back unchanged', async () => {
      const exported = await act(ada, 'offer.exportContacts', offer);
      const csv = inputsOf(exported).csv!;
      expect(csv.split(/\r?\n/)).toEqual([HEADER, 'Inès Morel,ines@fabrikam.example,Account executive,Partner sales,"FR, DE",', 'Wei Zhang,wei@fabrikam.example,Marketing lead,Partner marketing,OOO,', '']);
      expect(parseContactsCsv(csv)).toEqual({ contacts: (await offerNamed('Fabrikam Migrate')).coSell.contacts });
      const again = await press(bot, connector, ada, exported, 'offer.importContacts');
      expect(cardText(again)).toContain('2 contacts imported');
      await unchanged();
    });
  });

  it.each(['solutions', 'Solution', 'offers', '/SOLUTIONS'])('when someone types "%s", then the organization’s offers list comes', async (text) => {
    const card = await command(bot, connector, ben, text);
    expect(cardText(card)).toContain('Marketplace offers of fabrikam.example');
    expect(cardText(card)).toContain('Your company has no offers here yet. A referral admin can add them.');
    expect(cardProblems(card)).toEqual([]);
  });

  describe('who may do what', () => {
    it('a referral user views the offers and their readiness, and is refused any change with a clear reason; nothing changes', async () => {
      await store().offers.create(coSellReadyOffer(TENANT, 'Fabrikam Migrate'));
      const offer = await offerNamed('Fabrikam Migrate');
      const list = await command(bot, connector, ben, 'solutions');
      expect(cardText(list)).toContain('Fabrikam Migrate');
      expect(verbs(list)).toEqual(['offer.show']);
      const card = await press(bot, connector, ben, list, 'offer.show');
      expect(cardText(card)).toContain('Co-sell ready');
      expect(verbs(card)).toEqual(['solutions.list']);
      const before = await store().offers.get(TENANT, offer.id);
      for (const [verb, data] of [
        ['offer.saveTab', { platforms: 'Azure', segments: 'SMB', regions: 'FR' }],
        ['offer.edit', { name: 'Renamed', offerType: 'saas', listingType: 'list' }],
        ['offer.importContacts', { csv: GOOD_CSV }],
        ['offer.remove', {}],
        ['offer.tabForm', {}],
        ['offer.exportContacts', {}],
      ] as const) {
        expect(cardText(await act(ben, verb, offer, data))).toContain('Only referral admins can change your company’s offers. Everyone in your organization can view them.');
      }
      expect(cardText((await click(bot, connector, ben, 'offer.create', { tenantId: TENANT, name: 'Mine', offerType: 'saas', listingType: 'list' })).card)).toContain('Only referral admins can change your company’s offers.');
      const [fileCard] = await sendFiles(ben, [connector.serveFile('contacts.csv', GOOD_CSV).attachment]);
      expect(cardText(fileCard)).toContain('Only referral admins can add files to your company’s offers.');
      expect(connector.downloads).toEqual([]);
      expect(await store().offers.get(TENANT, offer.id)).toEqual(before);
      expect(await offers()).toHaveLength(1);
    });

    it('an offer of another organization is never visible: not in its list, not by a forged card', async () => {
      await store().offers.create(coSellReadyOffer(TENANT, 'Fabrikam Migrate'));
      const offer = await offerNamed('Fabrikam Migrate');
      expect(cardText(await command(bot, connector, dora, 'solutions'))).not.toContain('Fabrikam Migrate');
      expect(cardText(await open(dora, offer))).toContain('This card sent something I cannot read.');
      expect(cardText((await click(bot, connector, dora, 'offer.show', { tenantId: OTHER_TENANT, offerId: offer.id })).card)).toContain('I could not find that offer.');
      expect(cardText((await click(bot, connector, dora, 'offer.saveTab', { tenantId: OTHER_TENANT, offerId: offer.id, platforms: 'x' })).card)).toContain('I could not find that offer.');
      expect(await offers(OTHER_TENANT)).toEqual([]);
    });
  });

  describe('DOMAIN: solution assessment deals can be created only by partners vetted by the solution assessments business team (003)', () => {
    /** Ada walks the create-deal dialog to its summary with an assessment typed on the solutions step (forged when not offered). */
    async function assessmentSummary(): Promise<Card> {
      let step = await command(bot, connector, ada, 'new deal');
      step = await press(bot, connector, ada, step, 'next', { customerCountry: 'FR', customerName: 'Northwind Traders' });
      step = await press(bot, connector, ada, step, 'next', { name: 'Northwind – readiness', amount: '15000', currency: 'EUR', closeDate: '2027-01-31' });
      step = await press(bot, connector, ada, step, 'next', { team0Phone: '+33 1 02 03 04 05' });
      return press(bot, connector, ada, step, 'next', { assessmentType: 'Azure migration readiness', assessmentLocation: 'FR' });
    }
    const deals = async () => (await store().deals.list(TENANT, {}, { limit: 10 })).items.map((d) => d.value);

    it('when the organization is not recorded as vetted, then no assessment is offered and a forged one is refused; after a global admin records the vetting (who and when kept), the SA deal is created', async () => {
      let list = await command(bot, connector, ada, 'solutions');
      expect(cardText(list)).toContain('Your organization is not recorded as vetted by the solution assessments team, so solution assessment deals cannot be created.');
      // The solutions step offers no assessment; one sent anyway (a forged form) is refused there, visibly.
      const refused = await assessmentSummary();
      expect(cardText(refused)).toMatch(/step 4 of [46]: Solutions/);
      expect(inputsOf(refused)).not.toHaveProperty('assessmentType');
      expect(cardText(refused)).toContain('Only partners vetted by the solution assessments team can create solution assessment deals.');
      expect(await deals()).toEqual([]);

      // A referral admin without global scope may not record it; the card does not even offer it.
      const cyList = await command(bot, connector, cy, 'solutions');
      expect(verbs(cyList)).not.toContain('org.vetting');
      const cyForged = await click(bot, connector, cy, 'org.vetting', { tenantId: TENANT, vetted: 'true' });
      expect(cardText(cyForged.card)).toContain('Only a referral admin with global scope can record whether your organization is vetted for solution assessments.');
      expect((await store().organizations.get(TENANT))!.value.assessmentVetted).toBe(false);

      clock.advance({ minutes: 5 });
      list = await press(bot, connector, ada, list, 'org.vetting');
      expect(cardText(list)).toContain('Recorded: your organization is vetted for solution assessments.');
      expect(cardText(list)).toMatch(/recorded by Ada, Nov 20, 2026, 11:05 AM GMT\+1/);
      expect((await store().organizations.get(TENANT))!.value).toMatchObject({ assessmentVetted: true, assessmentVettedBy: { id: ada.aadObjectId, name: 'Ada' }, assessmentVettedAt: '2026-11-20T10:05:00.000Z' });

      const summary = await assessmentSummary();
      expect(cardText(summary)).toContain('This will be a Solution assessment deal.');
      const created = await press(bot, connector, ada, summary, 'create');
      expect(cardText(created)).toContain('Deal created.');
      expect(await deals()).toMatchObject([{ assessment: { type: 'Azure migration readiness', location: 'FR' }, solutions: [{ kind: 'assessment', name: 'Azure migration readiness' }] }]);
    });
  });

  describe('DOMAIN: marketplace rewards per live offer (002) — the marketing contact, benefits, and reminders exactly once', () => {
    const remindersTo = (user: TeamsUser, title: string) =>
      connector.sent(personalConversation(user)).flatMap(cardsOf).filter((c) => cardText(c).includes('Marketplace rewards') && cardText(c).includes(title));

    it('when a contact is assigned and a benefit activated, then a week later each admin is reminded once (two sweeps racing, and again later, send no second); four weeks after going live without a message, once more', async () => {
      await store().offers.create({ ...coSellReadyOffer(TENANT, 'Fabrikam Migrate'), liveSince: '2026-11-18T00:00:00.000Z' });
      const offer = await offerNamed('Fabrikam Migrate');

      // Before a contact: activating is refused with the reason.
      let card = await act(ada, 'offer.activateBenefit', offer, { benefitName: 'Social media promotion' });
      expect(cardText(card)).toContain('Assign a company marketing contact before activating a benefit');

      // The marketing contact, with 002's rules beside the fields.
      const form = await act(ada, 'offer.marketingForm', offer);
      expect(cardProblems(form)).toEqual([]);
      const sameEmail = await press(bot, connector, ada, form, 'offer.saveMarketing', { userId: cy.aadObjectId, email: 'partnercenter@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR', accountEmail: 'PartnerCenter@fabrikam.example' });
      expect(cardText(sameEmail)).toContain('Give the marketing contact an email address other than your company’s Partner Center account email.');
      const stranger = await press(bot, connector, ada, form, 'offer.saveMarketing', { userId: 'aad-nobody', email: 'mia@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR', accountEmail: 'partnercenter@fabrikam.example' });
      expect(cardText(stranger)).toContain('The marketing contact must be one of your Partner Center account’s users.');
      card = await press(bot, connector, ada, form, 'offer.saveMarketing', { userId: cy.aadObjectId, email: 'mia@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR', accountEmail: 'partnercenter@fabrikam.example' });
      expect(cardText(card)).toContain('The marketing contact is saved.');
      expect((await store().organizations.get(TENANT))!.value.partnerCenterAccountEmail).toBe('partnercenter@fabrikam.example');

      card = await act(ada, 'offer.activateBenefit', offer, { benefitName: 'Social media promotion' });
      expect(cardText(card)).toContain('Activated. The rewards team should contact your marketing contact within a week.');
      expect(cardText(card)).toMatch(/Social media promotion: activated Nov 20, 2026, 11:00 AM GMT\+1\. The rewards team should contact your marketing contact by Nov 27, 2026, 11:00 AM GMT\+1\./);

      const sweepAndDrain = async () => {
        await Promise.all([bot.app.sweeper.sweepOnce(), bot.app.sweeper.sweepOnce()]);
        await bot.app.dispatcher.drain();
      };
      clock.set('2026-11-27T09:59:00Z');
      await sweepAndDrain();
      expect(remindersTo(ada, 'No word from the rewards team yet')).toEqual([]);
      clock.set('2026-11-27T10:00:00Z');
      await sweepAndDrain();
      clock.advance({ days: 2 });
      await sweepAndDrain();
      for (const admin of [ada, cy]) expect(remindersTo(admin, 'No word from the rewards team yet: Fabrikam Migrate')).toHaveLength(1);
      expect(remindersTo(ben, 'No word from the rewards team yet')).toEqual([]);
      const reminder = remindersTo(ada, 'No word from the rewards team yet')[0]!;
      expect(cardText(reminder)).toContain('mia@fabrikam.example');
      expect(cardProblems(reminder)).toEqual([]);
      expect(verbs(reminder)).toEqual(['offer.show']);

      // Four weeks after going live (Nov 18) with no rewards message: look for the offer's owner, once.
      clock.set('2026-12-16T00:00:00Z');
      await sweepAndDrain();
      expect(remindersTo(ada, 'Live four weeks, no rewards message')).toEqual([]);
      clock.set('2026-12-16T00:01:00Z');
      await sweepAndDrain();
      clock.advance({ days: 7 });
      await sweepAndDrain();
      for (const admin of [ada, cy]) expect(remindersTo(admin, 'Live four weeks, no rewards message: Fabrikam Migrate')).toHaveLength(1);
      expect(cardText(remindersTo(cy, 'Live four weeks')[0]!)).toContain('Check in Partner Center who owns the offer');
      expect((await offerNamed('Fabrikam Migrate')).dueAt).toBeNull();
    });

    it('when the rewards team made contact, or a message came, then no reminder is sent; a benefit is activated only on a live offer', async () => {
      await store().offers.create({ ...coSellReadyOffer(TENANT, 'Fabrikam Migrate'), liveSince: '2026-11-18T00:00:00.000Z' });
      await store().offers.create({ ...coSellReadyOffer(TENANT, 'Fabrikam Backup', { id: 'O0000000000AC' }), liveSince: undefined });
      const offer = await offerNamed('Fabrikam Migrate');
      const draft = await offerNamed('Fabrikam Backup');
      const contact = { userId: cy.aadObjectId, email: 'mia@fabrikam.example', phone: '+33 1 02 03 04 05', language: 'fr-FR', accountEmail: 'partnercenter@fabrikam.example' };
      await act(ada, 'offer.saveMarketing', offer, contact);
      await act(ada, 'offer.saveMarketing', draft, contact);
      expect(cardText(await act(ada, 'offer.activateBenefit', draft, { benefitName: 'Case study' }))).toContain('Benefits can be activated once one of your offers is live on Azure Marketplace or AppSource.');
      const activated = await act(ada, 'offer.activateBenefit', offer, { benefitName: 'Case study' });
      const made = await press(bot, connector, ada, activated, 'offer.benefitContact');
      expect(cardText(made)).toContain('Recorded: the rewards team made contact.');
      clock.set('2027-01-31T00:00:00Z');
      await bot.app.sweeper.sweepOnce();
      await bot.app.dispatcher.drain();
      expect(remindersTo(ada, 'rewards')).toEqual([]);
      expect(connector.sent(personalConversation(ada)).flatMap(cardsOf).filter((c) => cardText(c).includes('Marketplace rewards'))).toEqual([]);
    });
  });

  describe('offers feed deals', () => {
    it('the accept form offers the company’s co-sell ready offers; one picked is added to the referral’s solutions with its incentive', async () => {
      await store().offers.create(coSellReadyOffer(TENANT, 'Fabrikam Migrate', { incentive: 'bizAppsStandard' }));
      await store().offers.create({ ...coSellReadyOffer(TENANT, 'Fabrikam Draft', { id: 'O0000000000AC' }), liveSince: undefined });
      const res = await fetch(`${bot.url}/api/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({
          id: 'pc-own',
          tenantId: TENANT,
          name: 'Contoso – Azure migration',
          location: 'FR',
          sender: { type: 'Microsoft', organizationName: 'Microsoft', name: 'Camille Martin' },
          customerProfile: { name: 'Contoso SA', address: { country: 'FR' } },
          details: { dealValue: 250000, currency: 'EUR', closingDateTime: '2027-03-31', requirements: { solutions: [{ name: 'Azure Migrate', publisher: 'Microsoft' }] } },
          createdDateTime: '2026-11-20T09:30:00Z',
        }),
      });
      const { referralId } = (await res.json()) as { referralId: string };
      const form = (await click(bot, connector, ada, 'referral.acceptForm', { dealId: referralId, tenantId: TENANT })).card;
      expect(cardText(form)).toContain('Fabrikam Migrate (your company · Biz apps standard)');
      expect(cardText(form)).not.toContain('Fabrikam Draft');
      // No team row: the team is optional when accepting (issue 13, item 1).
      await press(bot, connector, ada, form, 'referral.accept', { own: 'O0000000000AB' });
      expect((await store().deals.get(TENANT, referralId))!.value.solutions).toEqual([
        { kind: 'microsoft', name: 'Azure Migrate', publisher: 'Microsoft' },
        { kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate', incentive: 'bizAppsStandard' },
      ]);
    });

    it('DOMAIN: a Private deal that invited partners can still let Microsoft sellers view it (003), and then, won with an incentive-eligible solution, it registers as Partner-led', async () => {
      await store().offers.create(coSellReadyOffer(TENANT, 'Fabrikam Migrate', { incentive: 'bizAppsPremium' }));
      let step = await command(bot, connector, ada, 'new deal');
      step = await press(bot, connector, ada, step, 'next', { customerCountry: 'FR', customerName: 'Northwind Traders' });
      step = await press(bot, connector, ada, step, 'next', { name: 'Northwind – P2P', amount: '50000', currency: 'EUR', closeDate: '2027-01-31' });
      step = await press(bot, connector, ada, step, 'next', { team0Phone: '+33 1 02 03 04 05' });
      step = await press(bot, connector, ada, step, 'next', { own: '0' });
      step = await press(bot, connector, ada, step, 'next', { help: 'none', microsoftMayView: 'false' });
      step = await press(bot, connector, ada, step, 'add', { partnerName: 'Contoso Services', partnerAmount: '10000', partnerOtherSolutions: 'Contoso Care' });
      step = await press(bot, connector, ada, step, 'next', {});
      let card = await press(bot, connector, ada, step, 'create');
      expect(cardText(card)).toContain('Outbound · Partner to partner');
      expect(verbs(card)).toContain('deal.grantView');
      card = await press(bot, connector, ada, card, 'deal.grantView');
      expect(cardText(card)).toContain('Microsoft sellers can view this deal.');
      card = await press(bot, connector, ada, card, 'deal.won');
      expect(cardText(card)).toContain('Eligible: register it now or later.');
      const form = await press(bot, connector, ada, card, 'deal.registerForm');
      card = await press(bot, connector, ada, form, 'deal.register', { contractSignedOn: '2026-11-19', contractConfirmed: 'true' });
      expect(cardText(card)).toContain('Registration submitted.');
    });
  });
});
