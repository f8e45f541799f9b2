import { distanceWithin, withinEditDistance } from '../../services/domain/editDistance';
import { CATALOGS, type MessageKey } from '../../services/i18n';

export { withinEditDistance };

/**
 * Typed commands, in any language the bot has a catalog for: the words are the catalogs' `command.*`
 * keys, and every language's words work whatever the reader's locale (a French seller with an English
 * Teams may still type `aide`). Case, accents, extra spaces, a leading "/", an @mention and small typos
 * do not matter ("Inbund", "favourites", "new-deal", "nouvelle opportunite"). Unknown text is reported
 * as such so the bot answers with help.
 *
 * Adding a command: a variant below; a row in SYNTAX (the compiler asks for it, and for the catalog
 * key); `command.<name>` and `command.<name>.also` in every catalog (services/i18n/{en,fr,zh-Hans});
 * a handler registered for the name in its feature (bot/features/…); and, to list it in the help card,
 * a row in cards/help.ts COMMANDS with its `help.command.<name>` description.
 */
export type ListFilter = 'open' | 'closed' | 'all';

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'newDeal' }
  | { readonly name: 'inbound' | 'outbound' | 'favorites'; readonly filter: ListFilter }
  | { readonly name: 'deal'; readonly query: string }
  | { readonly name: 'members' }
  | { readonly name: 'search'; readonly query: string }
  | { readonly name: 'pipeline' }
  | { readonly name: 'solutions' }
  | { readonly name: 'partnerCenter' | 'connectPartnerCenter' | 'disconnectPartnerCenter' }
  | { readonly name: 'unknown'; readonly text: string };

export type CommandName = Exclude<Command['name'], 'unknown'>;

/**
 * What follows a command's words: nothing ('bare'), a list filter (`open` when absent), or free text kept
 * as typed — required ('query') or possibly empty ('text': `search` alone shows the empty search card).
 */
type SyntaxOf<C> = C extends { readonly query: string } ? 'query' | 'text' : C extends { readonly filter: ListFilter } ? 'filter' : 'bare';
/** The variant a name belongs to (a variant may hold several names, as the lists do). */
type VariantOf<N> = Command extends infer C ? (C extends { readonly name: infer M } ? (N extends M ? C : never) : never) : never;

/**
 * Each command's syntax, which its variant decides; a command without `command.<name>` in the catalog
 * does not compile.
 */
const SYNTAX: { readonly [N in CommandName]: `command.${N}` extends MessageKey ? SyntaxOf<VariantOf<N>> : never } = {
  help: 'bare',
  newDeal: 'bare',
  inbound: 'filter',
  outbound: 'filter',
  favorites: 'filter',
  deal: 'query',
  members: 'bare',
  search: 'text',
  pipeline: 'bare',
  solutions: 'bare',
  partnerCenter: 'bare',
  connectPartnerCenter: 'bare',
  disconnectPartnerCenter: 'bare',
};

const FILTERS: readonly ListFilter[] = ['open', 'closed', 'all'];

const HAN_OR_KANA = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/**
 * How many typos a keyword forgives. Latin words: none under 5 letters ("hi" vs "his" is a guess), one
 * up to 7, two from 8. Chinese words are whole words picked in an input method, two or three characters
 * long, where one character changes the meaning (传入/传出 are inbound/outbound, 已关闭/未关闭 closed/not
 * closed): exact below 4 characters, one from 4 (a wrong homophone in 新建交易).
 */
function typosAllowed(keyword: string): number {
  if (HAN_OR_KANA.test(keyword)) return keyword.length >= 4 ? 1 : 0;
  return keyword.length >= 8 ? 2 : keyword.length >= 5 ? 1 : 0;
}

/**
 * One word as the vocabulary compares it: lower case, accents and compatibility forms folded
 * ("Opportunité" → "opportunite", full-width "ｈｅｌｐ" → "help"), without the joiners people put
 * between words ("new-deal", "new_deal", "l’opportunité").
 */
export function foldWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[-_'’.·]/g, '');
}

/** The catalog words of `key` in every language: the word itself and its `.also` list. */
function catalogWords(key: string): string[] {
  const words: string[] = [];
  for (const catalog of Object.values(CATALOGS)) {
    const text = catalog as Readonly<Record<string, string | undefined>>;
    for (const source of [text[key], text[`${key}.also`]]) {
      for (const word of (source ?? '').split(/[,，、]/)) if (word.trim()) words.push(word.trim());
    }
  }
  return words;
}

export interface VocabularyMatch<T> {
  readonly meaning: T;
  /** How many of the words given were the phrase. */
  readonly used: number;
  /** What followed a Chinese word written without a space ("收藏已关闭" → "已关闭"), else "". */
  readonly tail: string;
}

/**
 * Words of every catalog that mean one thing each, matched against the start of what was typed. A
 * phrase may be several words ("nouvelle opportunité", "create deal"): it is compared with the typed
 * words joined, longest first, exactly and then within its typos. A typo equally close to two meanings
 * means neither. Two meanings sharing a word is a mistake in the catalogs, refused when the bot starts.
 */
