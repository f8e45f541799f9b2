import { FixedClock } from '../../services/clock';
import type { Deal, Organization } from '../../services/domain/model';
import type { TestApp } from '../support/app';
import { ConnectorStandIn } from '../support/connector';
import { OTHER_TENANT, TENANT } from '../support/fixtures';
import { coSellReadyOffer } from '../support/offers';
import { errorBeside, install, personalConversation, say, teamsUser } from '../support/teams';
import { actionsOf, cardProblems, cardText, command, inputsOf, lastSent, press, startBot, type Card } from './support';

/*
 * The create-deal dialog through the real HTTP server: the seller types "new deal", fills each form
 * and presses its buttons (Action.Execute; some rows use the Action.Submit fallback). Table-driven:
 * one row per step, one row per validation error.
 */

const ada = teamsUser('ada'); // first to install: referral admin with global scope
const tailspinAdmin = teamsUser('tia', { tenantId: OTHER_TENANT, email: 'tia@tailspin.example' });

type Step = 'customer' | 'details' | 'team' | 'solutions' | 'selling' | 'partners' | 'summary';

const TITLES: Record<Step, RegExp> = {
  customer: /New deal · step 1 of [46]: Customer/,
  details: /New deal · step 2 of [46]: Deal details/,
  team: /New deal · step 3 of [46]: Team/,
  solutions: /New deal · step 4 of [46]: Solutions/,
  selling: /New deal · step 5 of [46]: Selling type/,
  partners: /New deal · step 6 of [46]: Invite partners/,
  summary: /New deal · check and create/,
};

/** What a seller types on each step to get through it. */
const VALID: Record<Exclude<Step, 'summary'>, Record<string, string>> = {
  customer: { customerCountry: 'fr', customerCity: 'Lyon', customerName: 'Northwind Traders', customerDuns: '987654321' },
  details: { name: 'Northwind – data platform', amount: '120 000', currency: 'eur', closeDate: '2027-06-30', crmId: 'CRM-42', notes: 'Kick-off next week' },
  team: { team0Phone: '+33 1 02 03 04 05' },
  solutions: { microsoft: 'Azure Synapse', thirdParty: 'Tailspin Backup (Tailspin Toys)' },
  selling: { help: 'none', microsoftMayView: 'false' },
  partners: {},
};
const ORDER: Step[] = ['customer', 'details', 'team', 'solutions', 'selling', 'partners', 'summary'];

const stepOf = (card: Card): Step | undefined => ORDER.find((s) => TITLES[s].test(cardText(card)));

/** Inputs that are searchable lists: they show a value only when it is one of theirs. */
const PICKED = new Set(['customerCountry', 'location', 'currency', 'assessmentLocation', 'partnerCurrency']);

