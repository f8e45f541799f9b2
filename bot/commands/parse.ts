import { withinEditDistance } from '../../services/domain/editDistance';

export { withinEditDistance };

/**
 * Typed commands. Case, extra spaces, a leading "/", an @mention and small typos do not matter
 * ("Inbund", "favourites", "new-deal"). Unknown text is reported as such so the bot answers with help.
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
  | { readonly name: 'unknown'; readonly text: string };

type Simple = 'help' | 'newDeal' | 'inbound' | 'outbound' | 'favorites' | 'members' | 'pipeline';

/** Words (after normalisation) that name each command. Multi-word forms are joined without spaces. */
const KEYWORDS: ReadonlyArray<readonly [string, Simple]> = [
  ['help', 'help'],
  ['menu', 'help'],
  ['start', 'help'],
  ['hello', 'help'],
  ['hi', 'help'],
  ['newdeal', 'newDeal'],
  ['createdeal', 'newDeal'],
  ['create', 'newDeal'],
  ['inbound', 'inbound'],
  ['referrals', 'inbound'],
  ['outbound', 'outbound'],
  ['favorites', 'favorites'],
  ['favourites', 'favorites'],
  ['favs', 'favorites'],
  ['members', 'members'],
  ['pipeline', 'pipeline'],
  ['forecast', 'pipeline'],
];

const FILTERS: Readonly<Record<string, ListFilter>> = { open: 'open', closed: 'closed', all: 'all' };

function closeEnough(word: string, keyword: string): boolean {
  if (word === keyword) return true;
  if (keyword.length < 5) return false; // "hi" vs "his": too short to guess
  return withinEditDistance(word, keyword, keyword.length >= 8 ? 2 : 1);
}

function match(word: string): Simple | undefined {
  const exact = KEYWORDS.find(([k]) => k === word);
  if (exact) return exact[1];
  return KEYWORDS.find(([k]) => closeEnough(word, k))?.[1];
}

export function normalize(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .replace(/^\/+/, '')
    .trim();
}

export function parseCommand(raw: string): Command {
  const text = normalize(raw);
  const lower = text.toLowerCase();
  if (lower === '' || lower === '?') return { name: 'help' };
  const words = lower.split(' ');
  const first = words[0]!;

  // "deal <name or id>" keeps the rest as typed (names are matched case-insensitively later).
  if (words.length > 1 && (first === 'deal' || closeEnough(first, 'deal') || first === 'open')) {
    return { name: 'deal', query: text.slice(text.indexOf(' ') + 1).trim() };
  }

  // "search <words>" (or "find"): the rest is the search, filters included; alone, the empty search card.
  if (first === 'search' || first === 'find' || closeEnough(first, 'search')) {
    return { name: 'search', query: words.length > 1 ? text.slice(text.indexOf(' ') + 1).trim() : '' };
  }

  // Two-word commands typed with a space, hyphen or underscore: "new deal", "new-deal", "create deal".
  const joinedTwo = words.slice(0, 2).join('').replace(/[-_]/g, '');
  const rest = words.slice(2);
  const two = words.length >= 2 ? match(joinedTwo) : undefined;
  const [command, args] = two === 'newDeal' ? [two, rest] : [match(first.replace(/[-_]/g, '')), words.slice(1)];

  if (!command) return { name: 'unknown', text };
  if (command === 'inbound' || command === 'outbound' || command === 'favorites') {
    const filter = args.length === 0 ? 'open' : FILTERS[args[0]!];
    if (filter && args.length <= 1) return { name: command, filter };
    return { name: 'unknown', text };
  }
  if (args.length > 0) return { name: 'unknown', text };
  return { name: command };
}
