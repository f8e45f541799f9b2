import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from '../../services/i18n/en';
import { CATALOGS, catalogFor, countdown, describeRefusal, formatCountdown, readerOf, translator, type Catalog } from '../../services/i18n';
import type { RefusalCode } from '../../services/domain/result';
import { NOW } from '../support/fixtures';

/*
 * The French and Simplified Chinese catalogs (services/i18n/fr, services/i18n/zh-Hans) against the
 * English one: same keys, the same ICU arguments and branches, nothing left in English by mistake,
 * and each language's typography. A key added in English fails here (and in tsc) until translated.
 */

const LANGUAGES = [
  { tag: 'fr', locale: 'fr-FR', catalog: CATALOGS.fr! },
  { tag: 'zh-Hans', locale: 'zh-CN', catalog: CATALOGS['zh-Hans']! },
] as const;

const EN = en as Record<string, string>;
const entries = (catalog: Catalog) => Object.entries(catalog) as [MessageKey, string][];

/** What a message needs from its caller: its arguments, and the options of each select/plural. */
interface Shape {
  readonly args: Set<string>;
  readonly selectors: Map<string, { kind: 'select' | 'plural'; options: Set<string> }>;
}

function shapeOf(source: string): Shape {
  const shape: Shape = { args: new Set(), selectors: new Map() };
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) shape.args.add(el.value);
      if (el.type === TYPE.select || el.type === TYPE.plural) {
        shape.args.add(el.value);
        const kind = el.type === TYPE.select ? 'select' : 'plural';
        const seen = shape.selectors.get(el.value) ?? { kind, options: new Set<string>() };
        if (seen.kind !== kind) throw new Error(`"${el.value}" is both a select and a plural`);
        for (const [option, branch] of Object.entries(el.options)) {
          seen.options.add(option);
          walk(branch.value);
        }
        shape.selectors.set(el.value, seen);
      }
    }
  };
  walk(parse(source, { ignoreTag: true }));
  return shape;
}

/** Arguments for a message: numbers everywhere, and each select option in turn. */
function sampleParams(shape: Shape): Record<string, string | number>[] {
  const base: Record<string, string | number> = {};
  for (const arg of shape.args) base[arg] = shape.selectors.get(arg)?.kind === 'select' ? 'other' : 1;
  const samples = [base];
  for (const [name, s] of shape.selectors) {
    for (const option of s.options) {
      if (s.kind === 'select') samples.push({ ...base, [name]: option });
      else if (option.startsWith('=')) samples.push({ ...base, [name]: Number(option.slice(1)) });
    }
    if (s.kind === 'plural') for (const n of [0, 2, 5, 21]) samples.push({ ...base, [name]: n });
  }
  return samples;
}

/** The text a reader sees of a message, without its arguments' names and ICU syntax. */
function visibleText(source: string): string {
  const out: string[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal) out.push(el.value);
      if (el.type === TYPE.select || el.type === TYPE.plural) for (const branch of Object.values(el.options)) walk(branch.value);
      if (el.type === TYPE.argument || el.type === TYPE.pound) out.push(' ');
    }
  };
  walk(parse(source, { ignoreTag: true }));
  return out.join('');
}

/**
 * Values that may equal the English one: proper nouns, product and code names, symbols, examples a
 * seller copies, and words spelled the same in French. Everything else identical to English is a
 * forgotten translation.
 */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly MessageKey[]>> = {
  fr: [
    'deal.section.microsoft', // Microsoft
    'referral.fact.duns', // D-U-N-S, a proper noun (the card's fact column is too narrow for « Numéro D-U-N-S »)
    'dialog.solutions.microsoftHint', // Azure Migrate, an example of a product name
    'dialog.solutions.thirdPartyHint', // Tailspin Backup (Tailspin Toys), an example of what to type
    'deal.solution.microsoft', // "{name} (Microsoft)"
    'deal.section.solutions', // « Solutions » is French too
    'referral.fact.solutions',
    'dialog.step.solutions',
    'readiness.solutionType.service', // « Service », Partner Center's French name (seed 000)
    'readiness.solutionType.ip', // « IP (application) », seed 000
    'deal.field.solutions', // « solutions »
    'deal.history.partnerResponded', // « Invitation {status} »
    'search.row', // « ID {id} · {customer} · {value} », ID as Partner Center writes it in French
    'pipeline.duration.minutes', // « minute(s) » is French too
    'offerType.dynamics365Operations', // product names, as seed 000 writes them in French
    'offerType.dynamics365BusinessCentral',
    'listingType.transact', // « Transact », 002's name of the publishing option
  ],
  'zh-Hans': [
    'deal.section.microsoft',
    'referral.fact.duns',
    'dialog.solutions.microsoftHint',
    'dialog.solutions.thirdPartyHint',
    'deal.fact.crmId', // CRM ID, as Partner Center writes it in Chinese too
    'deal.field.crmId',
    'search.row', // ID {id} · {customer} · {value}
    'offerType.dynamics365Operations', // product names, as seed 004 writes them in Chinese
    'offerType.dynamics365BusinessCentral',
  ],
};

