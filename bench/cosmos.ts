import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { createApp } from '../bot/index';
import { loadConfig } from '../bot/config';
import { FixedClock, isoInstant } from '../services/clock';
import { CosmosStore } from '../services/store/cosmos';
import { NOW, referral } from './lib/seed';
import { check, summarize, type Figure } from './lib/stats';
import { TeamsLimitsConnector } from './lib/teamsLimits';

/*
 * Cosmos DB cost of each hot operation, on the Cosmos store against the local wire-compatible
 * server, through the same paths users take (HTTP into /api/messages for card actions). That server
 * charges 1 RU per request whatever it does, so its charges are not Azure's: the figures are counts
 * of requests by kind per action, and any query without a partition key on a hot path is flagged.
 * Counts do not vary from run to run, so this benchmark runs once whatever BENCH_RUNS says.
 */

const TENANT = 'cosmos-bench-tenant';
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

type Kind = 'point read' | 'write' | 'query' | 'cross-partition query' | 'other';

interface Request {
  readonly kind: Kind;
  readonly path: string;
}

function classify(req: IncomingMessage): Kind {
  const h = req.headers;
  const isQuery = String(h['x-ms-documentdb-isquery'] ?? '').toLowerCase() === 'true' || String(h['content-type'] ?? '').includes('query+json');
  if (isQuery) return h['x-ms-documentdb-partitionkey'] ? 'query' : 'cross-partition query';
  if (/\/pkranges/.test(req.url ?? '')) return 'cross-partition query';
  if (req.method === 'GET' && /\/docs\/[^/]+$/.test(req.url ?? '')) return 'point read';
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'DELETE' || req.method === 'PATCH') return /\/docs/.test(req.url ?? '') ? 'write' : 'other';
  return 'other';
}

export async function benchCosmos(): Promise<Figure[]> {
  const requests: Request[] = [];
  const server = createHttpsServer();
  const [handler] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ kind: classify(req), path: `${req.method} ${req.url}` });
    handler!(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const connector = await new TeamsLimitsConnector({ perConversationPerSecond: 1e9, perTenantPerSecond: 1e9, retryAfterSeconds: 1 }).start();
  const store = await CosmosStore.open({ endpoint, key: EMULATOR_KEY, database: 'bench', createContainers: true });
  // The seeded referrals are dated from the seed's NOW: the bot must see the same day, whatever today is.
  const clock = new FixedClock(NOW);
  const app = await createApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STORE: 'cosmos', COSMOS_ENDPOINT: endpoint, COSMOS_KEY: EMULATOR_KEY }), { store, clock, workers: false });
  const url = await app.start();
  try {
    const now = isoInstant(NOW);
    await store.organizations.create({ tenantId: TENANT, name: 'Fabrikam', solutions: [], assessmentVetted: false, createdAt: now, updatedAt: now });
    await store.members.create({ tenantId: TENANT, userId: 'ada', name: 'Ada', email: 'ada@bench.example', phone: '+33 1 00 00 00 00', role: 'globalAdmin', locationScopes: [], locale: 'en-US', timeZone: 'Europe/Paris', installed: true, joinedAt: now, updatedAt: now });
    await store.conversations.put({ conversationId: 'a:ada', tenantId: TENANT, scope: 'personal', userId: 'ada', serviceUrl: connector.url, channelId: 'msteams', bot: { id: '28:bot' }, updatedAt: now });
    const fresh = referral(TENANT, 1, 0);
    await store.deals.create(fresh);
    // Ten referrals whose first reminder is due, for one sweep page.
    const due = Array.from({ length: 10 }, (_, i) => ({ ...referral(TENANT, 100 + i, 8), dueAt: isoInstant(NOW.minus({ minutes: 1 })) }));
    for (const d of due) await store.deals.create(d);

    const measure = async (action: () => Promise<void>) => {
      const from = requests.length;
      const ru = store.meter.total;
      await action();
      const mine = requests.slice(from);
      const count = (k: Kind) => mine.filter((r) => r.kind === k).length;
      return { total: mine.length, reads: count('point read'), writes: count('write'), queries: count('query'), crossPartition: count('cross-partition query'), ru: store.meter.total - ru, paths: mine.map((r) => `${r.kind}: ${r.path}`) };
    };
    const invoke = (verb: string, data: Record<string, unknown>, id: string) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'invoke',
          name: 'adaptiveCard/action',
          id,
          channelId: 'msteams',
          serviceUrl: connector.url,
          from: { id: '29:ada', aadObjectId: 'ada', name: 'Ada' },
          recipient: { id: '28:bot', name: 'Co-sell' },
          conversation: { id: 'a:ada', conversationType: 'personal', tenantId: TENANT },
          channelData: { tenant: { id: TENANT } },
          locale: 'en-US',
          entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'Europe/Paris' }],
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        }),
      }).then(async (res) => ({ status: res.status, text: await res.text() }));

    const read = await measure(async () => {
      check((await store.deals.get(TENANT, fresh.id)) !== undefined, 'the seeded deal is missing');
    });
    const accept = await measure(async () => {
      const res = await invoke(
        'referral.accept',
        { dealId: fresh.id, tenantId: TENANT, name: 'Contoso', amount: '1', currency: 'EUR', closeDate: '2027-01-31', team0Name: 'Ada', team0Phone: '+33 1 00 00 00 00', team0Email: 'ada@bench.example' },
        'cosmos-accept-1',
      );
      check(res.status === 200 && res.text.includes('Done: you accepted'), `accept through Cosmos failed: ${res.status} ${res.text.slice(0, 200)}`);
    });
    const sweep = await measure(async () => {
      const report = await app.sweeper.sweepOnce();
      check(report.reminders === due.length, `the sweep sent ${report.reminders} reminders, expected ${due.length}`);
    });

    const benchmark = 'Cosmos DB cost per hot operation (local test server: 1 RU per request)';
    const rows: Figure[] = [];
    for (const [label, m, hot] of [
      ['read a deal', read, true],
      ['accept (whole card action turn)', accept, true],
      [`one sweep page (${due.length} due)`, sweep, false],
    ] as const) {
      rows.push(summarize({ benchmark, figure: `${label}: requests (reads/writes/queries)`, unit: `req (${m.reads}/${m.writes}/${m.queries})`, digits: 0 }, [{ value: m.total }]));
      if (hot) rows.push(summarize({ benchmark, figure: `${label}: cross-partition queries`, unit: 'queries', digits: 0, target: '0 on a hot path', meets: (c) => c.value === 0 }, [{ value: m.crossPartition }]));
      else rows.push(summarize({ benchmark, figure: `${label}: cross-partition queries (background)`, unit: 'queries', digits: 0 }, [{ value: m.crossPartition }]));
      if (process.env.BENCH_VERBOSE) process.stderr.write(`${label}:\n  ${m.paths.join('\n  ')}\n`);
    }
    return rows;
  } finally {
    await app.stop();
    await connector.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}
