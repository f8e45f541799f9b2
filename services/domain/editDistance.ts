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
  return distanceWithin(word, keyword, max) !== undefined;
}

/** How many typos `word` is from `keyword`, when at most `max` (the same bound as withinEditDistance). */
export function distanceWithin(word: string, keyword: string, max: number): number | undefined {
  if (Math.abs(word.length - keyword.length) > max) return undefined;
  const distance = editDistance(word, keyword);
  return distance <= max ? distance : undefined;
}
