import {
  acceptInput,
  acceptReferral,
  allowedActions,
  createDeal,
  dealDraftInput,
  markWon,
  receiveReferral,
  type Deal,
  type Member,
  type PartnerCenterConnection,
} from '../services/domain';
import { readerOf, translator, type Reader, type Translator } from '../services/i18n';
import { fieldsOf, PcReferral, referralToIntake, syncedLink, takeRemote } from '../services/partnerCenter/mapping';
import { toReferralIntake } from '../services/referrals/intake';
import { dealStatusCardData, renderDealStatusCard } from './dealStatus';
import { HOSTILE } from './hostile';
import type { GalleryEntry } from './gallery';
import { partnerCenterCardData, renderPartnerCenterCard } from './partnerCenter';
import { referralCardData, renderReferralCard } from './referral';
import { GALLERY_NOW as NOW, GALLERY_RULES as RULES, GALLERY_TENANT as TENANT } from './galleryFixtures';

/*
 * Gallery entries for the Partner Center connection: its card in every state (not connected,
 * connected with import errors, needing a new sign-in, after connect and disconnect, at its largest)
 * and the sync line on referral and deal cards. Referrals come from a Partner Center resource through
 * the connector's own mapping, as the import builds them. Self-contained (only a type from ./gallery),
 * like dealGallery.ts.
 */

const READERS = {
  en: readerOf('en-US', 'America/Los_Angeles'),
  fr: readerOf('fr-FR', 'Europe/Paris'),
  zh: readerOf('zh-CN', 'Asia/Shanghai'),
} as const satisfies Record<string, Reader>;
type Lang = keyof typeof READERS;
const tr = (lang: Lang): Translator => translator(READERS[lang]);

const ADMIN: Member = {
  tenantId: TENANT,
  userId: 'user-gia',
  name: 'Gia Global',
  email: 'gia.global@fabrikam.example',
  phone: '+33 6 12 34 56 78',
  role: 'globalAdmin',
  locationScopes: [],
  installed: true,
  joinedAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
};

function must<T>(result: { ok: true; value: T } | { ok: false; refusal: { code: string } }, what: string): T {
  if (!result.ok) throw new Error(`gallery: ${what} was refused (${result.refusal.code})`);
  return result.value;
}

/** A referral as Partner Center's API returns it. */
function resource(overrides: Record<string, unknown> = {}): PcReferral {
  return PcReferral.parse({
    id: '4111fffc-f9ee-4d53-bba6-569135228642',
    engagementId: '37ef26aa-1d15-4533-9f93-a69bd33ab1e5',
    name: 'Contoso – Azure migration',
    direction: 'Incoming',
    status: 'New',
    substatus: 'Received',
    customerProfile: { name: 'Contoso SA', address: { city: 'Paris', country: 'FR' }, team: [{ firstName: 'Léa', lastName: 'Dubois', email: 'lea.dubois@contoso.example', phoneNumber: '+33 1 23 45 67 89' }] },
    details: { notes: 'Customer wants to leave its data centre by Q2.', dealValue: 250000, currency: 'EUR', closingDateTime: '2027-03-31T00:00:00Z', requirements: { solutions: [{ id: 'AzureMigrate', name: 'Azure Migrate', type: 'Category' }] } },
    inviteContext: { notes: 'You did their last migration.', invitedBy: { organizationId: 'msft', organizationName: 'Microsoft' } },
    createdDateTime: NOW.minus({ minutes: 30 }).toISO(),
    updatedDateTime: NOW.toISO(),
    expirationDateTime: NOW.plus({ days: 14 }).toISO(),
    eTag: '"00006d10-0000-0000-0000-5c70aa630000"',
    ...overrides,
  });
}

/** The deal the import makes of a Partner Center referral. */
function imported(pc = resource()): Deal {
  const intake = referralToIntake(TENANT, pc);
  if (!intake.ok) throw new Error(`gallery: the import refuses the sample referral: ${intake.reason}`);
  const deal = receiveReferral(toReferralIntake(intake.body), NOW, RULES);
  return { ...takeRemote(deal, fieldsOf(pc), ['status'], NOW, RULES), partnerCenter: syncedLink(pc, NOW) };
}