/** English words that give away an untranslated sentence (the list and a few more). */
const ENGLISH_WORDS = /(?<!\p{L})(the|and|left|Accept|Decline|Deal|deal|Customer|Stage|stage|Reminder|referral|Referral|Inbound|Outbound|Favorites|please|Please|Partner Center|co-sell|Co-sell|you|your)(?!\p{L})/u;

const CJK = /[\u3400-\u9fff]/;

describe.each(LANGUAGES)('the $tag catalog', ({ tag, locale, catalog }) => {
  it('when compared with English, then it has every key and no other (a missing translation fails here and in tsc)', () => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
  });

  it('then every message compiles as ICU MessageFormat and formats every branch with sample arguments', () => {
    for (const [key, source] of entries(catalog)) {
      const message = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
      for (const params of sampleParams(shapeOf(source))) {
        const text = String(message.format(params));
        if (/[{}]/.test(text)) throw new Error(`${tag} ${key} leaves ICU syntax in "${text}"`);
      }
    }
  });

  it('then every message takes the same arguments as English, with the same selects, and plurals that keep English’s exact cases', () => {
    const categories = new Set(new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[]);
    const problems: string[] = [];
    for (const [key, source] of entries(catalog)) {
      const mine = shapeOf(source);
      const theirs = shapeOf(EN[key]!);
      if ([...mine.args].sort().join() !== [...theirs.args].sort().join()) problems.push(`${key}: arguments ${[...mine.args]} ≠ English ${[...theirs.args]}`);
      for (const [name, english] of theirs.selectors) {
        const own = mine.selectors.get(name);
        if (!own || own.kind !== english.kind) {
          problems.push(`${key}: "${name}" is a ${english.kind} in English, not here`);
          continue;
        }
        if (english.kind === 'select' && [...own.options].sort().join() !== [...english.options].sort().join()) problems.push(`${key}: select "${name}" options differ`);
        if (english.kind === 'plural') {
          if (!own.options.has('other')) problems.push(`${key}: plural "${name}" has no "other"`);
          for (const exact of [...english.options].filter((o) => o.startsWith('='))) if (!own.options.has(exact)) problems.push(`${key}: plural "${name}" lacks English's ${exact}`);
          for (const option of own.options) if (!option.startsWith('=') && !categories.has(option)) problems.push(`${key}: plural "${name}" has "${option}", not a ${locale} category`);
        }
      }
      for (const name of mine.selectors.keys()) if (!theirs.selectors.has(name)) problems.push(`${key}: "${name}" is a selector here but not in English`);
    }
    expect(problems).toEqual([]);
  });

  it('then no message is left in English, except the listed proper nouns and messages that are only arguments and symbols', () => {
    const allowed = new Set<string>(SAME_AS_ENGLISH[tag]);
    const same = entries(catalog)
      .filter(([key, value]) => value === EN[key] && !allowed.has(key))
      .filter(([, value]) => /\p{L}/u.test(visibleText(value)));
    expect(same.map(([key]) => key)).toEqual([]);
    // The list itself stays honest: each listed key really is identical.
    for (const key of allowed) expect(catalog[key as MessageKey]).toBe(EN[key]);
  });

  it('then no message contains an English word that gives away a missing translation', () => {
    const found = entries(catalog)
      .map(([key, value]) => [key, ENGLISH_WORDS.exec(visibleText(value))?.[0]] as const)
      .filter(([, word]) => word !== undefined);
    expect(found).toEqual([]);
  });
});

