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
  | { readonly name: 'partnerCenter' | 'connectPartnerCenter' | 'disconnectPartnerCenter' }
  | { readonly name: 'unknown'; readonly text: string };

type Simple = 'help' | 'newDeal' | 'inbound' | 'outbound' | 'favorites' | 'members';

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
];

const FILTERS: Readonly<Record<string, ListFilter>> = { open: 'open', closed: 'closed', all: 'all' };

const PARTNER_CENTER: ReadonlyArray<readonly [string, 'partnerCenter' | 'connectPartnerCenter' | 'disconnectPartnerCenter']> = [
  ['partnercenter', 'partnerCenter'],
  ['connectpartnercenter', 'connectPartnerCenter'],
  ['disconnectpartnercenter', 'disconnectPartnerCenter'],
];

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Whether `word` is at most `max` typos away from `keyword`. Two strings are at least their
 * difference in length apart, so a word much longer than the keyword (a pasted page, a megabyte of
 * one word) is turned away before a character is compared: the cost is bounded by the keyword, never
 * by what was typed.
 */
export function withinEditDistance(word: string, keyword: string, max: number): boolean {
  if (Math.abs(word.length - keyword.length) > max) return false;
  return editDistance(word, keyword) <= max;
}

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

  // The Partner Center connection, in any spacing: "partner center", "connect partner-center", "PartnerCentre".
  const compact = lower.replace(/[\s_-]+/g, '').replace(/centre$/, 'center');
  const connection = PARTNER_CENTER.find(([k]) => compact === k || withinEditDistance(compact, k, 2));
  if (connection) return { name: connection[1] };

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
