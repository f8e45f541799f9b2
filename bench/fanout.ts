import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { isoInstant } from '../services/clock';
import { SqliteStore } from '../services/store/sqlite';
import { start, type Running } from './lib/processes';
import { check, round, summarize, type Figure, type Sample } from './lib/stats';
import { TeamsLimitsConnector } from './lib/teamsLimits';

/*
 * Notification fan-out: one new referral to 5,000 installed members of one tenant (all referral
 * admins, so all may see it), through the bot's real outbox and sender with its default pacing,
 * against a stand-in connector that enforces Teams' limits (7/s per conversation, 50/s per app per
 * tenant, 429 + Retry-After beyond).
 */

const TENANT = 'fanout-tenant';
const MEMBERS = 5000;
const KEY = 'bench-key';
const CEILING = 50;

async function seed(dataDir: string, serviceUrl: string): Promise<void> {
  const store = SqliteStore.open(dataDir);
  const now = isoInstant(DateTime.utc());
  for (let from = 0; from < MEMBERS; from += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, MEMBERS - from) }, async (_, k) => {
        const i = from + k;
        await store.members.create({ tenantId: TENANT, userId: `m-${i}`, name: `Member ${i}`, email: `m${i}@bench.example`, role: 'admin', locationScopes: [], installed: true, joinedAt: now, updatedAt: now });
        await store.conversations.put({ conversationId: `a:m-${i}`, tenantId: TENANT, scope: 'personal', userId: `m-${i}`, serviceUrl, channelId: 'msteams', bot: { id: '28:bot' }, updatedAt: now });
      }),
    );
  }
  await store.close();
}

interface FanoutRun {
  readonly rate: Sample;
  readonly time: Sample;
  readonly lost: number;
  readonly duplicated: number;
  readonly refusedLate: number;
}

async function fanoutOnce(): Promise<FanoutRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cosell-bench-fanout-'));
  const connector = await new TeamsLimitsConnector().start();
  let bot: Running | undefined;
  try {
    await seed(dataDir, connector.url);
    bot = await start('bot/index.js', { DATA_DIR: dataDir, REFERRAL_INTAKE_KEY: KEY });
    const t0 = performance.now();
    const res = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({
        id: 'fanout-1',
        tenantId: TENANT,
        name: 'Contoso – Azure migration',
        location: 'FR',
        sender: { type: 'Microsoft', organizationName: 'Microsoft' },
        customerProfile: { name: 'Contoso SA', address: { country: 'FR' } },
        details: { dealValue: 250000, currency: 'EUR', closingDateTime: '2027-03-31' },
      }),
    });
    check(res.status === 201, `intake answered ${res.status}`);
    const deadline = t0 + 170_000;
    while (connector.accepted.length < MEMBERS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // Let anything still in flight arrive, so duplicates would show.
    await new Promise((r) => setTimeout(r, 2000));

    const delivered = new Map<string, number>();
    for (const a of connector.accepted) delivered.set(a.conversationId, (delivered.get(a.conversationId) ?? 0) + 1);
    const lost = MEMBERS - delivered.size;
    const duplicated = [...delivered.values()].reduce((n, c) => n + (c - 1), 0);
    const times = connector.accepted.map((a) => a.at).sort((a, b) => a - b);
    const first = times[0] ?? t0;
    const last = times[times.length - 1] ?? t0;
    // Sustained rate: after the first second, over the rest of the run.
    const steady = times.filter((t) => t >= first + 1000);
    const rate = steady.length / Math.max(0.001, (last - (first + 1000)) / 1000);
    const refusedLate = connector.refused.filter((r) => r.at > first + 1000).length;
    check(lost === 0, `${lost} of ${MEMBERS} notifications were lost`);
    check(duplicated === 0, `${duplicated} notifications were delivered twice`);
    return { rate: { value: rate, reference: CEILING }, time: { value: (last - t0) / 1000, reference: MEMBERS / CEILING }, lost, duplicated, refusedLate };
  } finally {
    await bot?.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchFanout(runs = 1): Promise<Figure[]> {
  const samples: FanoutRun[] = [];
  for (let r = 1; r <= runs; r++) {
    const run = await fanoutOnce();
    samples.push(run);
    process.stderr.write(`  run ${r}/${runs}: ${round(run.rate.value, 1)} msg/s, everyone notified in ${round(run.time.value, 1)} s\n`);
  }
  const benchmark = `notification fan-out (${MEMBERS} members of one tenant, Teams' limits enforced; reference: Teams' ceiling)`;
  const count = (of: (r: FanoutRun) => number) => samples.map((r) => ({ value: of(r) }));
  return [
    summarize({ benchmark, figure: 'sustained rate', unit: 'msg/s', digits: 1, target: '≥ 90% of 50/s', meets: (m) => m.value >= 0.9 * CEILING }, samples.map((r) => r.rate)),
    summarize({ benchmark, figure: 'time to notify everyone', unit: 's', digits: 1 }, samples.map((r) => r.time)),
    summarize({ benchmark, figure: 'lost', unit: 'msgs', digits: 0, target: '0', meets: (m) => m.value === 0 }, count((r) => r.lost)),
    summarize({ benchmark, figure: 'duplicated', unit: 'msgs', digits: 0, target: '0', meets: (m) => m.value === 0 }, count((r) => r.duplicated)),
    summarize({ benchmark, figure: 'refused by Teams after the first second', unit: 'msgs', digits: 0, target: '0', meets: (m) => m.value === 0 }, count((r) => r.refusedLate)),
  ];
}
