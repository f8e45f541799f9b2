import { FixedClock } from '../../services/clock';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { TENANT } from '../support/fixtures';
import { actionsOf, click, inputsOf, install, personalConversation, say, teamsUser } from '../support/teams';

const ada = teamsUser('ada');
const ben = teamsUser('ben');
const cy = teamsUser('cy');

describe('who the bot knows', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  describe('without REFERRAL_ADMINS', () => {
    beforeEach(async () => {
      connector = await new ConnectorStandIn().start();
      bot = await startTestApp({}, { clock: new FixedClock('2026-11-20T10:00:00Z'), workers: false });
      for (const user of [ada, ben, cy]) await install(bot, connector, user);
    });

    it('the first member of a tenant to install is its referral admin with global scope; later ones are referral users with no scope', async () => {
      const role = async (u: typeof ada) => (await bot.app.store.members.get(TENANT, u.aadObjectId))!.value;
      expect(await role(ada)).toMatchObject({ role: 'globalAdmin', email: 'ada@fabrikam.example', installed: true, timeZone: 'Europe/Paris' });
      expect(await role(ben)).toMatchObject({ role: 'user', locationScopes: [] });
      expect((await bot.app.store.organizations.get(TENANT))!.value.name).toBe('fabrikam.example');
    });

    it('installing sends the welcome card; the conversation reference is kept with the serviceUrl of the latest message', async () => {
      expect(cardText(cardsOf(connector.sent(personalConversation(ada))[0]!)[0])).toContain('Welcome to Co-sell');
      const moved = await new ConnectorStandIn().start();
      try {
        await say(bot, moved, ada, 'help');
        expect((await bot.app.store.conversations.get(TENANT, personalConversation(ada)))!.serviceUrl).toBe(moved.url);
      } finally {
        await moved.stop();
      }
    });

    it('an admin grants a role and location scopes from the members card; invalid scopes are refused on the card', async () => {
      await say(bot, connector, ada, 'members');
      const card = cardsOf(connector.sent(personalConversation(ada)).at(-1)!)[0]!;
      const text = cardText(card);
      expect(text).toContain('Members of fabrikam.example');
      for (const name of ['Ada', 'Ben', 'Cy']) expect(text).toContain(name);
      // Change on Ben's row brings the card back with his form: his role and scopes as they are.
      const change = actionsOf(card).find((a) => a.verb === 'members.page' && a.data?.edit === ben.aadObjectId)!;
      const form = (await click(bot, connector, ada, 'members.page', change.data!)).card;
      expect(cardText(form)).toContain('Change Ben');
      expect(inputsOf(form)).toMatchObject({ role: 'user', scopes: '' });
      const save = actionsOf(form).find((a) => a.verb === 'member.update')!;
      expect(save.data).toMatchObject({ userId: ben.aadObjectId });

      const bad = await click(bot, connector, ada, 'member.update', { ...inputsOf(form), ...save.data, scopes: 'FR,Atlantis' });
      expect(cardText(bad.card)).toContain('"Atlantis" is not a two-letter country code.');
      expect((await bot.app.store.members.get(TENANT, ben.aadObjectId))!.value.locationScopes).toEqual([]);

      // The searchable list sends the codes picked, joined by commas.
      const good = await click(bot, connector, ada, 'member.update', { ...inputsOf(form), ...save.data, scopes: 'FR,DE' });
      expect(cardText(good.card)).toContain('Saved: Ben is now Referral user (France (FR), Germany (DE)).');
      expect((await bot.app.store.members.get(TENANT, ben.aadObjectId))!.value).toMatchObject({ role: 'user', locationScopes: ['FR', 'DE'] });
    });

    it('a referral user cannot open the members card nor change roles; nobody can remove the last global admin', async () => {
      await say(bot, connector, ben, 'members');
      expect(cardText(cardsOf(connector.sent(personalConversation(ben)).at(-1)!)[0])).toContain('Only a referral admin can do that.');
      const forged = await click(bot, connector, ben, 'member.update', { userId: ben.aadObjectId, index: 0, role0: 'globalAdmin', scopes0: '' });
      expect(cardText(forged.card)).toContain('Only a referral admin can do that.');
      expect((await bot.app.store.members.get(TENANT, ben.aadObjectId))!.value.role).toBe('user');
      const self = await click(bot, connector, ada, 'member.update', { userId: ada.aadObjectId, index: 0, role0: 'user', scopes0: '' });
      expect(cardText(self.card)).toContain('needs at least one referral admin with global scope');
    });
  });

  describe('with REFERRAL_ADMINS', () => {
    it('the named members are the global admins, whoever installs first, and the members card cannot change them', async () => {
      connector = await new ConnectorStandIn().start();
      bot = await startTestApp({ REFERRAL_ADMINS: `${ben.email.toUpperCase()}, some-object-id` }, { workers: false });
      await install(bot, connector, ada);
      await install(bot, connector, ben);
      expect((await bot.app.store.members.get(TENANT, ada.aadObjectId))!.value.role).toBe('user');
      expect((await bot.app.store.members.get(TENANT, ben.aadObjectId))!.value.role).toBe('globalAdmin');
      const demote = await click(bot, connector, ben, 'member.update', { userId: ben.aadObjectId, index: 0, role0: 'user', scopes0: '' });
      expect(cardText(demote.card)).toContain('REFERRAL_ADMINS');
    });
  });
});
