import { withinEditDistance } from '../domain/editDistance';
import { isCalendarDate, type Deal, type DealDirection, type Member } from '../domain/model';
import {
  compareMatches,
  fold,
  matchDeal,
  SearchStage,
  searchWords,
  WORD_CHARS_MAX,
  wordKeys,
  type SearchMatch,
} from '../domain/search';
import { CATALOGS, type MessageKey } from '../i18n';
import { canView } from '../domain/visibility';
import type { DealQuery, Store } from '../store/ports';
import { visibleTo } from './access';
import { LIST_PAGE_SIZE } from './queries';

/*
 * `search <words>` and the search box: the deals a member may see whose name, customer, short id, CRM
 * id or partner match what they typed — with a typo, without accents — best first, a page at a time,
 * narrowed by stage, direction and close date. The store finds candidates by their search keys (an
 * index lookup per key, never a scan of the tenant); this ranks them.
 *
 * Bounds, applied before any matching: the text is cut to 200 characters, at most 6 words are used, a
 * word to 32 characters, and at most 200 candidates are ranked (the newest of the matches, the best of
 * them first); the card says when the search was cut or the candidates capped.
 */

/** The longest text searched; the rest is dropped before anything else is done with it. */
export const SEARCH_TEXT_MAX = 200;
/** The most words searched. */
export const SEARCH_WORDS_MAX = 6;
/** The most candidates ranked (and so the most results): the store's largest page. */
export const SEARCH_CANDIDATES_MAX = 200;
export const SEARCH_PAGE_SIZE = LIST_PAGE_SIZE;

export interface SearchFilters {
  readonly stage?: SearchStage;
  readonly direction?: DealDirection;
  /** Closing on or before this day (yyyy-MM-dd). */
  readonly closeBy?: string;
}

/** Something in the search the member should know about. */
export type SearchProblem =
  | { readonly kind: 'unknownStage'; readonly value: string }
  | { readonly kind: 'badDate'; readonly value: string }
  | { readonly kind: 'badDirection'; readonly value: string }
  | { readonly kind: 'shortened' };

export interface ParsedSearch {
  /** What was typed, less the filters, as shown back in the search box (at most 200 characters). */
  readonly text: string;
  /** The folded words searched (at most 6, each at most 32 characters). */
  readonly words: string[];
  readonly filters: SearchFilters;
  /** A filter that cannot be read stops the search (its results would not be what was asked for). */
  readonly problems: SearchProblem[];
}

/** What the card's inputs (or a paging button) send beside the text. */
export interface SearchInputs {
  readonly stage?: string;
  readonly direction?: string;
  readonly before?: string;
}

/*
 * Filters are typed in any language the bot speaks, whatever the reader's: a filter's name and its
 * values are the catalogs' words (`search.filterName.*`; the stage and status names; the `inbound` and
 * `outbound` command words), compared folded — "étape:qualifiée", "阶段：已确认资格", "stage:qualified".
 */

/** Each meaning's own (English) name and every catalog's words for its `keys`, folded. */
function catalogWords<T extends string>(entries: readonly (readonly [T, readonly string[]])[]): Map<string, T> {
  const words = new Map<string, T>();
  for (const [meaning, keys] of entries) {
    words.set(fold(meaning), meaning);
    for (const catalog of Object.values(CATALOGS)) {
      for (const key of keys) {
        const text = (catalog as Readonly<Record<string, string | undefined>>)[key];
        for (const word of (text ?? '').split(/[,，、]/)) if (word.trim()) words.set(fold(word.trim()), meaning);
      }
    }
  }
  return words;
}

type FilterName = 'stage' | 'direction' | 'before';
const FILTER_NAMES = catalogWords<FilterName>((['stage', 'direction', 'before'] as const).map((f) => [f, [`search.filterName.${f}` as MessageKey]]));
const STAGE_WORDS = catalogWords<SearchStage>(SearchStage.options.map((s) => [s, [`stage.${s}`, `status.${s}`]]));
const DIRECTION_WORDS = catalogWords<DealDirection>((['inbound', 'outbound'] as const).map((d) => [d, [`command.${d}`, `command.${d}.also`]]));

/** A word of `words`, exactly or (for words of 5 letters or more) with one typo. */
function named<T>(words: Map<string, T>, value: string): T | undefined {
  const v = fold(value);
  const exact = words.get(v);
  if (exact !== undefined) return exact;
  if (v.length < 5) return undefined;
  for (const [word, meaning] of words) if (withinEditDistance(v, word, 1)) return meaning;
  return undefined;
}

