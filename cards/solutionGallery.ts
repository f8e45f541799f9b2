import { DateTime } from 'luxon';
import {
  createDeal,
  dealDraftInput,
  grantMicrosoftView,
  markWon,
  parseLeadTimes,
  registrationInput,
  todayFor,
  type ActionContext,
  type Deal,
  type Organization,
  type Result,
  type TimeRules,
} from '../services/domain';
import { readerOf, translator, type Reader, type Translator } from '../services/i18n';
import { dealRegisterFormData, readDealRegisterForm, renderDealRegisterForm } from './dealRegister';
import type { GalleryEntry } from './gallery';
import { HOSTILE } from './hostile';

/*
 * Gallery entries for the cards of issue 14 — the organization's offers, their co-sell tab and
 * rewards, the contacts CSV, the rewards reminders, and the deal registration form — in each state
 * that matters, built like the bot builds them (domain functions make the offers and deals, the real
 * builders make the data). Self-contained (only a type from ./gallery), so cards/gallery.ts lists
 * SOLUTION_SECTIONS without a circular import.
 */

const NOW = DateTime.fromISO('2026-11-20T10:00:00Z', { zone: 'utc' });
const RULES: TimeRules = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };
const TENANT = '5d7a4b1e-2c3f-4e5a-9b8c-0d1e2f3a4b5c';

const READERS = {
  en: readerOf('en-US', 'America/Los_Angeles'),
  fr: readerOf('fr-FR', 'Europe/Paris'),
  zh: readerOf('zh-CN', 'Asia/Shanghai'),
} as const satisfies Record<string, Reader>;
type Lang = keyof typeof READERS;
const LANGS = Object.keys(READERS) as Lang[];
const tr = (lang: Lang): Translator => translator(READERS[lang]);
const todayOf = (lang: Lang): string => todayFor({ now: NOW, zone: READERS[lang].timeZone });
const ctx = (minutes = 0): ActionContext => ({ actor: { kind: 'user', id: 'user-adam', name: 'Adam Admin' }, now: NOW.plus({ minutes }) });

const ORG: Organization = {
  tenantId: TENANT,
  name: 'Fabrikam',
  solutions: [],
  assessmentVetted: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function ok<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`solution gallery: ${what} was refused (${result.refusal.code})`);
  return result.value;
}

/** A won Partner-led deal with incentive-eligible solutions: the one Register now is offered on. */
function wonPartnerLed(solutions: Deal['solutions']): Deal {
  const draft = dealDraftInput(NOW.toISODate()!).parse({
    customer: { name: 'Northwind Traders', country: 'FR', city: 'Lyon' },
    name: 'Northwind – data platform',
    location: 'FR',
    value: { amount: '120000', currency: 'EUR' },
    closeDate: '2027-06-30',
    team: [{ name: 'Adam Admin', phone: '+33 6 12 34 56 78', email: 'adam.admin@fabrikam.example', userId: 'user-adam' }],
    solutions,
  });
  let n = 11;
  const created = ok(createDeal(draft, ORG, ctx(), RULES, () => ((n = (n * 48271) % 2147483647) / 2147483647)), 'createDeal');
  return ok(markWon(ok(grantMicrosoftView(created, ctx(1), RULES), 'view'), ctx(2), RULES), 'won');
}

function registerForms(): GalleryEntry[] {
  const t = 'deal-register.json';
  const deal = wonPartnerLed([
    { kind: 'own', id: 'O0000000000AB', name: 'Fabrikam Migrate', incentive: 'azureIpCoSell' },
    { kind: 'own', id: 'O0000000000AC', name: 'Fabrikam Lens', incentive: 'bizAppsStandard' },
    { kind: 'microsoft', name: 'Azure Synapse', publisher: 'Microsoft' },
  ]);
  const longest = wonPartnerLed(Array.from({ length: 20 }, (_, i) => ({ kind: 'own' as const, name: `${'Fabrikam '.repeat(20)}${i}`.slice(0, 200), incentive: 'bizAppsPremium' as const })));
  const typed = { solutions: '', contractSignedOn: '2026-11-30', contractReference: 'R'.repeat(101), notes: 'n'.repeat(1001), contractConfirmed: 'false' };
  const error = registrationInput(todayOf('en')).safeParse(readDealRegisterForm(typed, deal)).error;
  return [
    ...LANGS.map((lang) => ({ template: t, state: `empty-${lang}`, card: () => renderDealRegisterForm(dealRegisterFormData(deal, tr(lang), todayOf(lang))) })),
    { template: t, state: 'every-field-in-error-en', card: () => renderDealRegisterForm(dealRegisterFormData(deal, tr('en'), todayOf('en'), typed, { error })) },
    {
      template: t,
      state: 'solution-refused-en',
      card: () => renderDealRegisterForm(dealRegisterFormData(deal, tr('en'), todayOf('en'), { solutions: '2' }, { refusal: { code: 'registration_solution_not_on_deal', params: { name: 'Azure Synapse' } } })),
    },
    { template: t, state: 'longest-en', card: () => renderDealRegisterForm(dealRegisterFormData(longest, tr('en'), todayOf('en'))) },
    {
      template: t,
      state: 'hostile-en',
      card: () => {
        const hostile = { ...wonPartnerLed([{ kind: 'own', name: HOSTILE, incentive: 'bizAppsPremium' }]), name: HOSTILE };
        const typed = { solutions: '0', contractSignedOn: HOSTILE, contractReference: HOSTILE, notes: HOSTILE, contractConfirmed: HOSTILE };
        return renderDealRegisterForm(dealRegisterFormData(hostile, tr('en'), todayOf('en'), typed, { error: registrationInput(todayOf('en')).safeParse(readDealRegisterForm(typed, hostile)).error }));
      },
    },
  ];
}

/** The sections of issue 14, for cards/gallery.ts SECTIONS. */
export const SOLUTION_SECTIONS: readonly (() => GalleryEntry[])[] = [registerForms];
