import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import * as binder from '../../cards/binder';
import { compileTemplate, TemplateError } from '../../cards/binder';
import { galleryEntries, galleryId } from '../../cards/gallery';
import { TEMPLATES_DIR, templateFiles } from '../../scripts/lib/cardTemplates';

/*
 * cards/binder.ts replaces adaptivecards-templating at run time; the library stays the oracle. Every
 * gallery card is bound with both and must give the same JSON, byte for byte; so must a table of
 * edge cases (missing paths, nulls, empty arrays, dropped elements, nested repeats, user text that
 * looks like a binding). What the binder does not support must fail when the template is compiled,
 * never bind differently.
 */

/** The library's answer, or the fact that it throws. */
function oracle(template: object, data: object): string {
  try {
    return JSON.stringify(new ACData.Template(template).expand({ $root: data }));
  } catch {
    return 'throws';
  }
}

function ours(template: object, data: object): string {
  try {
    return JSON.stringify(compileTemplate(template)(data));
  } catch (err) {
    if (err instanceof TemplateError) throw err;
    return 'throws';
  }
}

describe('every gallery card binds exactly as adaptivecards-templating binds it', () => {
  it.each(galleryEntries().map((e) => [galleryId(e), e] as const))('%s', (_id, entry) => {
    const bound: { template: object; data: object; card: string }[] = [];
    const real = binder.bindTemplate;
    const spy = jest.spyOn(binder, 'bindTemplate').mockImplementation((template, data) => {
      const card = real(template, data);
      // Recorded at once: whatever render.ts does with the card afterwards is not the binder's doing.
      bound.push({ template, data, card: JSON.stringify(card) });
      return card;
    });
    try {
      entry.card();
    } finally {
      spy.mockRestore();
    }
    // A card over Teams' size limit is bound again from smaller data (cards/render.ts): each binding counts.
    expect(bound.length).toBeGreaterThanOrEqual(1);
    for (const { template, data, card } of bound) {
      const expected = oracle(template, data);
      expect(JSON.parse(card)).toStrictEqual(JSON.parse(expected));
      expect(card).toBe(expected); // and the same key order
    }
  });
});

