import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../services/clock';
import { READER_TALLY_KEYS } from '../../services/domain/model';
import { Membership } from '../../services/members/membership';
import { Effects } from '../../services/notifications/effects';
import { decideReader, EMPTY_TALLY, tallied, usualOf } from '../../services/members/readers';
import { SqliteStore } from '../../services/store/sqlite';
import { member, organization, TENANT } from '../support/fixtures';

/*
 * Which language and zone a member reads (issue 12): what Teams said on this turn, else what the
 * member said last, else what most of their organization uses, else English and UTC — for turns and
 * for the cards the bot sends first.
 */

describe('the rule that decides a member’s reader', () => {
  const paris = { locale: 'fr-FR', timeZone: 'Europe/Paris' };
  const shanghai = { locale: 'zh-CN', timeZone: 'Asia/Shanghai' };

  it.each([
    ['what this activity says wins', paris, member(shanghai), {}, paris],
    ['an activity without a locale keeps what the member said last', {}, member(shanghai), paris, shanghai],
    ['a zone said alone changes only the zone', { timeZone: 'Europe/Paris' }, member(shanghai), {}, { locale: 'zh-CN', timeZone: 'Europe/Paris' }],
    ['a member never heard from reads what most of the organization uses', {}, member(), paris, paris],
    ['with nothing known anywhere, English and UTC', {}, member(), {}, { locale: 'en-US', timeZone: 'UTC' }],
    ['someone the bot does not know reads the organization’s usual', {}, undefined, shanghai, shanghai],
  ])('when %s, then that is the reader', (_what, heard, who, usual, expected) => {
    expect(decideReader(heard, who, usual)).toEqual(expected);
  });

  it('when locales are counted, then the most used one is the usual; a tie goes the same way in every process', () => {
    expect(usualOf({ locales: { 'en-US': 2, 'fr-FR': 3 }, timeZones: { 'Europe/Paris': 3, 'UTC': 1 } })).toEqual({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
    expect(usualOf({ locales: { 'zh-CN': 2, 'fr-FR': 2 }, timeZones: {} })).toEqual({ locale: 'fr-FR' });
    expect(usualOf({ locales: { 'fr-FR': 2, 'zh-CN': 2 }, timeZones: {} })).toEqual({ locale: 'fr-FR' });
    expect(usualOf(undefined)).toEqual({});
  });

  it('when a member moves from one locale to another, then one count moves; a count reaching zero goes', () => {
    const t1 = tallied(EMPTY_TALLY, {}, { locale: 'en-US', timeZone: 'UTC' });
    const t2 = tallied(t1, { locale: 'en-US', timeZone: 'UTC' }, { locale: 'fr-FR', timeZone: 'UTC' });
    expect(t2).toEqual({ locales: { 'fr-FR': 1 }, timeZones: { UTC: 1 } });
  });

  it(`when members invent locales, then the tally keeps at most ${READER_TALLY_KEYS} of them and still counts the known ones`, () => {
    let tally = EMPTY_TALLY;
    for (let i = 0; i < 200; i++) tally = tallied(tally, {}, { locale: `x${i}` });
    tally = tallied(tally, {}, { locale: 'x0' });
    expect(Object.keys(tally.locales)).toHaveLength(READER_TALLY_KEYS);
    expect(tally.locales.x0).toBe(2);
  });
});

describe('the organization’s usual reader, kept as members come and change', () => {
  let dir: string;
  let store: SqliteStore;
  let membership: Membership;
  const clock = new FixedClock('2026-11-20T10:00:00Z');
  const seen = (userId: string, said: { locale?: string; timeZone?: string }) => membership.observe({ tenantId: TENANT, userId, name: userId, ...said });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cosell-readers-'));
    store = SqliteStore.open(dir);
    membership = new Membership({ store, clock, effects: new Effects({ eventsEnabled: false }), configuredAdmins: [] });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when most members use French and one never said, then that one reads French in Paris time; when most turn to Chinese, Chinese', async () => {
    await seen('ada', { locale: 'fr-FR', timeZone: 'Europe/Paris' });
    await seen('ben', { locale: 'fr-FR', timeZone: 'Europe/Paris' });
    await seen('chen', { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const quiet = await seen('dora', {});
    expect(await membership.readerFor(TENANT, quiet)).toEqual({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
    await seen('ada', { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    await seen('ben', { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(await membership.readerFor(TENANT, quiet)).toEqual({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect((await store.organizations.get(TENANT))!.value.readers).toEqual({ locales: { 'zh-CN': 3 }, timeZones: { 'Asia/Shanghai': 3 } });
  });

  it('when an activity says nothing of the locale, then the member keeps the one they used before, and the tally does not move', async () => {
    await seen('ada', { locale: 'fr-FR', timeZone: 'Europe/Paris' });
    const again = await seen('ada', {});
    expect(again).toMatchObject({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
    expect((await store.organizations.get(TENANT))!.value.readers).toEqual({ locales: { 'fr-FR': 1 }, timeZones: { 'Europe/Paris': 1 } });
  });

  it('when an organization from before the tally has members, then the tally is counted from them once and kept from then on', async () => {
    await store.organizations.create(organization());
    for (const [userId, locale] of [['ada', 'zh-CN'], ['ben', 'zh-CN'], ['cy', 'fr-FR'], ['dora', undefined]] as const) {
      await store.members.create(member({ userId, email: `${userId}@fabrikam.example`, ...(locale ? { locale } : {}) }));
    }
    expect((await store.organizations.get(TENANT))!.value.readers).toBeUndefined();
    const dora = (await store.members.get(TENANT, 'dora'))!.value;
    expect((await membership.readerFor(TENANT, dora)).locale).toBe('zh-CN');
    expect((await store.organizations.get(TENANT))!.value.readers).toEqual({ locales: { 'zh-CN': 2, 'fr-FR': 1 }, timeZones: {} });
    await seen('cy', { locale: 'zh-CN' });
    expect((await store.organizations.get(TENANT))!.value.readers?.locales).toEqual({ 'zh-CN': 3 });
  });

  it('when the member knows their locale and zone, then the organization is not read', async () => {
    const ada = await seen('ada', { locale: 'fr-FR', timeZone: 'Europe/Paris' });
    const get = jest.spyOn(store.organizations, 'get');
    expect(await membership.readerFor(TENANT, ada)).toEqual({ locale: 'fr-FR', timeZone: 'Europe/Paris' });
    expect(get).not.toHaveBeenCalled();
  });
});
