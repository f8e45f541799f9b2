import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { FixedClock } from '../../services/clock';
import type { TestApp } from '../support/app';
import { ConnectorStandIn } from '../support/connector';
import { TENANT } from '../support/fixtures';
import { install, say, teamsUser } from '../support/teams';
import { cardText, command, lastSent, press, startBot, type Card } from './support';

/*
 * Dialog state lives in the store, not in the process: a bot restarted in the middle of a dialog, or
 * a second bot process on the same store, continues where the seller was — on the embedded store and
 * on Cosmos DB (the local wire-compatible server).
 */

/** The emulator's published key; the local Cosmos test server accepts any key. */
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
let cosmos: Server;
let cosmosEndpoint = '';
let databases = 0;

beforeAll(async () => {
  cosmos = createHttpsServer();
  await new Promise<void>((r) => cosmos.listen(0, '127.0.0.1', r));
  cosmosEndpoint = `https://127.0.0.1:${(cosmos.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  cosmos.closeAllConnections();
  await new Promise((r) => cosmos.close(r));
});

/** The environment that puts every bot of one test on one shared store. */
const stores: Record<string, (dataDir: string) => Record<string, string>> = {
  'the embedded store': () => ({}),
  'Cosmos DB': () => ({ STORE: 'cosmos', COSMOS_ENDPOINT: cosmosEndpoint, COSMOS_KEY: EMULATOR_KEY, COSMOS_DATABASE: `dialogs${++databases}` }),
};

const ada = teamsUser('ada');

const customer = { customerCountry: 'FR', customerName: 'Northwind Traders', customerDuns: '987654321' };
const details = { name: 'Northwind – data platform', amount: '120000', currency: 'EUR', closeDate: '2027-06-30' };

describe.each(Object.keys(stores))('a create-deal dialog survives, on %s', (storeName) => {
  let dataDir: string;
  let storeEnv: Record<string, string>;
  let connector: ConnectorStandIn;
  const clock = new FixedClock('2026-11-20T10:00:00Z');
  const running: TestApp[] = [];

  const start = async () => {
    const bot = await startBot(clock, storeEnv, dataDir);
    running.push(bot);
    return bot;
  };
  const stop = async (bot: TestApp) => {
    await bot.stop();
    running.splice(running.indexOf(bot), 1);
  };

  /** Finish the dialog from the team step on, on `bot`. */
  async function finish(bot: TestApp, team: Card): Promise<Card> {
    let card = await press(bot, connector, ada, team, 'next', { team0Phone: '+33 1 02 03 04 05' });
    card = await press(bot, connector, ada, card, 'next', { microsoft: 'Azure Synapse' });
    card = await press(bot, connector, ada, card, 'next', {});
    card = await press(bot, connector, ada, card, 'next', {});
    expect(cardText(card)).toContain('New deal · check and create');
    return press(bot, connector, ada, card, 'create');
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cosell-dialog-'));
    storeEnv = stores[storeName]!(dataDir);
    connector = await new ConnectorStandIn().start();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((b) => b.stop()));
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the bot restarts two steps into the dialog, then the new process continues it and the deal is created once', async () => {
    const first = await start();
    await install(first, connector, ada);
    let card = await command(first, connector, ada, 'new deal');
    card = await press(first, connector, ada, card, 'next', customer);
    const team = await press(first, connector, ada, card, 'next', details);
    expect(cardText(team)).toContain('step 3 of 6: Team');
    await stop(first);

    const second = await start();
    const created = await finish(second, team);
    expect(cardText(created)).toContain('Deal created.');
    const deals = (await second.app.store.deals.list(TENANT, {}, { limit: 10 })).items.map((s) => s.value);
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ name: 'Northwind – data platform', customer: { name: 'Northwind Traders', duns: '987654321' }, value: { amount: 120000 } });
  });

  it('when the seller types "back" after a restart, then the step before the one they were on comes back', async () => {
    const first = await start();
    await install(first, connector, ada);
    let card = await command(first, connector, ada, 'new deal');
    card = await press(first, connector, ada, card, 'next', customer);
    await press(first, connector, ada, card, 'next', details);
    await stop(first);

    const second = await start();
    await say(second, connector, ada, 'back');
    const again = lastSent(connector, ada);
    expect(cardText(again)).toContain('step 2 of 6: Deal details');
    expect(cardText(again)).toContain('Northwind – data platform');
  });

  it('when two bot processes share the store, then a dialog begun on one continues on the other', async () => {
    const one = await start();
    const two = await start();
    await install(one, connector, ada);
    let card = await command(one, connector, ada, 'new deal');
    card = await press(two, connector, ada, card, 'next', customer);
    const team = await press(one, connector, ada, card, 'next', details);
    const created = await finish(two, team);
    expect(cardText(created)).toContain('Deal created.');
    expect((await one.app.store.deals.list(TENANT, {}, { limit: 10 })).items).toHaveLength(1);
  });
});
