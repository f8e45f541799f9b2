import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGS } from '../../services/i18n';
import { markdownText, oneLine, plainText, shorten, shownAsText } from '../../cards/untrusted';

/*
 * Text on cards shows as the text it is (issue 10, finding 8): Teams renders TextBlocks as Markdown, so
 * a partner's "[re-verify your account](https://evil.example/login)" would be a live link, and U+202E
 * would turn "gnp.exe" into "exe.png". Each row is an input and what the card carries.
 */

describe('markdownText: what a TextBlock or fact carries', () => {
  it.each<[string, string, string]>([
    // Names people really have read exactly as typed.
    ['an apostrophe', "O'Brien", "O'Brien"],
    ['a dash inside a name', 'Contoso – Azure migration', 'Contoso – Azure migration'],
    ['a hyphenated name', 'Müller-Lüdenscheidt', 'Müller-Lüdenscheidt'],
    ['an ampersand', 'R&D', 'R&D'],
    ['plus signs', 'C++ team', 'C++ team'],
    ['a hash inside a line', 'C# team, #1 in Lyon', 'C# team, #1 in Lyon'],
    ['parentheses and a full stop', 'Tailspin (UK) Ltd.', 'Tailspin (UK) Ltd.'],
    ['square brackets that link nothing', 'deal [name or id]', 'deal [name or id]'],
    ['an underscore inside a word', 'first_last@contoso.example', 'first_last@contoso.example'],
    ['a lone tilde and brace', '~5 users {approx}', '~5 users {approx}'],
    ['a less-than sign before a digit', 'budget < 5k', 'budget < 5k'],
    ['Chinese', '客户希望在第二季度之前迁出数据中心', '客户希望在第二季度之前迁出数据中心'],
    ['a bare URL (Teams links it; the reader sees where it goes)', 'see https://contoso.example/rfp', 'see https://contoso.example/rfp'],
    // Markdown that would change what the reader sees is escaped where it would be read.
    ['a link hiding its target', '[re-verify your account](https://evil.example/login)', '[re-verify your account\\]\\(https://evil.example/login)'],
    ['an image', '![logo](https://evil.example/x.png)', '![logo\\]\\(https://evil.example/x.png)'],
    ['a reference link and its definition', '[click][1]\n[1]: https://evil.example', '[click\\]\\[1]\n[1\\]\\: https://evil.example'],
    ['bold', '**URGENT**', '\\*\\*URGENT\\*\\*'],
    ['italic with underscores', 'an _urgent_ matter', 'an \\_urgent\\_ matter'],
    ['italic with asterisks', 'an *urgent* matter', 'an \\*urgent\\* matter'],
    ['inline code', 'run `rm -rf`', 'run \\`rm -rf\\`'],
    ['strikethrough', '~~old price~~', '\\~\\~old price\\~\\~'],
    ['a bullet at a line start', 'intro\n- item\n+ other\n* third', 'intro\n\\- item\n\\+ other\n\\* third'],
    ['a numbered item at a line start', '1. first\n2) second', '1\\. first\n2\\) second'],
    ['a heading', '# Pay now', '\\# Pay now'],
    ['a quote', '>quoted', '\\>quoted'],
    ['a rule and a setext underline', 'Title\n===\n---', 'Title\n\\===\n\\---'],
    ['HTML', '<b>bold</b> <img src=x>', '\\<b>bold\\</b> \\<img src=x>'],
    ['an autolink', '<https://evil.example>', '\\<https://evil.example>'],
    ['an entity that would bring back an override', '&#x202E;txt', '\\&#x202E;txt'],
    ['a named entity', '&nbsp;&amp;', '\\&nbsp;\\&amp;'],
    ['the card’s date function', '{{DATE(2017-02-14T06:08:39Z, SHORT)}}', '\\{\\{DATE(2017-02-14T06:08:39Z, SHORT)}}'],
    ['a backslash that would escape our escape', '\\[x](https://evil.example)', '\\\\[x\\]\\(https://evil.example)'],
    ['a backslash before a letter', 'DOMAIN\\ana', 'DOMAIN\\ana'],
    ['a template expression (shown as typed, never evaluated)', '${secret}', '${secret}'],
    ['a tab that would start a code block', '\tcode', ' code'],
    // Invisible and direction-changing characters are removed.
    ['a right-to-left override', 'invoice\u202Egnp.exe\u202C', 'invoicegnp.exe'],
    ['bidi isolates and marks', '\u2066a\u2069\u2067b\u2069\u2068c\u2069\u200Ed\u200F\u061C', 'abcd'],
    ['a zero-width joiner between ASCII letters', 'Micro\u200Dsoft', 'Microsoft'],
    ['zero-width space, word joiner, soft hyphen, BOM', 'Mi\u200Bcro\u2060so\u00ADft\uFEFF', 'Microsoft'],
    ['a blank-looking Hangul filler name', '\u3164\u3164', ''],
    ['control characters', 'a\u0000b\u0007c\u001Bd', 'abcd'],
    ['Windows and old Mac line breaks', 'a\r\nb\rc\u2028d', 'a\nb\nc\nd'],
    ['a lone surrogate', 'x\uD800y', 'x\uFFFDy'],
  ])('when the text has %s, then the card carries it as plain text', (_what, input, expected) => {
    expect(markdownText(input)).toBe(expected);
  });

  it('when a zero-width joiner builds an emoji or joins non-Latin letters, then it stays', () => {
    expect(markdownText('👩\u200D💻 and 👨\u200D👩\u200D👧')).toBe('👩\u200D💻 and 👨\u200D👩\u200D👧');
    expect(markdownText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
  });

  // The text of a message, not its ICU syntax: "{unit, select, day {{days, …" never reaches a card.
  const literals = (source: string): string[] => {
    const out: string[] = [];
    const walk = (elements: MessageFormatElement[]) => {
      for (const el of elements) {
        if (el.type === TYPE.literal) out.push(el.value);
        if (el.type === TYPE.select || el.type === TYPE.plural) for (const branch of Object.values(el.options)) walk(branch.value);
      }
    };
    walk(parse(source, { ignoreTag: true }));
    return out;
  };

  it.each(Object.keys(CATALOGS))('when every message of the %s catalog is escaped, then none changes (our own text holds no Markdown)', (tag) => {
    const changed = Object.entries(CATALOGS[tag]!).filter(([, source]) => literals(source).some((text) => markdownText(text) !== text));
    expect(changed).toEqual([]);
  });
});

describe('plainText: what an input, a choice of a drop-down or a button carries', () => {
  it.each<[string, string, string]>([
    ['Markdown (not rendered there: no backslash to send back)', '**URGENT** [x](https://evil.example)\n- item', '**URGENT** [x](https://evil.example)\n- item'],
    ['a right-to-left override', 'a\u202Eb\u202C', 'ab'],
    ['a zero-width joiner inside a word', 'W\u200Dho', 'Who'],
    ['a tab, kept in a value', 'a\tb', 'a\tb'],
  ])('when the text has %s, then only what is invisible is removed', (_what, input, expected) => {
    expect(plainText(input)).toBe(expected);
  });
});

describe('shorten and oneLine: long texts end in "…"', () => {
  it.each<[string, string, number, string]>([
    ['a text within the limit', 'Contoso', 10, 'Contoso'],
    ['a text over the limit', 'abcdefghijklmnop', 10, 'abcdefghi…'],
    ['a cut near a space', 'Customer wants to leave its data centre', 28, 'Customer wants to leave its…'],
    ['Chinese, counted in characters', '客户希望在第二季度之前迁出数据中心', 6, '客户希望在…'],
    ['emoji, never split', '👩\u200D💻👩\u200D💻👩\u200D💻', 2, '👩\u200D💻…'],
    ['accented letters written as two code points', 'e\u0301e\u0301e\u0301e\u0301', 3, 'e\u0301e\u0301…'],
  ])('when shortening %s, then the reader gets whole characters', (_what, input, max, expected) => {
    expect(shorten(input, max)).toBe(expected);
  });

  it('when a name spans lines or holds an override, then it is shown on one line without it (the activity summary too)', () => {
    expect(oneLine('Contoso\u202E\n\nNotes: pay now\t ', 200)).toBe('Contoso Notes: pay now');
  });
});

describe('shownAsText: the bound card', () => {
  it('when a card carries hostile text, then rendered Markdown is escaped, inputs keep their text, and action data is untouched', () => {
    const hostile = '**URGENT** [x](https://evil.example)\u202E';
    const card = shownAsText({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: hostile },
        { type: 'FactSet', facts: [{ title: hostile, value: hostile }] },
        { type: 'Input.Text', id: 'notes', value: hostile, placeholder: hostile, label: hostile, errorMessage: hostile },
        { type: 'Input.ChoiceSet', id: 'a', style: 'expanded', value: hostile, choices: [{ title: hostile, value: hostile }] },
        { type: 'Input.ChoiceSet', id: 'b', choices: [{ title: hostile, value: hostile }] },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: hostile }] },
      ],
      actions: [{ type: 'Action.Execute', title: hostile, verb: 'v', data: { note: hostile } }],
    });
    const escaped = '\\*\\*URGENT\\*\\* [x\\]\\(https://evil.example)';
    const plain = '**URGENT** [x](https://evil.example)';
    const [text, facts, input, expanded, dropDown, rich] = card.body as Record<string, unknown>[];
    expect(text!.text).toBe(escaped);
    expect(facts!.facts).toEqual([{ title: escaped, value: escaped }]);
    expect(input).toMatchObject({ value: plain, placeholder: plain, label: plain, errorMessage: escaped });
    expect(expanded).toMatchObject({ value: hostile, choices: [{ title: escaped, value: hostile }] });
    expect(dropDown).toMatchObject({ choices: [{ title: plain, value: hostile }] });
    expect(rich!.inlines).toEqual([{ type: 'TextRun', text: plain }]);
    expect(card.actions[0]).toEqual({ type: 'Action.Execute', title: plain, verb: 'v', data: { note: hostile } });
  });
});
