import { IntlMessageFormat } from 'intl-messageformat';
import { DateTime } from 'luxon';
import {
  AssessmentStage,
  DealStatus,
  DealType,
  DeclineReason,
  HelpKind,
  InvitationStatus,
  MicrosoftStatus,
  RegistrationStatus,
  Role,
  SalesStage,
} from '../../services/domain/model';
import { en } from '../../services/i18n/en';
import {
  describeRefusal,
  formatCountdown,
  formatDate,
  formatDateTime,
  formatMoney,
  readerOf,
  translator,
} from '../../services/i18n';
import type { RefusalCode } from '../../services/domain/result';

describe('the message catalog', () => {
  it('every English message compiles as ICU MessageFormat and formats without throwing', () => {
    for (const [key, source] of Object.entries(en)) {
      const anyParam = new Proxy({}, { has: () => true, get: () => 1 });
      expect(() => new IntlMessageFormat(source, 'en', undefined, { ignoreTag: true }).format(anyParam)).not.toThrow();
      expect(key).toMatch(/^[a-zA-Z]+(\.[a-zA-Z_0-9]+)+$/);
    }
  });

  it('names every value of the domain a seller can see', () => {
    const enums: [string, readonly string[]][] = [
      ['status', DealStatus.options],
      ['dealType', DealType.options],
      ['stage', SalesStage.options],
      ['assessmentStage', AssessmentStage.options],
      ['helpKind', HelpKind.options],
      ['declineReason', DeclineReason.options],
      ['role', Role.options],
      ['microsoftStatus', MicrosoftStatus.options],
      ['invitationStatus', InvitationStatus.options],
      ['registrationStatus', RegistrationStatus.options],
    ];
    for (const [prefix, values] of enums) for (const v of values) expect(en).toHaveProperty([`${prefix}.${v}`]);
  });

  it('has a sentence for every refusal code, with its parameters filled in', () => {
    const source = require('node:fs').readFileSync(require.resolve('../../services/domain/result.ts'), 'utf8') as string;
    const codes = [...source.matchAll(/\| '([a-z_]+)'/g)].map((m) => m[1] as RefusalCode);
    expect(codes.length).toBeGreaterThan(30);
    const tr = translator();
    for (const code of codes) {
      const text = describeRefusal({ code, params: { status: 'won', type: 'coSell', stage: 'qualified', next: 'engaged', field: 'value', partner: 'Tailspin', location: 'FR', from: 'submitted', to: 'validated', unmet: 'type', value: 'XX', name: 'Benefit' } }, tr);
      expect(text).not.toBe(`refusal.${code}`);
      expect(text).not.toMatch(/[{}]/);
    }
    expect(describeRefusal({ code: 'deal_closed', params: { status: 'won' } }, tr)).toBe('This deal is won and closed: it can be viewed but not changed.');
  });
});

describe('dates, money and countdowns in the reader’s locale and time zone', () => {
  const now = DateTime.fromISO('2026-11-21T10:00:00Z');

  it.each([
    ['en-US', 'America/New_York', '$250,000', 'Mar 31, 2027', 'Dec 4, 2026, 4:30 AM EST'],
    ['fr-FR', 'Europe/Paris', '250 000 $US', '31 mars 2027', '4 déc. 2026, 10:30 UTC+1'],
    ['zh-CN', 'Asia/Shanghai', 'US$250,000', '2027年3月31日', '2026年12月4日 GMT+8 17:30'],
  ])('%s in %s', (locale, zone, money, date, dateTime) => {
    const reader = readerOf(locale, zone);
    expect(formatMoney({ amount: 250000, currency: 'USD' }, reader).replace(/\u202f|\u00a0/g, ' ')).toBe(money);
    expect(formatDate('2027-03-31', reader)).toBe(date);
    expect(formatDateTime('2026-12-04T09:30:00Z', reader).replace(/\u202f|\u00a0/g, ' ')).toBe(dateTime);
  });

  it('counts down in the two largest units and says when it is overdue', () => {
    const tr = translator(readerOf('en-US', 'UTC'));
    expect(formatCountdown('2026-12-04T09:30:00Z', now, tr)).toBe('12 days, 23 hours left');
    expect(formatCountdown('2026-11-21T12:05:00Z', now, tr)).toBe('2 hours, 5 minutes left');
    expect(formatCountdown('2026-11-21T10:00:30Z', now, tr)).toBe('less than a minute left');
    expect(formatCountdown('2026-11-20T10:00:00Z', now, tr)).toBe('overdue by 1 day');
  });

  it('falls back to English text and UTC for an unknown locale or zone, without failing', () => {
    const reader = readerOf('not a locale!!', 'Mars/Olympus');
    expect(reader).toEqual({ locale: 'en-US', timeZone: 'UTC' });
    expect(translator(readerOf('de-DE', 'Europe/Berlin')).t('status.won')).toBe('Won');
  });

  it('keeps non-integer amounts precise and whole ones without decimals', () => {
    const reader = readerOf('en-US', 'UTC');
    expect(formatMoney({ amount: 0, currency: 'EUR' }, reader)).toBe('€0');
    expect(formatMoney({ amount: 1234.5, currency: 'EUR' }, reader)).toBe('€1,234.50');
    expect(formatMoney({ amount: 1e12, currency: 'JPY' }, reader)).toBe('¥1,000,000,000,000');
  });
});
