import { IntlMessageFormat } from 'intl-messageformat';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Money } from '../domain/model';
import type { Refusal } from '../domain/result';
import { en, type MessageKey } from './en';

export type { MessageKey } from './en';

type Catalog = Partial<Record<MessageKey, string>>;

/** Languages with a catalog. French and Simplified Chinese are planned; until then they fall back to English text. */
const CATALOGS: Readonly<Record<string, Catalog>> = { en };

export const DEFAULT_LOCALE = 'en-US';

/** How one reader sees text, numbers and dates. */
export interface Reader {
  /** BCP 47, as Teams sends it (e.g. "fr-FR"). */
  readonly locale: string;
  /** IANA zone, as Teams sends it (e.g. "Europe/Paris"); UTC when unknown. */
  readonly timeZone: string;
}

export const DEFAULT_READER: Reader = { locale: DEFAULT_LOCALE, timeZone: 'UTC' };

export function readerOf(locale: string | undefined, timeZone: string | undefined): Reader {
  return { locale: safeLocale(locale), timeZone: timeZone && validZone(timeZone) ? timeZone : 'UTC' };
}

/**
 * Intl objects are costly to build and cheap to reuse: cache them by their arguments. Keys come from
 * a small set (locales, currencies, zones) so the caches stay small.
 */
function memo<T>(make: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = make(key);
      if (cache.size < 1000) cache.set(key, value);
    }
    return value;
  };
}

const canonicalLocale = memo((locale) => {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
});
const validZone = memo((zone) => DateTime.local().setZone(zone).isValid);

function safeLocale(locale: string | undefined): string {
  return locale ? canonicalLocale(locale) : DEFAULT_LOCALE;
}

/** The catalog for a locale: exact, then its language ("fr-CA" → "fr"; "zh-CN" → "zh-Hans"), then English. */
function catalogFor(locale: string): Catalog {
  const exact = CATALOGS[locale];
  if (exact) return exact;
  const lang = locale.split('-')[0]!;
  if (lang === 'zh') {
    const traditional = /-(Hant|TW|HK|MO)\b/i.test(locale);
    return CATALOGS[traditional ? 'zh-Hant' : 'zh-Hans'] ?? en;
  }
  return CATALOGS[lang] ?? en;
}

export type MessageParams = Record<string, string | number | Date | undefined>;

export interface Translator {
  readonly reader: Reader;
  t(key: MessageKey, params?: MessageParams): string;
  /** A message key built at run time (e.g. `status.${deal.status}`); unknown keys show the key itself. */
  tk(key: string, params?: MessageParams): string;
}

const compiled = new Map<string, IntlMessageFormat>();

