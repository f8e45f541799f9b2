import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { isoInstant } from '../services/clock';
import { OutboxKind, type SendPayload } from '../services/notifications/effects';
import { SqliteStore } from '../services/store/sqlite';
import { start, type Running } from './lib/processes';
import { referral } from './lib/seed';
import { check, percentile, round, summarize, type Figure, type Sample } from './lib/stats';
import { TeamsLimitsConnector } from './lib/teamsLimits';

/*
 * One chat's backlog against everyone else: 1,000 cards queued for one referral admin's chat (Teams
 * lets about one in every 2.2 s through there, so they take 37 minutes), then, one after the other, a
 * new referral for each of five other organizations. Each must reach its admin at once, not behind the
 * backlog. Then the bot is stopped (SIGTERM) with the backlog still there. The bot runs with its
 * default pacing against a stand-in that enforces Teams' limits.
 */

const KEY = 'bench-key';
const BACKLOG = 1000;
const PROBES = 5;
const BUSY_TENANT = 'backlog-tenant';
const BUSY_CHAT = 'a:backlog-admin';
const probeTenant = (k: number) => `probe-tenant-${k}`;
const probeChat = (k: number) => `a:probe-admin-${k}`;

async function seed(dataDir: string, serviceUrl: string): Promise<void> {
  const store = SqliteStore.open(dataDir);
  const now = DateTime.utc();
  const at = isoInstant(now);
  const admin = async (tenantId: string, userId: string, conversationId: string) => {
    await store.members.create({ tenantId, userId, name: userId, email: `${userId}@bench.example`, role: 'admin', locationScopes: [], installed: true, joinedAt: at, updatedAt: at });
    await store.conversations.put({ conversationId, tenantId, scope: 'personal', userId, serviceUrl, channelId: 'msteams', bot: { id: '28:bot' }, updatedAt: at });
  };
  await admin(BUSY_TENANT, 'backlog-admin', BUSY_CHAT);
  for (let k = 1; k <= PROBES; k++) await admin(probeTenant(k), `probe-admin-${k}`, probeChat(k));
  // What 1,000 fan-outs leave behind: each referral with its card queued for the same chat.
  for (let from = 0; from < BACKLOG; from += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, j) => {
        const deal = referral(BUSY_TENANT, from + j, 0, now);
        const payload: SendPayload = { dealTenantId: BUSY_TENANT, dealId: deal.id, conversationId: BUSY_CHAT, userId: 'backlog-admin', purpose: 'referral' };
        return store.deals.create(deal, { outbox: [{ id: `send:backlog:${deal.id}`, kind: OutboxKind.send, tenantId: BUSY_TENANT, key: BUSY_CHAT, payload: { ...payload } }] });
      }),
    );
  }
  await store.close();
}

interface BacklogRun {
  readonly worst: number;
  readonly median: number;
  readonly delivered: Sample;
  readonly refusedLate: number;
  readonly stop: number;
}

async function backlogOnce(): Promise<BacklogRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cosell-bench-backlog-'));
  const connector = await new TeamsLimitsConnector().start();
  let bot: Running | undefined;
  try {
    await seed(dataDir, connector.url);
    bot = await start('bot/index.js', { DATA_DIR: dataDir, REFERRAL_INTAKE_KEY: KEY });
    const t0 = performance.now();
    const latencies: number[] = [];
    for (let k = 1; k <= PROBES; k++) {
      // The first probe meets the backlog as the worker first finds it; the others, while it is paced out.
      if (k > 1) await new Promise((r) => setTimeout(r, 3000));
      const sentAt = performance.now();
      const res = await fetch(`${bot.url}/api/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({
          id: `probe-${k}`,
          tenantId: probeTenant(k),
          name: `Probe ${k}`,
          location: 'FR',
          sender: { type: 'Microsoft', organizationName: 'Microsoft' },
          customerProfile: { name: 'Contoso SA', address: { country: 'FR' } },
          details: { dealValue: 1000, currency: 'EUR', closingDateTime: '2027-03-31' },
        }),
      });
      check(res.status === 201, `intake answered ${res.status}`);
      const deadline = sentAt + 60_000;
      let arrived: number | undefined;
      while (arrived === undefined && performance.now() < deadline) {
        arrived = connector.accepted.find((a) => a.conversationId === probeChat(k))?.at;
        if (arrived === undefined) await new Promise((r) => setTimeout(r, 10));
      }
      check(arrived !== undefined, `probe ${k}: the other organization's card never arrived`);
      latencies.push(arrived! - sentAt);
    }
    const elapsed = (performance.now() - t0) / 1000;
    const backlogSent = connector.accepted.filter((a) => a.conversationId === BUSY_CHAT);
    const backlogSentBeforeStop = backlogSent.length;
    const firstAccepted = Math.min(...connector.accepted.map((a) => a.at));
    const refusedLate = connector.refused.filter((r) => r.at > firstAccepted + 1000).length;
    for (let k = 1; k <= PROBES; k++) {
      const copies = connector.accepted.filter((a) => a.conversationId === probeChat(k)).length;
      check(copies === 1, `probe ${k}: ${copies} cards`);
    }
    const distinct = new Set(backlogSent.map((a) => a.summary)).size;
    check(distinct === backlogSent.length, `${backlogSent.length - distinct} backlog cards were delivered twice`);

    const stopAt = performance.now();
    await bot.stop();
    bot = undefined;
    const stopMs = performance.now() - stopAt;

    return {
      worst: Math.max(...latencies) / 1000,
      median: percentile(latencies, 50) / 1000,
      delivered: { value: backlogSentBeforeStop / elapsed, reference: (3 + 0.45 * elapsed) / elapsed },
      refusedLate,
      stop: stopMs / 1000,
    };
  } finally {
    await bot?.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchBacklog(runs = 1): Promise<Figure[]> {
  const samples: BacklogRun[] = [];
  for (let r = 1; r <= runs; r++) {
    const run = await backlogOnce();
    samples.push(run);
    process.stderr.write(`  run ${r}/${runs}: worst ${round(run.worst, 2)} s, stop ${round(run.stop, 2)} s\n`);
  }
  const benchmark = `one chat's backlog (${BACKLOG.toLocaleString('en-US')} cards queued for one admin) and ${PROBES} new referrals for other organizations`;
  const of = (pick: (r: BacklogRun) => number) => samples.map((r) => ({ value: pick(r) }));
  return [
    summarize({ benchmark, figure: 'new referral → its admin’s card, worst', unit: 's', target: '< 2 s', meets: (m) => m.value < 2 }, of((r) => r.worst)),
    summarize({ benchmark, figure: 'new referral → its admin’s card, median', unit: 's' }, of((r) => r.median)),
    summarize({ benchmark, figure: 'backlog pace meanwhile (reference: 3 + 0.45/s, the chat’s pacing)', unit: 'msg/s' }, samples.map((r) => r.delivered)),
    summarize({ benchmark, figure: 'refused by Teams after the first second', unit: 'msgs', digits: 0, target: '0', meets: (m) => m.value === 0 }, of((r) => r.refusedLate)),
    summarize({ benchmark, figure: 'SIGTERM → exit, backlog still queued', unit: 's', target: '≤ 5 s', meets: (m) => m.value <= 5 }, of((r) => r.stop)),
  ];
}
