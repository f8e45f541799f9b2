/*
 * Binds our card templates (cards/templates/*.json) to their view models: each template is compiled
 * once into a tree of closures, then bound on every turn without parsing anything again.
 *
 * Why not adaptivecards-templating at run time: it evaluates each of a card's few hundred bindings
 * through adaptive-expressions, which builds a memory wrapper and an options object per binding and
 * looks each property up by scanning the object's keys case-insensitively — about a quarter of a
 * card-action turn — and loading it (adaptive-expressions, antlr4ts, the recognizers) costs start-up
 * time. No maintained library binds Adaptive Card templates compiled once, so this file compiles the
 * small subset our templates use and refuses anything else when the template is compiled, rather than
 * guessing. The semantics are the library's, quirks included (a missing path stays as its `${path}`
 * text, `$when` keeps an element only for a boolean true, `''` counts as true for `!`); the library
 * stays a dev dependency and test/cards/binder.test.ts binds every gallery card and a table of edge
 * cases with both and asserts the same JSON.
 *
 * The subset:
 * - in any string, `${path}`: a path is `name(.name)*`, optionally starting with `$root`, `$data` or
 *   `$index`; a string that is exactly one binding yields the value with its type, otherwise text;
 * - a whole-string `${expression}` may also be `!path`, `path == ''`, `path != ''`,
 *   `count(path) > N`, `count(path) == N`, and (outside `$when`) `toLower(path)`;
 * - `"$data": "${path}"` repeats the element for each item of an array (with `$index`) or rebinds it
 *   to an object; `"$when": "${expression}"` drops the element unless the expression is true.
 *
 * Values are never expanded again: user text containing `${…}` is shown as typed.
 */

/** A compiled template: binds a view model to a fresh card (nothing is shared between two binds). */
export type CompiledTemplate = (data: object) => unknown;

/** A template uses something the binder does not support; names where it is in the template. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

interface Scope {
  readonly root: unknown;
  readonly data: unknown;
  readonly index: number | undefined;
}

/** Evaluates a compiled node in a scope. Elements with `$data`/`$when` give null (dropped) or an array (spliced). */
type Node = (scope: Scope) => unknown;

/** Keys that steer binding and never reach the card. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

const isEnumerableOwn = Object.prototype.propertyIsEnumerable;

/**
 * A property of a view-model object: own enumerable properties only (never the prototype's). The
 * library matches names ignoring case; so do we, but only after the exact name missed, which is what
 * keeps the common case cheap.
 */
function property(value: unknown, key: string, lowerKey: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (isEnumerableOwn.call(record, key)) return record[key];
  for (const k of Object.keys(record)) if (k.toLowerCase() === lowerKey) return record[k];
  return undefined;
}

const PATH = /^(?:\$root|\$data|\$index|[A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*$/;

/** A path reader; `undefined` when any step is missing. */
function compilePath(text: string, where: string): (scope: Scope) => unknown {
  if (!PATH.test(text)) throw new TemplateError(`${where}: "${text}" is not a supported binding path (name.name…, optionally from $root, $data or $index)`);
  const names = text.split('.');
  const head = names[0]!.startsWith('$') ? names.shift()! : '$data';
  if (head === '$index') {
    if (names.length > 0) throw new TemplateError(`${where}: "${text}": $index has no properties`);
    return (scope) => scope.index;
  }
  const steps = names.map((n) => [n, n.toLowerCase()] as const);
  const fromRoot = head === '$root';
  return (scope) => {
    let value = fromRoot ? scope.root : scope.data;
    for (const [key, lower] of steps) {
      value = property(value, key, lower);
      if (value === undefined) return undefined;
    }
    return value;
  };
}

/** A path read as a value: a missing one gives its own `${path}` text, as the library substitutes. */
function compileValuePath(text: string, where: string): Node {
  const read = compilePath(text, where);
  const missing = `\${${text}}`;
  return (scope) => {
    const v = read(scope);
    return v === undefined ? missing : v;
  };
}

/** The library's notion of true for `!`: a boolean is itself, null and missing are false, anything else is true. */
const isLogicTrue = (v: unknown): boolean => (typeof v === 'boolean' ? v : v != null);

/** `count(x)`: the length of a string or an array, the number of keys of an object; undefined otherwise (an error in the library). */
function count(v: unknown): number | undefined {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}

type Mode = 'value' | 'when';

const NOT = /^!\s*(\S+)$/;
const EMPTY_TEST = /^(\S+)\s*(==|!=)\s*''$/;
const COUNT_TEST = /^count\(\s*(\S+?)\s*\)\s*(>|==)\s*(\d+)$/;
const TO_LOWER = /^toLower\(\s*(\S+?)\s*\)$/;

/**
 * One whole-string binding. In 'value' mode a missing path gives its `${path}` text, as the library
 * substitutes; comparisons and `!` see the missing value itself, as the library's do.
 */
function compileExpression(source: string, mode: Mode, where: string): Node {
  let m: RegExpExecArray | null;
  if ((m = NOT.exec(source))) {
    const read = compilePath(m[1]!, where);
    return (scope) => !isLogicTrue(read(scope));
  }
  if ((m = EMPTY_TEST.exec(source))) {
    const read = compilePath(m[1]!, where);
    return m[2] === '==' ? (scope) => read(scope) === '' : (scope) => read(scope) !== '';
  }
  if ((m = COUNT_TEST.exec(source))) {
    const read = compilePath(m[1]!, where);
    const n = Number(m[3]);
    // A value that cannot be counted makes the comparison false, in `$when` and in values alike.
    if (m[2] === '>') {
      return (scope) => {
        const c = count(read(scope));
        return c !== undefined && c > n;
      };
    }
    return (scope) => count(read(scope)) === n;
  }
  if ((m = TO_LOWER.exec(source))) {
    if (mode === 'when') throw new TemplateError(`${where}: toLower(…) gives text, and $when keeps an element only for true`);
    const path = m[1]!;
    const read = compilePath(path, where);
    const missing = `\${${path}}`;
    return (scope) => {
      const v = read(scope);
      if (v === undefined) return missing.toLowerCase();
      if (typeof v !== 'string') throw new TypeError(`${where}: toLower(${path}) needs text, the view model has ${v === null ? 'null' : typeof v}`);
      return v.toLowerCase();
    };
  }
  if (/^[$A-Za-z_][\w.$]*$/.test(source)) {
    return mode === 'when' ? compilePath(source, where) : compileValuePath(source, where);
  }
  throw new TemplateError(`${where}: "\${${source}}" is not supported by cards/binder.ts (a path, !path, path == '', path != '', count(path) > N, count(path) == N, toLower(path))`);
}

/** Splits "a ${x} b" into its text and its bindings; throws on an unterminated "${". */
function splitBindings(text: string, where: string): { texts: string[]; bindings: string[] } {
  const texts: string[] = [];
  const bindings: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) break;
    const end = text.indexOf('}', start + 2);
    if (end < 0) throw new TemplateError(`${where}: "${text}" opens a binding with "\${" and never closes it`);
    texts.push(text.slice(from, start));
    bindings.push(text.slice(start + 2, end).trim());
    from = end + 1;
  }
  texts.push(text.slice(from));
  return { texts, bindings };
}