describe('edge cases bind as in the library', () => {
  const cases: [string, object, object][] = [
    ['a missing path keeps its binding text', { a: '${x}', b: '${x.y.z}', c: '${$root.nope}' }, {}],
    ['a path through null, text or a list is missing', { a: '${x.y}', b: '${s.y}', c: '${l.y}', d: '${l.length}' }, { x: null, s: 'text', l: [{ y: 1 }] }],
    ['a null value is null, other values keep their type', { a: '${n}', b: '${z}', c: '${t}', d: '${o}', e: '${l}' }, { n: null, z: 0, t: false, o: { k: 1 }, l: [1, 'two'] }],
    ['mixed text turns values into text and keeps missing bindings', { a: 'p ${x} q ${y} r ${m}', b: '${x}${y}', c: ' ${x}' }, { x: 1.5, y: true }],
    ['mixed text shows lists and objects as JavaScript does', { a: '[${l}] [${o}]' }, { l: [1, 2], o: { k: 1 } }],
    ['user text that looks like a binding is never expanded', { a: '${x}', b: 'said: ${x}', list: [{ $data: '${items}', t: '${text}' }] }, { x: '${secret} and ${', secret: 'LEAK', items: [{ text: '${secret}' }] }],
    ['names match ignoring case, like the library', { a: '${NAME}', b: '${Inner.Value}' }, { name: 'n', inner: { value: 'v' } }],
    ['prototype properties are not view-model data', { a: '${constructor}', b: '${x.hasOwnProperty}', c: '${__proto__}' }, { x: {} }],
    ['an element whose $when is false leaves an array and is null as a property', { list: [{ $when: '${show}', a: 1 }, { b: 2 }], prop: { $when: '${show}', c: 3 } }, { show: false }],
    ['$when keeps an element only for a boolean true', { list: [{ $when: '${s}', k: 's' }, { $when: '${one}', k: 'one' }, { $when: '${t}', k: 't' }, { $when: '${m}', k: 'missing' }] }, { s: 'true', one: 1, t: true }],
    ['an empty list drops its element: from an array, and as a property', { list: [{ $data: '${items}', a: '${v}' }, { b: 2 }], prop: { $data: '${items}', c: 3 } }, { items: [] }],
    ['a one-item list is the element itself, more are spliced into the parent array', { one: { $data: '${a}', v: '${v}' }, many: { $data: '${b}', v: '${v}' }, list: [0, { $data: '${b}', v: '${v}' }, 9] }, { a: [{ v: 1 }], b: [{ v: 2 }, { v: 3 }] }],
    ['$data on an object rebinds without an index; missing or null $data', { o: { $data: '${obj}', v: '${v}', i: '${$index}' }, m: [{ $data: '${nope}', v: '${v}' }], n: [{ $data: '${nul}', v: '${v}', d: '${$data}' }], s: [{ $data: '${str}', d: '${$data}' }] }, { obj: { v: 'in' }, v: 'out', nul: null, str: 'text' }],
    [
      'nested repeats see their own item, their own index and the root',
      { rows: [{ $data: '${outer}', name: 'row${$index}: ${name}', cells: [{ $data: '${cells}', text: '${text}', i: '${$index}', root: '${$root.title}', mix: '${$root.title}/${text}' }] }] },
      { title: 'T', outer: [{ name: 'a', cells: [{ text: 'a0' }, { text: 'a1' }] }, { name: 'b', cells: [] }, { name: 'c', cells: [{ text: 'c0' }] }] },
    ],
    ['$when inside a repeat is judged per item', { list: [{ $data: '${items}', $when: "${label != ''}", label: '${label}' }] }, { items: [{ label: 'a' }, { label: '' }, {}, { label: 'd' }] }],
    ['$index outside a repeat is missing, and an object $data inside a repeat keeps the index', { a: '${$index}', list: [{ $data: '${items}', inner: { $data: '${o}', i: '${$index}' } }] }, { items: [{ o: {} }, { o: {} }] }],
    ['constants pass through; reserved keys are dropped; $schema and binding-looking keys stay', { $schema: 's', n: 1, b: true, z: null, '${k}': 'v', nested: [[1, 2], 3] }, { k: 'key' }],
    ['toLower of a missing value lowers its binding text', { a: '${toLower(c)}', b: '${toLower(missingColor)}' }, { c: 'GoOd' }],
    ['a list of items that are themselves lists is flattened by one level', { list: ['${l}', 'x'], deep: [{ $data: '${rows}', r: '${$data}' }] }, { l: [1, [2, 3]], rows: [[1], [2]] }],
  ];
  it.each(cases)('when %s, then the JSON is the same', (_what, template, data) => {
    const expected = oracle(template, data);
    expect(expected).not.toBe('throws');
    expect(ours(template, data)).toBe(expected);
  });

  const values: Record<string, unknown> = { missing: undefined, null: null, empty: '', text: 'Ab', zero: 0, one: 1, true: true, false: false, emptyList: [], list: [1], emptyObject: {}, object: { k: 1 }, textZero: '0', NaN: NaN };
  const expressions = ['x', '!x', "x != ''", "x == ''", 'count(x) > 0', 'count(x) == 0', 'count(x) > 1', 'toLower(x)'];
  const grid = expressions.flatMap((e) => Object.entries(values).map(([name, v]) => [e, name, v] as const));
  it.each(grid)('when ${%s} sees %s, then $when and the bound value match the library', (expression, name, value) => {
    const data = name === 'missing' ? {} : { x: value };
    const asValue = { a: `\${${expression}}`, inText: `[\${x}]` };
    expect(ours(asValue, data)).toBe(oracle(asValue, data));
    if (expression.startsWith('toLower')) return; // refused in $when: see below
    const asCondition = { list: [{ $when: `\${${expression}}`, kept: true }] };
    expect(ours(asCondition, data)).toBe(oracle(asCondition, data));
  });

  it('when a bound value is null inside text, or toLower gets no text, then both refuse to bind', () => {
    expect(oracle({ a: 'p ${x}' }, { x: null })).toBe('throws');
    expect(ours({ a: 'p ${x}' }, { x: null })).toBe('throws');
    expect(ours({ a: '${toLower(x)}' }, { x: 3 })).toBe('throws');
  });
});

