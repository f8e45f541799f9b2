import {
  acceptInput,
  acceptReferral,
  completeAssessmentStage,
  createDeal,
  dealDraftInput,
  DeclineInput,
  declineReferral,
  markSalesStage,
  receiveReferral,
  type ActionContext,
  type Deal,
  type Member,
  type Organization,
  type Result,
  type SalesStage,
} from '../services/domain';
import { ANSWER_WINDOW_DAYS, figuresOf, pipelineFigures } from '../services/domain/pipeline';
import type { PipelineView } from '../services/deals/pipeline';
import { blocking, pageOf, parseSearch, rankDeals, type SearchFilters, type SearchInputs, type SearchOutcome } from '../services/deals/search';
import { searchStageOf } from '../services/domain/search';
import { translator, type Reader } from '../services/i18n';
import { isoInstant } from '../services/clock';
import { dealSearchCardData, renderDealSearchCard } from './dealSearch';
import type { GallerySample } from './gallery';
import { HOSTILE } from './hostile';
import { pipelineCardData, renderPipelineCard } from './pipeline';
import type { AdaptiveCardJson } from './render';
import { GALLERY_NOW as NOW, GALLERY_RULES as RULES, GALLERY_TENANT as TENANT, galleryToday } from './galleryFixtures';

/*
 * Gallery entries for finding and seeing deals (issue 13): the search card (nothing asked yet, a page of
 * matches with filters, the next page, no match, filters it cannot read, a pasted page of text, capped
 * candidates, hostile names, the longest names) and the pipeline card (an admin's organization, a
 * referral user's view, nothing open, many currencies and 10^15 yen, many referrals waiting, capped
 * reads, hostile and longest names). Deals come from the domain's functions; the search results are
 * ranked and paged by the search's own functions, the pipeline counted by the domain's, the cards built
 * by the real view-model builders. Self-contained like cards/dealGallery.ts (only a type from
 * ./gallery).
 */


const todayOf = (reader: Reader): string => galleryToday(reader);

