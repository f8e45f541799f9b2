import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { isoInstant } from '../services/clock';
import { receiveReferral } from '../services/domain/lifecycle';
import { parseLeadTimes } from '../services/domain/schedule';
import { SqliteStore } from '../services/store/sqlite';
import { check, percentile, round, summarize, type Figure, type Sample } from './lib/stats';
import { start, type Running } from './lib/processes';
import { TeamsLimitsConnector } from './lib/teamsLimits';

/*
 * Card action turns through the real HTTP server on the embedded store: accept, decline and mark
 * stage, 32 simulated users at once, against the same load on a minimal echo bot on the same
 * adapter and server (the framework's own cost).
 */

const TENANT = 'bench-tenant';
const USERS = 32;
const TURNS = 5000;
const WARMUP = 300;
/**
 * After the closed loop, turns sent at a steady rate well under both servers' capacity, whether or
 * not earlier ones have been answered: the wait a seller clicking a card sees when the bot is not
 * saturated. The closed loop's p50 is a throughput figure (32 users ÷ turns per second).
 */
const PACED = 1000;
const PACED_PER_SECOND = 200;

interface Task {
  readonly user: number;
  readonly verb: string;
  readonly data: Record<string, unknown>;
  /** Text the answer card must contain for the turn to count as the expected outcome. */
  readonly expect: string;
}