export class Vocabulary<T extends string> {
  private readonly exact = new Map<string, T>();
  private readonly words: { readonly folded: string; readonly typos: number; readonly meaning: T }[] = [];
  /** Chinese (and Japanese) words, longest first: they may be written with no space after them. */
  private readonly unspaced: { readonly word: string; readonly meaning: T }[] = [];
  /** The most typed words a phrase can span, and the longest folded phrase: nothing longer is compared. */
  readonly maxWords: number;
  private readonly longest: number;

  constructor(meanings: readonly T[], keyOf: (meaning: T) => string) {
    let maxWords = 1;
    for (const meaning of meanings) {
      for (const word of catalogWords(keyOf(meaning))) {
        const folded = foldWord(word.replace(/\s+/g, ''));
        const known = this.exact.get(folded);
        if (known !== undefined && known !== meaning) throw new Error(`The catalogs give "${word}" to both "${known}" and "${meaning}" (${keyOf(meaning)}).`);
        if (known !== undefined) continue;
        this.exact.set(folded, meaning);
        this.words.push({ folded, typos: typosAllowed(folded), meaning });
        if (HAN_OR_KANA.test(word)) this.unspaced.push({ word: word.replace(/\s+/g, ''), meaning });
        maxWords = Math.max(maxWords, word.split(/\s+/).length);
      }
    }
    this.unspaced.sort((a, b) => b.word.length - a.word.length);
    this.maxWords = maxWords;
    this.longest = Math.max(0, ...this.words.map((w) => w.folded.length + w.typos));
  }

  /**
   * What the first of these typed words may mean, most likely first: the longest phrase, exact or
   * within its typos, then shorter ones, then a Chinese word written with no space after it. The caller
   * takes the first reading that makes sense of the rest ("favoris en cours": "favorisen" is two typos
   * from "favorites", but then "cours" is no filter; "favoris" and "en cours" is the reading).
   */
  *readings(words: readonly string[]): Generator<VocabularyMatch<T>> {
    for (let used = Math.min(this.maxWords, words.length); used >= 1; used--) {
      const phrase = words.slice(0, used).join('');
      // Folding costs what it reads: a pasted page is no phrase of ours, so it is not even folded
      // (twice the longest phrase leaves room for the accents and joiners that fold away).
      if (phrase.length > this.longest * 2) continue;
      const folded = foldWord(phrase);
      const meaning = this.exact.get(folded) ?? this.closest(folded);
      if (meaning !== undefined) yield { meaning, used, tail: '' };
    }
    const first = words[0] ?? '';
    const unspaced = this.unspaced.find((w) => first.startsWith(w.word) && first.length > w.word.length);
    if (unspaced) yield { meaning: unspaced.meaning, used: 1, tail: first.slice(unspaced.word.length) };
  }

  /** The meaning of all these words together, if they are one phrase of the vocabulary. */
  whole(words: readonly string[]): T | undefined {
    for (const reading of this.readings(words)) if (reading.used === words.length && reading.tail === '') return reading.meaning;
    return undefined;
  }

  /** The one meaning whose word is fewest typos away (within what that word forgives); none on a tie. */
  private closest(folded: string): T | undefined {
    let best: T | undefined;
    let bestDistance = Infinity;
    let tie = false;
    for (const w of this.words) {
      const distance = distanceWithin(folded, w.folded, w.typos);
      if (distance === undefined) continue;
      if (distance < bestDistance) [best, bestDistance, tie] = [w.meaning, distance, false];
      else if (distance === bestDistance && w.meaning !== best) tie = true;
    }
    return tie ? undefined : best;
  }
}

const COMMANDS = new Vocabulary(Object.keys(SYNTAX) as CommandName[], (name) => `command.${name}`);
const FILTER_WORDS = new Vocabulary(FILTERS, (filter) => `command.filter.${filter}`);

export function normalize(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .replace(/^\/+/, '')
    .trim();
}

/** The first `count` words of `text` and what follows them, as typed. */
function splitWords(text: string, count: number): { words: string[]; rest: (used: number) => string } {
  const words = text.split(' ', count + 1);
  return {
    words,
    rest: (used) => text.slice(words.slice(0, used).reduce((n, w) => n + w.length + 1, 0)),
  };
}

export function parseCommand(raw: string): Command {
  const text = normalize(raw);
  if (text === '' || text === '?' || text === '？') return { name: 'help' };
  const { words, rest } = splitWords(text, COMMANDS.maxWords);
  for (const reading of COMMANDS.readings(words)) {
    const command = withArguments(reading.meaning, `${reading.tail} ${rest(reading.used)}`.trim());
    if (command) return command;
  }
  return { name: 'unknown', text };
}

/** The command `name` with what was typed after its words, or undefined when that does not fit its syntax. */
function withArguments(name: CommandName, after: string): Command | undefined {
  switch (SYNTAX[name]) {
    case 'bare':
      return after === '' ? ({ name } as Command) : undefined;
    case 'query':
      // "deal <name or id>" keeps the rest as typed (names are matched case-insensitively later).
      return after === '' ? undefined : ({ name, query: after } as Command);
    case 'text':
      return { name, query: after } as Command;
    case 'filter': {
      if (after === '') return { name, filter: 'open' } as Command;
      const filter = FILTER_WORDS.whole(after.split(' ', FILTER_WORDS.maxWords + 1));
      return filter ? ({ name, filter } as Command) : undefined;
    }
  }
}