describe('the create-deal dialog', () => {
  let connector: ConnectorStandIn;
  let clock: FixedClock;
  let bot: TestApp;

  const deals = async (tenantId = TENANT): Promise<Deal[]> => (await bot.app.store.deals.list(tenantId, {}, { limit: 50 })).items.map((s) => s.value);
  const setOrg = async (change: Partial<Organization>, tenantId = TENANT) => {
    const stored = (await bot.app.store.organizations.get(tenantId))!;
    await bot.app.store.organizations.update({ ...stored.value, ...change }, stored.etag);
  };

  /** Start the dialog and walk with valid input up to `step`; returns that step's form. */
  async function goTo(step: Step, overrides: Partial<Record<Step, Record<string, string>>> = {}): Promise<Card> {
    let card = await command(bot, connector, ada, 'new deal');
    for (const s of ORDER) {
      expect(cardText(card)).toMatch(TITLES[s]);
      if (s === step) return card;
      card = await press(bot, connector, ada, card, 'next', { ...VALID[s as Exclude<Step, 'summary'>], ...overrides[s] });
    }
    throw new Error(`no step ${step}`);
  }

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    clock = new FixedClock('2026-11-20T10:00:00Z');
    bot = await startBot(clock);
    await install(bot, connector, ada);
    await install(bot, connector, tailspinAdmin);
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  describe('one row per step: valid input moves to the next step', () => {
    it.each<[Step, Step]>([
      ['customer', 'details'],
      ['details', 'team'],
      ['team', 'solutions'],
      ['solutions', 'selling'],
      ['selling', 'partners'],
      ['partners', 'summary'],
    ])('when the %s form is sent valid, then the %s form replaces it, valid for Adaptive Cards 1.5', async (step, next) => {
      const form = await goTo(step);
      expect(cardProblems(form)).toEqual([]);
      const answer = await press(bot, connector, ada, form, 'next', VALID[step as Exclude<Step, 'summary'>]);
      expect(stepOf(answer)).toBe(next);
      expect(cardProblems(answer)).toEqual([]);
      expect(await deals()).toEqual([]);
    });

    it('when the summary is confirmed, then the deal exists at Created (10 %) with everything typed, and its card replaces the summary', async () => {
      const summary = await goTo('summary');
      expect(cardText(summary)).toContain('This will be a Private deal.');
      for (const text of ['Northwind Traders (Lyon, France)', '987654321', 'Northwind – data platform', '€120,000', 'Jun 30, 2027', 'CRM-42', 'Azure Synapse (Microsoft)', 'Tailspin Backup (Tailspin Toys)']) {
        expect(cardText(summary)).toContain(text);
      }
      const created = await press(bot, connector, ada, summary, 'create');
      expect(cardText(created)).toContain('Deal created.');
      expect(cardText(created)).toContain('Created · 10 %');
      expect(cardProblems(created)).toEqual([]);
      const [deal] = await deals();
      expect(deal).toMatchObject({
        direction: 'outbound',
        status: 'open',
        salesStage: 'created',
        name: 'Northwind – data platform',
        location: 'FR',
        value: { amount: 120000, currency: 'EUR' },
        closeDate: '2027-06-30',
        crmId: 'CRM-42',
        notes: 'Kick-off next week',
        customer: { name: 'Northwind Traders', country: 'FR', city: 'Lyon', duns: '987654321', contacts: [] },
        team: [{ name: 'Ada', phone: '+33 1 02 03 04 05', email: 'ada@fabrikam.example', userId: ada.aadObjectId }],
        solutions: [
          { kind: 'microsoft', name: 'Azure Synapse', publisher: 'Microsoft' },
          { kind: 'thirdParty', name: 'Tailspin Backup', publisher: 'Tailspin Toys' },
        ],
        microsoft: { status: 'notInvited', canView: false },
        createdBy: { kind: 'user', id: ada.aadObjectId, name: 'Ada' },
      });
      // The phone typed is remembered for the next form.
      expect((await bot.app.store.members.get(TENANT, ada.aadObjectId))!.value.phone).toBe('+33 1 02 03 04 05');
      // A second click on the old summary creates nothing more: the dialog is over.
      const again = await press(bot, connector, ada, summary, 'create');
      expect(cardText(again)).toContain('This form is no longer in use.');
      expect(await deals()).toHaveLength(1);
    });

    it('when Create is clicked twice at the same moment, then one deal is created', async () => {
      const summary = await goTo('summary');
      await Promise.all([press(bot, connector, ada, summary, 'create'), press(bot, connector, ada, summary, 'create')]);
      expect(await deals()).toHaveLength(1);
    });
  });

  describe('one row per validation error: the same form comes back with the message beside the field, and nothing is saved', () => {
    it.each<[string, Step, Record<string, string>, string, RegExp]>([
      ['a missing customer name', 'customer', { customerName: '' }, 'customerName', /^Required\.$/],
      ['a country that is not ISO 3166', 'customer', { customerCountry: 'XX' }, 'customerCountry', /two-letter country code/],
      ['a D-U-N-S of 8 digits', 'customer', { customerDuns: '12345678' }, 'customerDuns', /exactly 9 digits/],
      ['a D-U-N-S with letters', 'customer', { customerDuns: '12345678a' }, 'customerDuns', /exactly 9 digits/],
      ['a contact email that is not one', 'customer', { contactName: 'Léa', contactEmail: 'lea-at-northwind' }, 'contactEmail', /Enter an email address/],
      ['a contact phone that is not one', 'customer', { contactName: 'Léa', contactPhone: 'call me' }, 'contactPhone', /Enter a phone number/],
      ['a missing deal name', 'details', { name: '  ' }, 'name', /^Required\.$/],
      ['a missing location', 'details', { location: '' }, 'location', /two-letter country code/],
      ['a value below zero', 'details', { amount: '-1' }, 'amount', /Enter a value above zero/],
      ['a value of zero (issue 13, item 5)', 'details', { amount: '0' }, 'amount', /Enter a value above zero/],
      ['a value that is not a number', 'details', { amount: 'lots' }, 'amount', /Enter a number/],
      ['a missing value', 'details', { amount: '' }, 'amount', /^Required\.$/],
      ['a currency that is not ISO 4217', 'details', { currency: 'EURO' }, 'currency', /ISO 4217/],
      ['an unknown currency code', 'details', { currency: 'XYZ' }, 'currency', /ISO 4217/],
      ['a close date in the past', 'details', { closeDate: '2026-11-19' }, 'closeDate', /today or a later date/],
      ['a close date that is not a date', 'details', { closeDate: '31/06/2027' }, 'closeDate', /YYYY-MM-DD/],
      ['a missing close date', 'details', { closeDate: '' }, 'closeDate', /^Required\.$/],
      ['a close date after 2100', 'details', { closeDate: '2101-01-01' }, 'closeDate', /from 2000 to 2100/],
      ['notes one character past 4,000 (issue 10, finding 13: never cut silently)', 'details', { notes: 'n'.repeat(4001) }, 'notes', /^Too long\.$/],
      ['a team member without phone', 'team', { team0Phone: '' }, 'team0Phone', /Enter a phone number/],
      ['a team member with a bad email', 'team', { team0Email: 'ada@' }, 'team0Email', /Enter an email address/],
      ['a second member without name', 'team', { team1Phone: '+33 6 00 00 00 00', team1Email: 'bo@fabrikam.example' }, 'team1Name', /^Required\.$/],
    ])('%s', async (_label, step, typed, field, message) => {
      const form = await goTo(step);
      const answer = await press(bot, connector, ada, form, 'next', { ...VALID[step as Exclude<Step, 'summary'>], ...typed });
      expect(stepOf(answer)).toBe(step);
      expect(cardText(answer)).toContain('Please correct the fields marked below.');
      expect(errorBeside(answer, field)).toMatch(message);
      // What was typed is still there, to be corrected — except in a list of countries or currencies,
      // which can only show one of its own (the error beside says what is wrong).
      for (const [id, value] of Object.entries(typed)) expect(inputsOf(answer)[id]).toBe(PICKED.has(id) ? '' : value);
      expect(cardProblems(answer)).toEqual([]);
      expect(await deals()).toEqual([]);
    });

    it.each<[string, Step, Record<string, string>, RegExp]>([
      ['a team with nobody', 'team', { team0Name: '', team0Phone: '', team0Email: '' }, /Add at least one team member with name, phone and email/],
      ['no solution at all', 'solutions', { microsoft: '', thirdParty: '' }, /Add at least one solution/],
    ])('%s (an error about the whole group, shown above it)', async (_label, step, typed, message) => {
      const form = await goTo(step);
      const answer = await press(bot, connector, ada, form, 'next', { ...VALID[step as Exclude<Step, 'summary'>], ...typed });
      expect(stepOf(answer)).toBe(step);
      expect(cardText(answer)).toMatch(message);
      expect(await deals()).toEqual([]);
    });

    it.each<[string, Record<string, string>, Record<string, string>, string, RegExp]>([
      ['asking Microsoft for help without the customer’s contact', {}, { help: 'technicalPresales' }, 'help', /Microsoft needs the customer’s main contact/],
      [
        'asking Microsoft for help without the customer’s consent',
        { contactName: 'Léa Dubois', contactPhone: '+33 1 23 45 67 89', contactEmail: 'lea@northwind.example', contactConsent: 'false' },
        { help: 'proofOfConcept' },
        'help',
        /Confirm that the customer agreed/,
      ],
    ])('%s', async (_label, customer, selling, field, message) => {
      const form = await goTo('selling', { customer });
      const answer = await press(bot, connector, ada, form, 'next', selling);
      expect(stepOf(answer)).toBe('selling');
      expect(errorBeside(answer, field)).toMatch(message);
      expect(cardText(answer)).toContain('go Back to the customer step');
    });

    it.each<[string, Record<string, string>, string, RegExp]>([
      ['no partner chosen or named', { partnerName: '', partnerAmount: '1000', partnerNotes: 'x' }, 'partnerName', /^Required\.$/],
      ['a partner close date in the past', { partnerName: 'Contoso Services', partnerAmount: '1000', partnerCloseDate: '2026-01-01' }, 'partnerCloseDate', /today or a later date/],
      ['a partner value below zero', { partnerName: 'Contoso Services', partnerAmount: '-10' }, 'partnerAmount', /Enter a value above zero/],
      ['a partner currency that is not ISO 4217', { partnerName: 'Contoso Services', partnerAmount: '10', partnerCurrency: 'EU' }, 'partnerCurrency', /ISO 4217/],
      ['no solution for the partner', { partnerName: 'Contoso Services', partnerAmount: '10', partnerSolutions: '', partnerOtherSolutions: '' }, 'partnerOtherSolutions', /Add at least one solution/],
      ['notes one character past 4,000', { partnerName: 'Contoso Services', partnerAmount: '10', partnerNotes: 'n'.repeat(4001) }, 'partnerNotes', /^Too long\.$/],
    ])('an invitation with %s', async (_label, typed, field, message) => {
      const form = await goTo('partners');
      const answer = await press(bot, connector, ada, form, 'add', { partnerName: typed.partnerName ?? 'x', ...typed });
      expect(stepOf(answer)).toBe('partners');
      expect(errorBeside(answer, field)).toMatch(message);
      expect(cardText(answer)).not.toContain('Invited so far');
    });

    it('the same partner twice → refused beside the partner', async () => {
      const form = await goTo('partners');
      const once = await press(bot, connector, ada, form, 'add', { partnerName: 'Contoso Services', partnerAmount: '1000' });
      expect(cardText(once)).toContain('Partner added.');
      const twice = await press(bot, connector, ada, once, 'add', { partnerName: 'contoso services', partnerAmount: '5' });
      expect(errorBeside(twice, 'partnerName')).toBe('contoso services is already invited.');
    });

    it.each<[string, Record<string, string>, string, RegExp]>([
      ['an assessment and another solution', { assessmentType: 'Azure migration readiness', assessmentLocation: 'FR' }, 'assessmentType', /exactly one assessment type and no other solution/],
      ['an assessment without its location', { microsoft: '', thirdParty: '', assessmentType: 'Azure migration readiness', assessmentLocation: '' }, 'assessmentLocation', /two-letter country code/],
    ])('for a vetted organization, %s', async (_label, typed, field, message) => {
      await setOrg({ assessmentVetted: true });
      const form = await goTo('solutions');
      const answer = await press(bot, connector, ada, form, 'next', { ...VALID.solutions, ...typed });
      expect(stepOf(answer)).toBe('solutions');
      expect(errorBeside(answer, field)).toMatch(message);
    });

    it('when a forged client sends 10,000 characters of notes, then the form says they are too long (they are never cut to a length that passes)', async () => {
      const form = await goTo('details');
      const answer = await press(bot, connector, ada, form, 'next', { ...VALID.details, notes: 'n'.repeat(10_000) });
      expect(stepOf(answer)).toBe('details');
      expect(errorBeside(answer, 'notes')).toBe('Too long.');
      expect(cardProblems(answer)).toEqual([]);
      expect(await deals()).toEqual([]);
    });

    it('when the notes are exactly 4,000 characters, then the deal keeps every one of them', async () => {
      const notes = `${'n'.repeat(3999)}.`;
      const summary = await goTo('summary', { details: { notes } });
      await press(bot, connector, ada, summary, 'create');
      expect((await deals()).map((d) => d.notes)).toEqual([notes]);
    });

    it('wrong types from a forged client (numbers, objects) are read as text and refused, not crashed on', async () => {
      const form = await goTo('details');
      const answer = await press(bot, connector, ada, form, 'next', { ...VALID.details, amount: { $gt: 1 } as unknown as string, closeDate: 20270101 as unknown as string, currency: ['EUR'] as unknown as string });
      expect(stepOf(answer)).toBe('details');
      expect(errorBeside(answer, 'amount')).toMatch(/^Required\.$/);
      expect(errorBeside(answer, 'closeDate')).toMatch(/YYYY-MM-DD/);
      expect(errorBeside(answer, 'currency')).toMatch(/^Required\.$/);
    });
  });

  describe('going back and cancelling', () => {
    it('when the seller presses Back, then the previous form comes back with what they typed', async () => {
      const team = await goTo('team');
      const details = await press(bot, connector, ada, team, 'back', {}, { withInputs: false });
      expect(stepOf(details)).toBe('details');
      expect(inputsOf(details)).toMatchObject({ name: 'Northwind – data platform', amount: '120 000', currency: 'EUR', closeDate: '2027-06-30' });
      expect(actionsOf(details).some((a) => a.data?.nav === 'back')).toBe(true);
    });

    it('the first step offers no Back', async () => {
      const customer = await goTo('customer');
      expect(actionsOf(customer).map((a) => a.data?.nav)).toEqual(['next', 'cancel']);
    });

    it.each(['cancel', 'Cancel', 'cancle', 'stop'])('when the seller types "%s", then the dialog ends and nothing is saved', async (word) => {
      await goTo('solutions');
      const res = await say(bot, connector, ada, word);
      expect(res.status).toBe(200);
      expect(cardText(lastSent(connector, ada))).toContain('New deal cancelled');
      expect(await deals()).toEqual([]);
      // Typed text now goes to commands again.
      expect(cardText(await command(bot, connector, ada, 'back'))).toContain('I did not understand "back"');
    });

    it('when the seller types "back", then the previous form is posted again', async () => {
      await goTo('team');
      await say(bot, connector, ada, 'Back');
      expect(stepOf(lastSent(connector, ada))).toBe('details');
    });

    it('when the seller presses Cancel, then the card says so and a later click on an old form does nothing', async () => {
      const selling = await goTo('selling');
      const cancelled = await press(bot, connector, ada, selling, 'cancel', {}, { withInputs: false });
      expect(cardText(cancelled)).toContain('Nothing was saved.');
      const late = await press(bot, connector, ada, selling, 'next', VALID.selling);
      expect(cardText(late)).toContain('This form is no longer in use.');
      expect(await deals()).toEqual([]);
    });

    it('text that is not a command, typed mid-dialog, shows the current form again with a hint; commands still work', async () => {
      await goTo('details');
      await say(bot, connector, ada, 'Northwind');
      const again = lastSent(connector, ada);
      expect(stepOf(again)).toBe('details');
      expect(cardText(again)).toContain('type "back" or "cancel"');
      expect(cardText(await command(bot, connector, ada, 'outbound'))).toContain('Outbound deals · Open');
      // …and the dialog is still where it was.
      await say(bot, connector, ada, 'hm');
      expect(stepOf(lastSent(connector, ada))).toBe('details');
    });

    it('a form from an earlier draft is recognised and the current form shown instead', async () => {
      const old = await goTo('details');
      await command(bot, connector, ada, 'new deal');
      const answer = await press(bot, connector, ada, old, 'next', VALID.details);
      expect(stepOf(answer)).toBe('customer');
      expect(cardText(answer)).toContain('That form belongs to an earlier draft.');
    });
  });

  describe('what each answer makes the deal', () => {
    it('the Action.Submit fallback goes through the same dialog', async () => {
      const customer = await goTo('customer');
      const details = await press(bot, connector, ada, customer, 'next', VALID.customer, { via: 'submit' });
      expect(stepOf(details)).toBe('details');
      const invalid = await press(bot, connector, ada, details, 'next', { ...VALID.details, currency: 'ZZZ' }, { via: 'submit' });
      expect(errorBeside(invalid, 'currency')).toMatch(/ISO 4217/);
    });

    it('help from Microsoft with the customer’s consented contact → Co-sell, Microsoft invited with its 14 days', async () => {
      const customer = { contactName: 'Léa Dubois', contactPhone: '+33 1 23 45 67 89', contactEmail: 'lea@northwind.example', contactConsent: 'true' };
      const summary = await goTo('summary', { customer, selling: { help: 'technicalPresales', microsoftMayView: 'false' } });
      expect(cardText(summary)).toContain('This will be a Co-sell deal.');
      expect(cardText(summary)).toContain('14 days to decide');
      const created = await press(bot, connector, ada, summary, 'create');
      expect(cardText(created)).toMatch(/Invited for Technical pre-sales: deciding, 14 days left \(until Dec 4, 2026, 11:00 AM GMT\+1\)/);
      const [deal] = await deals();
      expect(deal!.microsoft).toMatchObject({ status: 'invited', helpWanted: 'technicalPresales', respondBy: '2026-12-04T10:00:00.000Z' });
      expect(deal!.customer).toMatchObject({ contacts: [{ name: 'Léa Dubois' }], contactConsent: true });
    });

    it('no help but Microsoft may view → Partner-led', async () => {
      const summary = await goTo('summary', { selling: { help: 'none', microsoftMayView: 'true' } });
      expect(cardText(summary)).toContain('This will be a Partner-led deal.');
      await press(bot, connector, ada, summary, 'create');
      expect((await deals())[0]!.microsoft).toMatchObject({ status: 'notInvited', canView: true });
    });

    it('a partner found by search and one outside the deployment → P2P, the found one delivered to its organization', async () => {
      const partners = await goTo('partners');
      const searched = await press(bot, connector, ada, partners, 'search', { partnerQuery: 'tailspin' });
      expect(cardText(searched)).toContain('tailspin.example');
      const added = await press(bot, connector, ada, searched, 'add', { partnerPick: OTHER_TENANT, partnerAmount: '40000', partnerNotes: 'They run the backup', partnerHelp: 'Data engineering' });
      expect(cardText(added)).toContain('Invited so far');
      const two = await press(bot, connector, ada, added, 'add', { partnerName: 'Contoso Services', partnerAmount: '5000', partnerSolutions: '' , partnerOtherSolutions: 'Contoso Care (Contoso)' });
      const summary = await press(bot, connector, ada, two, 'next', {});
      expect(cardText(summary)).toContain('This will be a Partner to partner deal.');
      await press(bot, connector, ada, summary, 'create');
      const [deal] = await deals();
      expect(deal!.invitations).toMatchObject([
        { id: '1', partner: { tenantId: OTHER_TENANT, name: 'tailspin.example' }, status: 'pending', value: { amount: 40000, currency: 'EUR' }, closeDate: '2027-06-30', notes: 'They run the backup', helpWanted: 'Data engineering', team: [{ email: 'ada@fabrikam.example' }], solutions: [{ name: 'Azure Synapse' }, { name: 'Tailspin Backup' }] },
        { id: '2', partner: { name: 'Contoso Services' }, solutions: [{ kind: 'thirdParty', name: 'Contoso Care', publisher: 'Contoso' }] },
      ]);
      // The organization in this deployment receives it as an inbound P2P referral; the other is only recorded.
      await bot.app.dispatcher.drain();
      const [inbound] = await deals(OTHER_TENANT);
      expect(inbound).toMatchObject({ direction: 'inbound', status: 'received', inbound: { sender: { type: 'Partner', tenantId: TENANT }, inviterDealId: deal!.id, invitationId: '1' } });
    });

    it('a vetted organization’s solution assessment skips the selling type and partner steps (4 steps)', async () => {
      await setOrg({ assessmentVetted: true });
      const solutions = await goTo('solutions');
      const summary = await press(bot, connector, ada, solutions, 'next', { microsoft: '', thirdParty: '', assessmentType: 'Azure migration readiness', assessmentLocation: 'fr' });
      expect(stepOf(summary)).toBe('summary');
      expect(cardText(summary)).toContain('This will be a Solution assessment deal.');
      const back = await press(bot, connector, ada, summary, 'back', {}, { withInputs: false });
      expect(cardText(back)).toMatch(/step 4 of 4: Solutions/);
      const again = await press(bot, connector, ada, back, 'next', {});
      const created = await press(bot, connector, ada, again, 'create');
      expect(cardText(created)).toContain('Complete: Customer engaged');
      expect((await deals())[0]).toMatchObject({ assessment: { type: 'Azure migration readiness', location: 'FR' }, solutions: [{ kind: 'assessment' }] });
    });

    it('a not-vetted organization is not offered an assessment', async () => {
      const solutions = await goTo('solutions');
      expect(inputsOf(solutions)).not.toHaveProperty('assessmentType');
    });

    it('the organization’s co-sell ready solutions (its live, co-sell ready offers) are offered and a pick carries its incentive', async () => {
      await bot.app.store.offers.create(coSellReadyOffer(TENANT, 'Fabrikam Migrate', { incentive: 'azureIpCoSell', diagram: true }));
      const form = await goTo('solutions');
      expect(cardText(form)).toContain('Fabrikam Migrate (your company · Azure IP co-sell)');
      const summary = await goTo('summary', { solutions: { own: '0', microsoft: '', thirdParty: '' } });
      await press(bot, connector, ada, summary, 'create');
      expect((await deals())[0]!.solutions).toEqual([{ kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }]);
    });

    it('contacts from the organization’s earlier deals are offered, and one click adds them to the team', async () => {
      const first = await goTo('summary', { team: { team1Name: 'Bo Builder', team1Phone: '+33 6 11 22 33 44', team1Email: 'bo@fabrikam.example' } });
      await press(bot, connector, ada, first, 'create');
      const team = await goTo('team');
      expect(cardText(team)).toContain('Bo Builder · bo@fabrikam.example · +33 6 11 22 33 44');
      const summary = await goTo('summary', { team: { contacts: '0' } });
      expect(cardText(summary)).toMatch(/Team\nBo Builder, Ada|Team\nAda, Bo Builder/);
      await press(bot, connector, ada, summary, 'create');
      const newest = (await deals())[0]!;
      expect(newest.team.map((t) => t.email).sort()).toEqual(['ada@fabrikam.example', 'bo@fabrikam.example']);
    });

    it('"Add a row" gives one more team row and keeps what was typed', async () => {
      const team = await goTo('team');
      const more = await press(bot, connector, ada, team, 'addRow', { team0Phone: '+33 1 02 03 04 05' });
      expect(inputsOf(more)).toMatchObject({ team0Phone: '+33 1 02 03 04 05', team3Name: '' });
    });

    it('a day passing before Create: the close date now in the past sends the seller back to it', async () => {
      const summary = await goTo('summary', { details: { closeDate: '2026-11-20' } });
      clock.set('2026-11-21T10:00:00Z');
      const answer = await press(bot, connector, ada, summary, 'create');
      expect(stepOf(answer)).toBe('details');
      expect(errorBeside(answer, 'closeDate')).toMatch(/today or a later date/);
      expect(await deals()).toEqual([]);
    });

    it('a referral user creating a deal outside their scope is warned they will not see it', async () => {
      const cy = teamsUser('cy');
      await install(bot, connector, cy);
      let card = await command(bot, connector, cy, 'new deal');
      for (const s of ORDER.slice(0, -1)) card = await press(bot, connector, cy, card, 'next', VALID[s as Exclude<Step, 'summary'>]);
      expect(cardText(card)).toContain('you will not see this deal afterwards');
      expect(connector.sent(personalConversation(cy)).length).toBeGreaterThan(0);
    });
  });
});
