import { DateTime } from 'luxon';
import { checkReferral, CloseDate, CustomerContact, CustomerContactInput, Deal, IsoInstant, isCalendarDate } from '../../services/domain';
import { intake, NOW, RULES } from '../support/fixtures';

/*
 * Issue 10, finding 3: a referral from outside is received only as a deal the store keeps, with
 * plausible instants; and every instant the store keeps sorts as a string (finding 12).
 */

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const issuesOf = (result: ReturnType<typeof checkReferral>) => (result.ok ? [] : result.issues.map((i) => [i.path.join('.'), i.message]));

describe('DOMAIN: a referral is received only with plausible instants (created 2000 up to a day from now; answerable after creation, for at most a year)', () => {
  it.each<[string, { createdAt?: string; expiresAt?: string }, [string, string][]]>([
    ['created half an hour ago, default window', { createdAt: '2026-11-20T09:30:00Z' }, []],
    ['created exactly a day from now', { createdAt: '2026-11-21T10:00:00Z' }, []],
    ['created more than a day from now', { createdAt: '2026-11-21T10:00:00.001Z' }, [['createdAt', 'v.createdInFuture']]],
    ['created on 2000-01-01', { createdAt: '2000-01-01T00:00:00Z' }, []],
    ['created before 2000', { createdAt: '1999-12-31T23:59:59.999Z' }, [['createdAt', 'v.createdTooEarly']]],
    ['expiring when it was created', { createdAt: '2026-11-20T09:30:00Z', expiresAt: '2026-11-20T09:30:00Z' }, [['inbound.expiresAt', 'v.expiresBeforeCreated']]],
    ['expiring before now, created now by default', { expiresAt: '2026-11-20T09:00:00Z' }, [['inbound.expiresAt', 'v.expiresBeforeCreated']]],
    ['expiring a year after creation', { createdAt: '2026-11-20T09:30:00Z', expiresAt: '2027-11-20T09:30:00Z' }, []],
    ['expiring more than a year after creation', { createdAt: '2026-11-20T09:30:00Z', expiresAt: '2027-11-20T09:30:00.001Z' }, [['inbound.expiresAt', 'v.windowTooLong']]],
  ])('when a referral is %s, then its issues are %j', (_label, times, expected) => {
    const result = checkReferral(intake({ createdAt: times.createdAt ? at(times.createdAt) : undefined, expiresAt: times.expiresAt ? at(times.expiresAt) : undefined }), NOW, RULES);
    expect(issuesOf(result)).toEqual(expected);
  });
});

describe('DOMAIN: a referral is received only as a deal the store keeps (checked with the store’s own schema)', () => {
  it('when it is valid, then the deal is the one the store reads back unchanged', () => {
    const result = checkReferral(intake(), NOW, RULES);
    expect(result.ok).toBe(true);
    const deal = result.ok ? result.deal : undefined;
    expect(Deal.parse(deal)).toEqual(deal);
  });

  it.each<[string, Parameters<typeof intake>[0], string]>([
    ['a customer phone longer than 40 characters', { customer: { ...intake().customer, contacts: [{ name: 'Léa', phone: '1'.repeat(41) }] } }, 'customer.contacts.0.phone'],
    ['a contact name longer than a first and a last name', { customer: { ...intake().customer, contacts: [{ name: 'N'.repeat(202) }] } }, 'customer.contacts.0.name'],
    ['a sender id longer than 128 characters', { externalId: 'x'.repeat(129) }, 'inbound.externalId'],
    ['a close date that is no calendar day', { closeDate: '2027-02-29' }, 'closeDate'],
  ])('when a caller past the body’s schema gives %s, then it is refused at that field of the deal, not thrown at the store', (_label, overrides, path) => {
    const result = checkReferral(intake(overrides), NOW, RULES);
    expect(issuesOf(result).map(([p]) => p)).toContain(path);
  });
});

describe('DOMAIN: the customer’s contacts from a referral are kept as the sender gave them; a seller types a dialable phone', () => {
  it.each(['+33 1 23 45 67 89 ext 12', 'n/a', 'ask the front desk'])('when a referral gives the phone "%s", then it is kept as given', (phone) => {
    expect(CustomerContact.parse({ name: 'Léa Dubois', phone })).toEqual({ name: 'Léa Dubois', phone });
  });

  it('when a referral gives a first and a last name of 100 characters each, then the contact keeps both', () => {
    const name = `${'F'.repeat(100)} ${'L'.repeat(100)}`;
    expect(CustomerContact.parse({ name }).name).toBe(name);
  });

  it.each(['n/a', '12', 'call me'])('when a seller types the customer’s phone "%s", then it is refused as not a phone', (phone) => {
    expect(CustomerContactInput.safeParse({ name: 'Léa', phone }).error?.issues.map((i) => i.message)).toContain('v.phone');
  });
});

describe('DOMAIN: every instant the store keeps sorts as a string (UTC, milliseconds, four-digit year)', () => {
  it.each([
    ['2026-11-20T09:30:00.000Z', '2026-11-20T09:30:00.000Z'],
    ['2026-11-20T11:30:00+02:00', '2026-11-20T09:30:00.000Z'],
    ['2026-11-20T09:30:00', '2026-11-20T09:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('when the instant is %s, then it is kept as %s', (input, stored) => {
    expect(IsoInstant.parse(input)).toBe(stored);
  });

  it.each([
    ['a day February does not have', '2026-02-31T09:30:00.000Z'],
    ['a 31st of November', '2026-11-31T00:00:00.000Z'],
    ['29 February of a year that is not leap', '2100-02-29T00:00:00.000Z'],
    ['a year past 9999 (written "+010000-…", it would sort before "2026-…")', '+010000-01-01T00:00:00Z'],
    ['a year past 9999 after conversion to UTC', '9999-12-31T23:00:00-05:00'],
    ['a negative year', '-000001-01-01T00:00:00Z'],
    ['a calendar date without a time', '2026-11-20'],
  ])('when the instant is %s, then it is refused', (_label, input) => {
    expect(IsoInstant.safeParse(input).error?.issues.map((i) => i.message)).toEqual(['v.dateTime']);
  });

  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['0004-02-29', true],
    ['0000-01-01', true],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['2026-13-01', false],
  ])('when the calendar date is %s, then it is a real day: %s', (date, real) => {
    expect(isCalendarDate(date)).toBe(real);
  });
});

describe('DOMAIN: a deal closes on a real day from 2000 to 2100 (whoever gives it)', () => {
  it.each([
    ['2000-01-01', []],
    ['2100-12-31', []],
    ['1999-12-31', ['v.dateOutOfRange']],
    ['2101-01-01', ['v.dateOutOfRange']],
    ['0000-01-01', ['v.dateOutOfRange']],
    ['2027-02-29', ['v.date']],
  ])('when the close date is %s, then its issues are %j', (date, messages) => {
    expect(CloseDate.safeParse(date).error?.issues.map((i) => i.message) ?? []).toEqual(messages);
  });
});
