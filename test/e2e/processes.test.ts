import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { DateTime } from 'luxon';
import { CosmosStore } from '../../services/store/cosmos';
import type { Store } from '../../services/store/ports';
import { receiveReferral } from '../../services/domain/lifecycle';
import { parseLeadTimes } from '../../services/domain/schedule';
import { SqliteStore } from '../../services/store/sqlite';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { EventsReceiver } from '../support/eventsReceiver';
import { intake as domainIntake, member, OTHER_TENANT, TENANT } from '../support/fixtures';
import { spawnBot, type BotProcess } from '../support/processes';

/*
 * Several bot processes on one embedded store (one SQLite file), in real time: the sweepers race,
 * and a process dies in the middle of a sweep. Each reminder and each expiry must happen once.
 */

const KEY = 'k';
const SECRET = 's';

async function allDeals(store: Store) {
  const deals = [];
  let token: string | undefined;
  do {
    const page = await store.deals.list(TENANT, {}, { limit: 200, continuationToken: token });
    deals.push(...page.items.map((d) => d.value));
    token = page.continuationToken;
  } while (token);
  return deals;
}

function seedMember(store: Store, tenantId: string, userId: string, serviceUrl: string) {
  return Promise.all([
    store.members.create(member({ tenantId, userId, name: userId, email: `${userId}@example.com`, role: 'globalAdmin' })),
    store.conversations.put({
      conversationId: `a:${userId}`,
      tenantId,
      scope: 'personal',
      userId,
      serviceUrl,
      channelId: 'msteams',
      bot: { id: '28:bot' },
      updatedAt: '2026-01-01T00:00:00.000Z',
    }),
  ]);
}

describe('several bot processes on one store', () => {
  let dataDir: string;
  let connector: ConnectorStandIn;
  let events: EventsReceiver;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cosell-multi-'));
    connector = await new ConnectorStandIn().start();
    events = await new EventsReceiver().start();
  });

  afterEach(async () => {
    await Promise.all(bots.splice(0).map((b) => b.stop()));
    await connector.stop();
    await events.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    DATA_DIR: dataDir,
    REFERRAL_INTAKE_KEY: KEY,
    REFERRAL_EVENTS_URL: events.url,
    REFERRAL_EVENTS_SECRET: SECRET,
    TEAMS_RATE_PER_CONVERSATION: '50',
    TEAMS_BURST_PER_CONVERSATION: '7',
  });

  it('a process killed in the middle of a sweep leaves, after restart, each expiry and each reminder done exactly once', async () => {
    const seed = SqliteStore.open(dataDir);
    await seedMember(seed, TENANT, 'ada', connector.url);
    await seedMember(seed, OTHER_TENANT, 'sam', connector.url); // the sender organization's admin
    const rules = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };
    const now = DateTime.utc();
    // Referrals from a partner organization: half past their window, half within their last day —
    // more than two pages of the sweep (100 deals a page, each page committed together).
    const HALF = 125;
    for (let i = 0; i < 2 * HALF; i++) {
      const expired = i % 2 === 0;
      const created = now.minus({ days: expired ? 15 : 13, minutes: i });
      const deal = receiveReferral(
        domainIntake({
          externalId: `seed-${i}`,
          name: `Seeded ${i}`,
          sender: { type: 'Partner', organizationName: 'Tailspin', tenantId: OTHER_TENANT },
          createdAt: created,
        }),
        created,
        rules,
      );
      await seed.deals.create(deal);
    }
    await seed.close();

    const crashed = await spawnBot({ ...env(), CRASH_AFTER_DEAL_UPDATES: '150' }, { waitFor: 'exit' });
    expect(crashed.child.signalCode).toBe('SIGKILL');
    expect(crashed.output()).not.toContain('SWEEP COMPLETED');
    const afterCrash = SqliteStore.open(dataDir);
    const settled = (await allDeals(afterCrash)).filter((d) => d.status === 'expired' || d.inbound!.remindersDone.length === 3).length;
    // Killed in the middle: some pages committed, the rest not.
    expect(settled).toBeGreaterThan(0);
    expect(settled).toBeLessThan(2 * HALF);
    await afterCrash.close();

    bots.push(await spawnBot({ ...env(), SWEEP_INTERVAL_SECONDS: '0.2' }));
    await connector.waitFor(() => connector.sent('a:sam').length >= HALF && connector.sent('a:ada').length >= HALF && events.delivered().length >= HALF, 60000, 'every outcome');
    await new Promise((r) => setTimeout(r, 1500));

    const store = SqliteStore.open(dataDir);
    try {
      const deals = await allDeals(store);
      expect(deals).toHaveLength(2 * HALF);
      expect(deals.filter((d) => d.status === 'expired')).toHaveLength(HALF);
      for (const d of deals) expect(d.history.filter((h) => h.event === 'expired').length).toBe(d.status === 'expired' ? 1 : 0);
      for (const d of deals.filter((x) => x.status === 'received')) expect(d.inbound!.remindersDone).toEqual(['P7D', 'P3D', 'P1D']);
    } finally {
      await store.close();
    }
    // The sender's admin is told once per expired referral; the receiver's admin gets one reminder per live one.
    expect(connector.sent('a:sam')).toHaveLength(HALF);
    expect(connector.sent('a:ada').filter((c) => cardText(cardsOf(c)[0]).includes('Reminder:'))).toHaveLength(HALF);
    const eventIds = events.delivered().map((e) => e.body.eventId);
    expect(eventIds).toHaveLength(HALF);
    expect(new Set(eventIds).size).toBe(HALF);
  }, 90000);
});