function format(locale: string, catalog: Catalog, key: string, params?: MessageParams): string {
  const source = (catalog as Record<string, string | undefined>)[key] ?? (en as Record<string, string>)[key];
  if (source === undefined) return key;
  const cacheKey = `${locale}\u0000${source}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
    compiled.set(cacheKey, message);
  }
  try {
    return String(message.format(params as Record<string, string | number | Date>));
  } catch {
    // A parameter the caller forgot must not fail the turn: show the message with its placeholders.
    return source;
  }
}

export function translator(reader: Reader = DEFAULT_READER): Translator {
  const catalog = catalogFor(reader.locale);
  return {
    reader,
    t: (key, params) => format(reader.locale, catalog, key, params),
    tk: (key, params) => format(reader.locale, catalog, key, params),
  };
}

/** The sentence a seller reads for a refused action. */
export function describeRefusal(refusal: Refusal, tr: Translator): string {
  const params: MessageParams = { ...refusal.params };
  if (typeof params.status === 'string') params.status = tr.tk(`status.${params.status}`).toLowerCase();
  if (typeof params.type === 'string') params.type = tr.tk(`dealType.${params.type}`);
  return tr.tk(`refusal.${refusal.code}`, params);
}

// ---------- formatting for the reader ----------

const moneyFormat = memo((key) => {
  const [locale, currency, whole] = key.split('|') as [string, string, string];
  return new Intl.NumberFormat(locale, { style: 'currency', currency, ...(whole === '1' ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}) });
});

export function formatMoney(money: Money, reader: Reader): string {
  return moneyFormat(`${reader.locale}|${money.currency}|${Number.isInteger(money.amount) ? 1 : 0}`).format(money.amount);
}

// The same fields as luxon's DATE_MED and DATETIME_MED, through cached Intl formatters (cards format
// several dates each, and building a formatter costs more than formatting).
const dateFormat = memo((locale) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }));
const dateTimeFormat = memo((key) => {
  const [locale, timeZone] = key.split('|') as [string, string];
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
});

/** A calendar date (yyyy-MM-dd) as the reader writes dates; no time zone applies to a date. */
export function formatDate(isoDate: string, reader: Reader): string {
  return dateFormat(reader.locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/** An instant in the reader's time zone, with the zone's short name so nobody guesses. */
export function formatDateTime(instant: string, reader: Reader): string {
  return dateTimeFormat(`${reader.locale}|${reader.timeZone}`).format(new Date(instant));
}

const unitFormat = memo((key) => {
  const [locale, unit] = key.split('|') as [string, string];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
});
const unitList = memo((locale) => new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }));

/** "13 days, 4 hours left" / "2 hours, 5 minutes left" / "overdue by 1 day": two largest units, in the reader's language. */
export function formatCountdown(target: string, now: DateTime, tr: Translator): string {
  const ms = Date.parse(target) - now.toMillis();
  let rest = Math.floor(Math.abs(ms) / 60_000);
  const amounts: [string, number][] = [];
  for (const [unit, minutes] of [['day', 1440], ['hour', 60], ['minute', 1]] as const) {
    const amount = Math.floor(rest / minutes);
    rest -= amount * minutes;
    if (amount > 0) amounts.push([unit, amount]);
  }
  const locale = tr.reader.locale;
  const text =
    amounts.length === 0
      ? tr.t('time.lessThanAMinute')
      : unitList(locale).format(amounts.slice(0, 2).map(([unit, amount]) => unitFormat(`${locale}|${unit}`).format(amount)));
  return ms >= 0 ? tr.t('time.left', { duration: text }) : tr.t('time.overdue', { duration: text });
}

/** Whole days left until an instant, for lists ("3 days"); 0 once it is past. */
export function daysUntil(target: string, now: DateTime): number {
  return Math.max(0, Math.ceil(DateTime.fromISO(target).diff(now, 'days').days));
}

const regionNames = memo((locale) => new Intl.DisplayNames([locale], { type: 'region' }));

export function countryName(code: string, reader: Reader): string {
  try {
    return regionNames(reader.locale).of(code) ?? code;
  } catch {
    return code;
  }
}

const currencyNames = memo((locale) => new Intl.DisplayNames([locale], { type: 'currency' }));

export function currencyName(code: string, reader: Reader): string {
  try {
    return currencyNames(reader.locale).of(code) ?? code;
  } catch {
    return code;
  }
}

// ---------- validation messages beside fields ----------

export type FieldErrors = Record<string, string>;

/**
 * Turn a zod error into one message per field path ("value.amount" → "Enter zero or more.").
 * Schema messages are catalog keys (`v.*`); anything else gets a generic message, never zod's English.
 */
export function fieldErrors(error: z.ZodError, tr: Translator): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (out[path]) continue;
    out[path] = tr.tk(issueKey(issue));
  }
  return out;
}

/** Per-field issues for API callers, in English (the API's language): `{ path: "details.currency", message }`. */
export function apiIssues(error: z.ZodError): { path: string; message: string }[] {
  const tr = translator();
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: tr.tk(issueKey(i)) }));
}

/** The catalog key for one zod issue: the schema's own `v.*` key, else one chosen by the kind of issue. */
export function issueKey(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('v.') && issue.message in en) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return 'v.required';
    case 'invalid_value':
      return 'v.choice';
    case 'too_big':
      return 'v.tooLong';
    case 'too_small':
      return 'v.required';
    default:
      return 'v.invalid';
  }
}
