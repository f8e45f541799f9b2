import { FixedClock } from '../../services/clock';
import { startTestApp, type TestApp } from '../support/app';
import { TENANT } from '../support/fixtures';

/** The intake contract (shared/contracts/inbound-referral.md), status code by status code. */
const KEY = 'the-key';

function valid(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'pc-1',
    tenantId: TENANT,
    name: 'Contoso – Azure migration',
    location: 'FR',
    sender: { type: 'Partner', organizationName: 'Tailspin Toys' },
    customerProfile: { name: 'Contoso SA', address: { country: 'FR' } },
    details: { dealValue: 0, currency: 'EUR', closingDateTime: '2027-03-31T00:00:00Z' },
    ...overrides,
  };
}

describe('POST /api/referrals', () => {
  let bot: TestApp;
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${bot.url}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeEach(async () => {
    bot = await startTestApp({ REFERRAL_INTAKE_KEY: KEY }, { clock: new FixedClock('2026-11-20T10:00:00Z'), workers: false });
  });
  afterEach(() => bot.stop());

  it('201 stores a referral from a partner as P2P, received, expiring 14 days after it was created (default: receipt)', async () => {
    const res = await post(valid());
    expect(res).toEqual({ status: 201, body: { referralId: expect.stringMatching(/^D/), status: 'received' } });
    const deal = (await bot.app.store.deals.get(TENANT, res.body.referralId as string))!.value;
    expect(deal).toMatchObject({ direction: 'inbound', status: 'received', closeDate: '2027-03-31', value: { amount: 0, currency: 'EUR' } });
    expect(deal.inbound).toMatchObject({ externalId: 'pc-1', sender: { type: 'Partner' }, receivedAt: '2026-11-20T10:00:00.000Z', expiresAt: '2026-12-04T10:00:00.000Z' });
    expect((await bot.app.store.outbox.counts()).pending).toBe(1);
  });

  it('200 for a repeat of the same id for the same tenant; the same id for another tenant is another referral', async () => {
    const first = await post(valid());
    expect(await post(valid())).toEqual({ status: 200, body: first.body });
    const other = await post(valid({ tenantId: 'another-tenant' }));
    expect(other.status).toBe(201);
    expect(other.body.referralId).not.toBe(first.body.referralId);
    expect((await bot.app.store.outbox.counts()).pending).toBe(2);
  });

  it('400 names every bad field with a readable message, stores nothing, and ignores unknown fields', async () => {
    const res = await post({
      ...valid(),
      id: '',
      location: 'France',
      sender: { type: 'Reseller', organizationName: 'T', email: 'nope' },
      customerProfile: { name: 'Contoso', address: {}, duns: '12345' },
      details: { dealValue: -5, currency: 'EURO', closingDateTime: 'soon' },
      somethingNew: { ignored: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_referral');
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'id', message: 'Required.' },
        { path: 'location', message: 'Enter a two-letter country code, such as FR or US.' },
        { path: 'sender.type', message: 'Must be "Microsoft" or "Partner".' },
        { path: 'sender.email', message: 'Enter an email address.' },
        { path: 'customerProfile.address.country', message: 'Required.' },
        { path: 'customerProfile.duns', message: 'A D-U-N-S number has exactly 9 digits.' },
        { path: 'details.dealValue', message: 'Enter zero or more.' },
        { path: 'details.currency', message: 'Enter an ISO 4217 currency code, such as EUR or USD.' },
        { path: 'details.closingDateTime', message: 'Enter a date as YYYY-MM-DD.' },
      ]),
    );
    expect((await bot.app.store.outbox.counts()).pending).toBe(0);
  });

  it('400 when the referral would expire before it was created', async () => {
    const res = await post(valid({ createdDateTime: '2026-11-20T09:30:00Z', expirationDateTime: '2026-11-19T09:30:00Z' }));
    expect(res).toEqual({ status: 400, body: { error: 'invalid_referral', issues: [{ path: 'expirationDateTime', message: 'Must be later than createdDateTime.' }] } });
  });

  it.each<[string, unknown, Record<string, string>, number, string]>([
    ['no key', valid(), { authorization: '' }, 401, 'unauthorized'],
    ['a wrong key', valid(), { authorization: 'Bearer not-the-key' }, 401, 'unauthorized'],
    ['a form body', 'id=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['more than 64 KiB', valid({ details: { dealValue: 1, currency: 'EUR', closingDateTime: '2027-01-01', notes: 'x'.repeat(70 * 1024) } }), {}, 413, 'payload_too_large'],
    ['invalid JSON', '{"id": ', {}, 400, 'invalid_referral'],
    ['a JSON array', '[]', {}, 400, 'invalid_referral'],
  ])('%s → %i', async (_label, body, headers, status, error) => {
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
    expect((await bot.app.store.outbox.counts()).pending).toBe(0);
  });
});

describe('POST /api/referrals without REFERRAL_INTAKE_KEY', () => {
  it('answers 503 saying the intake is not configured', async () => {
    const bot = await startTestApp({}, { workers: false });
    try {
      const res = await fetch(`${bot.url}/api/referrals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(valid()) });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: 'intake_not_configured', message: expect.stringContaining('REFERRAL_INTAKE_KEY') });
    } finally {
      await bot.stop();
    }
  });
});
