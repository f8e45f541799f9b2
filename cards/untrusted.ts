/*
 * Text on a card is shown as the text it is. Most of what cards show did not come from our catalog
 * (deal and customer names, a partner's notes, a decline reason, another organization's name), and
 * Teams reads a TextBlock as Markdown: "[re-verify your account](https://evil.example/login)" would be
 * a live link on another organization's card, and U+202E would show "exe.txt" backwards. So every
 * card, once bound, goes through `shownAsText` (cards/render.ts): each string is cleaned of invisible
 * and direction-changing characters, and the strings Teams renders as Markdown are escaped where
 * Markdown would read them. Doing it on the bound card, not per value in each view model, means no
 * value can be forgotten, a notice built elsewhere from catalog text and a partner's name is covered
 * too, and line starts are the real ones. The catalog itself holds no Markdown (a test checks that
 * escaping leaves every message unchanged), so our own words read the same.
 *
 * Bare URLs stay as they are: Teams turns them into links in every message, and the reader sees where
 * they go — what is refused is text that hides its target.
 */

/**
 * Characters that change how text reads without being seen: controls other than line feed and tab,
 * every Unicode format character (bidi embeddings, overrides and isolates U+202A–U+202E and
 * U+2066–U+2069, the marks U+200E/U+200F and U+061C, zero-width space, word joiner, soft hyphen, BOM,
 * tags…), the combining grapheme joiner and the Hangul fillers that make blank-looking names.
 */
const INVISIBLE = /(?![\n\t])[\p{Cc}\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/u;
const JOINERS = new Set(['\u200C', '\u200D']);
/** Half of a surrogate pair without its other half: not a character; shown as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const isAsciiOrSpace = (ch: string | undefined): boolean => ch === undefined || ch <= '\u007F' || /\s/u.test(ch);

/**
 * The text without invisible or direction-changing characters, with line breaks as "\n". The
 * zero-width joiner and non-joiner stay only between two non-ASCII characters, where they have a
 * job (emoji sequences such as 👩‍💻, Persian and Indic spelling); next to ASCII they only disguise.
 */
export function plainText(text: string): string {
  const normalized = text.replace(LONE_SURROGATE, '\uFFFD').replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n');
  if (!INVISIBLE.test(normalized)) return normalized;
  const chars = Array.from(normalized);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\n' || ch === '\t') out += ch;
    else if (JOINERS.has(ch)) {
      if (!isAsciiOrSpace(chars[i - 1]) && !isAsciiOrSpace(chars[i + 1])) out += ch;
    } else if (!INVISIBLE.test(ch)) out += ch;
  }
  return out;
}

/** ASCII punctuation: what a backslash escapes in CommonMark. */
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

