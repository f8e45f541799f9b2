import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../bot/logger';
import { FixedClock } from '../../services/clock';
import { contractExample } from '../../services/referrals/contractExample';
import { SqliteStore } from '../../services/store/sqlite';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { OTHER_TENANT, TENANT } from '../support/fixtures';
import { click, install, personalConversation, teamsUser, type TeamsUser } from '../support/teams';

/*
 * The outbox worker and the Teams sender under load, through the real server and the connector
 * stand-in: a paced backlog must not hold anyone else, two workers on one store never send a card
 * twice, a slow Teams never yields two copies, and stopping with a backlog is prompt and loses nothing.
 */

const KEY = 'outbox-intake-key';
const ada = teamsUser('ada'); // first to install in TENANT: its referral admin
const dora = teamsUser('dora', { tenantId: OTHER_TENANT }); // first to install in another organization

async function postReferral(bot: TestApp, tenantId: string, id: string, createdDateTime = new Date().toISOString()): Promise<string> {
  const res = await fetch(`${bot.url}/api/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ ...contractExample(), id, tenantId, name: `Referral ${id}`, createdDateTime }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { referralId: string }).referralId;
}

/** The names of the new-referral cards delivered to a user, in order. */
function referralCards(connector: ConnectorStandIn, user: TeamsUser): string[] {
  return connector
    .sent(personalConversation(user))
    .map((call) => cardText(cardsOf(call)[0]))
    .filter((text) => text.includes('New co-sell referral'))
    .map((text) => /Referral (?:backlog|shared|stop|elsewhere)[\w-]*/.exec(text)![0]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outbox delivery under load', () => {
  let connector: ConnectorStandIn;
  let dataDir: string;
  const bots: TestApp[] = [];

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    dataDir = mkdtempSync(join(tmpdir(), 'cosell-outbox-'));
  });

  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>, overrides: Parameters<typeof startTestApp>[1] = {}) => {
    const bot = await startTestApp({ REFERRAL_INTAKE_KEY: KEY, ...env }, overrides, dataDir);
    bots.push(bot);
    return bot;
  };

  it('when one chat has a backlog of paced sends, then another tenant’s new referral reaches its admin at once', async () => {
    // Teams' default pacing into one chat: 3 at once, then one every 2.2 s — 30 cards take about a minute.
    const bot = await start({});
    await install(bot, connector, ada);
    await install(bot, connector, dora);
    for (let i = 0; i < 30; i++) await postReferral(bot, TENANT, `backlog-${i}`);
    await connector.waitFor(() => referralCards(connector, ada).length >= 3, 15000, 'the first cards of the backlog');

    await postReferral(bot, OTHER_TENANT, 'elsewhere');
    await connector.waitFor(() => referralCards(connector, dora).length === 1, 15000, 'the other organization’s card');
    // It did not wait for the backlog, which is still being paced out.
    expect(referralCards(connector, ada).length).toBeLessThan(10);
    expect(referralCards(connector, dora)).toEqual(['Referral elsewhere']);
  }, 60000);

  it('when two bots on one store work one chat’s backlog, then no card is sent twice and none is lost', async () => {
    // A 1 s send timeout gives 4 s leases, far shorter than the time the backlog takes to pace out.
    const env = { TEAMS_SEND_TIMEOUT_SECONDS: '1', TEAMS_RATE_PER_CONVERSATION: '3', TEAMS_BURST_PER_CONVERSATION: '1' };
    const warnings: string[] = [];
    const logger = () => createLogger('warn', { write: (line) => warnings.push(line) });
    const first = await start(env, { logger: logger() });
    const second = await start(env, { logger: logger() });
    await install(first, connector, ada);
    const names = Array.from({ length: 40 }, (_, i) => `Referral shared-${i}`);
    for (let i = 0; i < names.length; i++) await postReferral(i % 2 ? second : first, TENANT, `shared-${i}`);

    await connector.waitFor(() => referralCards(connector, ada).length >= names.length, 45000, 'every card of the backlog');
    await sleep(1500); // time for a second copy, if there were one, to arrive
    expect(referralCards(connector, ada).sort()).toEqual([...names].sort());
    expect(warnings.filter((line) => line.includes('lease lost'))).toEqual([]);
  }, 90000);

  it('when Teams answers a send only after the timeout, then the card is not sent again and its copy is recorded, so a later answer updates it', async () => {
    const clock = new FixedClock('2026-11-20T10:00:00Z');
    const bot = await start({ TEAMS_SEND_TIMEOUT_SECONDS: '0.5', TEAMS_RATE_PER_CONVERSATION: '100', TEAMS_BURST_PER_CONVERSATION: '7' }, { clock, workers: false });
    await install(bot, connector, ada);
    const chat = personalConversation(ada);
    connector.enqueue({ status: 200, delayMs: 1500, body: { id: 'act-slow' }, conversationId: chat });
    const dealId = await postReferral(bot, TENANT, 'slow', '2026-11-20T09:30:00Z');

    await bot.app.dispatcher.drain(); // the send times out after 0.5 s; Teams answers at 1.5 s
    const copies = () => bot.app.store.cardCopies.listForDeal(TENANT, dealId);
    for (let waited = 0; (await copies()).length === 0 && waited < 10000; waited += 100) await sleep(100);
    expect((await copies()).map((c) => c.activityId)).toEqual(['act-slow']);

    // The retry comes once the late answer could have come, finds it came, and sends nothing.
    clock.advance({ minutes: 2 });
    await bot.app.dispatcher.drain();
    clock.advance({ hours: 1 });
    await bot.app.dispatcher.drain();
    const posts = connector.calls.filter((c) => c.conversationId === chat && c.method === 'POST' && c.path.endsWith('/activities'));
    expect(posts.filter((c) => cardText(cardsOf(c)[0]).includes('New co-sell referral'))).toHaveLength(1);

    await click(bot, connector, ada, 'referral.decline', { dealId, tenantId: TENANT, reason: 'noCapacity' });
    await bot.app.dispatcher.drain();
    expect(connector.updates(chat).map((u) => u.activityId)).toEqual(['act-slow']);
    expect(cardText(cardsOf(connector.updates(chat)[0]!)[0])).toContain('Declined');
  }, 30000);

  it('when the bot stops with a backlog, then it returns before the backlog drains, the send under way is recorded, and another bot delivers the rest once each', async () => {
    // The backlog is there before the worker starts, so that it claims it all at once.
    const intake = await start({}, { workers: false });
    await install(intake, connector, ada);
    const names = Array.from({ length: 40 }, (_, i) => `Referral stop-${i}`);
    const dealIds: string[] = [];
    for (let i = 0; i < names.length; i++) dealIds.push(await postReferral(intake, TENANT, `stop-${i}`));
    const chat = personalConversation(ada);
    connector.enqueue({ status: 200, delayMs: 1500, body: { id: 'act-slow' }, conversationId: chat });
    const bot = await start({ TEAMS_RATE_PER_CONVERSATION: '2', TEAMS_BURST_PER_CONVERSATION: '3' });
    // The first send is under way (Teams answers it slowly); the next ones already went.
    await connector.waitFor(() => referralCards(connector, ada).length >= 2, 15000, 'the first cards');

    await bots.splice(bots.indexOf(bot), 1)[0]!.app.stop();
    expect(referralCards(connector, ada).length).toBeLessThan(10);
    // The slow send was waited for: Teams' answer came, and its copy is recorded.
    const slow = connector.sent(chat).find((c) => c.createdId === undefined)!;
    const slowDeal = dealIds[names.indexOf(/Referral stop-\d+/.exec(cardText(cardsOf(slow)[0]))![0])]!;
    const store = SqliteStore.open(dataDir);
    try {
      expect((await store.cardCopies.listForDeal(TENANT, slowDeal)).map((c) => c.activityId)).toEqual(['act-slow']);
    } finally {
      await store.close();
    }

    // Nothing is left leased to the stopped bot (leases last a minute): the next one delivers the rest.
    await start({ TEAMS_RATE_PER_CONVERSATION: '50', TEAMS_BURST_PER_CONVERSATION: '7' });
    await connector.waitFor(() => referralCards(connector, ada).length >= names.length, 40000, 'the rest of the backlog');
    await sleep(1000);
    expect(referralCards(connector, ada).sort()).toEqual([...names].sort());
  }, 90000);
});
