import { IntlMessageFormat } from 'intl-messageformat';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Money } from '../domain/model';
import type { Refusal, RefusalCode } from '../domain/result';
import { en, type MessageKey } from './en';
import { fr } from './fr';
import { zhHans } from './zh-Hans';

export type { MessageKey } from './en';

/** A language's messages: every English key (services/i18n/en), so a missing one is a type error. */
export type Catalog = Readonly<Record<MessageKey, string>>;

/** Languages with a catalog, by the tag catalogFor resolves a reader's locale to. */
export const CATALOGS: Readonly<Record<string, Catalog>> = { en, fr, 'zh-Hans': zhHans };

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
  return { locale: validLocale(locale) ?? DEFAULT_LOCALE, timeZone: validTimeZone(timeZone) ?? 'UTC' };
}

/** The canonical form of a BCP 47 locale ("fr-fr" → "fr-FR"); undefined for anything else. */
export function validLocale(locale: string | undefined): string | undefined {
  return locale && locale.length <= 35 ? canonicalLocale(locale) : undefined;
}

/** An IANA time zone luxon knows ("Europe/Paris"); undefined for anything else. */
export function validTimeZone(zone: string | undefined): string | undefined {
  return zone && zone.length <= 64 && validZone(zone) ? zone : undefined;
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

const canonicalLocale = memo((locale): string | undefined => {
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
});
const validZone = memo((zone) => DateTime.local().setZone(zone).isValid);

/**
 * The catalog for a locale: exact, then its language ("fr-CA" → "fr"; "zh-CN", "zh-SG", "zh-Hans-*" →
 * "zh-Hans"), then English. Traditional Chinese readers (zh-Hant, zh-TW, zh-HK, zh-MO) get English:
 * Simplified characters are not theirs, and there is no Traditional catalog.
 */
export function catalogFor(locale: string): Catalog {
  const exact = CATALOGS[locale];
  if (exact) return exact;
  const lang = locale.split('-')[0]!;
  // The script decides: given ("zh-Hans-HK"), or the likely one for the region ("zh-TW" → Hant, "zh-SG" → Hans).
  if (lang === 'zh') return CATALOGS[`zh-${chineseScript(locale)}`] ?? en;
  return CATALOGS[lang] ?? en;
}

const chineseScript = memo((locale) => {
  try {
    return new Intl.Locale(locale).maximize().script ?? 'Hans';
  } catch {
    return 'Hans';
  }
});

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

/**
 * Refusal parameters that hold a code of the domain (a status, a stage, a field) and the catalog prefixes
 * that name it, first match wins; a value no prefix names (typed by someone) shows as it is.
 * Statuses read inside a sentence, so they are lower-cased.
 */
const NAMED_PARAMS: Readonly<Record<string, { readonly prefixes: readonly string[]; readonly lower?: true }>> = {
  status: { prefixes: ['status'], lower: true },
  from: { prefixes: ['registrationStatus'], lower: true },
  to: { prefixes: ['registrationStatus'], lower: true },
  type: { prefixes: ['dealType'] },
  stage: { prefixes: ['stage', 'assessmentStage'] },
  next: { prefixes: ['assessmentStage'] },
  field: { prefixes: ['deal.field'] },
};
/** Where a code's `status` is not a deal's. */
const STATUS_PREFIX: Partial<Record<RefusalCode, string>> = {
  invitation_not_pending: 'invitationStatus',
  registration_already_submitted: 'registrationStatus',
};

/** The sentence a seller reads for a refused action, with every code in it named in the reader's language. */
export function describeRefusal(refusal: Refusal, tr: Translator): string {
  const params: MessageParams = { ...refusal.params };
  for (const [name, value] of Object.entries(params)) {
    const named = NAMED_PARAMS[name];
    if (!named || typeof value !== 'string') continue;
    const prefixes = name === 'status' && STATUS_PREFIX[refusal.code] ? [STATUS_PREFIX[refusal.code]!] : named.prefixes;
    const key = prefixes.map((prefix) => `${prefix}.${value}`).find((k) => k in en);
    if (key) params[name] = named.lower ? tr.tk(key).toLowerCase() : tr.tk(key);
  }
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

/**
 * The time to (or since) an instant, as the arguments of a countdown message ('time.left', 'time.overdue',
 * 'reminder.header'): `unit` is the largest unit that is not zero ("none" under a minute), and
 * the message shows it with the next smaller one. The words come from the catalog, never from Intl's unit
 * names: those follow the reader's locale even where the catalog falls back to English, which mixed
 * languages ("13天、23小时 left").
 */
export function countdown(target: string, now: DateTime): { overdue: boolean; params: { unit: 'day' | 'hour' | 'minute' | 'none'; days: number; hours: number; minutes: number } } {
  const ms = Date.parse(target) - now.toMillis();
  const total = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const unit = days > 0 ? 'day' : hours > 0 ? 'hour' : minutes > 0 ? 'minute' : 'none';
  return { overdue: ms < 0, params: { unit, days, hours, minutes } };
}

/** "13 days, 4 hours left" / "2 hours, 5 minutes left" / "overdue by 1 day": a whole sentence in the reader's language. */
export function formatCountdown(target: string, now: DateTime, tr: Translator): string {
  const { overdue, params } = countdown(target, now);
  return tr.t(overdue ? 'time.overdue' : 'time.left', params);
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
