import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CosmosClient, type Database } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { Deal } from '../../services/domain';
import { newDealId } from '../../services/domain/ids';
import { tlsAgentFor } from '../../services/store/cosmos/client';
import { docId } from '../../services/store/cosmos/ids';
import { CosmosStore, type CosmosStoreOptions } from '../../services/store/cosmos';
import { ConflictError, StoreUnavailableError, type OutboxItem } from '../../services/store/ports';
import { searchWords, wordKeys } from '../../services/domain/search';
import { member, outboundDeal } from '../support/fixtures';
import { describeStoreContract } from './contract';

/*
 * The Cosmos DB store against @vercel/cosmosdb-server, in memory on loopback. That server ignores the
 * partition key on queries, never expires TTL and has no atomic batches: the store relies on none of
 * these, so passing here says something about real Cosmos DB too. It reports 1 RU for every request.
 */

/** The emulator's published key; the test server accepts any key. */
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** Answer matching requests with 429, as Cosmos DB does when a partition is over its budget. */
interface Throttle {
  readonly matches: (req: IncomingMessage) => boolean;
  remaining: number;
  throttled: number;
}

let server: Server;
let endpoint: string;
let admin: CosmosClient;
let throttles: Throttle[] = [];
let databases = 0;

beforeAll(async () => {
  server = createHttpsServer();
  const [cosmos] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const throttle = throttles.find((t) => t.remaining > 0 && t.matches(req));
    if (!throttle) return cosmos!(req, res);
    throttle.remaining--;
    throttle.throttled++;
    req.resume();
    req.on('end', () => {
      res.writeHead(429, { 'content-type': 'application/json', 'x-ms-retry-after-ms': '1', 'x-ms-substatus': '3200' });
      res.end(JSON.stringify({ code: 'TooManyRequests', message: 'Request rate is large' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  admin = new CosmosClient({ endpoint, key: EMULATOR_KEY, agent: tlsAgentFor(endpoint)! });
});

afterEach(() => {
  throttles = [];
});

afterAll(async () => {
  admin.dispose();
  await new Promise((resolve) => server.close(resolve));
});

function throttle(method: string, path: RegExp, times: number): Throttle {
  const t: Throttle = {
    matches: (req) => req.method === method && path.test(req.url ?? '') && !req.headers['x-ms-documentdb-isquery'],
    remaining: times,
    throttled: 0,
  };
  throttles.push(t);
  return t;
}

function optionsFor(database: string, extra: Partial<CosmosStoreOptions> = {}): CosmosStoreOptions {
  return { endpoint, key: EMULATOR_KEY, database, createContainers: true, ...extra };
}

async function freshDatabase(): Promise<{ name: string; raw: Database; drop: () => Promise<void> }> {
  const name = `test-${process.pid}-${++databases}`;
  const raw = admin.database(name);
  return { name, raw, drop: async () => void (await raw.delete()) };
}

describeStoreContract('cosmos (test server)', {
  async fresh() {
    const db = await freshDatabase();
    const store = await CosmosStore.open(optionsFor(db.name));
    return {
      store,
      env: { STORE: 'cosmos', COSMOS_ENDPOINT: endpoint, COSMOS_KEY: EMULATOR_KEY, COSMOS_DATABASE: db.name },
      reopen: () => CosmosStore.open(optionsFor(db.name)),
      dispose: async () => {
        await store.close();
        await db.drop();
      },
    };
  },
});

describe('cosmos store specifics', () => {
  const tenant = 'tenant-cosmos';
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let store: CosmosStore;
  const opened: CosmosStore[] = [];

  async function open(extra: Partial<CosmosStoreOptions> = {}): Promise<CosmosStore> {
    const s = await CosmosStore.open(optionsFor(db.name, extra));
    opened.push(s);
    return s;
  }

  const rawDeal = async (id: string) => (await db.raw.container('deals').item(id, tenant).read()).resource as Record<string, unknown>;
  const deal = (overrides: Partial<Deal> = {}): Deal => ({ ...outboundDeal(), id: newDealId(), tenantId: tenant, ...overrides });
  const item = (id: string): OutboxItem => ({ id, kind: 'teams.send', tenantId: tenant, payload: { id } });
  /** A small retry budget, so that a 429 storm outlasts it in milliseconds. */
  const smallBudget = { retryOptions: { maxRetryAttemptCount: 3, fixedRetryIntervalInMilliseconds: 1, maxWaitTimeInSeconds: 5 } };
  const dealsWrite = (id?: string) => (id ? new RegExp(`/colls/deals/docs/${id}$`) : /\/colls\/deals\/docs$/);

  beforeEach(async () => {
    db = await freshDatabase();
    store = await open();
  });

  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await db.drop();
  });

  it('when another process updated a deal since it read it, then its update is a ConflictError and the other write stays', async () => {
    const other = await open();
    const created = await store.deals.create(deal());
    const seenByOther = (await other.deals.get(tenant, created.value.id))!;
    const first = await store.deals.update({ ...created.value, name: 'First' }, created.etag);
    await expect(other.deals.update({ ...seenByOther.value, name: 'Stale' }, seenByOther.etag, { outbox: [item('stale-1')] })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await other.deals.get(tenant, created.value.id)).toEqual(first);
    expect(await rawDeal(created.value.id)).toMatchObject({ deal: { name: 'First' }, outbox: [] });
    expect(await store.outbox.get('stale-1')).toBeUndefined();
  });

  it('when throttling (429) outlasts the retry budget, then the write fails with StoreUnavailableError and nothing is written', async () => {
    const throttled = await open(smallBudget);
    const storm = throttle('POST', dealsWrite(), 100);
    const value = deal();
    const failure = await throttled.deals.create(value).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as StoreUnavailableError).retryAfterMs).toBe(1);
    expect(storm.throttled).toBe(4);
    expect(await store.deals.get(tenant, value.id)).toBeUndefined();
    throttles = [];
    await expect(throttled.deals.create(value)).resolves.toMatchObject({ value: { id: value.id } });
  });

  it('when throttling (429) ends within the retry budget, then the write succeeds once', async () => {
    const throttled = await open(smallBudget);
    const burst = throttle('POST', dealsWrite(), 2);
    const created = await throttled.deals.create(deal(), { outbox: [item('burst-1')] });
    expect(burst.throttled).toBe(2);
    expect(await store.deals.get(tenant, created.value.id)).toEqual(created);
    expect(await store.outbox.get('burst-1')).toMatchObject({ status: 'pending' });
  });

  it('when the writer could not relay its outbox items, then a reader relays them before handing out the etag', async () => {
    const failing = await open(smallBudget);
    const created = await store.deals.create(deal());
    throttle('POST', /\/colls\/outbox\/docs$/, 100);
    await expect(failing.deals.update({ ...created.value, name: 'Renamed' }, created.etag, { outbox: [item('late-1')] })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    throttles = [];
    expect(await rawDeal(created.value.id)).toMatchObject({ deal: { name: 'Renamed' }, outbox: [{ id: 'late-1' }] });
    expect(await store.outbox.get('late-1')).toBeUndefined();
    const read = (await store.deals.get(tenant, created.value.id))!;
    expect(await store.outbox.get('late-1')).toMatchObject({ status: 'pending', payload: { id: 'late-1' } });
    // The next write replaces the document that carried the item; the item is safe in the outbox.
    await store.deals.update({ ...read.value, name: 'Again' }, read.etag);
    expect(await store.outbox.get('late-1')).toMatchObject({ status: 'pending' });
  });

  it('when a writer died between the deal write and the relay, then the next claim relays and leases its items', async () => {
    const dying = await open(smallBudget);
    const created = await store.deals.create(deal());
    throttle('POST', /\/colls\/outbox\/docs$/, 100);
    await expect(dying.deals.update({ ...created.value, name: 'Orphaned' }, created.etag, { outbox: [item('orphan-1')] })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    throttles = [];
    expect(await store.outbox.get('orphan-1')).toBeUndefined();
    const worker = await open({ strandedOutboxAfterMs: 0 });
    const [lease] = await worker.outbox.claim('w1', new Date(Date.now() + 60_000).toISOString(), 10, 30_000);
    expect(lease?.item).toMatchObject({ id: 'orphan-1', status: 'pending' });
    expect(await rawDeal(created.value.id)).toMatchObject({ deal: { name: 'Orphaned' }, outbox: [] });
  });

  it('when a write that moved dueAt did not happen, then its hint is ignored and the deal is listed once, by its own dueAt', async () => {
    const failing = await open(smallBudget);
    const created = await store.deals.create(deal({ dueAt: '2026-12-10T00:00:00.000Z' }));
    throttle('PUT', dealsWrite(created.value.id), 100);
    await expect(failing.deals.update({ ...created.value, dueAt: '2026-12-01T00:00:00.000Z' }, created.etag)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    throttles = [];
    const hints = async () => (await db.raw.container('schedule').items.readAll().fetchAll()).resources.map((h) => h['dueAt'] as string).sort();
    expect(await hints()).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-10T00:00:00.000Z']);
    expect((await store.deals.listDue('2026-12-05T00:00:00.000Z', { limit: 10 })).items).toEqual([]);
    expect((await store.deals.listDue('2026-12-31T00:00:00.000Z', { limit: 10 })).items).toEqual([await store.deals.get(tenant, created.value.id)]);
    // Young, it may still belong to a write in flight; an hour later it is deleted.
    expect(await hints()).toHaveLength(2);
    const inTwoHours = Date.now() + 2 * 3600_000;
    jest.spyOn(Date, 'now').mockReturnValue(inTwoHours);
    try {
      await store.deals.listDue('2026-12-05T00:00:00.000Z', { limit: 10 });
    } finally {
      jest.restoreAllMocks();
    }
    expect(await hints()).toEqual(['2026-12-10T00:00:00.000Z']);
  });

  it('when dueAt changes, then the new hint replaces the old one; when it does not, no hint is written', async () => {
    const created = await store.deals.create(deal({ dueAt: '2026-12-10T00:00:00.000Z' }));
    const renamed = await store.deals.update({ ...created.value, name: 'Renamed' }, created.etag);
    const moved = await store.deals.update({ ...renamed.value, dueAt: '2026-12-20T00:00:00.000Z' }, renamed.etag);
    const hints = (await db.raw.container('schedule').items.readAll().fetchAll()).resources;
    expect(hints.map((h) => h['dueAt'])).toEqual(['2026-12-20T00:00:00.000Z']);
    expect((await store.deals.listDue('2026-12-31T00:00:00.000Z', { limit: 10 })).items).toEqual([moved]);
  });

  it('when a role change was recorded but its writer died before writing the member, then the next roster finishes it before counting', async () => {
    const dying = await open(smallBudget);
    await store.members.create(member({ tenantId: tenant, userId: 'a', role: 'globalAdmin' }));
    const b = await store.members.create(member({ tenantId: tenant, userId: 'b', role: 'globalAdmin' }));
    const roster = await dying.members.roster(tenant);
    throttle('PUT', /\/colls\/directory\/docs\/member/, 100);
    await expect(dying.members.changeRole({ ...b.value, role: 'admin' }, b.etag, roster.version)).rejects.toBeInstanceOf(StoreUnavailableError);
    throttles = [];
    // Half done, the demotion leaves one more global admin than decided, never fewer.
    expect((await store.members.get(tenant, 'b'))!.value.role).toBe('globalAdmin');
    const other = await open();
    expect((await other.members.roster(tenant)).globalAdmins).toBe(1);
    expect((await store.members.get(tenant, 'b'))!.value.role).toBe('admin');
    const a = (await store.members.get(tenant, 'a'))!;
    await expect(other.members.changeRole({ ...a.value, role: 'admin' }, a.etag, roster.version)).rejects.toBeInstanceOf(ConflictError);
    expect((await store.members.get(tenant, 'a'))!.value.role).toBe('globalAdmin');
  });

  it('when deals were written before search keys existed, then the background indexing gives them keys and a stage, once, and search finds them', async () => {
    const old = deal({ name: 'Société Générale – cloud' });
    // The document as the store wrote it before search: no keys, no stage, no version.
    await db.raw.container('deals').items.create({ id: old.id, tenantId: tenant, deal: old, dueHint: null, outbox: [], open: true, nameLower: old.name.toLowerCase(), team: [] });
    const keys = { groups: searchWords('societe generale').map(wordKeys), mode: 'all' as const };
    expect(await store.deals.searchByKeys(tenant, keys, {}, 10)).toEqual([]);

    expect(await store.deals.indexOlderDeals()).toEqual({ rewritten: 1, complete: true });
    expect((await store.deals.searchByKeys(tenant, keys, { stage: 'created' }, 10)).map((d) => d.value)).toEqual([old]);
    expect(await rawDeal(old.id)).toMatchObject({ deal: { id: old.id }, stage: 'created', searchVersion: 1 });
    expect(await store.deals.indexOlderDeals()).toEqual({ rewritten: 0, complete: true });
  });

  it('costs the requests docs/cosmos.md lists for each hot operation (the test server charges 1 RU per request)', async () => {
    const cost = async (op: () => Promise<unknown>) => {
      const before = store.meter.total;
      await op();
      return store.meter.total - before;
    };
    await store.members.create(member({ tenantId: tenant }));
    await store.conversations.put({
      conversationId: 'a:1',
      tenantId: tenant,
      scope: 'personal',
      userId: 'user-ana',
      serviceUrl: 'https://smba.example/',
      channelId: 'msteams',
      bot: { id: '28:bot' },
      updatedAt: '2026-11-20T10:00:00.000Z',
    });
    const created = await store.deals.create(deal({ dueAt: '2026-12-10T00:00:00.000Z' }));
    const costs = {
      getDeal: await cost(() => store.deals.get(tenant, created.value.id)),
      getMember: await cost(() => store.members.get(tenant, 'user-ana')),
      getConversation: await cost(() => store.conversations.get(tenant, 'a:1')),
      updateDeal: await cost(async () => {
        const s = (await store.deals.get(tenant, created.value.id))!;
        await store.deals.update({ ...s.value, name: 'Plain' }, s.etag);
      }),
      updateDealWithOutboxItem: await cost(async () => {
        const s = (await store.deals.get(tenant, created.value.id))!;
        await store.deals.update({ ...s.value, name: 'Outbox' }, s.etag, { outbox: [item('cost-1')] });
      }),
      updateDealMovingDueAt: await cost(async () => {
        const s = (await store.deals.get(tenant, created.value.id))!;
        await store.deals.update({ ...s.value, dueAt: '2026-12-11T00:00:00.000Z' }, s.etag);
      }),
      createDealWithDueAtAndOutboxItem: await cost(() => store.deals.create(deal({ dueAt: '2026-12-12T00:00:00.000Z' }), { outbox: [item('cost-2')] })),
      listDeals: await cost(() => store.deals.list(tenant, {}, { limit: 20 })),
      listMembers: await cost(() => store.members.list(tenant, { limit: 20 })),
      cardCopiesOfDeal: await cost(() => store.cardCopies.listForDeal(tenant, created.value.id)),
      listDueTwoDeals: await cost(() => store.deals.listDue('2026-12-31T00:00:00.000Z', { limit: 10 })),
      claimTwoItems: await cost(() => store.outbox.claim('w1', new Date().toISOString(), 10, 30_000)),
      searchByKeys: await cost(() => store.deals.searchByKeys(tenant, { groups: [wordKeys('outbox'), wordKeys('plain')], mode: 'any' }, { open: true }, 200)),
      pipelineFigures: await cost(() => store.deals.figures(tenant, { open: true }, 2000)),
    };
    expect(costs).toEqual({
      getDeal: 1,
      getMember: 1,
      getConversation: 1,
      updateDeal: 1 + 1,
      updateDealWithOutboxItem: 1 + 3,
      updateDealMovingDueAt: 1 + 3,
      createDealWithDueAtAndOutboxItem: 4,
      listDeals: 1,
      listMembers: 1,
      cardCopiesOfDeal: 1,
      listDueTwoDeals: 1 + 2,
      // The first claim looks for stranded outbox items in deals and in offers (one query each).
      claimTwoItems: 1 + 1 + 1 + 2,
      // One query inside the tenant's partition each, served by the index of the keys (or of open).
      searchByKeys: 1,
      pipelineFigures: 1,
    });
  });
});

describe('opening a cosmos store', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  beforeEach(async () => {
    db = await freshDatabase();
    await admin.databases.create({ id: db.name });
  });

  afterEach(async () => {
    await db.drop();
  });

  it('when containers may not be created, then missing ones fail the start and existing ones are used', async () => {
    await expect(CosmosStore.open(optionsFor(db.name, { createContainers: false }))).rejects.toThrow(/cannot be read; create it/);
    await (await CosmosStore.open(optionsFor(db.name))).close();
    const store = await CosmosStore.open(optionsFor(db.name, { createContainers: false }));
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });

  it('when a container exists with another partition key, then the start fails naming it', async () => {
    await db.raw.containers.create({ id: 'outbox', partitionKey: { paths: ['/tenantId'] } });
    await expect(CosmosStore.open(optionsFor(db.name))).rejects.toThrow(`${db.name}/outbox is partitioned by /tenantId; the store needs /id`);
  });
});

describe('cosmos store helpers', () => {
  it('trusts a self-signed certificate only on loopback (emulator, test server)', () => {
    for (const local of ['https://localhost:8081/', 'https://127.0.0.1:8081/', 'https://[::1]:8081/']) {
      expect(tlsAgentFor(local)?.options.rejectUnauthorized).toBe(false);
    }
    expect(tlsAgentFor('https://contoso.documents.azure.com:443/')).toBeUndefined();
    expect(tlsAgentFor('https://localhost.contoso.com/')).toBeUndefined();
  });

  it('makes valid, distinct Cosmos DB ids of any key', () => {
    const keys = ['user-ana', 'msteams/conversations/19:abc@thread.tacv2/users/29:xyz', 'a?b#c\\d', 'x'.repeat(400), 'member|user-ana'];
    const ids = keys.map((k) => docId('state', k));
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(255);
      expect(id).not.toMatch(/[/\\?#]/);
    }
    expect(new Set(ids).size).toBe(keys.length);
    expect(docId('state', 'user-ana')).toBe('state|user-ana');
  });
});
