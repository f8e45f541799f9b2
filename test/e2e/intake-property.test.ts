import { FixedClock } from '../../services/clock';
import { MAX_API_BYTES } from '../../bot/api';
import { Deal } from '../../services/domain';
import { contractExample } from '../../services/referrals/contractExample';
import type { TestApp } from '../support/app';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { seq, TENANT } from '../support/fixtures';
import { install, personalConversation, teamsUser } from '../support/teams';
import { KEY, startBot } from '../dialogs/support';

/*
 * Issue 10, finding 3, as a property: hundreds of contract-shaped bodies with hostile values — every
 * length at and past every limit, unicode, bidi and invisible characters, impossible and far dates,
 * numbers at the edges, wrong types — each answered 201, 200 or 400 (413 only past 64 KiB), never a
 * 5xx; every 201 is stored, read back with the store's own schema, and its card sent. The generator is
 * seeded: a failure names the body, and the same run reproduces it.
 */

const ada = teamsUser('ada'); // first to install: referral admin, gets every new referral's card
const BODIES = 400;
/** A JSON number JSON.stringify cannot write (it parses to Infinity). */
const HUGE = '__1e400__';

type Random = () => number;
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

/** Text around a limit: at it, one past it, padded with spaces (trimmed back to it), in 1- and 2-unit characters. */
function around(r: Random, max: number): string {
  const unit = pick(r, ['a', 'é', '語', '\u05d0', '😀', '\u202e', '\u200b', 'e\u0301']);
  const n = Math.max(1, Math.floor(max / unit.length));
  return pick(r, [unit.repeat(n), unit.repeat(n + 1), ` ${unit.repeat(n)} `, 'x'.repeat(max), 'x'.repeat(max + 1)]);
}

const HOSTILE_TEXT = [
  '',
  '   ',
  '\t\n',
  '\u0000',
  '\ud800',
  '\u202eevil\u202c',
  '\u200f\u200e\u2066\u2069',
  'مرحبا بالعالم',
  '<script>alert(1)</script>',
  '${name} {{name}} $root.name',
  '**bold** [link](https://evil.example)',
  '\u2028\u2029',
  'ＦＲ',
  'ß',
  'null',
];
const WRONG_TYPES: unknown[] = [null, 0, -1, true, [], {}, ['x']];

/**
 * One generator per body: each field keeps its valid value or takes a hostile one. A body is clean,
 * or has exactly one hostile field (the `single`-th field asked for — so each value is tried alone,
 * where nothing else hides it), or has hostile fields at random with probability `hostility`.
 */
class Generator {
  private asked = 0;

  constructor(
    private readonly r: Random,
    private readonly mode: { single: number } | { hostility: number },
  ) {}

  private hostile(): boolean {
    const n = this.asked++;
    return 'single' in this.mode ? n === this.mode.single : this.r() < this.mode.hostility;
  }

  pick<T>(items: readonly T[]): T {
    return pick(this.r, items);
  }

  /** A valid value, or one of `pool`. */
  one(valid: unknown, pool: readonly unknown[]): unknown {
    return this.hostile() ? this.pick(pool) : valid;
  }

  text(max: number, valid: string): unknown {
    if (!this.hostile()) return valid;
    const roll = this.r();
    if (roll < 0.5) return around(this.r, max);
    if (roll < 0.9) return this.pick(HOSTILE_TEXT);
    return this.pick(WRONG_TYPES);
  }

  /** Given or not (an optional field). */
  optional(value: () => unknown): unknown {
    return this.r() < 0.3 ? undefined : value();
  }
}

