import { z } from 'zod';
import { withinEditDistance } from './editDistance';
import { SalesStage, type Deal } from './model';

/*
 * Finding a deal by what a seller remembers of it: its name, its customer, its short id, its CRM id or
 * a partner on it — with a typo, without the accents, in any case. Pure functions, shared by both stores
 * (which keep each deal's search keys beside it, indexed) and by the search use case (which ranks the
 * candidates the keys found).
 *
 * Text is folded before anything is compared: lower case, compatibility forms (full-width letters,
 * ligatures) decomposed, every combining mark removed ("Société Générale" → "societe generale"), and
 * the few Latin letters that carry their mark inside them spelt as people type them without it (ß, æ,
 * œ, ø, ł, đ, ð, þ, ı). A word is a run of letters and digits.
 *
 * Keys, one string each, the first character saying what it stands for:
 *   i<id>      the deal's short id, its full id, its CRM id (letters and digits only);
 *   w<word>    a word of the deal's name, customer, CRM id or partners;
 *   p<prefix>  the first 2…10 characters of a longer word, so "north" finds "Northwind";
 *   d<variant> a word of 4…21 characters with one character left out, so a word typed with one typo
 *              (a letter missing, added, changed, or two swapped) shares a key with the word it meant.
 * A query word is looked up by the few keys it could share with a matching deal word, each an exact
 * index lookup: no store ever scans a tenant's deals to search, and the candidates found are checked
 * and ranked here.
 */

/**
 * What the `stage:` filter compares: an open deal's sales stage (Created when it has none), otherwise its
 * status — so "stage:qualified" finds open deals at Qualified, "stage:won" won ones, "stage:received"
 * referrals waiting for an answer.
 */
export const SearchStage = z.enum([...SalesStage.options, 'lost', 'received', 'declined', 'expired']);
export type SearchStage = z.infer<typeof SearchStage>;

export function searchStageOf(deal: Pick<Deal, 'status' | 'salesStage'>): SearchStage {
  return deal.status === 'open' ? (deal.salesStage ?? 'created') : deal.status;
}

/** The short id people read and type: the last 6 characters of the deal id, upper-cased ("D0K3…7F2QX9" → "7F2QX9"). */
export function shortDealId(dealId: string): string {
  return dealId.slice(-6).toUpperCase();
}

const UNFOLDED: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Text as search compares it: lower case, no accents or other marks. */
export function fold(text: string): string {
  // Lower-casing first: "İ" lower-cases to "i" plus a combining dot, which the next step removes.
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøłđðþı]/g, (c) => UNFOLDED[c] ?? c);
}

/** The folded words of a text, in order. */
export function searchWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Letters and digits only, folded: how an id is compared ("CRM-4471" and "crm 4471" are the same id). */
export const compactId = (text: string): string => searchWords(text).join('');

/**
 * The id key (see dealIds) of a short id as typed after `deal` ("7Q2K9M", "#7q2k9m"); undefined when
 * the text is not one — so `deal <short id>` and `search` find a deal by its short id the same way.
 */
export function shortIdKey(text: string): string | undefined {
  const typed = text.trim().replace(/^#/, '');
  return /^[A-Za-z0-9]{6}$/.test(typed) ? `i${compactId(typed)}` : undefined;
}

/** Prefix keys cover the first 2 to 10 characters of a word; a longer typed prefix is found by its first 10 and checked here. */
export const PREFIX_MIN = 2;
export const PREFIX_MAX = 10;
/** One typo is forgiven in words of 4 to 20 characters (shorter words have too many neighbours to guess). */
export const TYPO_MIN = 4;
export const TYPO_MAX = 20;
/** Bounds on what one deal indexes: a 200-character name of one-letter words must not cost thousands of keys. */
const DEAL_WORDS_MAX = 48;
export const WORD_CHARS_MAX = 32;

/** What a deal is found by, in the order a seller would think of it. */
function dealTexts(deal: Deal): string[] {
  return [
    deal.name,
    deal.customer.name,
    deal.crmId ?? '',
    ...deal.invitations.map((i) => i.partner.name),
    // A partner that sent the referral is the partner on it, as much as one we invited.
    ...(deal.inbound?.sender.type === 'Partner' ? [deal.inbound.sender.organizationName] : []),
  ];
}

/** The distinct words a deal is found by (at most 48, each cut to 32 characters). */
export function dealSearchWords(deal: Deal): string[] {
  const words = new Set<string>();
  for (const text of dealTexts(deal)) {
    for (const word of searchWords(text)) {
      if (words.size >= DEAL_WORDS_MAX) return [...words];
      words.add(Array.from(word).slice(0, WORD_CHARS_MAX).join(''));
    }
  }
  return [...words];
}

/** The ids a deal is found by exactly: short id, full id, CRM id — compacted. */
export function dealIds(deal: Deal): string[] {
  const ids = [compactId(shortDealId(deal.id)), compactId(deal.id)];
  const crm = deal.crmId ? compactId(deal.crmId) : '';
  if (crm) ids.push(crm.slice(0, 64));
  return ids;
}

/** Every variant of `word` with one character left out (by code point, so no surrogate half is left). */
function deletions(word: string): string[] {
  const chars = Array.from(word);
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) out.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...out];
}