/** The emulator's published key; the local Cosmos test server accepts any key. */
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

interface SharedStore {
  /** Environment that makes a bot process use this store. */
  env: Record<string, string>;
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

const stores: Record<string, () => Promise<SharedStore>> = {
  'the embedded store (one SQLite file)': async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosell-multi-'));
    return { env: { DATA_DIR: dir }, open: async () => SqliteStore.open(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  'one Cosmos DB store (local wire-compatible server)': async () => {
    const server: Server = createHttpsServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const options = { endpoint, key: EMULATOR_KEY, database: `multi${Date.now()}`, createContainers: true };
    return {
      env: { STORE: 'cosmos', COSMOS_ENDPOINT: endpoint, COSMOS_KEY: EMULATOR_KEY, COSMOS_DATABASE: options.database },
      open: () => CosmosStore.open(options),
      dispose: async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      },
    };
  },
};

describe.each(Object.keys(stores))('two bot processes on %s', (storeName) => {
  let shared: SharedStore;
  let connector: ConnectorStandIn;
  let events: EventsReceiver;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    shared = await stores[storeName]!();
    connector = await new ConnectorStandIn().start();
    events = await new EventsReceiver().start();
  });

  afterEach(async () => {
    await Promise.all(bots.splice(0).map((b) => b.stop()));
    await connector.stop();
    await events.stop();
    await shared.dispose();
  });

  it('sweeping the same referral at once send one reminder and one expiry notice', async () => {
    const seed = await shared.open();
    await seedMember(seed, TENANT, 'ada', connector.url);
    await seed.close();
    const fast = {
      ...shared.env,
      REFERRAL_INTAKE_KEY: KEY,
      REFERRAL_EVENTS_URL: events.url,
      REFERRAL_EVENTS_SECRET: SECRET,
      TEAMS_RATE_PER_CONVERSATION: '50',
      TEAMS_BURST_PER_CONVERSATION: '7',
      SWEEP_INTERVAL_SECONDS: '0.1',
      REMINDER_LEAD_TIMES: 'PT3S',
    };
    bots.push(await spawnBot(fast), await spawnBot(fast));
    const now = DateTime.utc();
    const res = await fetch(`${bots[0]!.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({
        id: 'race-1',
        tenantId: TENANT,
        name: 'Race',
        location: 'FR',
        sender: { type: 'Microsoft', organizationName: 'Microsoft' },
        customerProfile: { name: 'Contoso', address: { country: 'FR' } },
        details: { dealValue: 1, currency: 'EUR', closingDateTime: '2027-01-31' },
        createdDateTime: now.toISO(),
        expirationDateTime: now.plus({ seconds: 6 }).toISO(),
      }),
    });
    expect(res.status).toBe(201);

    await connector.waitFor(() => connector.updates('a:ada').length >= 2 && events.delivered().length >= 1, 20000, 'the expiry to reach every copy');
    await new Promise((r) => setTimeout(r, 1000)); // time for a duplicate, if there were one, to show up
    const texts = connector.sent('a:ada').map((c) => cardText(cardsOf(c)[0]));
    expect(texts.filter((t) => t.includes('New co-sell referral'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Reminder:'))).toHaveLength(1);
    expect(events.delivered().map((e) => e.body.event)).toEqual(['referral.expired']);
    // Two copies (the referral and its reminder), each updated once to show the expiry.
    expect(connector.updates('a:ada').map((u) => u.activityId).sort()).toEqual(connector.sent('a:ada').map((c) => c.createdId).sort());
  }, 60000);

});
