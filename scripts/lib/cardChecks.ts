import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as ACTypes from 'adaptivecards';
import { CARD_BUDGET_BYTES, cardBytes, MAX_CARD_BYTES } from '../../cards/render';
import { TEMPLATES_DIR, templateFiles } from './cardTemplates';

/*
 * What every card the bot sends must satisfy before Teams sees it, checked without a browser:
 * the official `adaptivecards` parser accepts it without a warning, and our own rules for Teams hold.
 * Each check returns sentences naming where in the card the problem is; an empty list means "fine".
 * Used by test/cards (which fail on any sentence) and by `npm run cards:preview` (which prints them).
 */

// The package's ESM entry cannot be required by Node 20 (imports without extensions); its UMD build can.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

/** Teams renders schema 1.5 on desktop and mobile; a higher version shows only the fallback text. */
export const MAX_CARD_VERSION = '1.5';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(node: unknown, path: string, visit: (value: unknown, path: string, key: string | undefined) => void, key?: string): void {
  visit(node, path, key);
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${path}[${i}]`, visit));
  else if (isObject(node)) for (const [k, child] of Object.entries(node)) walk(child, path ? `${path}.${k}` : k, visit, k);
}

const label = (o: Json): string => {
  const name = o.id ?? o.verb ?? o.title ?? o.text;
  return `${String(o.type ?? 'object')}${typeof name === 'string' ? ` "${name.slice(0, 40)}"` : ''}`;
};

/**
 * Properties the library parses outside its property schemas (children, fallbacks), and Teams'
 * own root extension (`msteams`: width, mentions). Anything else it does not know is dropped
 * silently by every renderer — usually a typo such as `wieght` or a property of a later schema.
 */
const STRUCTURAL = new Set(['items', 'columns', 'actions', 'card', 'body', 'fallback']);
const ROOT_EXTRAS = new Set(['msteams']);

function schemaNames(o: ACTypes.SerializableObject): Set<string> {
  const schema = (o as unknown as { getSchema(): { getCount(): number; getItemAt(i: number): { name: string } } }).getSchema();
  const names = new Set<string>();
  for (let i = 0; i < schema.getCount(); i++) names.add(schema.getItemAt(i).name);
  return names;
}

function unknownKeys(source: Json, known: Set<string>, extras: Set<string> = new Set()): string[] {
  return Object.keys(source).filter((k) => !known.has(k) && !STRUCTURAL.has(k) && !extras.has(k));
}

/**
 * Teams extends schema 1.5 with dynamic choices: an `Input.ChoiceSet` whose `choices.data` is a
 * `Data.Query` (its people picker, dataset `graph.microsoft.com/users`, returns the picked person's
 * Entra object id) needs no static choice. The parser knows `choices.data` only from schema 1.6, so
 * for such a choice set — and only for it — its "newer than 1.5" and "no choice" events are Teams'
 * documented behaviour, not problems.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/dynamic-search
 */
function isTeamsDataQuery(o: Json): boolean {
  const query = o['choices.data'];
  return o.type === 'Input.ChoiceSet' && isObject(query) && query.type === 'Data.Query' && typeof query.dataset === 'string' && query.dataset !== '';
}

function teamsExtensionEvents(card: object): (message: string) => boolean {
  let queries = 0;
  let emptyWithoutQuery = 0;
  walk(card, '', (value) => {
    if (!isObject(value) || value.type !== 'Input.ChoiceSet') return;
    if (isTeamsDataQuery(value)) queries++;
    else if (value['choices.data'] === undefined && (!Array.isArray(value.choices) || value.choices.length === 0)) emptyWithoutQuery++;
  });
  return (message) =>
    (queries > 0 && /^UnsupportedProperty: Property "choices\.data" is supported in version 1\.6/.test(message)) ||
    (queries > 0 && emptyWithoutQuery === 0 && /^CollectionCantBeEmpty: An Input\.ChoiceSet must have at least one choice/.test(message));
}

/**
 * Elements Teams draws that the adaptivecards library does not know: its charts, in cards of schema 1.5
 * (learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards),
 * with the properties Teams documents for each and for its data points. The library reports such an
 * element as unknown and parses its fallback instead, which is what every other client shows: we accept
 * one only with an element as fallback, and check its own properties against Teams' list, so that a
 * typo in a chart is caught like any other.
 */
const ELEMENT_COMMON = ['type', 'id', 'fallback', 'height', 'horizontalAlignment', 'isVisible', 'lang', 'requires', 'separator', 'spacing', 'targetWidth', 'grid.area', 'title', 'colorSet'];
const BAR_POINT = ['x', 'y', 'color'];
const SLICE = ['legend', 'value', 'color'];
export const TEAMS_ELEMENTS: Readonly<Record<string, { readonly properties: ReadonlySet<string>; readonly point: ReadonlySet<string> }>> = {
  'Chart.HorizontalBar': { properties: new Set([...ELEMENT_COMMON, 'data', 'color', 'displayMode', 'xAxisTitle', 'yAxisTitle']), point: new Set(BAR_POINT) },
  'Chart.VerticalBar': { properties: new Set([...ELEMENT_COMMON, 'data', 'color', 'showBarValues', 'xAxisTitle', 'yAxisTitle']), point: new Set(BAR_POINT) },
  'Chart.Pie': { properties: new Set([...ELEMENT_COMMON, 'data']), point: new Set(SLICE) },
  'Chart.Donut': { properties: new Set([...ELEMENT_COMMON, 'data']), point: new Set(SLICE) },
};

/** Teams-only elements without an element to fall back to: every other client would show nothing. */
function teamsElementProblems(card: object): string[] {
  const problems: string[] = [];
  walk(card, '', (value, path) => {
    if (!isObject(value) || typeof value.type !== 'string' || !TEAMS_ELEMENTS[value.type]) return;
    const fallback = value.fallback;
    if (!isObject(fallback) || typeof fallback.type !== 'string') {
      problems.push(`parser: ${path}: ${label(value)} has no fallback element; clients that cannot draw it (and the adaptivecards library) would show nothing`);
    }
  });
  return problems;
}

/**
 * The official parser's verdict, for a host that renders schema 1.5: parse warnings and errors
 * (unknown element or action types, invalid values, properties newer than 1.5), validation failures
 * (duplicate ids, required inputs without label or error message, too many actions…), and
 * properties it does not know at all.
 */
export function parserProblems(card: object): string[] {
  const problems: string[] = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const checkKeys = (object: ACTypes.CardObject, source: unknown) => {
    if (!isObject(source)) return;
    const teams = typeof source.type === 'string' ? TEAMS_ELEMENTS[source.type] : undefined;
    if (teams) {
      // The library parsed the fallback in the chart's place: check the chart against Teams' list, and
      // the fallback against the library's.
      for (const k of Object.keys(source).filter((key) => !teams.properties.has(key))) {
        problems.push(`parser: ${label(source)} has property "${k}", which Teams does not define for it`);
      }
      for (const point of Array.isArray(source.data) ? source.data : []) {
        for (const k of Object.keys(isObject(point) ? point : {}).filter((key) => !teams.point.has(key))) {
          problems.push(`parser: ${label(source)} has a data point with property "${k}", which Teams does not define`);
        }
      }
      checkKeys(object, source.fallback);
      return;
    }
    const unknown = unknownKeys(source, schemaNames(object));
    for (const k of unknown) problems.push(`parser: ${label(source)} has property "${k}", which schema 1.5 does not define (dropped by every renderer)`);
    const nested = source.facts ?? source.choices;
    if (Array.isArray(nested)) {
      for (const item of nested) {
        if (!isObject(item)) continue;
        for (const k of Object.keys(item).filter((key) => key !== 'title' && key !== 'value')) {
          problems.push(`parser: ${label(source)} has a fact or choice with property "${k}", which is not defined`);
        }
      }
    }
  };
  context.onParseElement = (element, source) => checkKeys(element, source);
  context.onParseAction = (action, source) => checkKeys(action, source);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const teamsExtension = teamsExtensionEvents(card);
  problems.push(...teamsElementProblems(card));
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    const message = `${AC.ValidationEvent[e.event]}: ${e.message}`;
    // A Teams element is unknown to the library by nature; whether it has a fallback is checked above.
    if (e.event === AC.ValidationEvent.UnknownElementType && Object.keys(TEAMS_ELEMENTS).some((t) => e.message.includes(`"${t}"`))) continue;
    if (!teamsExtension(message)) problems.push(`parser: ${message}`);
  }
  for (const k of unknownKeys(card as Json, schemaNames(parsed), ROOT_EXTRAS)) {
    problems.push(`parser: the card has property "${k}", which schema 1.5 does not define`);
  }
  for (const e of parsed.validateProperties().validationEvents) {
    const message = `${AC.ValidationEvent[e.event]}: ${e.message}`;
    if (!teamsExtension(message)) problems.push(`validation: ${message}`);
  }
  return problems;
}

function versionAtMost(version: unknown, max: string): boolean {
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) return false;
  const [major, minor] = version.split('.').map(Number) as [number, number];
  const [maxMajor, maxMinor] = max.split('.').map(Number) as [number, number];
  return major < maxMajor || (major === maxMajor && minor <= maxMinor);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The expressions the templates bind. One left in a card is a binding that found no value (a typo,
 * a field the view model lacks); a "${…}" that a partner typed into a note is only text, shown as such.
 */
let templateExpressions: Set<string> | undefined;
function boundExpressions(): Set<string> {
  if (!templateExpressions) {
    templateExpressions = new Set();
    for (const file of templateFiles()) {
      for (const m of readFileSync(join(TEMPLATES_DIR, file), 'utf8').matchAll(/\$\{[^}]*\}/g)) templateExpressions.add(m[0]);
    }
  }
  return templateExpressions;
}
const unboundExpression = (value: string): string | undefined => [...value.matchAll(/\$\{[^}]*\}/g)].map((m) => m[0]).find((e) => boundExpressions().has(e));

/** Where a template expression or a stringified non-value leaked into what the seller reads. */
const LEAKED_VALUE = /\bundefined\b|\[object Object\]|\bNaN\b/;
const READABLE_KEYS = new Set(['text', 'title', 'value', 'label', 'placeholder', 'errorMessage', 'altText', 'fallbackText', 'speak', 'tooltip']);

/**
 * Our rules for Teams: schema version, size, a fully bound template, a working fallback for every
 * Universal Action on older clients, and input ids that do not collide when the card is submitted.
 */
export function ruleProblems(card: object): string[] {
  const problems: string[] = [];
  const root = card as Json;
  if (root.type !== 'AdaptiveCard') problems.push(`rules: the root type is ${JSON.stringify(root.type)}, not "AdaptiveCard"`);
  if (!versionAtMost(root.version, MAX_CARD_VERSION)) {
    problems.push(`rules: version ${JSON.stringify(root.version)}: Teams renders schema ${MAX_CARD_VERSION} at most`);
  }
  const bytes = cardBytes(card);
  if (bytes > CARD_BUDGET_BYTES) {
    problems.push(`rules: the card is ${bytes} bytes, over its ${CARD_BUDGET_BYTES}; with the rest of the message Teams refuses over ${MAX_CARD_BYTES} (28 KB)`);
  }

  const ids = new Map<string, string[]>();
  walk(card, '', (value, path, key) => {
    if (key !== undefined && key.startsWith('$')) {
      if (!(key === '$schema' && path === '$schema')) problems.push(`rules: ${path}: template keyword "${key}" left in the card`);
    }
    if (typeof value === 'string') {
      const unbound = unboundExpression(value);
      if (unbound) problems.push(`rules: ${path}: unbound template expression ${unbound} in ${JSON.stringify(value.slice(0, 80))}`);
      else if (key !== undefined && READABLE_KEYS.has(key) && LEAKED_VALUE.test(value)) {
        problems.push(`rules: ${path}: ${JSON.stringify(value.slice(0, 80))} shows a missing value`);
      }
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.type === 'string' && value.type.startsWith('Input.')) {
      if (typeof value.id !== 'string' || value.id === '') problems.push(`rules: ${path}: ${value.type} has no id, so its value is never sent`);
      else ids.set(value.id, [...(ids.get(value.id) ?? []), path]);
    }
    // The refresh action is only ever run by clients that know Universal Actions: it needs no fallback.
    if (value.type === 'Action.Execute' && path !== 'refresh.action') {
      const fallback = value.fallback;
      const verb = value.verb;
      if (typeof verb !== 'string' || verb === '') problems.push(`rules: ${path}: ${label(value)} has no verb`);
      if (!isObject(fallback) || fallback.type !== 'Action.Submit') {
        problems.push(`rules: ${path}: ${label(value)} has no Action.Submit fallback (clients without Universal Actions would show nothing)`);
        return;
      }
      const data = isObject(fallback.data) ? fallback.data : {};
      if (data.verb !== verb) problems.push(`rules: ${path}.fallback: its data.verb is ${JSON.stringify(data.verb)}, not the action's verb ${JSON.stringify(verb)}`);
      const executeData = isObject(value.data) ? value.data : {};
      for (const [k, v] of Object.entries(executeData)) {
        if (!sameJson(data[k], v)) problems.push(`rules: ${path}.fallback: data.${k} is ${JSON.stringify(data[k])}, but the action sends ${JSON.stringify(v)}`);
      }
      if (fallback.title !== value.title) problems.push(`rules: ${path}.fallback: title ${JSON.stringify(fallback.title)} differs from ${JSON.stringify(value.title)}`);
      if ((fallback.associatedInputs ?? 'auto') !== (value.associatedInputs ?? 'auto')) {
        problems.push(`rules: ${path}.fallback: associatedInputs ${JSON.stringify(fallback.associatedInputs)} differs from ${JSON.stringify(value.associatedInputs)}`);
      }
    }
  });
  for (const [id, paths] of ids) {
    if (paths.length > 1) problems.push(`rules: input id "${id}" is used ${paths.length} times (${paths.join(', ')}): submitted values would collide`);
  }
  return problems;
}

/** Every problem the parser and our rules find in one card. */
export function cardProblems(card: object): string[] {
  return [...parserProblems(card), ...ruleProblems(card)];
}