const INSTANTS = [
  '2026-11-20T09:30:00Z',
  '2026-11-20T09:30:00.000Z',
  '2026-11-20T11:30:00+02:00',
  '2026-11-21T10:00:00Z',
  '2026-11-21T10:00:00.001Z',
  '2026-12-04T09:30:00Z',
  '2027-11-20T09:30:00Z',
  '2027-11-20T09:30:00.001Z',
  '2026-02-31T09:30:00.000Z',
  '2026-11-31T09:30:00.000Z',
  '2024-02-29T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-11-20T25:00:00Z',
  '2026-11-20T09:30:00',
  '2026-11-20T09:30:00+14:00',
  '2026-11-20T09:30:00.123456789Z',
  '2026-11-20',
  '9999-12-31T23:59:59.999Z',
  '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '1999-12-31T23:59:59.999Z',
  '2000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2026-W47-5T10:00:00Z',
  'NaN',
  '',
  ' 2026-11-20T09:30:00Z ',
  1763631000000,
];
const CLOSE_DATES = ['2027-03-31T00:00:00Z', '2027-03-31T23:00:00-05:00', '2100-12-31', '2101-01-01', '2000-01-01', '1999-12-31', '0000-01-01', '9999-12-31', '2027-02-29', '2028-02-29', '2027-13-01', '2027-00-10', '27-03-31', '2027-3-31', 'soon', '', 20270331];
const AMOUNTS: unknown[] = [0, -0, 1, 0.5, 1e15, 1e15 + 2, 1e16, -1, -0.0001, Number.MAX_SAFE_INTEGER, 5e-324, HUGE, 'NaN', 'Infinity', '1e15', '250000', null];
const COUNTRIES: unknown[] = ['fr', ' us ', 'XX', 'FRA', 'ＦＲ', 'ß', '', 7];
const CURRENCIES: unknown[] = ['eur', 'JPY', 'XXX', 'EURO', 'E', '€', ''];
const EMAILS: unknown[] = ['LEA@CONTOSO.EXAMPLE', `${'m'.repeat(64)}@${'d'.repeat(60)}.example`, 'a@b', '<a@b.example>', 'ü@ü.example', 'no-at-sign', '', '  ', 42];
const PHONES: unknown[] = ['+33 1 23 45 67 89 ext 12', 'n/a', 'call me', '12', `+${'1'.repeat(39)}`, `+${'1'.repeat(40)}`, '٠١٢٣٤٥٦٧٨٩', '', 33123456789];

function team(g: Generator): unknown {
  const count = g.pick([0, 1, 1, 2, 3, 50, 51]);
  return Array.from({ length: count }, () => ({
    firstName: g.optional(() => g.text(100, 'Léa')),
    lastName: g.optional(() => g.text(100, 'Dubois')),
    email: g.optional(() => g.one('lea.dubois@contoso.example', EMAILS)),
    phoneNumber: g.optional(() => (g.pick([true, false]) ? g.one('+33 1 23 45 67 89', PHONES) : g.text(40, '+33 1 23 45 67 89'))),
  }));
}

function solutions(g: Generator): unknown {
  const count = g.pick([0, 1, 2, 50, 51]);
  return Array.from({ length: count }, () => ({ name: g.text(200, 'Azure Migrate'), publisher: g.optional(() => g.text(200, 'Microsoft')) }));
}

/** One contract-shaped body; `id` is usually new, sometimes a repeat (a 200). */
function hostileBody(r: Random, n: number, earlierIds: readonly string[]): Record<string, unknown> {
  const roll = r();
  const g = new Generator(r, roll < 0.1 ? { hostility: 0 } : roll < 0.7 ? { single: Math.floor(r() * 30) } : { hostility: pick(r, [0.05, 0.3, 0.8]) });
  const example = contractExample();
  return {
    id: earlierIds.length > 0 && r() < 0.1 ? pick(r, earlierIds) : g.text(128, `pc-${n}`),
    engagementId: g.optional(() => g.text(128, 'eng-18e2')),
    tenantId: g.text(128, TENANT),
    name: g.text(200, example.name),
    location: g.one('FR', COUNTRIES),
    sender: {
      type: g.one(g.pick(['Microsoft', 'Partner']), ['microsoft', 'Reseller', '', null]),
      organizationName: g.text(200, 'Tailspin Toys'),
      name: g.optional(() => g.text(200, 'Camille Martin')),
      email: g.optional(() => g.one('camille.martin@microsoft.example', EMAILS)),
      tenantId: g.optional(() => g.text(128, 'tailspin-tenant')),
    },
    customerProfile: {
      name: g.text(200, 'Contoso SA'),
      address: { city: g.optional(() => g.text(120, 'Paris')), country: g.one('FR', COUNTRIES) },
      duns: g.optional(() => g.one('123456789', ['12345678', '1234567890', '١٢٣٤٥٦٧٨٩', 123456789, ''])),
      team: g.optional(() => team(g)),
    },
    details: {
      dealValue: g.one(250000, AMOUNTS),
      currency: g.one('EUR', CURRENCIES),
      closingDateTime: g.one('2027-03-31', CLOSE_DATES),
      notes: g.optional(() => g.text(4000, 'Customer wants to leave its data centre by Q2.')),
      requirements: g.optional(() => ({ solutions: solutions(g) })),
    },
    inviteContext: g.optional(() => ({ notes: g.optional(() => g.text(4000, 'You did their last migration.')), helpWanted: g.optional(() => g.text(200, 'Technical pre-sales')) })),
    createdDateTime: g.optional(() => g.one('2026-11-20T09:30:00Z', INSTANTS)),
    expirationDateTime: g.optional(() => g.one('2026-12-04T09:30:00Z', INSTANTS)),
    [pick(r, ['unknownField', '__proto__', 'constructor'])]: { ignored: true },
  };
}

