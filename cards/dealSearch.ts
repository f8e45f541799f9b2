import type { DateTime } from 'luxon';
import { SalesStage, type Deal, type Member } from '../services/domain/model';
import { SearchStage, shortDealId } from '../services/domain/search';
import type { ParsedSearch, SearchOutcome, SearchProblem } from '../services/deals/search';
import { SEARCH_TEXT_MAX, SEARCH_WORDS_MAX } from '../services/deals/search';
import { formatDate, type Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { dealRow } from './dealList';
import { NAME_SHOWN, valueLine } from './dealText';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/deal-search.json';
import { oneLine } from './untrusted';

/** The choice that means "no filter" on the card's drop-downs (an empty value is not a choice). */
export const ANY = 'any';

export interface SearchRow {
  dealId: string;
  tenantId: string;
  name: string;
  /** "ID 7F2QX9 · Contoso SA · €250,000": the short id tells deals of the same name apart. */
  summary: string;
  progress: string;
}

/**
 * The search card: the search box and its filters (prefilled with what was searched, so the next
 * search starts from it), what was understood, and a page of matches, best first, each with Open.
 * Paging buttons carry the search itself (not the inputs, which may have been edited since).
 */
export interface DealSearchCardData {
  title: string;
  notice: string;
  noticeColor: 'Default' | 'Good' | 'Attention' | 'Warning';
  intro: string;
  /** The words searched, as typed (without the filters). */
  text: string;
  stage: string;
  direction: string;
  /** yyyy-MM-dd or ''. */
  before: string;
  stageChoices: { title: string; value: string }[];
  directionChoices: { title: string; value: string }[];
  filters: string;
  summary: string;
  /** This page's first result ('' on the first page) and the next page's ('' on the last). */
  offset: string;
  nextOffset: string;
  rows: SearchRow[];
  labels: { query: string; placeholder: string; stage: string; direction: string; closeBy: string; submit: string; open: string; more: string; first: string; tooLarge: string };
}

export function renderDealSearchCard(data: DealSearchCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    // The rows are the only large part (names up to 200 characters): fewer of them, then the compact card.
    shrink: [(d) => ({ ...d, rows: d.rows.slice(0, 4) })],
    compact: (d) => renderCompactCard({ title: d.title, message: d.labels.tooLarge }),
  });
}

function stageName(stage: SearchStage, tr: Translator): string {
  return (SalesStage.options as readonly string[]).includes(stage) ? tr.tk(`stage.${stage}`) : tr.tk(`status.${stage}`);
}

/** A stage as the reader would type it after `stage:` (the search reads every language's names). */
function stageWord(stage: SearchStage, tr: Translator): string {
  const key = (['received', 'lost', 'declined', 'expired'] as const).includes(stage as 'received') ? `status.${stage}` : `stage.${stage}`;
  return tr.tk(key).toLocaleLowerCase(tr.reader.locale);
}

export function problemText(problem: SearchProblem, tr: Translator): string {
  switch (problem.kind) {
    case 'unknownStage':
      return tr.t('search.unknownStage', { value: oneLine(problem.value, 40), stages: SearchStage.options.map((s) => stageWord(s, tr)).join(tr.t('search.listSeparator')) });
    case 'badDirection':
      return tr.t('search.badDirection', { value: oneLine(problem.value, 40) });
    case 'badDate':
      return tr.t('search.badDate', { value: oneLine(problem.value, 40) });
    case 'shortened':
      return tr.t('search.shortened', { words: SEARCH_WORDS_MAX, chars: SEARCH_TEXT_MAX });
  }
}

export function searchRow(deal: Deal, viewer: Member, tr: Translator, now: DateTime, today: string): SearchRow {
  const row = dealRow(deal, viewer, tr, now, today);
  return {
    dealId: row.dealId,
    tenantId: row.tenantId,
    name: row.name,
    summary: tr.t('search.row', { id: shortDealId(deal.id), customer: oneLine(deal.customer.name, NAME_SHOWN), value: valueLine(deal, tr) }),
    progress: row.progress,
  };
}

/** The card for a search as parsed and, unless it asked nothing or was refused, its outcome. */
export function dealSearchCardData(search: ParsedSearch, outcome: SearchOutcome, viewer: Member, tr: Translator, now: DateTime, today: string): DealSearchCardData {
  const { stage, direction, closeBy } = search.filters;
  const notices: { text: string; color: DealSearchCardData['noticeColor'] }[] = [];
  if (outcome.kind === 'refused') notices.push(...outcome.problems.map((p) => ({ text: problemText(p, tr), color: 'Attention' as const })));
  else if (search.problems.length > 0) notices.push(...search.problems.map((p) => ({ text: problemText(p, tr), color: 'Warning' as const })));
  if (outcome.kind === 'results' && outcome.restarted) notices.push({ text: tr.t('search.restarted'), color: 'Warning' });
  if (outcome.kind === 'results' && outcome.capped) notices.push({ text: tr.t('search.capped', { count: outcome.total }), color: 'Default' });

  const filters = [
    stage ? tr.t('search.filter.stage', { stage: stageName(stage, tr) }) : '',
    direction ? tr.tk(`direction.${direction}`) : '',
    closeBy ? tr.t('search.filter.closeBy', { date: formatDate(closeBy, tr.reader) }) : '',
  ].filter(Boolean);
  const results = outcome.kind === 'results' ? outcome : undefined;
  const words = oneLine(search.text, SEARCH_TEXT_MAX);

  return {
    title: words ? tr.t('search.titleWords', { words: oneLine(search.text, 80) }) : tr.t('search.title'),
    notice: notices.map((n) => n.text).join('\n\n'),
    noticeColor: notices.some((n) => n.color === 'Attention') ? 'Attention' : notices.some((n) => n.color === 'Warning') ? 'Warning' : 'Default',
    intro: outcome.kind === 'nothingAsked' ? tr.t('search.prompt') : '',
    text: words,
    stage: stage ?? ANY,
    direction: direction ?? ANY,
    before: closeBy ?? '',
    stageChoices: [{ title: tr.t('search.anyStage'), value: ANY }, ...SearchStage.options.map((s) => ({ title: stageName(s, tr), value: s }))],
    directionChoices: [
      { title: tr.t('search.anyDirection'), value: ANY },
      { title: tr.t('direction.inbound'), value: 'inbound' },
      { title: tr.t('direction.outbound'), value: 'outbound' },
    ],
    filters: filters.length > 0 ? tr.t('search.filters', { filters: filters.join(' · ') }) : '',
    summary: results
      ? results.total === 0
        ? tr.t('search.none')
        : tr.t('search.count', { total: results.total, from: results.offset + 1, to: results.offset + results.deals.length })
      : '',
    offset: results && results.offset > 0 ? String(results.offset) : '',
    nextOffset: results?.nextOffset !== undefined ? String(results.nextOffset) : '',
    rows: results ? results.deals.map((d) => searchRow(d, viewer, tr, now, today)) : [],
    labels: {
      query: tr.t('search.query'),
      placeholder: tr.t('search.placeholder'),
      stage: tr.t('search.stage'),
      direction: tr.t('search.direction'),
      closeBy: tr.t('search.closeBy'),
      submit: tr.t('search.submit'),
      open: tr.t('deal.list.open'),
      more: tr.t('deal.list.more'),
      first: tr.t('deal.list.first'),
      tooLarge: tr.t('card.tooLarge'),
    },
  };
}