const length = (word: string): number => Array.from(word).length;
const prefix = (word: string, n: number): string => Array.from(word).slice(0, n).join('');

/**
 * The keys a store indexes for a deal (see the top of this file). Deterministic: the same deal always
 * has the same keys, so a store can tell when they need rewriting by comparing `dealSearchSource`.
 */
export function dealSearchKeys(deal: Deal): string[] {
  const keys = new Set<string>();
  for (const id of dealIds(deal)) keys.add(`i${id}`);
  const words = dealSearchWords(deal);
  for (const word of words) keys.add(`w${word}`);
  for (const word of words) {
    const n = length(word);
    for (let k = PREFIX_MIN; k <= Math.min(n - 1, PREFIX_MAX); k++) keys.add(`p${prefix(word, k)}`);
  }
  for (const word of words) {
    const n = length(word);
    // Deal words one longer than the longest typo-checked query word can still be one typo from it.
    if (n >= TYPO_MIN && n <= TYPO_MAX + 1) for (const variant of deletions(word)) keys.add(`d${variant}`);
  }
  return [...keys];
}

/**
 * What the keys of a deal are made from: when it is unchanged by a write, the keys are too. Versioned,
 * so a change to how keys are made shows as a change of every deal's source.
 */
export function dealSearchSource(deal: Deal): string {
  return ['v1', deal.id, ...dealTexts(deal)].join('\u0001');
}

/** The keys under which a deal matching `word` (typed, folded) can be found: exact, prefix, one typo. */
export function wordKeys(word: string): string[] {
  const keys = new Set<string>([`w${word}`]);
  const n = length(word);
  if (n >= PREFIX_MIN) keys.add(`p${prefix(word, PREFIX_MAX)}`);
  if (n >= TYPO_MIN && n <= TYPO_MAX) {
    // A letter missing from what was typed: the deal word, less one letter, is the typed word.
    keys.add(`d${word}`);
    for (const variant of deletions(word)) {
      keys.add(`w${variant}`); // a letter too many
      keys.add(`d${variant}`); // a letter changed, or two swapped
    }
  }
  return [...keys];
}

/** How well one typed word matches a deal: 3 the same word, 2 the start of one, 1 one typo away, 0 not at all. */
export function wordMatch(word: string, dealWords: readonly string[]): 0 | 1 | 2 | 3 {
  if (dealWords.includes(word)) return 3;
  if (length(word) >= PREFIX_MIN && dealWords.some((w) => w.startsWith(word))) return 2;
  if (length(word) >= TYPO_MIN && length(word) <= TYPO_MAX && dealWords.some((w) => withinEditDistance(word, w, 1))) return 1;
  return 0;
}

/** How a deal ranks for a query; compare with `compareMatches`. */
export interface SearchMatch {
  /** The typed words are one of the deal's ids (short id, id, CRM id). */
  readonly exactId: boolean;
  /** How many typed words match at all. */
  readonly matched: number;
  /** The sum of the words' match levels (3 same word, 2 start, 1 typo). */
  readonly quality: number;
}

export function matchDeal(deal: Deal, words: readonly string[]): SearchMatch {
  const dealWords = dealSearchWords(deal);
  const typedId = words.join('');
  const exactId = typedId.length > 0 && dealIds(deal).includes(typedId);
  let matched = 0;
  let quality = 0;
  for (const word of words) {
    const level = wordMatch(word, dealWords);
    if (level > 0) matched++;
    quality += level;
  }
  return { exactId, matched, quality };
}

/**
 * Best first: an exact id, then more of the typed words matched, then better matches (same word over
 * start of a word over a typo), then the newest.
 */
export function compareMatches(a: { match: SearchMatch; deal: Pick<Deal, 'createdAt' | 'id'> }, b: { match: SearchMatch; deal: Pick<Deal, 'createdAt' | 'id'> }): number {
  return (
    Number(b.match.exactId) - Number(a.match.exactId) ||
    b.match.matched - a.match.matched ||
    b.match.quality - a.match.quality ||
    (a.deal.createdAt < b.deal.createdAt ? 1 : a.deal.createdAt > b.deal.createdAt ? -1 : 0) ||
    (a.deal.id < b.deal.id ? 1 : a.deal.id > b.deal.id ? -1 : 0)
  );
}