const stageNamed = (value: string): SearchStage | undefined => named(STAGE_WORDS, value);
const directionNamed = (value: string): DealDirection | undefined => named(DIRECTION_WORDS, value);

/** A close date filter: yyyy-MM-dd, a real day from 2000 to 2100 (the dates a deal can close on). */
function dateNamed(value: string): string | undefined {
  const v = value.trim();
  return isCalendarDate(v) && v >= '2000-01-01' && v <= '2100-12-31' ? v : undefined;
}

/**
 * Read a search: words, and the filters typed inline (`stage:qualified`, `inbound` or `outbound`,
 * `direction:inbound`, `before:2027-03-31`, or the same in French or Chinese) or chosen on the card
 * (inline wins). Dates are ISO only:
 * "03/04/2027" is March or April depending on who reads it; the card's date picker writes ISO.
 */
export function parseSearch(raw: string, inputs: SearchInputs = {}): ParsedSearch {
  const problems: SearchProblem[] = [];
  // Cut by UTF-16 units first, so a pasted megabyte costs no more than 400 units of work.
  const cut = Array.from(raw.slice(0, 2 * SEARCH_TEXT_MAX)).slice(0, SEARCH_TEXT_MAX).join('');
  let shortened = cut.length < raw.length;
  let stage: SearchStage | undefined;
  let direction: DealDirection | undefined;
  let closeBy: string | undefined;
  const kept: string[] = [];

  const setStage = (value: string) => {
    if (value === '') return;
    stage = stageNamed(value);
    if (!stage) problems.push({ kind: 'unknownStage', value: value.slice(0, 40) });
  };
  const setDirection = (value: string) => {
    if (value === '') return;
    direction = directionNamed(value);
    if (!direction) problems.push({ kind: 'badDirection', value: value.slice(0, 40) });
  };
  const setDate = (value: string) => {
    if (value === '') return;
    closeBy = dateNamed(value);
    if (!closeBy) problems.push({ kind: 'badDate', value: value.slice(0, 40) });
  };
  setStage((inputs.stage ?? '').slice(0, 40));
  setDirection((inputs.direction ?? '').slice(0, 40));
  setDate((inputs.before ?? '').slice(0, 40));

  for (const token of cut.split(/\s+/u).filter(Boolean)) {
    const filter = /^([^:：=]+)[:：=](.*)$/u.exec(token);
    const which = filter ? FILTER_NAMES.get(fold(filter[1]!)) : undefined;
    if (filter && which) {
      const value = filter[2]!;
      // A later value replaces one chosen on the card; a problem with the card's value no longer counts.
      const drop = (kind: SearchProblem['kind']) => problems.splice(0, problems.length, ...problems.filter((p) => p.kind !== kind));
      if (which === 'stage') (drop('unknownStage'), setStage(value));
      else if (which === 'direction') (drop('badDirection'), setDirection(value));
      else (drop('badDate'), setDate(value));
      continue;
    }
    const bare = DIRECTION_WORDS.get(fold(token));
    if (bare) {
      direction = bare;
      continue;
    }
    kept.push(token);
  }

  const text = kept.join(' ');
  let words = searchWords(text);
  if (words.length > SEARCH_WORDS_MAX) {
    words = words.slice(0, SEARCH_WORDS_MAX);
    shortened = true;
  }
  words = words.map((w) => {
    const chars = Array.from(w);
    if (chars.length <= WORD_CHARS_MAX) return w;
    shortened = true;
    return chars.slice(0, WORD_CHARS_MAX).join('');
  });
  if (shortened) problems.push({ kind: 'shortened' });
  return { text, words, filters: { ...(stage ? { stage } : {}), ...(direction ? { direction } : {}), ...(closeBy ? { closeBy } : {}) }, problems };
}

/** A search that cannot run as asked (a filter it could not read). */
export const blocking = (p: SearchProblem): boolean => p.kind !== 'shortened';

