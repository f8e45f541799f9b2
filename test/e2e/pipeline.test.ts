import { DateTime } from 'luxon';
import { FixedClock } from '../../services/clock';
import {
  acceptInput,
  acceptReferral,
  createDeal,
  dealDraftInput,
  DeclineInput,
  declineReferral,
  markLost,
  markSalesStage,
  markWon,
  receiveReferral,
  type Deal,
  type SalesStage,
} from '../../services/domain';
import { parseLeadTimes } from '../../services/domain/schedule';
import { cardProblems as teamsCardProblems } from '../../scripts/lib/cardChecks';
import type { TestApp } from '../support/app';
import { cardText, ConnectorStandIn } from '../support/connector';
import { intake, OTHER_TENANT, seq, TENANT } from '../support/fixtures';
import { actionsOf, click, install, teamsUser, type TeamsUser } from '../support/teams';
import { command, startBot, type Card } from '../dialogs/support';

/*
 * Issue 13, "Pipeline at a glance": `pipeline` shows the open deals a member may see (admins: the whole
 * organization) by sales stage — count and value per currency, the weighted forecast (value × stage %,
 * 003's percentages), what closes this month and this quarter in the reader's time zone, the referrals
 * waiting with the time left on each, and the organization's median time to answer a referral over the
 * last 90 days (003: responding fast raises the partner's visibility in partner search). Every number
 * is asserted for a seeded set of deals under a fixed clock, through the real HTTP server.
 */

const ada = teamsUser('ada'); // referral admin (first to install), Europe/Paris
const ben = teamsUser('ben'); // referral user, scope FR, on the team of two deals
const dora = teamsUser('dora', { tenantId: OTHER_TENANT, email: 'dora@tailspin.example' });
const RULES = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };
const NOW = '2026-11-20T10:00:00Z';
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const person = (u: TeamsUser) => ({ name: u.name, phone: '+33 1 02 03 04 05', email: u.email, userId: u.aadObjectId });

/** Every object of a card's JSON that `match` accepts. */
function findAll(node: unknown, match: (n: Record<string, unknown>) => boolean, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((child) => findAll(child, match, out));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (match(n)) out.push(n);
    Object.values(n).forEach((child) => findAll(child, match, out));
  }
  return out;
}

/** The card's text as lines, so that "a label, then its value" can be asserted as it reads. */
const lines = (card: Card) => cardText(card).split('\n');
function expectLines(card: Card, ...expected: string[]): void {
  const all = lines(card);
  const start = all.indexOf(expected[0]!);
  expect({ found: all.slice(start, start + expected.length) }).toEqual({ found: expected });
}