function activity(serviceUrl: string, task: Task, id: string): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id,
    // Teams names the message whose card was clicked; the bot then records what that message shows.
    replyToId: `card-${String(task.data.dealId)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:user-${task.user}`, aadObjectId: `user-${task.user}`, name: `User ${task.user}` },
    recipient: { id: '28:bot', name: 'Co-sell' },
    conversation: { id: `a:user-${task.user}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'Europe/Paris' }],
    value: { action: { type: 'Action.Execute', verb: task.verb, data: task.data }, trigger: 'manual' },
  };
}

/** Run `tasks` with `USERS` concurrent simulated users; returns each turn's latency in ms and the failures. */
async function load(url: string, serviceUrl: string, tasks: readonly Task[], phase: string): Promise<{ latencies: number[]; seconds: number; unexpected: string[] }> {
  const latencies: number[] = [];
  const unexpected: string[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async () => {
      while (next < tasks.length) {
        const n = next++;
        const task = tasks[n]!;
        const started = performance.now();
        const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(serviceUrl, task, `${phase}-${n}`)) });
        const text = await res.text();
        latencies.push(performance.now() - started);
        if (res.status !== 200 || !text.includes(task.expect)) unexpected.push(`${task.verb} ${res.status} ${text.slice(0, 200)}`);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000, unexpected };
}

/** Send `tasks` at `perSecond`, each on its own schedule (an open loop); latency runs from each one's send. */
async function paced(url: string, serviceUrl: string, tasks: readonly Task[], perSecond: number, phase: string): Promise<{ latencies: number[]; unexpected: string[] }> {
  const latencies: number[] = [];
  const unexpected: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    tasks.map(async (task, n) => {
      const wait = t0 + (n * 1000) / perSecond - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const started = performance.now();
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(serviceUrl, task, `${phase}-${n}`)) });
      const text = await res.text();
      latencies.push(performance.now() - started);
      if (res.status !== 200 || !text.includes(task.expect)) unexpected.push(`${task.verb} ${res.status} ${text.slice(0, 200)}`);
    }),
  );
  return { latencies, unexpected };
}

async function seed(dataDir: string, serviceUrl: string, referrals: number): Promise<string[]> {
  const store = SqliteStore.open(dataDir);
  const now = DateTime.utc();
  const rules = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };
  for (let u = 0; u < USERS; u++) {
    await store.members.create({
      tenantId: TENANT,
      userId: `user-${u}`,
      name: `User ${u}`,
      email: `user${u}@bench.example`,
      phone: '+33 1 00 00 00 00',
      role: 'admin',
      locationScopes: [],
      locale: 'en-US',
      timeZone: 'Europe/Paris',
      installed: true,
      joinedAt: isoInstant(now),
      updatedAt: isoInstant(now),
    });
    await store.conversations.put({ conversationId: `a:user-${u}`, tenantId: TENANT, scope: 'personal', userId: `user-${u}`, serviceUrl, channelId: 'msteams', bot: { id: '28:bot' }, updatedAt: isoInstant(now) });
  }
  const ids: string[] = [];
  for (let i = 0; i < referrals; i++) {
    const deal = receiveReferral(
      {
        tenantId: TENANT,
        externalId: `bench-${i}`,
        name: `Bench referral ${i}`,
        location: 'FR',
        sender: { type: 'Microsoft', organizationName: 'Microsoft', name: 'Camille Martin' },
        customer: { name: 'Contoso SA', country: 'FR', city: 'Paris', contacts: [], contactConsent: false },
        value: { amount: 250000, currency: 'EUR' },
        closeDate: '2027-03-31',
        notes: 'Customer wants to leave its data centre by Q2.',
        solutions: [{ kind: 'microsoft', name: 'Azure Migrate', publisher: 'Microsoft' }],
        inviteContext: { notes: 'You did their last migration.', helpWanted: 'Technical pre-sales' },
      },
      now,
      rules,
    );
    await store.deals.create(deal);
    ids.push(deal.id);
  }
  await store.close();
  return ids;
}

export interface TurnsOptions {
  /** The verb and data of "mark a sales stage" on an accepted deal, when the bot has one. */
  readonly markStage?: (dealId: string, round: number) => { verb: string; data: Record<string, unknown>; expect: string };
}

interface TurnsRun {
  readonly p50: Sample;
  readonly p99: Sample;
  readonly throughput: Sample;
  readonly cpu: Sample;
  readonly pacedP50: Sample;
  readonly pacedP99: Sample;
}

/** One run: fresh data, a fresh bot and echo bot, the load in alternating blocks. */
async function turnsOnce(options: TurnsOptions): Promise<TurnsRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cosell-bench-turns-'));
  const connector = await new TeamsLimitsConnector({ perConversationPerSecond: 1e9, perTenantPerSecond: 1e9, retryAfterSeconds: 1 }).start();
  const running: Running[] = [];
  try {
    const kinds = options.markStage ? 3 : 2;
    const perKind = Math.ceil((TURNS + PACED) / kinds);
    // Accepts and declines each need a received referral of their own; stage marks use the deals accepted first.
    const ids = await seed(dataDir, connector.url, WARMUP + 2 * perKind);
    const acceptData = (dealId: string) => ({
      dealId,
      tenantId: TENANT,
      name: 'Contoso migration',
      amount: '260000',
      currency: 'EUR',
      closeDate: '2027-04-30',
      notes: 'Call booked',
      team0Name: 'User',
      team0Phone: '+33 1 00 00 00 00',
      team0Email: 'user@bench.example',
    });
    const warmup: Task[] = ids.slice(0, WARMUP).map((dealId, i) => ({ user: i % USERS, verb: 'referral.accept', data: acceptData(dealId), expect: 'Done' }));
    const accepts = ids.slice(WARMUP, WARMUP + perKind);
    const declines = ids.slice(WARMUP + perKind, WARMUP + 2 * perKind);
    const tasks: Task[] = [];
    for (let i = 0; tasks.length < TURNS + PACED; i++) {
      const k = i % kinds;
      const j = Math.floor(i / kinds);
      if (k === 0 && accepts[j]) tasks.push({ user: i % USERS, verb: 'referral.accept', data: acceptData(accepts[j]!), expect: 'Done: you accepted' });
      else if (k === 1 && declines[j]) tasks.push({ user: i % USERS, verb: 'referral.decline', data: { dealId: declines[j], tenantId: TENANT, reason: 'notAFit', notes: '' }, expect: 'Done: you declined' });
      else if (k === 2 && options.markStage && ids[j % WARMUP]) {
        const m = options.markStage(ids[j % WARMUP]!, Math.floor(j / WARMUP));
        // The seller who accepted the deal moves it on, from its card in their own chat.
        tasks.push({ user: (j % WARMUP) % USERS, verb: m.verb, data: { ...m.data, tenantId: TENANT }, expect: m.expect });
      }
      if (i > 3 * (TURNS + PACED)) break;
    }
    const pacedTasks = tasks.splice(TURNS);

    // Both servers run side by side and take the load in alternating blocks, so drift in what the
    // machine is doing meanwhile hits the floor and the bot alike.
    const echo = await start('bench/echoBot.js', {});
    running.push(echo);
    const bot = await start('bot/index.js', { DATA_DIR: dataDir, TEAMS_RATE_PER_CONVERSATION: '100', TEAMS_BURST_PER_CONVERSATION: '7', TEAMS_RATE_PER_TENANT: '1000', TEAMS_BURST_PER_TENANT: '50' });
    running.push(bot);
    const echoTasks = tasks.map((t) => ({ ...t, expect: 'Done' }));
    await load(echo.url, connector.url, echoTasks.slice(0, WARMUP), 'echo-warmup');
    await load(bot.url, connector.url, warmup, 'warmup');
    const floor = { latencies: [] as number[], seconds: 0, unexpected: [] as string[] };
    const ours = { latencies: [] as number[], seconds: 0, unexpected: [] as string[] };
    const blocks = 5;
    const size = Math.ceil(tasks.length / blocks);
    // CPU time is what a turn costs the server whatever else the machine is doing; latency also counts the waiting.
    const cpuBefore = { echo: echo.cpuMs(), bot: bot.cpuMs() };
    for (let b = 0; b < blocks; b++) {
      for (const [target, into, list] of [
        [echo, floor, echoTasks],
        [bot, ours, tasks],
      ] as const) {
        const r = await load(target.url, connector.url, list.slice(b * size, (b + 1) * size), `${target === bot ? 'run' : 'echo'}-${b}`);
        into.latencies.push(...r.latencies);
        into.seconds += r.seconds;
        into.unexpected.push(...r.unexpected);
      }
    }
    await new Promise((r) => setTimeout(r, 1000)); // the bot's outbox work after the last turns belongs to them
    const cpu = { echo: (echo.cpuMs() - cpuBefore.echo) / echoTasks.length, bot: (bot.cpuMs() - cpuBefore.bot) / tasks.length };
    // The paced turns, in two alternating blocks as well.
    const pacedFloor = { latencies: [] as number[], unexpected: [] as string[] };
    const pacedOurs = { latencies: [] as number[], unexpected: [] as string[] };
    const half = Math.ceil(pacedTasks.length / 2);
    for (let b = 0; b < 2; b++) {
      const block = pacedTasks.slice(b * half, (b + 1) * half);
      for (const [target, into, list] of [
        [echo, pacedFloor, block.map((t) => ({ ...t, expect: 'Done' }))],
        [bot, pacedOurs, block],
      ] as const) {
        const r = await paced(target.url, connector.url, list, PACED_PER_SECOND, `${target === bot ? 'paced' : 'echo-paced'}-${b}`);
        into.latencies.push(...r.latencies);
        into.unexpected.push(...r.unexpected);
      }
    }
    await Promise.all([echo.stop(), bot.stop()]);

    ours.unexpected.push(...pacedOurs.unexpected);
    floor.unexpected.push(...pacedFloor.unexpected);
    check(ours.unexpected.length === 0, `card action turns with an unexpected answer (double transition or failure): ${ours.unexpected.length}, e.g. ${ours.unexpected[0]}`);
    check(floor.unexpected.length === 0, `echo bot failed: ${floor.unexpected[0]}`);
    const store = SqliteStore.open(dataDir);
    try {
      let transitions = 0;
      let stageMarks = 0;
      let token: string | undefined;
      do {
        const page = await store.deals.list(TENANT, {}, { limit: 200, continuationToken: token });
        for (const d of page.items) {
          const answered = d.value.history.filter((h) => h.event === 'accepted' || h.event === 'declined').length;
          check(answered <= 1, `deal ${d.value.id} answered ${answered} times`);
          transitions += answered;
          stageMarks += d.value.history.filter((h) => h.event === 'stage').length;
        }
        token = page.continuationToken;
      } while (token);
      check(transitions === WARMUP + accepts.length + declines.length, `expected ${WARMUP + accepts.length + declines.length} answered referrals, found ${transitions}`);
      const stageTurns = [...tasks, ...pacedTasks].filter((t) => t.verb === 'deal.stage').length;
      check(stageMarks === stageTurns, `expected ${stageTurns} stage changes, found ${stageMarks}`);
    } finally {
      await store.close();
    }

    return {
      p50: { value: percentile(ours.latencies, 50), reference: percentile(floor.latencies, 50) },
      p99: { value: percentile(ours.latencies, 99), reference: percentile(floor.latencies, 99) },
      throughput: { value: tasks.length / ours.seconds, reference: tasks.length / floor.seconds },
      cpu: { value: cpu.bot, reference: cpu.echo },
      pacedP50: { value: percentile(pacedOurs.latencies, 50), reference: percentile(pacedFloor.latencies, 50) },
      pacedP99: { value: percentile(pacedOurs.latencies, 99), reference: percentile(pacedFloor.latencies, 99) },
    };
  } finally {
    await Promise.all(running.map((r) => r.stop()));
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchTurns(options: TurnsOptions = {}, runs = 1): Promise<Figure[]> {
  const samples: TurnsRun[] = [];
  for (let r = 1; r <= runs; r++) {
    const run = await turnsOnce(options);
    samples.push(run);
    process.stderr.write(`  run ${r}/${runs}: p50 ${round(run.p50.value, 1)} ms vs floor ${round(run.p50.reference!, 1)} ms; p99 ${round(run.p99.value, 1)} vs ${round(run.p99.reference!, 1)} ms; ${round(run.throughput.value, 0)} vs ${round(run.throughput.reference!, 0)} turns/s; CPU ${round(run.cpu.value, 2)} vs ${round(run.cpu.reference!, 2)} ms/turn; at ${PACED_PER_SECOND}/s p50 ${round(run.pacedP50.value, 1)} vs ${round(run.pacedP50.reference!, 1)} ms, p99 ${round(run.pacedP99.value, 1)} vs ${round(run.pacedP99.reference!, 1)} ms\n`);
  }
  const benchmark = `card action turn (${TURNS} turns: ${options.markStage ? 'accept, decline, mark stage' : 'accept, decline'}; ${USERS} users at once; floor: echo bot, same adapter and server)`;
  const steady = `card action turn at a steady ${PACED_PER_SECOND} turns/s (${PACED} turns sent on schedule, answered or not; floor: echo bot)`;
  return [
    summarize({ benchmark, figure: 'p50 latency', unit: 'ms', target: '≤ 1.5× floor', meets: (m) => m.ratio! <= 1.5 }, samples.map((s) => s.p50)),
    summarize({ benchmark, figure: 'p99 latency', unit: 'ms', target: '≤ 3× floor', meets: (m) => m.ratio! <= 3 }, samples.map((s) => s.p99)),
    summarize({ benchmark, figure: 'throughput', unit: 'turns/s', digits: 0 }, samples.map((s) => s.throughput)),
    summarize({ benchmark, figure: 'server CPU time per turn', unit: 'ms', digits: 2 }, samples.map((s) => s.cpu)),
    summarize({ benchmark: steady, figure: 'p50 latency', unit: 'ms' }, samples.map((s) => s.pacedP50)),
    summarize({ benchmark: steady, figure: 'p99 latency', unit: 'ms' }, samples.map((s) => s.pacedP99)),
  ];
}
