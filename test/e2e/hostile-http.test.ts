import { withinEditDistance } from '../../bot/commands/parse';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';

/*
 * Issue 10 (hardening): what a hostile caller can send to the bot's HTTP surface, through the real
 * server. Each describe names the finding it protects.
 */

async function healthz(bot: TestApp): Promise<number> {
  return (await fetch(`${bot.url}/healthz`)).status;
}


describe('finding 11: one long message does not hold the bot up', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestApp({}, { workers: false });
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('when a seller sends a one-word message of a megabyte, then the help card answers (quoting its start) and /healthz is answered alongside', async () => {
    const word = 'inbound'.padEnd(1_000_000, 'x');
    const [message, health] = await Promise.all([bot.post(teamsActivity(connector.url, { text: word })), healthz(bot)]);
    expect(message.status).toBe(200);
    expect(health).toBe(200);
    await connector.waitFor(() => connector.sent().length === 1);
    const text = cardText(cardsOf(connector.sent()[0]!)[0]);
    expect(text).toContain(`I did not understand "${word.slice(0, 80)}"`);
    expect(text).not.toContain(word.slice(0, 81));
  });

  it('when a typed word is longer than a command by more than the typos allowed, then not one of its characters is compared', () => {
    let reads = 0;
    const counting = (s: string) =>
      new Proxy(new String(s), {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key) as unknown;
        },
      }) as unknown as string;
    expect(withinEditDistance(counting('inbound'.padEnd(1_000_000, 'x')), 'inbound', 2)).toBe(false);
    expect(reads).toBe(0);
    // The same word within reach is compared character by character (the counter does count).
    expect(withinEditDistance(counting('inbund'), 'inbound', 1)).toBe(true);
    expect(reads).toBeGreaterThan(0);
  });
});