/** A line start that Markdown reads as a list item, heading, quote, rule or setext underline. */
const LINE_START_MARK = /^([ \t]*)(?:(>)|([-+=#|])(?=[ \t]|$|\3)|(\d{1,9})([.)])(?=[ \t]|$))/;

/**
 * Escape what Teams' Markdown would read in one line of text, and only that, so that names such as
 * "C++ team", "Müller-Lüdenscheidt", "R&D" or "Tailspin (UK) Ltd." read as typed on every client
 * (some Teams clients have shown escape backslashes literally):
 * - `\` before punctuation (else it would escape our escapes), `*` and backticks, always;
 * - `_` where it can start or end emphasis (not inside a word: snake_case stays);
 * - `]` followed by `(`, `[` or `:` and that next character, so no inline, reference or definition
 *   link can form (even for parsers that ignore escapes on `[`);
 * - `<` before a letter, `/`, `!` or `?` (HTML, autolinks); `&` starting an entity (`&#x202E;` would
 *   bring back what was removed); `~~` (strikethrough) and `{{` (the card's DATE/TIME functions);
 * - at the start of a line: list markers, `#`, `>`, `|`, `=`, and `1.` / `1)`.
 */
function escapeLine(line: string): string {
  let out = '';
  const at = LINE_START_MARK.exec(line);
  let start = 0;
  if (at) {
    const [whole, indent = '', quote, mark = quote, digits, delimiter] = at;
    out = mark !== undefined ? `${indent}\\${mark}` : `${indent}${digits ?? ''}\\${delimiter ?? ''}`;
    start = whole.length;
  }
  const chars = Array.from(line.slice(start));
  const before = (i: number): string | undefined => (i > 0 ? chars[i - 1] : start > 0 ? line[start - 1] : undefined);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    switch (ch) {
      case '\\':
        out += next !== undefined && PUNCTUATION.test(next) ? '\\\\' : '\\';
        break;
      case '*':
      case '`':
        out += `\\${ch}`;
        break;
      case '_': {
        const prev = before(i);
        const inWord = prev !== undefined && next !== undefined && WORD.test(prev) && WORD.test(next);
        out += inWord ? '_' : '\\_';
        break;
      }
      case ']':
        if (next === '(' || next === '[' || next === ':') {
          out += `\\]\\${next}`;
          i++;
        } else out += ']';
        break;
      case '<':
        out += next !== undefined && /[A-Za-z/!?]/.test(next) ? '\\<' : '<';
        break;
      case '&':
        out += /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/.test(chars.slice(i, i + 40).join('')) ? '\\&' : '&';
        break;
      case '~':
      case '{':
        out += next === ch || before(i) === ch ? `\\${ch}` : ch;
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/**
 * Text for a place Teams renders as Markdown (TextBlock, FactSet, an expanded choice, an input's
 * error message): cleaned, tabs as spaces (a tab can start a code block), and escaped so it shows as
 * typed. Text without anything to escape comes back unchanged.
 */
export function markdownText(text: string): string {
  const clean = plainText(text);
  if (!MAYBE_MARKDOWN.test(clean)) return clean;
  return clean.replace(/\t/g, ' ').split('\n').map(escapeLine).join('\n');
}

/** Whether a text has anything escapeLine might escape: most texts (the catalog's, most names) do not. */
const MAYBE_MARKDOWN = /[\\*_\]<&~{`\t]|(?:^|\n)[ ]*(?:[-+=#>|]|\d)/;

// ---------- shortening ----------

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `maxChars` characters (as a reader counts them: an emoji or a letter with its accents is
 * one), ending in "…" when cut. The cut prefers the last space in the final fifth, so a word is not
 * split when it need not be. Limits are in characters, what the contract and the reader count; the
 * card as a whole is held to Teams' limit in bytes by cards/render.ts.
 */
export function shorten(text: string, maxChars: number): string {
  // Every grapheme is at least one UTF-16 unit: a short string needs no counting.
  if (text.length <= maxChars) return text;
  const parts: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    parts.push(segment);
    if (parts.length > maxChars) break;
  }
  if (parts.length <= maxChars) return text;
  let kept = parts.slice(0, Math.max(0, maxChars - 1));
  const endsWord = /\s/u.test(parts[kept.length] ?? ' ');
  const space = kept.findLastIndex((p) => /\s/u.test(p));
  if (!endsWord && space >= 0 && space >= kept.length * 0.8) kept = kept.slice(0, space);
  return kept.join('').trimEnd() + ELLIPSIS;
}

/**
 * One line (every run of whitespace, line breaks included, as one space), without invisible
 * characters, at most `maxChars`: a name as every place shows it, the message's plain-text summary
 * in Teams' activity feed included.
 */
export function oneLine(text: string, maxChars: number): string {
  return shorten(plainText(text).replace(/\s+/gu, ' ').trim(), maxChars);
}

/** Whether `shorten` would cut this text. */
export const isLonger = (text: string, maxChars: number): boolean => shorten(text, maxChars) !== text;

// ---------- the bound card ----------

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Expanded and multi-select choice sets render their choices as Markdown, drop-downs do not. */
const choicesAreMarkdown = (choiceSet: Json): boolean => choiceSet.style === 'expanded' || choiceSet.isMultiSelect === true;

function clean(node: Json, key: string, as: (text: string) => string): void {
  const value = node[key];
  if (typeof value === 'string') node[key] = as(value);
}

/**
 * Make every string a reader sees on a bound card show as plain text, in place: Markdown-escaped
 * where Teams renders Markdown, only cleaned where it does not (an input's value is sent back as it
 * is shown, so it must not gain backslashes). Action data, ids and URLs are not text and are left alone.
 */
export function shownAsText<T extends object>(card: T): T {
  visit(card);
  return card;
}

function visit(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child);
    return;
  }
  if (!isObject(node)) return;
  const type = typeof node.type === 'string' ? node.type : '';
  if (type === 'TextBlock') clean(node, 'text', markdownText);
  else if (type === 'TextRun') clean(node, 'text', plainText);
  else if (type === 'FactSet' && Array.isArray(node.facts)) {
    for (const fact of node.facts) if (isObject(fact)) (clean(fact, 'title', markdownText), clean(fact, 'value', markdownText));
  } else if (type.startsWith('Input.')) {
    for (const key of ['value', 'placeholder', 'label']) if (!(type === 'Input.ChoiceSet' && key === 'value')) clean(node, key, plainText);
    clean(node, 'errorMessage', markdownText);
    if (type === 'Input.Toggle') clean(node, 'title', markdownText);
    if (type === 'Input.ChoiceSet' && Array.isArray(node.choices)) {
      const as = choicesAreMarkdown(node) ? markdownText : plainText;
      for (const choice of node.choices) if (isObject(choice)) clean(choice, 'title', as);
    }
  } else if (type.startsWith('Action.')) {
    clean(node, 'title', plainText);
    clean(node, 'tooltip', plainText);
  } else if (type === 'Image') clean(node, 'altText', plainText);
  else if (type === 'AdaptiveCard') (clean(node, 'fallbackText', plainText), clean(node, 'speak', plainText));
  for (const key in node) {
    // What an action sends and the refresh it runs are data for the bot, never shown.
    if (key === 'data' || key === 'refresh' || key === 'choices' || key === 'facts') continue;
    const child = node[key];
    if (typeof child === 'object' && child !== null) visit(child);
  }
}