describe('pipeline at a glance (issue 13)', () => {
  let connector: ConnectorStandIn;
  let clock: FixedClock;
  let bot: TestApp;
  let n = 0;

  const store = () => bot.app.store;
  const put = async (deal: Deal) => (await store().deals.create(deal)).value;

  /** An outbound deal at a sales stage, with a value and a close date, created a day before now. */
  async function outbound(
    name: string,
    stage: SalesStage,
    amount: number,
    currency: string,
    closeDate: string,
    team = [person(ada)],
    tenant = TENANT,
    close?: (deal: Deal, ctx: { actor: { kind: 'user'; id: string; name: string }; now: DateTime }) => Deal,
  ): Promise<Deal> {
    const created = at('2026-11-01T09:00:00Z').plus({ minutes: ++n });
    const draft = dealDraftInput('2026-11-01').parse({
      customer: { name: 'Northwind Traders', country: 'FR' },
      name,
      location: 'FR',
      value: { amount: String(amount), currency },
      closeDate: '2027-06-30',
      team,
      solutions: [{ kind: 'microsoft', name: 'Azure Synapse' }],
    });
    const org = (await store().organizations.get(tenant))!.value;
    const ctx = { actor: { kind: 'user' as const, id: ada.aadObjectId, name: 'Ada' }, now: created };
    let deal = createDeal(draft, org, ctx, RULES, seq(n + 500));
    if (!deal.ok) throw new Error(deal.refusal.code);
    let value = deal.value;
    if (stage !== 'created') {
      const staged = markSalesStage(value, stage, ctx, RULES);
      if (!staged.ok) throw new Error(staged.refusal.code);
      value = staged.value;
    }
    // The close date as the seller last set it (it may have passed since).
    return put(close ? close({ ...value, closeDate }, ctx) : { ...value, closeDate });
  }

  /** A referral received at `receivedAt`, answered `hours` later (accepted or declined) unless `hours` is undefined. */
  async function referral(id: string, receivedAt: string, answer?: { hours: number; accept: boolean }): Promise<Deal> {
    const received = receiveReferral(intake({ externalId: id, name: `Referral ${id}`, createdAt: at(receivedAt), value: { amount: 30000, currency: 'EUR' } }), at(receivedAt), RULES);
    if (!answer) return put(received);
    const when = at(receivedAt).plus({ hours: answer.hours });
    const ctx = { actor: { kind: 'user' as const, id: ada.aadObjectId, name: 'Ada' }, now: when };
    const done = answer.accept
      ? acceptReferral(received, acceptInput(when.toISODate()!).parse({ name: received.name, value: received.value, closeDate: '2027-03-31', team: [person(ada)] }), ctx, RULES)
      : declineReferral(received, DeclineInput.parse({ reason: 'noCapacity' }), ctx, RULES);
    if (!done.ok) throw new Error(done.refusal.code);
    return put(done.value);
  }

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    clock = new FixedClock(NOW);
    bot = await startBot(clock);
    for (const user of [ada, ben, dora]) await install(bot, connector, user);
    await click(bot, connector, ada, 'member.update', { userId: ben.aadObjectId, index: 0, role0: 'user', scopes0: 'FR' });

    await outbound('Alpha', 'qualified', 100_000, 'EUR', '2026-11-25', [person(ada), person(ben)]); // this month
    await outbound('Bravo', 'qualified', 50_000, 'EUR', '2027-01-15'); // next quarter
    await outbound('Charlie', 'proposed', 200_000, 'USD', '2026-12-31', [person(ben)]); // this quarter
    await outbound('Delta', 'negotiated', 80_000, 'EUR', '2026-11-30'); // this month, its last day
    await outbound('Echo', 'created', 10_000, 'EUR', '2026-11-15'); // this month, already passed
    await outbound('Foxtrot', 'negotiated', 999_999, 'EUR', '2026-11-21', undefined, TENANT, (d, ctx) => markOk(markWon(d, ctx, RULES))); // won: closed
    await outbound('Golf', 'qualified', 777_777, 'EUR', '2026-11-21', undefined, TENANT, (d, ctx) => markOk(markLost(d, 'Budget', ctx, RULES))); // lost: closed
    await outbound('Tailspin deal', 'negotiated', 5_000_000, 'EUR', '2026-11-25', [person(dora)], OTHER_TENANT); // another organization

    await referral('waiting-long', '2026-11-19T10:00:00Z'); // 13 days left
    await referral('waiting-short', '2026-11-10T04:00:00Z'); // 3 days, 18 hours left
    await referral('answered-2h', '2026-11-01T00:00:00Z', { hours: 2, accept: true }); // accepted: open at Accepted, €30,000
    await referral('answered-6h', '2026-10-01T00:00:00Z', { hours: 6, accept: false });
    await referral('answered-30h', '2026-09-01T00:00:00Z', { hours: 30, accept: false });
    await referral('answered-too-long-ago', '2026-08-01T00:00:00Z', { hours: 1, accept: false }); // before the 90 days
  });

  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('when an admin types "pipeline", then the organization’s open deals are counted by stage, per currency, with the weighted forecast, this month, this quarter, the referrals waiting and the median answer time', async () => {
    const card = await command(bot, connector, ada, 'pipeline');
    expect(teamsCardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain('Open deals of your organization, on Nov 20, 2026.');
    expectLines(card, 'By sales stage', 'Created · 10 %', '€10,000', '1 deal', 'Accepted · 10 %', '€30,000', '1 deal', 'Qualified · 20 %', '€150,000', '2 deals', 'Proposed · 60 %', '$200,000', '1 deal', 'Negotiated · 80 %', '€80,000', '1 deal');
    // Euros and dollars are never added together: one sum per currency, largest first.
    expectLines(card, 'All open deals', '€270,000 · $200,000', '6 deals');
    // 10,000 × 10 % + 30,000 × 10 % + 150,000 × 20 % + 80,000 × 80 % = €98,000; 200,000 × 60 % = $120,000.
    expectLines(card, 'Weighted forecast (value × stage %)', '$120,000 · €98,000');
    expectLines(card, 'Closing this month (Nov 1, 2026 – Nov 30, 2026)', '3 deals · €190,000');
    expectLines(card, 'Closing this quarter (Oct 1, 2026 – Dec 31, 2026)', '4 deals · $200,000 · €190,000');
    expect(cardText(card)).toContain('One open deal has a close date in the past.');
    // Soonest to expire first, each with the countdown every card uses.
    // (Each Open button reads twice: the action and its Action.Submit fallback.)
    expectLines(card, 'Referrals waiting for an answer (2)', 'Referral waiting-short · Contoso SA', '3 days, 18 hours left', 'Open', 'Open', 'Referral waiting-long · Contoso SA', '13 days left', 'Open', 'Open');
    // 2 h, 6 h and 30 h over the last 90 days (the answer of August is older): the median is 6 hours.
    expect(cardText(card)).toContain('Median time to accept or decline a referral over the last 90 days: 6 hours (3 answers).');
    expect(cardText(card)).toContain('Answering fast raises your organization’s visibility in partner search.');
    expect(cardText(card)).not.toMatch(/Foxtrot|Golf|Tailspin|999,999|777,777|5,000,000/);
  });

  it('when the pipeline is drawn, then each currency gets a Teams bar chart of value by stage, with the same bars as text for clients without charts', async () => {
    const card = await command(bot, connector, ada, 'pipeline');
    const charts = findAll(card, (node) => node.type === 'Chart.HorizontalBar');
    expect(charts.map((c) => [c.title, c.data])).toEqual([
      [
        'Value by stage, EUR',
        [
          { x: 'Created · 10 %', y: 10000 },
          { x: 'Accepted · 10 %', y: 30000 },
          { x: 'Qualified · 20 %', y: 150000 },
          { x: 'Negotiated · 80 %', y: 80000 },
        ],
      ],
      ['Value by stage, USD', [{ x: 'Proposed · 60 %', y: 200000 }]],
    ]);
    const fallback = cardText(charts[0]!.fallback);
    expect(fallback).toContain('Qualified · 20 %\n▇▇▇▇▇▇▇▇▇▇▇▇ €150,000');
    expect(fallback).toContain('Created · 10 %\n▇ €10,000');
  });

  it('when a referral user types "pipeline", then only the deals on their team in their scope are counted; the answer time is still the organization’s', async () => {
    const card = await command(bot, connector, ben, 'pipeline');
    expect(cardText(card)).toContain('Open deals you can see (on their team, in your locations), on Nov 20, 2026.');
    expectLines(card, 'By sales stage', 'Qualified · 20 %', '€100,000', '1 deal', 'Proposed · 60 %', '$200,000', '1 deal');
    expectLines(card, 'All open deals', '$200,000 · €100,000', '2 deals');
    expectLines(card, 'Weighted forecast (value × stage %)', '$120,000 · €20,000');
    expectLines(card, 'Closing this month (Nov 1, 2026 – Nov 30, 2026)', '1 deal · €100,000');
    expectLines(card, 'Referrals waiting for an answer (0)', 'No referral is waiting for an answer.');
    expect(cardText(card)).toContain('over the last 90 days: 6 hours (3 answers).');
    expect(cardText(card)).not.toMatch(/Bravo|Delta|Echo|Referral waiting|€270,000/);
  });

  it('when it is already December in the reader’s time zone (Paris) but still November in UTC, then "this month" is December', async () => {
    clock.set('2026-11-30T23:30:00Z');
    const card = await command(bot, connector, ada, 'pipeline');
    expect(cardText(card)).toContain('Open deals of your organization, on Dec 1, 2026.');
    expectLines(card, 'Closing this month (Dec 1, 2026 – Dec 31, 2026)', '1 deal · $200,000');
    expectLines(card, 'Closing this quarter (Oct 1, 2026 – Dec 31, 2026)', '4 deals · $200,000 · €190,000');
    expect(cardText(card)).toContain('3 open deals have a close date in the past.');
  });

  it('when another organization types "pipeline", then it sees only its own deal', async () => {
    const card = await command(bot, connector, dora, 'pipeline');
    expectLines(card, 'All open deals', '€5,000,000', '1 deal');
    expect(cardText(card)).toContain('No referral was accepted or declined in the last 90 days.');
  });

  it('when Refresh is pressed after a deal moved on, then the card shows the new figures; a waiting referral opens its deal card', async () => {
    const first = await command(bot, connector, ada, 'pipeline');
    const bravo = (await store().deals.list(TENANT, {}, { limit: 50 })).items.find((d) => d.value.name === 'Bravo')!;
    await store().deals.update({ ...bravo.value, salesStage: 'negotiated' }, bravo.etag);
    const { card } = await click(bot, connector, ada, 'pipeline.show', {});
    expectLines(card, 'Negotiated · 80 %', '€130,000', '2 deals');
    const open = actionsOf(first).find((a) => a.verb === 'deal.show')!;
    const deal = await click(bot, connector, ada, 'deal.show', open.data!);
    expect(cardText(deal.card)).toContain('Referral waiting-short');
  });

  it('when an organization has no open deal and answered no referral, then the card says so; "pipline" (a typo) and "forecast" bring it too', async () => {
    const eve = teamsUser('eve', { tenantId: 'c0ffee00-0000-4000-8000-000000000003', email: 'eve@woodgrove.example' });
    await install(bot, connector, eve);
    for (const text of ['pipeline', 'pipline', 'forecast']) {
      const card = await command(bot, connector, eve, text);
      expect(cardText(card)).toContain('No open deals.');
      expect(cardText(card)).toContain('No referral is waiting for an answer.');
      expect(cardText(card)).toContain('No referral was accepted or declined in the last 90 days.');
      expect(findAll(card, (node) => node.type === 'Chart.HorizontalBar')).toEqual([]);
      expect(teamsCardProblems(card)).toEqual([]);
    }
  });
});

function markOk<T>(result: { ok: true; value: T } | { ok: false; refusal: { code: string } }): T {
  if (!result.ok) throw new Error(result.refusal.code);
  return result.value;
}