describe('compiled once, bound many times', () => {
  it('when a card is changed after binding, then the next card from the same template is not', () => {
    const bind = compileTemplate({ body: [{ type: 'TextBlock', text: 'fixed', items: [{ k: 1 }] }, { $data: '${rows}', t: '${t}' }] });
    const first = bind({ rows: [{ t: 'a' }] }) as { body: { text?: string; items?: { k: number }[] }[] };
    first.body[0]!.text = 'changed';
    first.body[0]!.items![0]!.k = 2;
    expect(bind({ rows: [{ t: 'b' }] })).toEqual({ body: [{ type: 'TextBlock', text: 'fixed', items: [{ k: 1 }] }, { t: 'b' }] });
  });

  it('when every template in cards/templates is compiled, then none uses anything the binder does not support', () => {
    for (const file of templateFiles()) {
      expect(() => compileTemplate(JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')), file)).not.toThrow();
    }
  });
});

describe('what the binder does not support fails when the template is compiled, naming where', () => {
  const refused: [string, object, RegExp][] = [
    ['a function other than count and toLower', { body: [{ text: '${concat(a, b)}' }] }, /template\.body\[0\]\.text: .*concat\(a, b\)/],
    ['arithmetic', { a: '${n + 1}' }, /template\.a: .*n \+ 1/],
    ['an expression mixed with text', { a: 'total: ${count(items) > 0}' }, /only paths may be mixed with text/],
    ['an index into a list', { a: '${items[0]}' }, /not a supported binding path|not supported/],
    ['a $when that is not one binding', { list: [{ $when: 'true', a: 1 }] }, /template\.list\[0\]\.\$when: must be one/],
    ['a $data given inline', { list: [{ $data: [{ a: 1 }], a: '${a}' }] }, /template\.list\[0\]\.\$data: must be one/],
    ['a $data that is not a path', { list: [{ $data: '${!x}', a: 1 }] }, /\$data: .*not a supported binding path/],
    ['toLower in a $when', { list: [{ $when: '${toLower(x)}', a: 1 }] }, /\$when: toLower/],
    ['an unterminated binding', { a: 'Hello ${name' }, /never closes it/],
    ['an escape in bound text', { a: 'C:\\${dir}' }, /mixes bindings with/],
    ['$host', { $host: 'x', a: 1 }, /template\.\$host: not supported/],
    ['properties of $index', { a: '${$index.x}' }, /\$index has no properties/],
  ];
  it.each(refused)('when a template uses %s, then compiling it throws a TemplateError', (_what, template, message) => {
    expect(() => compileTemplate(template)).toThrow(TemplateError);
    expect(() => compileTemplate(template)).toThrow(message);
  });
});

describe('the running bot does not load the templating engine', () => {
  it('when bot/index is loaded, then adaptivecards-templating, adaptive-expressions and antlr4ts are not', () => {
    const root = join(__dirname, '..', '..');
    const script = `require('./bot/index'); const heavy = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](adaptivecards-templating|adaptive-expressions|antlr4ts)[\\\\/]/.test(f)); process.stdout.write(JSON.stringify(heavy));`;
    const out = execFileSync(process.execPath, ['--disable-warning=DEP0111', '-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: root,
      env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual([]);
  }, 60_000);
});
