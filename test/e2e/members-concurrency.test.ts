import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { FixedClock } from '../../services/clock';
import { CosmosStore } from '../../services/store/cosmos';
import { startTestApp, type TestApp } from '../support/app';
import { cardText, ConnectorStandIn } from '../support/connector';
import { click, install, teamsUser, type TeamsUser } from '../support/teams';

/*
 * Two bot processes (two apps, each with its own connection to one store) and two global admins who
 * demote each other at the same moment, one through each process. Before role changes were serialized
 * per tenant, both read "two global admins", both wrote, and the organization was left with none.
 */

/** The emulator's published key; the local Cosmos test server accepts any key. */
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
const ROUNDS = 10;

interface SharedStore {
  /** Start one bot process on the shared store. */
  start(connector: ConnectorStandIn): Promise<TestApp>;
  dispose(): Promise<void>;
}

const clock = () => new FixedClock('2026-11-20T10:00:00Z');

const stores: Record<string, () => Promise<SharedStore>> = {
  'the embedded store (one SQLite file)': async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosell-roles-'));
    return {
      start: () => startTestApp({}, { clock: clock(), workers: false }, dir),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  'one Cosmos DB store (local wire-compatible server)': async () => {
    const server: Server = createHttpsServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const options = { endpoint, key: EMULATOR_KEY, database: `roles${Date.now()}`, createContainers: true };
    return {
      start: async () => startTestApp({}, { clock: clock(), workers: false, store: await CosmosStore.open(options) }),
      dispose: async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      },
    };
  },
};

describe.each(Object.keys(stores))('role changes on %s', (storeName) => {
  let shared: SharedStore;
  let connector: ConnectorStandIn;
  let first: TestApp;
  let second: TestApp;

  beforeEach(async () => {
    shared = await stores[storeName]!();
    connector = await new ConnectorStandIn().start();
    first = await shared.start(connector);
    second = await shared.start(connector);
  });

  afterEach(async () => {
    await first.stop();
    await second.stop();
    await connector.stop();
    await shared.dispose();
  });

  const roleOf = async (user: TeamsUser) => (await first.app.store.members.get(user.tenantId, user.aadObjectId))!.value.role;
  const setRole = (bot: TestApp, actor: TeamsUser, target: TeamsUser, role: string) =>
    click(bot, connector, actor, 'member.update', { userId: target.aadObjectId, index: 0, role0: role, scopes0: '' });

  it('when two global admins demote each other at once through two processes, then a global admin always remains (every round)', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tenantId = `tenant-roles-${round}`;
      const ada = teamsUser('ada', { tenantId, aadObjectId: `aad-ada-${round}` });
      const ben = teamsUser('ben', { tenantId, aadObjectId: `aad-ben-${round}` });
      await install(first, connector, ada);
      await install(second, connector, ben);
      expect(cardText((await setRole(first, ada, ben, 'globalAdmin')).card)).toContain('Saved: Ben is now Referral admin (global scope)');

      const [adaDemotesBen, benDemotesAda] = await Promise.all([setRole(first, ada, ben, 'admin'), setRole(second, ben, ada, 'admin')]);

      const roles = [await roleOf(ada), await roleOf(ben)];
      expect({ round, globalAdmins: roles.filter((r) => r === 'globalAdmin').length }).toEqual({ round, globalAdmins: 1 });
      // Exactly one of the two was carried out; the other admin was told why not.
      const saved = [adaDemotesBen, benDemotesAda].filter((r) => cardText(r.card).includes('Saved:'));
      expect({ round, saved: saved.length }).toEqual({ round, saved: 1 });
    }
  }, 120000);
});