describe('French typography', () => {
  const fr = entries(CATALOGS.fr!);

  it('when French text has : ; ! ? or », then a non-breaking space comes before it, and after «', () => {
    const bad = fr.filter(([, v]) => /[^\u00a0\u202f]([;!?»])/.test(v) || /[^\u00a0\u202f]:(\s|$)/.test(v) || /«[^\u00a0\u202f]/.test(v));
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  it('when a number is followed by %, then a non-breaking space keeps them on one line', () => {
    expect(fr.filter(([, v]) => /[^\u00a0\u202f]%/.test(visibleText(v).replace(/^%/, ''))).map(([k]) => k)).toEqual([]);
  });

  it('then apostrophes are typographic (’) and quotes are « », except the CSV example a seller types with straight quotes', () => {
    expect(fr.filter(([, v]) => v.includes("'")).map(([k]) => k)).toEqual([]);
    expect(fr.filter(([, v]) => /["“”]/.test(v)).map(([k]) => k)).toEqual(['readiness.csv.fieldCount']);
  });

  it('then the reader is addressed with « vous », never « tu »', () => {
    expect(fr.filter(([, v]) => /(?<!\p{L})(tu|ton|ta|tes|toi)(?!\p{L})/iu.test(visibleText(v))).map(([k]) => k)).toEqual([]);
  });
});

describe('Simplified Chinese typography', () => {
  const zh = entries(CATALOGS['zh-Hans']!);

  it('when a message has text, then it is written in Chinese characters (not left in English)', () => {
    // "{name}（Microsoft）": a product name in full-width brackets.
    const allowed = new Set<string>([...SAME_AS_ENGLISH['zh-Hans']!, 'deal.solution.microsoft']);
    const latinOnly = zh.filter(([key, v]) => !allowed.has(key) && /\p{L}/u.test(visibleText(v)) && !CJK.test(v));
    expect(latinOnly.map(([k]) => k)).toEqual([]);
  });

  it('then punctuation next to Chinese text is full-width, and no space separates Chinese characters or full-width punctuation', () => {
    const bad = zh.filter(
      ([, v]) =>
        /[\u3400-\u9fff][,.;:!?()]/.test(v) ||
        /[,;:!?()][\u3400-\u9fff]/.test(v) ||
        /[\u3400-\u9fff] [\u3400-\u9fff]/.test(v) ||
        /[，。：；！？（）“”、] | [，。：；！？（）“”、]/.test(v),
    );
    expect(bad.map(([k]) => k)).toEqual([]);
  });
});

describe('which catalog a reader gets', () => {
  it.each([
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['fr', 'fr'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'en'],
    ['zh-HK', 'en'],
    ['zh-Hant-TW', 'en'],
    ['de-DE', 'en'],
    ['en-GB', 'en'],
  ])('when Teams says %s, then the %s catalog answers (Traditional Chinese falls back to English)', (locale, tag) => {
    expect(catalogFor(readerOf(locale, 'UTC').locale)).toBe(CATALOGS[tag]);
  });
});

describe('countdowns are whole sentences in the reader’s language', () => {
  const at = (iso: string) => iso;
  const cases: [string, string, string, string][] = [
    // target, en, fr, zh
    [at('2026-12-04T09:30:00Z'), '13 days, 23 hours left', 'il reste 13 jours et 23 heures', '剩余 13 天 23 小时'],
    [at('2026-11-21T10:00:00Z'), '1 day left', 'il reste 1 jour', '剩余 1 天'],
    [at('2026-11-21T11:05:00Z'), '1 day, 1 hour left', 'il reste 1 jour et 1 heure', '剩余 1 天 1 小时'],
    [at('2026-11-20T12:05:00Z'), '2 hours, 5 minutes left', 'il reste 2 heures et 5 minutes', '剩余 2 小时 5 分钟'],
    [at('2026-11-20T10:01:00Z'), '1 minute left', 'il reste 1 minute', '剩余 1 分钟'],
    [at('2026-11-20T10:00:30Z'), 'less than a minute left', 'il reste moins d’une minute', '剩余不到 1 分钟'],
    [at('2026-11-19T10:00:00Z'), 'overdue by 1 day', 'en retard de 1 jour', '已逾期 1 天'],
    [at('2026-11-20T07:00:00Z'), 'overdue by 3 hours', 'en retard de 3 heures', '已逾期 3 小时'],
  ];

  it.each(cases)('when the target is %s, then en reads "%s", fr « %s », zh “%s”', (target, english, french, chinese) => {
    expect(formatCountdown(target, NOW, translator(readerOf('en-US', 'UTC')))).toBe(english);
    expect(formatCountdown(target, NOW, translator(readerOf('fr-FR', 'Europe/Paris')))).toBe(french);
    expect(formatCountdown(target, NOW, translator(readerOf('zh-CN', 'Asia/Shanghai')))).toBe(chinese);
  });

  it('when a reader’s locale has no catalog (zh-TW, de-DE), then the countdown is English throughout, never English around Intl’s unit names', () => {
    for (const locale of ['zh-TW', 'de-DE', 'ja-JP']) {
      const text = formatCountdown('2026-12-04T09:30:00Z', NOW, translator(readerOf(locale, 'UTC')));
      expect(text).toBe('13 days, 23 hours left');
    }
  });

  it('when a reminder is built, then its header is one sentence in the reader’s language', () => {
    const params = countdown('2026-11-27T10:00:00Z', NOW).params;
    expect(translator(readerOf('en-US', 'UTC')).t('reminder.header', params)).toBe('Reminder: 7 days left to answer this referral');
    expect(translator(readerOf('fr-FR', 'UTC')).t('reminder.header', params)).toBe('Rappel\u00a0: plus que 7 jours pour répondre à cette recommandation');
    expect(translator(readerOf('zh-CN', 'UTC')).t('reminder.header', params)).toBe('提醒：还有 7 天可以答复此推荐');
  });
});

describe('refusals name the domain’s codes in the reader’s words', () => {
  const source = require('node:fs').readFileSync(require.resolve('../../services/domain/result.ts'), 'utf8') as string;
  const codes = [...source.matchAll(/\| '([a-z_]+)'/g)].map((m) => m[1] as RefusalCode);
  const params = { status: 'won', type: 'coSell', stage: 'qualified', next: 'engaged', field: 'closeDate', partner: 'Tailspin', location: 'FR', from: 'inReview', to: 'validated', unmet: 'type', value: 'XX', name: 'Benefit' };

  it.each(['en-US', 'fr-FR', 'zh-CN'])('when a %s reader is refused, then every code has a sentence with its parameters filled in', (locale) => {
    const tr = translator(readerOf(locale, 'UTC'));
    for (const code of codes) {
      const text = describeRefusal({ code, params }, tr);
      expect(text).not.toBe(`refusal.${code}`);
      expect(text).not.toMatch(/[{}]/);
      // A code of the domain never shows as such: "inReview", "closeDate", "coSell".
      expect(text).not.toMatch(/\b(inReview|closeDate|coSell)\b/);
    }
  });

  it.each<[string, RefusalCode, Record<string, string>, string]>([
    ['en-US', 'registration_transition', { from: 'inReview', to: 'validated' }, 'Registration cannot go from in review to validated.'],
    ['fr-FR', 'registration_transition', { from: 'inReview', to: 'validated' }, 'L’inscription ne peut pas passer de l’état en cours d’examen à l’état validée.'],
    ['zh-CN', 'registration_transition', { from: 'inReview', to: 'validated' }, '注册状态不能从“审核中”变为“已验证”。'],
    ['en-US', 'invitation_not_pending', { status: 'accepted' }, 'That invitation was already answered (accepted).'],
    ['fr-FR', 'invitation_not_pending', { status: 'accepted' }, 'Cette invitation a déjà reçu une réponse (acceptée).'],
    ['en-US', 'registration_already_submitted', { status: 'submitted' }, 'This deal is already registered (submitted).'],
    ['en-US', 'field_not_editable', { field: 'closeDate' }, 'The field "close date" cannot be edited.'],
    ['fr-FR', 'field_not_editable', { field: 'closeDate' }, 'Le champ «\u00a0date de clôture\u00a0» ne peut pas être modifié.'],
    ['en-US', 'field_not_editable', { field: 'owner' }, 'The field "owner" cannot be edited.'],
    ['en-US', 'assessment_stage_out_of_order', { stage: 'analysis', next: 'discovery' }, 'Assessment stages are completed in order: the next one is "Discovery complete".'],
    ['zh-CN', 'deal_closed', { status: 'declined' }, '这笔交易的状态为“已拒绝”，已关闭：只能查看，不能再更改。'],
    ['fr-FR', 'deal_closed', { status: 'won' }, 'Cette opportunité est gagnée et close\u00a0: elle peut être consultée mais plus modifiée.'],
  ])('when a %s reader is refused %s with %j, then they read "%s"', (locale, code, p, expected) => {
    expect(describeRefusal({ code, params: p }, translator(readerOf(locale, 'UTC')))).toBe(expected);
  });
});