describe('the intake under hostile contract-shaped bodies (issue 10, finding 3)', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startBot(new FixedClock('2026-11-20T10:00:00Z'));
    await install(bot, connector, ada);
  });

  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it(`when ${BODIES} hostile bodies arrive, then each is 201, 200 or 400 (never 5xx), every 201 is stored as the store reads it and its card is sent`, async () => {
    const r = seq(20261120);
    const received = new Map<string, { tenantId: string; referralId: string }>();
    const statuses = new Map<number, number>();
    for (let n = 0; n < BODIES; n++) {
      const body = hostileBody(r, n, [...received.keys()].map((k) => k.split('\n')[1]!));
      const raw = JSON.stringify(body).replaceAll(`"${HUGE}"`, '1e400');
      const res = await fetch(`${bot.url}/api/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: raw });
      const answer = (await res.json()) as { referralId?: string; error?: string; issues?: { path: string; message: string }[] };
      const why = `body ${n}: ${raw.slice(0, 2000)}\nanswer ${res.status}: ${JSON.stringify(answer).slice(0, 2000)}`;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (Buffer.byteLength(raw) > MAX_API_BYTES) {
        expect([why, res.status]).toEqual([why, 413]);
        continue;
      }
      expect([why, [200, 201, 400].includes(res.status)]).toEqual([why, true]);
      if (res.status === 400) {
        expect([why, answer.error, answer.issues!.length > 0]).toEqual([why, 'invalid_referral', true]);
        // Every message is a sentence from the catalog, not a key or a zod default.
        for (const issue of answer.issues!) expect([why, issue.message]).toEqual([why, expect.stringMatching(/^[A-Z].*\.$/)]);
        continue;
      }
      const tenantId = (body.tenantId as string).trim();
      const stored = await bot.app.store.deals.get(tenantId, answer.referralId!);
      expect([why, stored !== undefined]).toEqual([why, true]);
      // What the store holds is exactly what its own schema reads back, and it is this referral.
      expect([why, Deal.safeParse(stored!.value).success, stored!.value.inbound?.externalId]).toEqual([why, true, (body.id as string).trim()]);
      const key = `${tenantId}\n${(body.id as string).trim()}`;
      if (res.status === 201) received.set(key, { tenantId, referralId: answer.referralId! });
      else expect([why, received.get(key)?.referralId]).toEqual([why, answer.referralId]);
    }
    // The run covers every answer, not only refusals.
    expect(statuses.get(201)).toBeGreaterThan(20);
    expect(statuses.get(400)).toBeGreaterThan(100);

    // Every stored instant sorts as a string: the sweeper's index finds them soonest first.
    const due = (await bot.app.store.deals.listDue('2100-01-01T00:00:00.000Z', { limit: 1000 })).items.map((s) => s.value.dueAt!);
    expect(due).toEqual([...due].sort());
    for (const dueAt of due) expect(dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    // Each referral for Ada's organization reaches her as a card.
    await bot.app.dispatcher.drain();
    const cards = connector
      .sent(personalConversation(ada))
      .flatMap(cardsOf)
      .filter((c) => /New (co-sell|partner) referral/.test(cardText(c)));
    expect(cards).toHaveLength([...received.values()].filter((v) => v.tenantId === TENANT).length);
  });
});
