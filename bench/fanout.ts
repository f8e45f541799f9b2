import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { isoInstant } from '../services/clock';
import { SqliteStore } from '../services/store/sqlite';
import { start, type Running } from './lib/processes';
import { check, round, type Figure } from './lib/stats';
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

export async function benchFanout(): Promise<Figure[]> {
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
    const name = `notification fan-out (${MEMBERS} members of one tenant, Teams' limits enforced)`;
    return [
      { benchmark: name, figure: 'sustained rate', value: round(rate, 1), unit: 'msg/s', reference: CEILING, ratio: round(rate / CEILING), target: '≥ 90% of 50/s', met: rate >= 0.9 * CEILING },
      { benchmark: name, figure: 'time to notify everyone', value: round((last - t0) / 1000, 1), unit: 's', reference: round(MEMBERS / CEILING, 1), ratio: round((last - t0) / 1000 / (MEMBERS / CEILING)) },
      { benchmark: name, figure: 'lost', value: lost, unit: 'msgs', target: '0', met: lost === 0 },
      { benchmark: name, figure: 'duplicated', value: duplicated, unit: 'msgs', target: '0', met: duplicated === 0 },
      { benchmark: name, figure: 'refused by Teams after the first second', value: refusedLate, unit: 'msgs', target: '0', met: refusedLate === 0 },
    ];
  } finally {
    await bot?.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
