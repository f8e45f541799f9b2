import { HOSTILE_VISIBLE } from '../../cards/hostile';

/*
 * Reading a card the way Teams reads it, for the tests of issue 10, finding 8 (markdown injection):
 * which texts a reader sees, which of them Teams renders as Markdown, and what a Markdown renderer
 * would act on. Written from the renderer's side, independently of cards/untrusted.ts.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Shown {
  /** Where on the card, for failure messages. */
  readonly where: string;
  readonly text: string;
  readonly markdown: boolean;
}

/** Every text a reader sees on a card, and whether Teams renders it as Markdown. Action data is not shown. */
export function shownTexts(card: unknown): Shown[] {
  const out: Shown[] = [];
  const add = (where: string, text: unknown, markdown: boolean) => {
    if (typeof text === 'string' && text !== '') out.push({ where, text, markdown });
  };
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}[${i}]`));
    if (!isObject(node)) return;
    const type = typeof node.type === 'string' ? node.type : '';
    const at = `${path} ${type}`;
    if (type === 'TextBlock') add(at, node.text, true);
    if (type === 'TextRun') add(at, node.text, false);
    if (type === 'FactSet') for (const f of (node.facts as Json[]) ?? []) (add(`${at} fact`, f.title, true), add(`${at} fact`, f.value, true));
    if (type.startsWith('Input.')) {
      if (type !== 'Input.ChoiceSet') add(`${at} value`, node.value, false);
      add(`${at} placeholder`, node.placeholder, false);
      add(`${at} label`, node.label, false);
      add(`${at} errorMessage`, node.errorMessage, true);
      const expanded = node.style === 'expanded' || node.isMultiSelect === true;
      for (const c of (node.choices as Json[]) ?? []) add(`${at} choice`, c.title, expanded);
    }
    if (type.startsWith('Action.')) add(`${at} title`, node.title, false);
    for (const [key, child] of Object.entries(node)) if (key !== 'data' && key !== 'facts' && key !== 'choices') walk(child, `${path}.${key}`);
  };
  walk(card, '');
  return out;
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

/**
 * What a Markdown renderer (CommonMark, as Teams' clients follow it, plus the card's DATE/TIME
 * functions) would act on in a text: written from the renderer's side, independently of
 * cards/untrusted.ts. A character after a backslash is literal.
 */
export function markdownIn(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const raw = Array.from(line);
    const chars: { c: string; literal: boolean }[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '\\' && raw[i + 1] !== undefined && PUNCTUATION.test(raw[i + 1]!)) chars.push({ c: raw[++i]!, literal: true });
      else chars.push({ c: raw[i]!, literal: false });
    }
    const live = (i: number, set: string) => chars[i] !== undefined && !chars[i]!.literal && set.includes(chars[i]!.c);
    const endOrSpace = (i: number) => chars[i] === undefined || /\s/u.test(chars[i]!.c);
    let start = 0;
    while (chars[start]?.c === ' ') start++;
    if (live(start, '-+*') && endOrSpace(start + 1)) found.push('list item');
    if (live(start, '#')) found.push('heading');
    if (live(start, '>')) found.push('quote');
    if (live(start, '-=_*') && chars.slice(start).every((ch) => ch.c === chars[start]!.c || ch.c === ' ')) found.push('rule or underline');
    let digits = start;
    while (chars[digits] && !chars[digits]!.literal && /\d/.test(chars[digits]!.c)) digits++;
    if (digits > start && live(digits, '.)') && endOrSpace(digits + 1)) found.push('numbered item');
    chars.forEach((ch, i) => {
      if (ch.literal) return;
      const prev = chars[i - 1]?.c;
      const next = chars[i + 1];
      if (ch.c === ']' && live(i + 1, '([:')) found.push(`link at "${line.slice(0, 60)}"`);
      if (ch.c === '*') found.push('emphasis (*)');
      if (ch.c === '_' && !(prev && next && WORD.test(prev) && WORD.test(next.c))) found.push('emphasis (_)');
      if (ch.c === '`') found.push('code');
      if (ch.c === '<' && next && /[A-Za-z/!?]/.test(next.c)) found.push('HTML or autolink');
      if (ch.c === '&' && /^&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(chars.slice(i, i + 40).map((x) => x.c).join(''))) found.push('entity');
      if ((ch.c === '~' || ch.c === '{') && live(i + 1, ch.c)) found.push(ch.c === '~' ? 'strikethrough' : 'DATE/TIME function');
    });
  }
  return found;
}

/** The text as a Markdown renderer shows it: escapes removed. */
export const rendered = (text: string): string => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Invisible or direction-changing: bidi controls and marks, zero-width characters, controls other than line feed and tab. */
export const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u061C\u2060-\u2064\uFEFF\u00AD]|(?![\n\t])\p{Cc}/u;

/**
 * What is wrong with how a card shows hostile text: live Markdown where Teams renders it, an invisible
 * or direction-changing character anywhere, the hostile text altered where it is not rendered (an
 * input would send the backslashes back), or the hostile text missing altogether. Empty when fine.
 */
export function plainTextProblems(card: unknown): string[] {
  const texts = shownTexts(card);
  const problems: string[] = [];
  for (const { where, text, markdown } of texts) {
    if (INVISIBLE.test(text)) problems.push(`${where}: an invisible or direction-changing character remains in ${JSON.stringify(text.slice(0, 80))}`);
    if (markdown) for (const what of markdownIn(text)) problems.push(`${where}: Teams would render ${what} in ${JSON.stringify(text.slice(0, 80))}`);
    if (!markdown && text.includes('URGENT') && !text.includes('**URGENT** [re-verify your account](https://evil.example/login)')) {
      problems.push(`${where}: ${JSON.stringify(text.slice(0, 80))} is not the text as typed`);
    }
  }
  const seen = texts.map((t) => (t.markdown ? rendered(t.text) : t.text)).join('\n');
  for (const words of HOSTILE_VISIBLE) if (!seen.includes(words)) problems.push(`the card does not show "${words}" of the hostile text`);
  return problems;
}
