import { FixedClock } from '../../services/clock';
import { contractExample } from '../../services/referrals/contractExample';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';
import { cardsOf, ConnectorStandIn } from '../support/connector';
import { TENANT } from '../support/fixtures';
import { install, teamsUser } from '../support/teams';

/*
 * Issue 10: hostile input is normal input. A few thousand generated requests — activities, card
 * actions and intake bodies of valid shapes with hostile values (lengths, encodings, dates, markdown,
 * bidi controls, wrong types) — must never get a 5xx, never crash or hang the process, and never
 * leave anything in the store that the store then refuses to read back. The generator is seeded:
 * a failure names the seed and the request, so it can be replayed.
 */

const KEY = 'fuzz-intake-key';
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const ROUNDS = { activities: 1200, cardActions: 900, intake: 900 };

/** mulberry32: small, fast, good enough to spread cases; deterministic for a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_TEXT = [
  '',
  ' ',
  '**URGENT** [re-verify your account](https://evil.example/login)',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '${$root.secret} {{user}} {0} %s %n',
  '\u202Egnp.exe\u202C \u2066isolate\u2069 \u200B\u200D\uFEFF',
  '- item\n1. list\n# title\n> quote\n```code```',
  '联合销售推荐'.repeat(700),
  'Ünïcödé ç’est l’été — “quotes” – dashes…',
  '😀'.repeat(3000),
  '\u0000\u0001\u0007\u001b[31m',
  '\uD800 lone surrogate \uDFFF',
  'a'.repeat(30_000),
  'deal ' + 'x'.repeat(5000),
  'inbound all',
  'members',
  'new deal',
  'help',
  'deal D000000000000',
  'search ' + '%_*" NEAR( (a+)+$ '.repeat(500),
  'search contoso stage:won before:2027-02-30 \u202Einbound',
  'pipeline',
  '../../etc/passwd',
  "Robert'); DROP TABLE deals;--",
  '%00%0d%0a',
];

const HOSTILE_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  -0,
  Number.MAX_SAFE_INTEGER,
  true,
  [],
  {},
  [1, 2, 3],
  { nested: { deep: ['x'] } },
  'NaN',
  'Infinity',
  '1e15',
  '-5',
  '2026-02-31',
  '2026-11-31T09:30:00Z',
  '0000-01-01',
  '9999-12-31T23:59:59.999Z',
  '+010000-01-01T00:00:00Z',
  '2026-13-01',
  'not a date',
  ...HOSTILE_TEXT,
];

describe('fuzz: thousands of hostile requests never get a 5xx, a crash or unreadable data (hardening)', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;
  const rand = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const ada = teamsUser('ada');
  const ben = teamsUser('ben');

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    // The outbox is drained by hand at the end; pacing must not slow that down.
    bot = await startTestApp(
      { REFERRAL_INTAKE_KEY: KEY, TEAMS_RATE_PER_CONVERSATION: '1000', TEAMS_BURST_PER_CONVERSATION: '7', TEAMS_RATE_PER_TENANT: '1000', TEAMS_BURST_PER_TENANT: '50' },
      { clock: new FixedClock('2026-11-20T10:00:00Z'), workers: false },
    );
    await install(bot, connector, ada);
    await install(bot, connector, ben);
  });

  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  /**
   * Replace some fields of a value with hostile ones, keeping its shape otherwise. `rate` is the chance
   * of each field being replaced by a value of any type; strings are also swapped for hostile text.
   */
  function mutate(value: unknown, rate = 0.12, texts: readonly string[] = HOSTILE_TEXT, depth = 0): unknown {
    if (chance(rate)) return pick(HOSTILE_VALUES);
    if (Array.isArray(value)) {
      const items = value.map((v) => mutate(v, rate, texts, depth + 1));
      if (chance(rate)) items.push(...Array.from({ length: Math.floor(rand() * 60) }, () => mutate(value[0] ?? 'x', rate, texts, depth + 1)));
      return items;
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (chance(rate / 2)) continue; // a field goes missing
        out[k] = depth > 6 ? v : mutate(v, rate, texts, depth + 1);
      }
      if (chance(rate / 2)) out[pick(['__proto__', 'constructor', 'extra', '$root', 'toString'])] = pick(HOSTILE_VALUES);
      return out;
    }
    // Free text gets hostile content; codes, ids, emails and dates keep their shape.
    if (typeof value === 'string' && value.length > 3 && !/^[A-Z]{2,3}$|@|^\d|^pc-|^eng-|^[0-9a-f-]{36}$/.test(value) && chance(0.3)) return pick(texts);
    return value;
  }

  /** Hostile text that still fits the intake's limits: such referrals must be stored and shown safely. */
  const FITTING_TEXT = HOSTILE_TEXT.filter((t) => t.trim().length > 0 && t.length <= 100);

  const failures: string[] = [];
  async function expectNo5xx(what: string, send: () => Promise<number>): Promise<void> {
    let status: number;
    try {
      status = await send();
    } catch (err) {
      failures.push(`${what}: request failed (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    if (status >= 500) failures.push(`${what}: ${status}`);
  }

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    await res.arrayBuffer();
    return res.status;
  };

  it('when thousands of hostile activities, card actions and intake bodies arrive, then none gets a 5xx, the bot stays healthy and everything stored reads back', async () => {
    for (let i = 0; i < ROUNDS.activities; i++) {
      const user = chance(0.5) ? ada : ben;
      const base = teamsActivity(connector.url, {
        from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
        conversationId: chance(0.8) ? `a:personal-${user.aadObjectId}` : '19:group@thread.v2',
        text: pick(HOSTILE_TEXT),
        type: pick(['message', 'message', 'message', 'invoke', 'conversationUpdate', 'installationUpdate', 'event', 'typing', 'messageReaction', 'x']),
        name: pick([undefined, 'task/fetch', 'signin/verifyState', 'adaptiveCard/action', 'composeExtension/query', '']),
      });
      const activity = chance(0.7) ? mutate(base) : base;
      await expectNo5xx(`activity #${i} (seed ${SEED})`, () => post('/api/messages', JSON.stringify(activity)));
    }

    const verbs = ['referral.accept', 'referral.decline', 'referral.show', 'deal.show', 'deal.list', 'deal.stage', 'deal.won', 'deal.lost', 'deal.edit', 'deal.favorite', 'deal.create', 'member.update', 'members.page', 'deal.search', 'pipeline.show', 'nope', ''];
    for (let i = 0; i < ROUNDS.cardActions; i++) {
      const user = chance(0.5) ? ada : ben;
      const data = mutate({ tenantId: TENANT, dealId: 'D000000000000', list: 'inbound', filter: 'all', stage: 'qualified', name: 'x', amount: '5', currency: 'EUR', closeDate: '2027-01-31', notes: 'n', role0: 'user', scopes0: 'FR', userId: user.aadObjectId, index: 0, nav: 'next', step: 'customer', searchWords: 'contoso', searchStage: 'qualified', searchBefore: '2027-01-31', searchOffset: '8' });
      const invoke = teamsActivity(connector.url, {
        from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
        conversationId: `a:personal-${user.aadObjectId}`,
        type: chance(0.8) ? 'invoke' : 'message',
        name: 'adaptiveCard/action',
        text: undefined,
        value: chance(0.9) ? { action: { type: 'Action.Execute', verb: pick(verbs), data }, trigger: 'manual' } : mutate({ action: { verb: pick(verbs) } }),
      });
      await expectNo5xx(`card action #${i} (seed ${SEED})`, () => post('/api/messages', JSON.stringify(invoke)));
    }

    for (let i = 0; i < ROUNDS.intake; i++) {
      // Mostly valid bodies with hostile text (so many are stored and their cards built), some badly broken.
      const rate = pick([0, 0, 0.01, 0.03, 0.12]);
      const body = mutate({ ...contractExample(), id: `fuzz-${i}`, tenantId: TENANT, createdDateTime: '2026-11-20T09:30:00Z' }, rate, rate === 0 ? FITTING_TEXT : HOSTILE_TEXT);
      const raw = chance(0.05) ? JSON.stringify(body).slice(0, Math.floor(rand() * 200)) : JSON.stringify(body);
      await expectNo5xx(`intake #${i} (seed ${SEED})`, () => post('/api/referrals', raw, { authorization: `Bearer ${KEY}` }));
      if (i % 50 === 0) await expectNo5xx(`sync #${i}`, () => post(`/api/deals/D000000000000/${pick(['microsoft', 'registration'])}`, JSON.stringify(mutate({ status: 'engaged', note: 'x' })), { authorization: `Bearer ${KEY}` }));
    }

    expect(failures).toEqual([]);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

    // Every deal stored reads back through the store's own schema (a refused record would throw here).
    let token: string | undefined;
    let stored = 0;
    do {
      const page = await bot.app.store.deals.list(TENANT, {}, { limit: 200, continuationToken: token });
      stored += page.items.length;
      token = page.continuationToken;
    } while (token);
    expect(stored).toBeGreaterThan(100);
    const due = await bot.app.store.deals.listDue('2100-01-01T00:00:00.000Z', { limit: 200 });
    for (const d of due.items) expect(d.value.dueAt === null || /^\d{4}-\d{2}-\d{2}T/.test(d.value.dueAt)).toBe(true);

    // Every stored referral's card is built and sent, and fits in a Teams message.
    await bot.app.dispatcher.drain();
    expect(await bot.app.store.outbox.counts()).toMatchObject({ dead: 0 });
    const cards = connector.sent().flatMap(cardsOf);
    expect(cards.length).toBeGreaterThan(100);
    for (const card of cards) expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  }, 600_000);
});
