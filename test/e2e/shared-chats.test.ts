import { FixedClock } from '../../services/clock';
import { contractExample } from '../../services/referrals/contractExample';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn, type ConnectorCall } from '../support/connector';
import { TENANT } from '../support/fixtures';
import { install, personalConversation, say, teamsUser, type TeamsUser } from '../support/teams';

/*
 * Issue 10, finding 4: a team channel or group chat may hold people who must not see a deal, so what
 * shows deal or member data is answered in the person's personal chat, and the shared conversation
 * gets a short reply with no data in it.
 */

const KEY = 'intake-key-for-tests';
const ada = teamsUser('ada'); // first to install: global admin
const ben = teamsUser('ben'); // in the group chat and the team, never installed the bot personally
const GROUP = '19:group-chat-1@thread.v2';
const CHANNEL = '19:sales-channel@thread.tacv2';

/** Words of the referral and of the roster that must never reach a shared conversation. */
const PRIVATE_WORDS = ['Contoso', '250,000', 'lea.dubois@contoso.example', 'Camille Martin', 'Ada', 'Referral admin', 'fabrikam.example'];

describe('shared chats never see deal or member data (hardening, finding 4)', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;
  let referralId: string;

  const inShared = (user: TeamsUser, conversationType: 'groupChat' | 'channel', fields: Record<string, unknown>) =>
    teamsActivity(connector.url, {
      from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
      conversationId: conversationType === 'groupChat' ? GROUP : `${CHANNEL};messageid=1700000000000`,
      tenantId: user.tenantId,
      ...fields,
      conversation: {
        id: conversationType === 'groupChat' ? GROUP : `${CHANNEL};messageid=1700000000000`,
        conversationType,
        tenantId: user.tenantId,
        ...(conversationType === 'channel' ? { isGroup: true } : {}),
      },
    });
  const sayIn = (user: TeamsUser, type: 'groupChat' | 'channel', text: string) => bot.post(inShared(user, type, { text }));
  const clickIn = async (user: TeamsUser, type: 'groupChat' | 'channel', verb: string, data: Record<string, unknown>) => {
    const res = await bot.post(
      inShared(user, type, { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }),
    );
    return { status: res.status, card: (res.body as { value?: Record<string, unknown> }).value ?? {} };
  };
  const textOf = (calls: ConnectorCall[]) => calls.map((c) => cardsOf(c).map(cardText).join('\n') + String(c.body.text ?? '')).join('\n');
  // A channel message's conversation id carries ";messageid=…" of its thread.
  const inChannel = () => connector.sent().filter((c) => c.conversationId.startsWith(CHANNEL));
  const sharedText = () => textOf([...connector.sent(GROUP), ...inChannel()]);
  const expectNoPrivateData = (text: string) => {
    for (const word of PRIVATE_WORDS) expect(text).not.toContain(word);
  };

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestApp({ REFERRAL_INTAKE_KEY: KEY }, { clock: new FixedClock('2026-11-20T10:00:00Z'), workers: false });
    await install(bot, connector, ada);
    connector.addMember({ id: ben.id, aadObjectId: ben.aadObjectId, name: ben.name, email: ben.email, tenantId: TENANT });
    const res = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ ...contractExample(), tenantId: TENANT, createdDateTime: '2026-11-20T09:30:00Z' }),
    });
    referralId = ((await res.json()) as { referralId: string }).referralId;
    await bot.app.dispatcher.drain();
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it.each<['groupChat' | 'channel', string, RegExp]>([
    ['groupChat', 'deal Contoso', /Contoso SA/],
    ['groupChat', 'inbound all', /Contoso/],
    ['groupChat', 'outbound all', /Outbound deals/],
    ['groupChat', 'members', /Members of fabrikam\.example/],
    ['channel', 'deal Contoso', /Contoso SA/],
    ['channel', 'inbound all', /Contoso/],
    ['channel', 'members', /Members of fabrikam\.example/],
    ['groupChat', 'search contoso', /Contoso SA/],
    ['channel', 'pipeline', /Referrals waiting for an answer \(1\)[\s\S]*Contoso/],
  ])('when someone types a command that shows data in a %s ("%s"), then the data goes to their personal chat and the shared one gets a data-free reply', async (type, text, answer) => {
    const before = connector.sent(personalConversation(ada)).length;
    expect((await sayIn(ada, type, `<at>Co-sell</at> ${text}`)).status).toBe(200);
    const shared = type === 'groupChat' ? connector.sent(GROUP) : inChannel();
    expect(shared).toHaveLength(1);
    expect(textOf(shared)).toContain('answered you in our personal chat');
    expectNoPrivateData(sharedText());
    const personal = connector.sent(personalConversation(ada)).slice(before);
    expect(personal).toHaveLength(1);
    expect(textOf(personal)).toMatch(answer);
  });

  it.each([
    ['deal.show', () => ({ tenantId: TENANT, dealId: referralId })],
    ['deal.list', () => ({ list: 'inbound', filter: 'all' })],
    ['members.page', () => ({})],
    ['referral.show', () => ({ tenantId: TENANT, dealId: referralId })],
    ['deal.search', () => ({ searchWords: 'contoso' })],
    ['pipeline.show', () => ({})],
  ])('when a card action %s is invoked from a group chat, then the clicked card becomes a data-free notice and the answer goes to the personal chat', async (verb, data) => {
    const before = connector.sent(personalConversation(ada)).length;
    const { status, card } = await clickIn(ada, 'groupChat', verb, data());
    expect(status).toBe(200);
    expect(cardText(card)).toContain('answered you in our personal chat');
    expectNoPrivateData(cardText(card));
    const personal = connector.sent(personalConversation(ada)).slice(before);
    expect(personal).toHaveLength(1);
    expect(textOf(personal)).toMatch(verb === 'members.page' ? /Members of/ : /Contoso/);
    expect(connector.sent(GROUP)).toHaveLength(0);
  });

  it('when a member the bot has no personal chat with asks in a channel, then the bot opens a 1:1 chat with them, answers there and remembers it', async () => {
    await sayIn(ben, 'channel', 'inbound');
    expect(connector.created()).toHaveLength(1);
    expect(connector.created()[0]!.body).toMatchObject({ isGroup: false, members: [{ id: ben.id }], tenantId: TENANT });
    const personal = connector.sent(personalConversation(ben));
    expect(personal).toHaveLength(1);
    // Ben is a referral user without scope: his (empty) inbound list, in his own chat.
    expect(textOf(personal)).toContain('Inbound');
    expectNoPrivateData(sharedText());
    expect(await bot.app.store.conversations.findPersonal(TENANT, ben.aadObjectId)).toMatchObject({ conversationId: personalConversation(ben), scope: 'personal' });
  });

  it('when Teams refuses to open a personal chat, then the shared chat is told how to add the app, and no data is shown anywhere', async () => {
    connector.refuseNewChats = true;
    await sayIn(ben, 'groupChat', 'deal Contoso');
    const text = sharedText();
    expect(text).toContain('cannot open one with you yet');
    expect(text).toContain('select Add');
    expectNoPrivateData(text);
    expect(connector.sent(personalConversation(ben))).toHaveLength(0);
  });

  it('when "new deal" is typed in a group chat, then the create-deal dialog starts in the personal chat, and typing there continues it', async () => {
    const before = connector.sent(personalConversation(ada)).length;
    await sayIn(ada, 'groupChat', 'new deal');
    const personal = connector.sent(personalConversation(ada)).slice(before);
    expect(personal).toHaveLength(1);
    expect(textOf(personal)).toMatch(/Customer/);
    await say(bot, connector, ada, 'cancel');
    expect(textOf(connector.sent(personalConversation(ada)).slice(before + 1))).toMatch(/cancel/i);
  });

  it('when the bot is added to a group chat, then its welcome promises nothing arrives there and shows nobody’s role; help there is the same', async () => {
    await bot.post(inShared(ada, 'groupChat', { type: 'installationUpdate', action: 'add', text: undefined }));
    await sayIn(ada, 'groupChat', 'help');
    const cards = connector.sent(GROUP).map((c) => cardText(cardsOf(c)[0]));
    expect(cards).toHaveLength(2);
    expect(cards[0]).toContain('Welcome to Co-sell');
    for (const text of cards) {
      expect(text).toContain('never into a shared chat like this one');
      expect(text).not.toMatch(/arrive here/);
      expect(text).not.toContain('Your role');
      expect(text).not.toContain('Referral admin');
    }
  });

  it('when the same member types "help" in their personal chat, then they see their role there', async () => {
    await say(bot, connector, ada, 'help');
    expect(cardText(cardsOf(connector.sent(personalConversation(ada)).at(-1)!)[0])).toContain('Your role: Referral admin (global scope)');
  });
});
