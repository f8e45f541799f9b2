import { CardFactory } from 'botbuilder';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';

describe('the bot over HTTP (foundation)', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestApp();
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('when a local client (no app id) sends a message, then a help card saying what the bot does and its commands arrives at the client’s serviceUrl', async () => {
    const activity = teamsActivity(connector.url, { text: 'hello', channelId: 'emulator' });
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    await connector.waitFor(() => connector.sent().length === 1);
    const [reply] = connector.sent();
    expect(reply!.conversationId).toBe((activity.conversation as { id: string }).id);
    expect(reply!.authorization).toBeUndefined();
    const text = cardText(cardsOf(reply!)[0]);
    expect(text).toContain('Co-sell assistant');
    expect(text).toMatch(/referrals into Teams/);
    for (const command of ['help', 'new deal', 'inbound', 'outbound', 'favorites', 'deal [name or id]', 'members']) expect(text).toContain(command);
  });

  it('when activities come in turn from two service URLs, then every reply goes to the service URL of its own activity (clients are reused per service URL, never across)', async () => {
    const other = await new ConnectorStandIn().start();
    try {
      for (const [i, url] of [connector.url, other.url, connector.url, other.url].entries()) {
        expect((await bot.post(teamsActivity(url, { text: 'help', conversationId: `a:conv-${i}` }))).status).toBe(200);
      }
      await connector.waitFor(() => connector.sent().length === 2);
      await other.waitFor(() => other.sent().length === 2);
      expect(connector.sent().map((c) => c.conversationId)).toEqual(['a:conv-0', 'a:conv-2']);
      expect(other.sent().map((c) => c.conversationId)).toEqual(['a:conv-1', 'a:conv-3']);
    } finally {
      await other.stop();
    }
  });

  it('when the text is not a command, then the help card says so instead of staying silent', async () => {
    await bot.post(teamsActivity(connector.url, { text: 'what is the weather' }));
    await connector.waitFor(() => connector.sent().length === 1);
    expect(cardText(cardsOf(connector.sent()[0]!)[0])).toContain('I did not understand "what is the weather"');
  });

  it('when the bot is added to a local client’s conversation, then it sends the welcome card', async () => {
    await bot.post(
      teamsActivity(connector.url, {
        type: 'conversationUpdate',
        channelId: 'emulator',
        text: undefined,
        membersAdded: [{ id: '28:cosell-bot', name: 'Co-sell' }],
      }),
    );
    await connector.waitFor(() => connector.sent().length === 1);
    expect(cardText(cardsOf(connector.sent()[0]!)[0])).toContain('Welcome to Co-sell');
  });

  it('GET /healthz answers 200 while the store is usable and 503 once it is not', async () => {
    const ok = await fetch(`${bot.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', store: 'sqlite' });
    await bot.app.store.close();
    const down = await fetch(`${bot.url}/healthz`);
    expect(down.status).toBe(503);
  });

  it('when a card action names a verb nobody handles, then the invoke answers with an error card and nothing else happens', async () => {
    const res = await bot.post(
      teamsActivity(connector.url, { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'launchMissiles', data: {} } } }),
    );
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe(CardFactory.contentTypes.adaptiveCard);
    expect(cardText(body.value)).toContain('This card is out of date');
    expect(connector.sent()).toEqual([]);
    expect(connector.updates()).toEqual([]);
  });

  it('when the body is not an activity, then the request is refused with 400 and the bot keeps running', async () => {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": 42}' });
    expect(res.status).toBe(400);
    const garbage = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(garbage.status).toBe(400);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});

describe('the bot over HTTP with MicrosoftAppId set', () => {
  it('when a request carries no valid Bot Framework token, then it gets 401 and nothing is sent', async () => {
    // CloudAdapter prints each refused request to console.error; keep the test output readable.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const connector = await new ConnectorStandIn().start();
    const bot = await startTestApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-secret' });
    try {
      const unsigned = await bot.post(teamsActivity(connector.url, { text: 'help' }));
      expect(unsigned.status).toBe(401);
      const forged = await bot.post(teamsActivity(connector.url, { text: 'help' }), { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJtZSJ9.' });
      expect(forged.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(connector.calls).toEqual([]);
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});

describe('when a turn fails', () => {
  it('then the user is told something went wrong, without internals, and the failure is logged', async () => {
    const connector = await new ConnectorStandIn().start();
    const lines: string[] = [];
    const { createLogger } = await import('../../bot/logger');
    const logger = createLogger('error', { write: (l) => lines.push(l) });
    const bot = await startTestApp({}, { logger });
    // Break the store under the bot: the help command reads the member and will throw.
    const broken = new Error('SQLITE_CORRUPT: database disk image is malformed at page 42');
    bot.app.store.members.get = async () => {
      throw broken;
    };
    try {
      await bot.post(teamsActivity(connector.url, { text: 'help' }));
      await connector.waitFor(() => connector.sent().length === 1);
      const text = cardText(cardsOf(connector.sent()[0]!)[0]);
      expect(text).toContain('Something went wrong on our side');
      expect(text).not.toMatch(/SQLITE|page 42|stack/i);
      expect(lines.join('')).toContain('SQLITE_CORRUPT');
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});
