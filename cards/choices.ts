import { COUNTRY_CODES } from '../services/domain/countries';
import { CURRENCY_CODES } from '../services/domain/model';
import { countryName, currencyName, type Translator } from '../services/i18n';
import type { Choice } from './dealStatus';

/*
 * The lists a seller picks a country or a currency from (Adaptive Cards' searchable `Input.ChoiceSet`,
 * style "filtered": Teams filters as they type): every code the domain accepts, named in the
 * reader's language, in their alphabetical order. Built once per language.
 */

const countries = new Map<string, Choice[]>();
const currencies = new Map<string, Choice[]>();

function sorted(locale: string, choices: Choice[]): Choice[] {
  const collator = new Intl.Collator(locale);
  return choices.sort((a, b) => collator.compare(a.title, b.title));
}

/** "France" → FR, for every ISO 3166-1 code the domain accepts. */
export function countryChoices(tr: Translator): Choice[] {
  const locale = tr.reader.locale;
  let list = countries.get(locale);
  if (!list) {
    list = sorted(locale, [...COUNTRY_CODES].map((code) => ({ title: countryName(code, tr.reader), value: code })));
    countries.set(locale, list);
  }
  return list;
}

/** "EUR · Euro" → EUR (typing the code or the name finds it), for every ISO 4217 code the domain accepts. */
export function currencyChoices(tr: Translator): Choice[] {
  const locale = tr.reader.locale;
  let list = currencies.get(locale);
  if (!list) {
    list = [...CURRENCY_CODES].sort().map((code) => ({ title: tr.t('form.currencyChoice', { code, name: currencyName(code, tr.reader) }), value: code }));
    currencies.set(locale, list);
  }
  return list;
}

/**
 * What a list shows as chosen: the code, when it is one of the list's; otherwise nothing (a value
 * typed before the lists existed, or forged), and the error beside the field says what is wrong.
 */
export function chosen(value: string, choices: readonly Choice[]): string {
  const code = value.trim().toUpperCase();
  return choices.some((c) => c.value === code) ? code : '';
}