const ctx = (hours: number) => ({ actor: { kind: 'user' as const, id: ADMIN.userId, name: ADMIN.name }, now: NOW.plus({ hours }) });

function acceptedHere(deal: Deal): Deal {
  const input = acceptInput('2026-11-20').parse({ name: deal.name, value: { amount: '250000', currency: 'EUR' }, closeDate: '2027-03-31', notes: 'Call booked', team: [{ name: ADMIN.name, phone: ADMIN.phone, email: ADMIN.email }] });
  return must(acceptReferral(deal, input, ctx(1), RULES), 'accepting the sample referral');
}

function connection(overrides: Partial<PartnerCenterConnection> = {}): PartnerCenterConnection {
  return {
    tenantId: TENANT,
    state: 'connected',
    connectedBy: { userId: ADMIN.userId, name: ADMIN.name },
    connectedAt: NOW.minus({ days: 3 }).toISO()!,
    updatedAt: NOW.toISO()!,
    lastSyncAt: NOW.minus({ minutes: 4 }).toISO()!,
    watermark: NOW.minus({ minutes: 4 }).toISO()!,
    webhook: { url: 'https://cosell.fabrikam.example/api/partner-center/events?tenant=5d7a4b1e', registeredAt: NOW.minus({ days: 3 }).toISO()! },
    importErrors: [],
    dev: false,
    ...overrides,
  };
}

const pcCard = (c: PartnerCenterConnection | undefined, lang: Lang, notice?: { text: string; color: 'Good' | 'Attention' | 'Warning' }) =>
  renderPartnerCenterCard(partnerCenterCardData(c, tr(lang), { canDisconnect: true, syncSeconds: 300, ...(notice ? { notice } : {}) }));

function partnerCenterCards(): GalleryEntry[] {
  const t = 'partner-center.json';
  const errors = [
    { referralId: 'e1a9c3d2-0000-4000-8000-000000000001', at: NOW.minus({ minutes: 4 }).toISO()!, reason: 'details.currency: Enter an ISO 4217 currency code, such as EUR or USD.' },
    { referralId: 'e1a9c3d2-0000-4000-8000-000000000002', at: NOW.minus({ hours: 2 }).toISO()!, reason: 'location: Enter a two-letter country code, such as FR or US.; customerProfile.name: Required.' },
  ];
  const longest = Array.from({ length: 20 }, (_, i) => ({ referralId: `${'f'.repeat(60)}${String(i).padStart(4, '0')}`, at: NOW.minus({ minutes: i }).toISO()!, reason: 'details.notes: Too long. '.repeat(21).slice(0, 500) }));
  return [
    ...(['en', 'fr', 'zh'] as const).map((lang) => ({ template: t, state: `not-connected-${lang}`, card: () => pcCard(undefined, lang) })),
    { template: t, state: 'connected-with-errors-en', card: () => pcCard(connection({ importErrors: errors }), 'en') },
    {
      template: t,
      state: 'connected-notice-en',
      card: () => pcCard(connection(), 'en', { text: tr('en').t('partnerCenter.connected', { found: 12, created: 11 }) + ' ' + tr('en').t('partnerCenter.connectedSkipped', { failed: 1 }), color: 'Good' }),
    },
    { template: t, state: 'no-webhook-outage-fr', card: () => pcCard(connection({ webhook: undefined, lastError: { at: NOW.minus({ minutes: 1 }).toISO()!, code: 'unavailable', status: 503 } }), 'fr') },
    { template: t, state: 'needs-sign-in-zh', card: () => pcCard(connection({ state: 'needsSignIn', lastError: { at: NOW.toISO()!, code: 'unauthorized' } }), 'zh') },
    { template: t, state: 'disconnected-notice-en', card: () => pcCard(connection({ state: 'disconnected' }), 'en', { text: tr('en').t('partnerCenter.disconnected'), color: 'Good' }) },
    { template: t, state: 'longest-errors-en', card: () => pcCard(connection({ importErrors: longest, connectedBy: { userId: 'u', name: 'N'.repeat(256) } }), 'en') },
    {
      // An admin's display name and a referral Partner Center refused are text from outside.
      template: t,
      state: 'hostile-connected-by-and-errors-en',
      card: () => pcCard(connection({ connectedBy: { userId: 'u', name: HOSTILE }, importErrors: [{ referralId: HOSTILE, at: NOW.toISO()!, reason: HOSTILE }] }), 'en'),
    },
  ];
}