function compileString(text: string, where: string): Node {
  if (!text.includes('${')) return () => text;
  // The library reads a bound string as an expression-language template literal, where "\" and "`" mean something.
  if (/[\\`]/.test(text)) throw new TemplateError(`${where}: "${text}" mixes bindings with "\\" or "\`", which the binder does not support`);
  const { texts, bindings } = splitBindings(text, where);
  if (bindings.length === 1 && texts[0] === '' && texts[1] === '') return compileExpression(bindings[0]!, 'value', where);
  const parts = bindings.map((b) => {
    const read = compilePath(b, `${where} ("${text}": only paths may be mixed with text)`);
    const missing = `\${${b}}`;
    return (scope: Scope): string => {
      const v = read(scope);
      if (v === undefined) return missing;
      if (v === null) throw new TypeError(`${where}: "\${${b}}" is null in the view model, and the text around it needs a value`);
      return String(v);
    };
  });
  return (scope) => {
    let out = texts[0]!;
    for (let i = 0; i < parts.length; i++) out += parts[i]!(scope) + texts[i + 1]!;
    return out;
  };
}

function compileArray(items: readonly unknown[], where: string): Node {
  const nodes = items.map((item, i) => compileNode(item, `${where}[${i}]`));
  return (scope) => {
    const out: unknown[] = [];
    for (const node of nodes) {
      const v = node(scope);
      if (v === null) continue;
      if (Array.isArray(v)) for (const x of v) out.push(x);
      else out.push(v);
    }
    return out;
  };
}

/** The whole-string expression of `$data` or `$when`. */
function steeringExpression(value: unknown, key: '$data' | '$when', where: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const m = /^\$\{([^}]*)\}$/.exec(text);
  if (!m) throw new TemplateError(`${where}.${key}: must be one "\${…}" binding, found ${JSON.stringify(value)}`);
  return m[1]!.trim();
}

function compileObject(template: Record<string, unknown>, where: string): Node {
  const keys = Object.keys(template);
  for (const k of keys) if (RESERVED.has(k) && k !== '$data' && k !== '$when') throw new TemplateError(`${where}.${k}: not supported in our templates`);
  const fields = keys.filter((k) => !RESERVED.has(k)).map((k) => [k, compileNode(template[k], `${where}.${k}`)] as const);
  const build = (scope: Scope): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, node] of fields) out[k] = node(scope);
    return out;
  };
  const when = '$when' in template ? compileExpression(steeringExpression(template.$when, '$when', where), 'when', `${where}.$when`) : undefined;
  // Only a boolean true keeps the element: text, numbers and errors drop it, as in the library.
  const keep = when ? (scope: Scope) => when(scope) === true : () => true;
  if (!('$data' in template)) return when ? (scope) => (keep(scope) ? build(scope) : null) : build;

  const readData = compileValuePath(steeringExpression(template.$data, '$data', where), `${where}.$data`);
  return (scope) => {
    const data = readData(scope);
    if (!Array.isArray(data)) {
      const inner: Scope = { root: scope.root, data: data === undefined ? scope.data : data, index: scope.index };
      return keep(inner) ? build(inner) : null;
    }
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < data.length; i++) {
      const item: unknown = data[i];
      const inner: Scope = { root: scope.root, data: item === undefined ? scope.data : item, index: i };
      if (keep(inner)) out.push(build(inner));
    }
    // As the library does: no element is null (dropped), one is the element itself, more are spliced into the parent array.
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

function compileNode(template: unknown, where: string): Node {
  if (typeof template === 'string') return compileString(template, where);
  if (Array.isArray(template)) return compileArray(template, where);
  if (template !== null && typeof template === 'object') return compileObject(template as Record<string, unknown>, where);
  return () => template;
}

/** Compile a template once; `name` says which template in error messages. */
export function compileTemplate(template: object, name = 'template'): CompiledTemplate {
  const node = compileNode(template, name);
  return (data) => node({ root: data, data, index: undefined });
}

const compiled = new WeakMap<object, CompiledTemplate>();

/** Bind a template to its view model, compiling the template on its first use. */
export function bindTemplate(template: object, data: object): unknown {
  let bind = compiled.get(template);
  if (!bind) {
    bind = compileTemplate(template);
    compiled.set(template, bind);
  }
  return bind(data);
}