function member(overrides: Partial<Member> = {}): Member {
  return {
    tenantId: TENANT,
    userId: 'user-adam',
    name: 'Adam Admin',
    email: 'adam.admin@fabrikam.example',
    role: 'admin',
    locationScopes: [],
    locale: 'en-US',
    timeZone: 'America/Los_Angeles',
    installed: true,
    joinedAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}
const ADAM = member();
const ANA = member({ userId: 'user-ana', name: 'Ana Seller', email: 'ana.seller@fabrikam.example', role: 'user', locationScopes: ['FR'] });
const ctx = (minutes = 0): ActionContext => ({ actor: { kind: 'user', id: ADAM.userId, name: ADAM.name }, now: NOW.plus({ minutes }) });

const ORG: Organization = {
  tenantId: TENANT,
  name: 'Fabrikam',
  solutions: [{ kind: 'own', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' }],
  assessmentVetted: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function ok<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`find gallery: ${what} was refused (${result.refusal.code})`);
  return result.value;
}

const ANA_ON_TEAM = { name: 'Ana Seller', phone: '+33 6 12 34 56 78', email: 'ana.seller@fabrikam.example', userId: 'user-ana' };

/** A seed for the deal id made from what the deal is: the same sample gets the same id on every run. */
function seedOf(text: string): number {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 2147483647;
  return h || 1;
}

/** An outbound deal `minutesAgo` before now, at `stage`. */
function outbound(overrides: Record<string, unknown> = {}, stage?: SalesStage, minutesAgo = 0): Deal {
  const draft = dealDraftInput(NOW.toISODate()!).parse({
    customer: { name: 'Northwind Traders', country: 'FR', city: 'Lyon' },
    name: 'Northwind – data platform',
    location: 'FR',
    value: { amount: '120000', currency: 'EUR' },
    closeDate: '2027-06-30',
    crmId: 'CRM-0042',
    team: [ANA_ON_TEAM],
    solutions: [{ kind: 'own', name: 'Fabrikam Migrate' }],
    ...overrides,
  });
  let n = seedOf(JSON.stringify([overrides, stage, minutesAgo]));
  const at: ActionContext = { ...ctx(), now: NOW.minus({ minutes: minutesAgo }) };
  const deal = ok(createDeal(draft, ORG, at, RULES, () => ((n = (n * 48271) % 2147483647) / 2147483647)), 'createDeal');
  return stage && stage !== 'created' ? ok(markSalesStage(deal, stage, at, RULES), 'stage') : deal;
}

/** An inbound referral received `hoursAgo` before now (so its 14 days run out 14 days after that). */
function inbound(i: number, hoursAgo: number, overrides: { name?: string; customer?: string; amount?: number; currency?: string } = {}): Deal {
  const at = NOW.minus({ hours: hoursAgo });
  return receiveReferral(
    {
      tenantId: TENANT,
      externalId: `pc-find-${i}`,
      name: overrides.name ?? `Contoso – Azure migration, wave ${i}`,
      location: 'FR',
      sender: { type: 'Microsoft', organizationName: 'Microsoft', name: 'Camille Martin' },
      customer: { name: overrides.customer ?? 'Contoso SA', country: 'FR', city: 'Paris', contacts: [], contactConsent: false },
      value: { amount: overrides.amount ?? 250000, currency: overrides.currency ?? 'EUR' },
      closeDate: '2027-03-31',
      solutions: [{ kind: 'microsoft', name: 'Azure Migrate' }],
      createdAt: at,
    },
    at,
    RULES,
  );
}

/** A referral answered `hours` after it arrived (accepted when `accept`, declined otherwise). */
function answered(i: number, hoursAgo: number, hours: number, accept: boolean): Deal {
  const deal = inbound(i, hoursAgo);
  const at: ActionContext = { ...ctx(), now: NOW.minus({ hours: hoursAgo - hours }) };
  if (!accept) return ok(declineReferral(deal, DeclineInput.parse({ reason: 'noCapacity' }), at, RULES), 'decline');
  const input = acceptInput(at.now.toISODate()!).parse({ name: deal.name, value: deal.value, closeDate: deal.closeDate, team: [ANA_ON_TEAM] });
  return ok(acceptReferral(deal, input, at, RULES), 'accept');
}

// ---------- search ----------

/**
 * What the search shows for `text` among `deals`: parsed, ranked and paged by the search's own functions
 * (the store's part, finding candidates by key, is the store contract's to test).
 */
function searchCard(reader: Reader, text: string, deals: readonly Deal[], options: { inputs?: SearchInputs; offset?: number; capped?: boolean; viewer?: Member } = {}): AdaptiveCardJson {
  const parsed = parseSearch(text, options.inputs);
  const viewer = options.viewer ?? ADAM;
  const outcome: SearchOutcome = parsed.problems.some(blocking)
    ? { kind: 'refused', problems: parsed.problems.filter(blocking) }
    : parsed.words.length === 0 && Object.keys(parsed.filters).length === 0
      ? { kind: 'nothingAsked' }
      : pageOf(rankDeals(deals.filter((d) => passes(d, parsed.filters)), parsed.words), options.offset ?? 0, options.capped ?? false);
  return renderDealSearchCard(dealSearchCardData(parsed, outcome, viewer, translator(reader), NOW, todayOf(reader)));
}

/** The filters as the store applies them (its part, tested by the store contract), for the sample deals. */
const passes = (deal: Deal, filters: SearchFilters): boolean =>
  (!filters.stage || searchStageOf(deal) === filters.stage) && (!filters.direction || deal.direction === filters.direction) && (!filters.closeBy || deal.closeDate <= filters.closeBy);

function searchSampleDeals(): Deal[] {
  const stages: SalesStage[] = ['created', 'qualified', 'developed', 'proposed', 'negotiated'];
  return [
    inbound(1, 30),
    outbound({ name: 'Contoso – Azure migration', customer: { name: 'Contoso SA', country: 'FR', city: 'Paris' } }, 'qualified', 10),
    outbound({ name: 'Contoso – Azure migration', customer: { name: 'Contoso SA', country: 'FR', city: 'Paris' }, crmId: 'CRM-4471' }, 'proposed', 20),
    outbound({ name: 'Société Générale – data estate', customer: { name: 'Société Générale', country: 'FR', city: 'Paris' } }, 'developed', 30),
    ...Array.from({ length: 9 }, (_, i) => outbound({ name: `Contoso Retail – store ${i + 1}`, customer: { name: 'Contoso Retail', country: 'FR' } }, stages[i % stages.length], 40 + i)),
  ];
}

function longestDeals(): Deal[] {
  return Array.from({ length: 8 }, (_, i) =>
    outbound(
      {
        name: i % 2 ? 'W'.repeat(200) : `Contoso ${'Worldwide Holdings – Azure migration and data platform modernisation '.repeat(3)}`.slice(0, 200),
        customer: { name: i % 2 ? 'C'.repeat(200) : 'Contoso '.repeat(25).trim(), country: 'FR' },
        value: { amount: '1000000000000000', currency: 'JPY' },
      },
      'negotiated',
      i,
    ),
  );
}

function searchCards(): GallerySample[] {
  const t = 'deal-search.json';
  const deals = searchSampleDeals();
  const hostile = [outbound({ name: HOSTILE, customer: { name: HOSTILE, country: 'FR' }, crmId: 'CRM-1' }, 'qualified'), outbound({ name: `Contoso ${HOSTILE}` })];
  return [
    { template: t, state: 'prompt', card: (reader) => searchCard(reader, '', deals) },
    { template: t, state: 'matches-typo', card: (reader) => searchCard(reader, 'contso', deals) },
    { template: t, state: 'matches-next-page', card: (reader) => searchCard(reader, 'contoso', deals, { offset: 8 }) },
    { template: t, state: 'matches-filtered', card: (reader) => searchCard(reader, 'contoso stage:qualified outbound before:2027-06-30', deals) },
    { template: t, state: 'no-accents', card: (reader) => searchCard(reader, 'societe generale', deals) },
    { template: t, state: 'none', card: (reader) => searchCard(reader, 'fabrikam', deals) },
    { template: t, state: 'filters-unreadable', card: (reader) => searchCard(reader, 'contoso stage:shipped before:31/03/2027', deals) },
    { template: t, state: 'capped', card: (reader) => searchCard(reader, 'contoso', deals, { capped: true }) },
    { template: t, state: 'page-out-of-date', card: (reader) => searchCard(reader, 'contoso', deals, { offset: 160 }) },
    { template: t, state: 'hostile-query', card: (reader) => searchCard(reader, `${HOSTILE} `.repeat(120), deals) },
    { template: t, state: 'hostile-names', card: (reader) => searchCard(reader, 'contoso urgent', hostile) },
    { template: t, state: 'longest-names', card: (reader) => searchCard(reader, 'contoso', longestDeals()) },
  ];
}

// ---------- pipeline ----------

function pipelineCard(reader: Reader, open: readonly Deal[], answers: readonly Deal[], options: { viewer?: Member; openCapped?: boolean; answersCapped?: boolean } = {}): AdaptiveCardJson {
  const viewer = options.viewer ?? ADAM;
  const today = todayOf(reader);
  const since = isoInstant(NOW.minus({ days: ANSWER_WINDOW_DAYS }));
  const view: PipelineView = {
    figures: pipelineFigures(open.map(figuresOf), answers.map(figuresOf), today, since),
    scope: viewer.role === 'user' ? 'visible' : 'organization',
    openCapped: options.openCapped ?? false,
    answersCapped: options.answersCapped ?? false,
  };
  return renderPipelineCard(pipelineCardData(view, TENANT, translator(reader), NOW, today));
}

function pipelineSample(): { open: Deal[]; answers: Deal[] } {
  const assessment = outbound({ solutions: [{ kind: 'assessment', name: 'Azure migration readiness' }], assessment: { type: 'Azure migration readiness', location: 'FR' } });
  const answers = [answered(20, 100, 3, true), answered(21, 200, 30, false), answered(22, 300, 5, true)];
  return {
    open: [
      outbound({ closeDate: '2026-11-25' }, 'qualified'),
      outbound({ value: { amount: '80000', currency: 'USD' }, closeDate: '2026-12-15' }, 'proposed'),
      outbound({ value: { amount: '45000', currency: 'EUR' }, closeDate: '2027-02-01' }, 'negotiated'),
      outbound({ closeDate: '2026-11-20' }),
      ok(completeAssessmentStage(assessment, 'engaged', ctx(1), RULES), 'assessment stage'),
      inbound(1, 30),
      inbound(2, 300),
      ...answers.filter((d) => d.status === 'open'),
    ],
    answers,
  };
}

function pipelineCards(): GallerySample[] {
  const t = 'pipeline.json';
  const sample = pipelineSample();
  const currencies = ['EUR', 'USD', 'GBP', 'JPY', 'CHF'].flatMap((currency, i) =>
    (['qualified', 'developed', 'negotiated'] as const).map((stage) => outbound({ value: { amount: currency === 'JPY' ? '1000000000000000' : String(10000 * (i + 1)), currency } }, stage)),
  );
  const manyWaiting = Array.from({ length: 15 }, (_, i) => inbound(100 + i, 10 * i));
  const hostileWaiting = [inbound(200, 5, { name: HOSTILE, customer: HOSTILE }), inbound(201, 6, { name: `Contoso ${HOSTILE}` })];
  const longestWaiting = Array.from({ length: 10 }, (_, i) => inbound(300 + i, i, { name: i % 2 ? 'W'.repeat(200) : 'Contoso Worldwide Holdings – Azure migration '.repeat(5).slice(0, 200), customer: 'C'.repeat(200) }));
  return [
    { template: t, state: 'organization', card: (reader) => pipelineCard(reader, sample.open, sample.answers) },
    { template: t, state: 'referral-user', card: (reader) => pipelineCard(reader, sample.open.filter((d) => d.direction === 'outbound'), sample.answers, { viewer: ANA }) },
    { template: t, state: 'nothing-open', card: (reader) => pipelineCard(reader, [], []) },
    { template: t, state: 'five-currencies-and-yen', card: (reader) => pipelineCard(reader, currencies, sample.answers) },
    { template: t, state: 'many-waiting', card: (reader) => pipelineCard(reader, [...sample.open, ...manyWaiting], sample.answers) },
    { template: t, state: 'capped', card: (reader) => pipelineCard(reader, sample.open, sample.answers, { openCapped: true, answersCapped: true }) },
    { template: t, state: 'hostile-names', card: (reader) => pipelineCard(reader, [...sample.open, ...hostileWaiting], sample.answers) },
    { template: t, state: 'longest-names', card: (reader) => pipelineCard(reader, [...currencies, ...longestWaiting], sample.answers, { openCapped: true }) },
  ];
}

export const FIND_SECTIONS: readonly (() => GallerySample[])[] = [searchCards, pipelineCards];