export type SearchOutcome =
  | { readonly kind: 'nothingAsked' }
  | { readonly kind: 'refused'; readonly problems: SearchProblem[] }
  | {
      readonly kind: 'results';
      /** This page's deals, best first. */
      readonly deals: Deal[];
      /** How many matched, at most SEARCH_CANDIDATES_MAX. */
      readonly total: number;
      readonly offset: number;
      readonly nextOffset?: number;
      /** More deals may match than were ranked (the candidates were capped). */
      readonly capped: boolean;
      /** The page asked for is no longer there (fewer results now): this is the first page. */
      readonly restarted: boolean;
    };

export interface Ranked {
  readonly deal: Deal;
  readonly match: SearchMatch;
}

/** Candidates checked against the words (keys find a superset) and put best first; at most the cap. */
export function rankDeals(candidates: Iterable<Deal>, words: readonly string[]): Ranked[] {
  return [...candidates]
    .map((deal) => ({ deal, match: matchDeal(deal, words) }))
    .filter((r) => words.length === 0 || r.match.exactId || r.match.matched > 0)
    .sort(compareMatches)
    .slice(0, SEARCH_CANDIDATES_MAX);
}

/** The page of ranked results starting at `offset`; a page no longer there gives the first one. */
export function pageOf(ranked: readonly Ranked[], offset: number, capped: boolean): Extract<SearchOutcome, { kind: 'results' }> {
  const asked = Number.isInteger(offset) && offset > 0 ? offset : 0;
  const from = asked < ranked.length ? asked : 0;
  const next = from + SEARCH_PAGE_SIZE;
  return {
    kind: 'results',
    deals: ranked.slice(from, next).map((r) => r.deal),
    total: ranked.length,
    offset: from,
    ...(next < ranked.length ? { nextOffset: next } : {}),
    capped,
    restarted: asked > 0 && from === 0,
  };
}

export class DealSearch {
  constructor(private readonly store: Store) {}

  /**
   * One page of the search, from `offset` (clamped to the results; 0 for the first page). Only deals the
   * member may see: the store is asked with the member's view, and each deal is checked again.
   */
  async run(member: Member, search: ParsedSearch, offset = 0): Promise<SearchOutcome> {
    const problems = search.problems.filter(blocking);
    if (problems.length > 0) return { kind: 'refused', problems };
    const hasFilter = Object.keys(search.filters).length > 0;
    if (search.words.length === 0 && !hasFilter) return { kind: 'nothingAsked' };
    const query: DealQuery = { ...visibleTo(member), ...search.filters };
    const { ranked, capped } = search.words.length === 0 ? await this.filtered(member, query) : await this.matched(member, query, search.words);
    return pageOf(ranked, offset, capped);
  }

  /** Filters alone: the newest deals that pass them. */
  private async filtered(member: Member, query: DealQuery): Promise<{ ranked: Ranked[]; capped: boolean }> {
    const page = await this.store.deals.list(member.tenantId, query, { limit: SEARCH_CANDIDATES_MAX });
    const ranked = rankDeals(page.items.map((s) => s.value).filter((d) => canView(member, d)), []);
    return { ranked, capped: page.continuationToken !== undefined };
  }

  /**
   * Words: candidates holding a key of every word (or one of the deal's ids), then — when those did not
   * fill the cap — of any word (fewer words matched rank lower). When every word matches more deals
   * than the cap, the exact matches are fetched too, so a newer typo-neighbour cannot push them out.
   */
  private async matched(member: Member, query: DealQuery, words: readonly string[]): Promise<{ ranked: Ranked[]; capped: boolean }> {
    const typedId = words.join('');
    const idKey = typedId.length >= 4 && typedId.length <= 64 ? [`i${typedId}`] : [];
    const groups = words.map((w) => [...wordKeys(w), ...idKey]);
    const found = new Map<string, Deal>();
    const add = (deals: { value: Deal }[]) => deals.forEach((d) => found.set(d.value.id, d.value));
    const ask = async (keys: string[][], mode: 'all' | 'any') => {
      const deals = await this.store.deals.searchByKeys(member.tenantId, { groups: keys, mode }, query, SEARCH_CANDIDATES_MAX);
      add(deals);
      return deals.length >= SEARCH_CANDIDATES_MAX;
    };
    let capped = await ask(groups, 'all');
    if (capped) await ask(words.map((w) => [`w${w}`, ...idKey]), 'all');
    else if (words.length > 1) capped = await ask(groups, 'any');

    // Keys find a superset (two words sharing a one-letter-less variant can be two typos apart): check.
    return { ranked: rankDeals([...found.values()].filter((deal) => canView(member, deal)), words), capped };
  }
}