function syncLines(): GalleryEntry[] {
  const received = imported();
  const accepted = acceptedHere(received);
  const conflicted: Deal = { ...accepted, partnerCenter: { ...accepted.partnerCenter!, state: 'conflict', at: NOW.plus({ hours: 2 }).toISO()!, conflict: { code: 'keptRemote', remoteStatus: 'Closed/Declined' } } };
  const referral = (d: Deal, lang: Lang) => renderReferralCard(referralCardData(d, tr(lang), NOW.plus({ hours: 2 }), { purpose: 'referral', canRespond: allowedActions(d, ADMIN, NOW).includes('accept'), refreshFor: ADMIN.userId }));
  const org = { tenantId: TENANT, name: 'Fabrikam', solutions: [], assessmentVetted: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const draft = dealDraftInput('2026-11-20').parse({
    customer: { name: 'Northwind Traders', country: 'FR', city: 'Lyon', contacts: [], contactConsent: false },
    name: 'Northwind – data platform',
    location: 'FR',
    value: { amount: '120000', currency: 'EUR' },
    closeDate: '2027-06-30',
    team: [{ name: ADMIN.name, phone: ADMIN.phone, email: ADMIN.email }],
    solutions: [{ kind: 'microsoft', name: 'Azure Synapse' }],
    help: 'none',
    microsoftMayView: 'false',
  });
  const created = must(createDeal(draft, org, ctx(0), RULES), 'creating the sample deal');
  const waiting: Deal = { ...created, partnerCenter: { state: 'pending', at: created.createdAt } };
  const wonSynced = (() => {
    const won = must(markWon(accepted, ctx(3), RULES), 'winning the sample deal');
    return { ...won, partnerCenter: syncedLink(resource({ status: 'Closed', substatus: 'Won', eTag: '"0003"' }), NOW.plus({ hours: 3 })) };
  })();
  const status = (d: Deal, lang: Lang) => renderDealStatusCard(dealStatusCardData(d, ADMIN, tr(lang), NOW.plus({ hours: 3 }), { allowed: allowedActions(d, ADMIN, NOW.plus({ hours: 3 })), refreshFor: ADMIN.userId }));
  return [
    { template: 'referral.json', state: 'partner-center-synced-en', card: () => referral(received, 'en') },
    { template: 'referral.json', state: 'partner-center-waiting-fr', card: () => referral(accepted, 'fr') },
    { template: 'referral.json', state: 'partner-center-conflict-en', card: () => referral(conflicted, 'en') },
    { template: 'deal-status.json', state: 'partner-center-waiting-outbound-en', card: () => status(waiting, 'en') },
    { template: 'deal-status.json', state: 'partner-center-synced-won-zh', card: () => status(wonSynced, 'zh') },
    {
      template: 'deal-status.json',
      state: 'partner-center-refused-en',
      card: () => status({ ...accepted, partnerCenter: { ...accepted.partnerCenter!, state: 'conflict', at: NOW.plus({ hours: 3 }).toISO()!, conflict: { code: 'refused', remoteStatus: 'Closed/Expired' } } }, 'en'),
    },
  ];
}

/** The Partner Center sections, for cards/gallery.ts SECTIONS. */
export const PARTNER_CENTER_SECTIONS: readonly (() => GalleryEntry[])[] = [partnerCenterCards, syncLines];
