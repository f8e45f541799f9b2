import { DateTime } from 'luxon';
import { z } from 'zod';
import { isoInstant } from '../clock';
import { changed, entry } from '../domain/change';
import { Deal, type Actor, type DealStatus, type HistoryEntry, type PartnerCenterFields, type PartnerCenterLink } from '../domain/model';
import type { TimeRules } from '../domain/schedule';
import { translator } from '../i18n';
import { parseIntakeBody, type IntakeBody } from '../referrals/intake';

/*
 * The one place where Partner Center's referral resource meets our deal. Everything that reads or
 * writes Partner Center's fields goes through here, and so do the choices its documentation leaves open:
 *
 * - Status: New (Pending | Received) is our Received; Active/Accepted is Accepted (our `open`, whatever
 *   sales stage); Closed/Won, Lost, Declined, Expired are ours of the same name. Accept is therefore
 *   Active/Accepted, decline Closed/Declined, Won/Lost Closed/Won|Lost. A Closed substatus we do not
 *   know leaves our status as it is (we never guess an outcome).
 * - A deal created in the bot is POSTed as Active/Accepted (Partner Center's own "a deal you create
 *   starts accepted"), direction Outgoing, `externalReferenceId` = our deal id (so a lost answer to the
 *   POST is found again instead of creating a second referral), type Shared when Microsoft is invited.
 * - statusReason carries a decline's reason and notes ("Not a fit — notes") and a loss's reason.
 * - Sales stages are not sent: the documents name no writable stage field on the referral resource,
 *   so Partner Center keeps only status and substatus; stages stay in the bot.
 * - Expiry is Partner Center's: our sweeper expires a referral at its expirationDateTime, but that is
 *   not sent; Partner Center's own Closed/Expired arrives like any change (and an accept made there
 *   just before our expiry still wins).
 * - The sender of an incoming referral is `inviteContext.invitedBy`: organizationId "msft" (as in the
 *   documentation's example) or an organization named Microsoft is Microsoft, anyone else a partner.
 *   `referralSource` is not read: its values are not documented.
 * - Free text Partner Center sends is bounded before anything else: notes to 4,000 characters (the
 *   intake's limit; longer notes are cut, not refused), everything else as the intake validates it.
 */

/** Who did it, on history entries and answers that came from Partner Center. */
export const PARTNER_CENTER_ACTOR: Actor = { kind: 'system', id: 'partner-center', name: 'Partner Center' };

const NOTES_MAX = 4000;
const STATUS_REASON_MAX = 1000;

/** Bounds on what we read at all; anything larger is refused before it is looked at. */
const str = (max: number) => z.string().max(max).nullish();
const Person = z.object({ firstName: str(200), lastName: str(200), email: str(400), phoneNumber: str(100) });

/** The referral resource as Partner Center returns it: only what we read; unknown fields are ignored. */
export const PcReferral = z.object({
  id: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/),
  engagementId: str(128),
  name: str(2000),
  externalReferenceId: str(256),
  organizationId: str(128),
  organizationName: str(400),
  direction: str(16),
  status: str(32),
  substatus: str(32),
  statusReason: str(20_000),
  type: str(32),
  customerProfile: z
    .object({
      name: str(2000),
      address: z.object({ city: str(400), country: str(16) }).partial().nullish(),
      team: z.array(Person).max(200).nullish(),
      ids: z.object({ duns: str(64) }).partial().nullish(),
    })
    .partial()
    .nullish(),
  consent: z.object({ consentToShareInfoWithOthers: z.boolean().nullish(), consentToContact: z.boolean().nullish() }).partial().nullish(),
  details: z
    .object({
      notes: str(100_000),
      dealValue: z.number().nullish(),
      currency: str(16),
      closingDateTime: str(64),
      requirements: z
        .object({ solutions: z.array(z.object({ id: str(200), name: str(2000), type: str(64) }).partial()).max(200).nullish() })
        .partial()
        .nullish(),
    })
    .partial()
    .nullish(),
  team: z.array(Person).max(200).nullish(),
  inviteContext: z
    .object({ notes: str(100_000), invitedBy: z.object({ organizationId: str(128), organizationName: str(400) }).partial().nullish() })
    .partial()
    .nullish(),
  createdDateTime: str(64),
  updatedDateTime: str(64),
  expirationDateTime: str(64),
  acceptedDateTime: str(64),
  eTag: str(256),
});
export type PcReferral = z.infer<typeof PcReferral>;

const cut = (text: string | null | undefined, max: number): string => {
  const t = (text ?? '').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};
const blankToUndefined = (text: string | null | undefined): string | undefined => (text?.trim() ? text.trim() : undefined);

/** Partner Center's spellings, compared case-insensitively. */
const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

export function isIncoming(pc: PcReferral): boolean {
  return same(pc.direction, 'Incoming');
}

export function isClosed(pc: Pick<PcReferral, 'status'>): boolean {
  return same(pc.status, 'Closed');
}

function fromMicrosoft(pc: PcReferral): boolean {
  const by = pc.inviteContext?.invitedBy;
  return same(by?.organizationId, 'msft') || /^microsoft\b/i.test(by?.organizationName ?? '');
}

// ---------- in: a referral becomes an intake, validated exactly as the intake validates ----------

export type ToIntake = { ok: true; body: IntakeBody } | { ok: false; reason: string };

/**
 * The referral in the intake contract's shape, checked by the intake's own validation: a referral
 * the intake would refuse is refused here with the same per-field reasons.
 */
export function referralToIntake(tenantId: string, pc: PcReferral): ToIntake {
  const profile = pc.customerProfile ?? {};
  const details = pc.details ?? {};
  const invitedBy = pc.inviteContext?.invitedBy;
  const microsoft = fromMicrosoft(pc);
  const candidate = {
    id: pc.id,
    engagementId: blankToUndefined(pc.engagementId),
    tenantId,
    name: pc.name ?? undefined,
    location: profile.address?.country ?? undefined,
    sender: {
      type: microsoft ? 'Microsoft' : 'Partner',
      organizationName: blankToUndefined(invitedBy?.organizationName) ?? (microsoft ? 'Microsoft' : undefined),
    },
    customerProfile: {
      name: profile.name ?? undefined,
      address: { city: blankToUndefined(profile.address?.city), country: profile.address?.country ?? undefined },
      duns: blankToUndefined(profile.ids?.duns),
      team: (profile.team ?? []).map((t) => ({
        firstName: blankToUndefined(t.firstName),
        lastName: blankToUndefined(t.lastName),
        email: blankToUndefined(t.email),
        phoneNumber: blankToUndefined(t.phoneNumber),
      })),
    },
    details: {
      dealValue: details.dealValue ?? undefined,
      currency: details.currency ?? undefined,
      closingDateTime: details.closingDateTime ?? undefined,
      notes: blankToUndefined(cut(details.notes, NOTES_MAX)),
      requirements: {
        // Partner Center's "Category" solutions are Microsoft's own product categories.
        solutions: (details.requirements?.solutions ?? [])
          .filter((s) => s.name?.trim())
          .map((s) => ({ name: s.name!, ...(same(s.type, 'Category') ? { publisher: 'Microsoft' } : {}) })),
      },
    },
    inviteContext: { notes: blankToUndefined(cut(pc.inviteContext?.notes, NOTES_MAX)) },
    createdDateTime: blankToUndefined(pc.createdDateTime),
    expirationDateTime: blankToUndefined(pc.expirationDateTime),
  };
  const parsed = parseIntakeBody(candidate);
  return parsed.ok ? { ok: true, body: parsed.value } : { ok: false, reason: describeIssues(parsed.issues) };
}

export function describeIssues(issues: readonly { path: string; message: string }[]): string {
  return cut(issues.map((i) => `${i.path}: ${i.message}`).join('; '), 500);
}

/** Why a deal the mapping built would not be stored, in the same words; undefined when it would be. */
export function storeRefusal(deal: Deal): string | undefined {
  const parsed = Deal.safeParse(deal);
  if (parsed.success) return undefined;
  return describeIssues(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(deal)', message: translator().tk(i.message.startsWith('v.') ? i.message : 'v.invalid') })));
}

// ---------- the fields both sides change ----------

/** What Partner Center holds, normalised the way the deal keeps it, so equal means equal. */
export function fieldsOf(pc: PcReferral): PartnerCenterFields {
  const details = pc.details ?? {};
  return {
    status: pc.status ?? '',
    substatus: pc.substatus ?? '',
    name: cut(pc.name, 400),
    dealValue: details.dealValue ?? null,
    currency: (details.currency ?? '').trim().toUpperCase(),
    closeDate: (details.closingDateTime ?? '').trim().slice(0, 10),
    notes: cut(details.notes, NOTES_MAX),
    statusReason: cut(pc.statusReason, STATUS_REASON_MAX),
  };
}

const OUTCOMES: Readonly<Record<string, DealStatus>> = { won: 'won', lost: 'lost', declined: 'declined', expired: 'expired' };

/** Our status for Partner Center's status and substatus; undefined for one we do not know. */
export function dealStatusOf(fields: Pick<PartnerCenterFields, 'status' | 'substatus'>): DealStatus | undefined {
  if (same(fields.status, 'New')) return 'received';
  if (same(fields.status, 'Active')) return 'open';
  if (same(fields.status, 'Closed')) return OUTCOMES[fields.substatus.toLowerCase()];
  return undefined;
}

/** Partner Center's status and substatus for ours. */
export function statusFor(status: DealStatus): { status: string; substatus: string } {
  switch (status) {
    case 'received':
      return { status: 'New', substatus: 'Received' };
    case 'open':
      return { status: 'Active', substatus: 'Accepted' };
    default:
      return { status: 'Closed', substatus: status[0]!.toUpperCase() + status.slice(1) };
  }
}

/** A decline's reason and notes, or a loss's reason, as Partner Center's statusReason (in English: it is read by the other organization). */
function statusReasonOf(deal: Deal): string {
  const tr = translator();
  if (deal.status === 'declined' && deal.response?.action === 'declined') {
    const r = deal.response;
    const reason = r.reason === 'other' || !r.reason ? (r.reasonText ?? tr.t('declineReason.other')) : tr.tk(`declineReason.${r.reason}`);
    return cut([reason, r.notes].filter(Boolean).join(' — '), STATUS_REASON_MAX);
  }
  if (deal.status === 'lost') return cut(deal.lostReason, STATUS_REASON_MAX);
  return '';
}

/**
 * The deal's side of the fields, relative to what Partner Center last held: a status that still
 * means the same keeps Partner Center's spelling (New/Pending is our Received as much as
 * New/Received), and statusReason changes only with an outcome reached here.
 */
export function fieldsOfDeal(deal: Deal, base: PartnerCenterFields | undefined): PartnerCenterFields {
  const was = base ? dealStatusOf(base) : undefined;
  // Partner Center expires its referrals itself: our sweeper's expiry (at its expirationDateTime) is not sent.
  const keepStatus = base && (was === deal.status || (deal.status === 'expired' && was === 'received'));
  const status = keepStatus ? { status: base.status, substatus: base.substatus } : statusFor(deal.status);
  return {
    ...status,
    name: deal.name,
    dealValue: deal.value.amount,
    currency: deal.value.currency,
    closeDate: deal.closeDate,
    notes: deal.notes ?? '',
    statusReason: keepStatus ? base.statusReason : statusReasonOf(deal),
  };
}

type Group = 'status' | 'name' | 'value' | 'closeDate' | 'notes';
const GROUPS: Readonly<Record<Group, readonly (keyof PartnerCenterFields)[]>> = {
  status: ['status', 'substatus', 'statusReason'],
  name: ['name'],
  value: ['dealValue', 'currency'],
  closeDate: ['closeDate'],
  notes: ['notes'],
};
const GROUP_NAMES = Object.keys(GROUPS) as Group[];

function sameGroup(a: PartnerCenterFields, b: PartnerCenterFields, group: Group): boolean {
  return GROUPS[group].every((k) => (typeof a[k] === 'string' ? (a[k] as string).toLowerCase() === String(b[k]).toLowerCase() : a[k] === b[k]));
}

/** The groups of fields that differ. */
export function changedGroups(from: PartnerCenterFields, to: PartnerCenterFields): Group[] {
  return GROUP_NAMES.filter((g) => !sameGroup(from, to, g));
}

/** Whether the deal has changes Partner Center has not been sent yet. */
export function hasLocalChanges(deal: Deal): boolean {
  const link = deal.partnerCenter;
  if (!link?.referralId || !link.synced) return Boolean(link && !link.referralId);
  return changedGroups(link.synced, fieldsOfDeal(deal, link.synced)).length > 0;
}

// ---------- out: JSON Patch and the body of a new referral ----------

export interface PatchOp {
  readonly op: 'replace' | 'add';
  readonly path: string;
  readonly value: unknown;
}

const PATHS: Readonly<Record<keyof PartnerCenterFields, string>> = {
  status: '/status',
  substatus: '/substatus',
  statusReason: '/statusReason',
  name: '/name',
  dealValue: '/details/dealValue',
  currency: '/details/currency',
  closeDate: '/details/closingDateTime',
  notes: '/details/notes',
};

/** Partner Center's form of a value we keep. */
function wireValue(key: keyof PartnerCenterFields, fields: PartnerCenterFields): unknown {
  return key === 'closeDate' ? `${fields.closeDate}T00:00:00Z` : fields[key];
}

/**
 * The JSON Patch that takes Partner Center from `base` to `target`, for the given groups (all that
 * differ by default): `replace` where it has a value, `add` where it has none (Partner Center accepts
 * only these two).
 */
export function patchOps(base: PartnerCenterFields, target: PartnerCenterFields, groups: readonly Group[] = changedGroups(base, target)): PatchOp[] {
  const ops: PatchOp[] = [];
  for (const group of groups) {
    for (const key of GROUPS[group]) {
      // Status and substatus travel together: Partner Center checks the pair.
      if (base[key] === target[key] && key !== 'status' && key !== 'substatus') continue;
      const empty = base[key] === null || base[key] === '';
      ops.push({ op: empty ? 'add' : 'replace', path: PATHS[key], value: wireValue(key, target) });
    }
  }
  return ops;
}

const nameParts = (name: string) => {
  const parts = name.trim().split(/\s+/);
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
};

/** The body that creates a deal of the bot in Partner Center. */
export function createBody(deal: Deal): Record<string, unknown> {
  const fields = fieldsOfDeal(deal, undefined);
  return {
    name: deal.name,
    externalReferenceId: deal.id,
    direction: 'Outgoing',
    status: fields.status,
    substatus: fields.substatus,
    type: deal.microsoft.status === 'notInvited' ? 'Independent' : 'Shared',
    customerProfile: {
      name: deal.customer.name,
      address: { ...(deal.customer.city ? { city: deal.customer.city } : {}), country: deal.customer.country },
      team: deal.customer.contacts
        .filter((c) => c.name || c.email)
        .map((c) => ({ ...nameParts(c.name ?? ''), ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phoneNumber: c.phone } : {}) })),
      ...(deal.customer.duns ? { ids: { duns: deal.customer.duns } } : {}),
    },
    consent: { consentToShareInfoWithOthers: deal.customer.contactConsent, consentToContact: deal.customer.contactConsent },
    details: {
      ...(deal.notes ? { notes: deal.notes } : {}),
      dealValue: deal.value.amount,
      currency: deal.value.currency,
      closingDateTime: `${deal.closeDate}T00:00:00Z`,
      requirements: { solutions: deal.solutions.map((s) => ({ name: s.name, ...(s.id ? { id: s.id } : {}) })) },
    },
    team: deal.team.map((t) => ({ ...nameParts(t.name), email: t.email, phoneNumber: t.phone })),
  };
}

// ---------- what a change in Partner Center does to the deal ----------

/** A link that says the deal and Partner Center agree, as of `pc`. */
export function syncedLink(pc: PcReferral, now: DateTime): PartnerCenterLink {
  return { referralId: pc.id, ...(pc.eTag ? { eTag: pc.eTag } : {}), synced: fieldsOf(pc), state: 'synced', at: isoInstant(now) };
}

/**
 * Take Partner Center's values for the given groups into the deal: the status as the transition it
 * is (accepted, declined, won, lost, expired there), the other fields as an edit, each on the
 * history as done by Partner Center. Returns the deal unchanged when nothing moves.
 */
export function takeRemote(deal: Deal, remote: PartnerCenterFields, groups: readonly Group[], now: DateTime, rules: TimeRules, acceptedAt?: string): Deal {
  const ctx = { actor: PARTNER_CENTER_ACTOR, now };
  const next: Deal = { ...deal };
  const history: HistoryEntry[] = [];
  const edited: string[] = [];
  if (groups.includes('name') && remote.name && remote.name !== deal.name) {
    next.name = remote.name;
    edited.push('name');
  }
  if (groups.includes('value') && remote.dealValue !== null && (remote.dealValue !== deal.value.amount || remote.currency !== deal.value.currency)) {
    next.value = { amount: remote.dealValue, currency: remote.currency };
    edited.push('value');
  }
  if (groups.includes('closeDate') && remote.closeDate && remote.closeDate !== deal.closeDate) {
    next.closeDate = remote.closeDate;
    edited.push('closeDate');
  }
  if (groups.includes('notes') && remote.notes !== (deal.notes ?? '')) {
    next.notes = remote.notes || undefined;
    edited.push('notes');
  }
  if (edited.length > 0) history.push(entry('edited', ctx, { detail: edited.join(',') }));
  const status = groups.includes('status') ? dealStatusOf(remote) : undefined;
  // Nothing goes back to Received: Partner Center never reopens an answered referral.
  if (status && status !== deal.status && status !== 'received') {
    next.status = status;
    const reason = remote.statusReason ? cut(remote.statusReason, 200) : undefined;
    switch (status) {
      case 'open':
        next.salesStage = deal.salesStage && deal.salesStage !== 'won' ? deal.salesStage : deal.inbound ? 'accepted' : 'created';
        // Accepted there, perhaps just before our sweeper expired it here (Partner Center decides expiry).
        if (deal.status === 'received' || deal.status === 'expired') {
          next.response = { action: 'accepted', at: acceptedAt ? isoInstant(DateTime.fromISO(acceptedAt, { zone: 'utc' })) : isoInstant(now), by: PARTNER_CENTER_ACTOR };
          history.push(entry('accepted', ctx, { stage: 'accepted' }));
        }
        break;
      case 'declined':
        next.response = { action: 'declined', at: isoInstant(now), by: PARTNER_CENTER_ACTOR, reason: 'other', ...(reason ? { reasonText: reason } : {}) };
        history.push(entry('declined', ctx, { detail: 'other' }));
        break;
      case 'won':
        next.salesStage = 'won';
        history.push(entry('won', ctx, { stage: 'won' }));
        break;
      case 'lost':
        next.lostReason = reason;
        history.push(entry('lost', ctx, reason ? { detail: reason } : {}));
        break;
      case 'expired':
        history.push(entry('expired', ctx));
        break;
    }
  }
  return history.length === 0 && next.status === deal.status ? deal : changed(next, ctx, rules, history);
}

/**
 * Partner Center's referral changed (a webhook or the poll): take what changed there into the deal.
 * Three sides: what both last agreed on (the link's `synced`), the deal now, Partner Center now. A
 * field only Partner Center changed is taken; a field the deal changed and Partner Center did not is
 * left for the outbound change to send; a field both changed is left for it too, and its 412 decides.
 * Only when the deal has nothing unsent does the link move to Partner Center's version.
 */
export function mergeRemote(deal: Deal, pc: PcReferral, now: DateTime, rules: TimeRules): Deal {
  const link = deal.partnerCenter;
  const remote = fieldsOf(pc);
  const base = link?.synced ?? fieldsOfDeal(deal, remote);
  const local = fieldsOfDeal(deal, base);
  const localChanged = new Set(changedGroups(base, local));
  const take = changedGroups(base, remote).filter((g) => !localChanged.has(g));
  const merged = takeRemote(deal, remote, take, now, rules, pc.acceptedDateTime ?? undefined);
  if (localChanged.size > 0) return merged;
  // The version we already know (a repeated webhook, the poll after a webhook): keep the link as it is,
  // a conflict note included; a newer version replaces the link, and with it any old conflict.
  if (link && link.referralId === pc.id && link.eTag === (pc.eTag ?? undefined)) return merged;
  return { ...merged, partnerCenter: syncedLink(pc, now) };
}

/** How the deal stands with Partner Center, for its card. */
export interface SyncState {
  readonly state: 'synced' | 'pending' | 'conflict';
  /** Since when. */
  readonly at: string;
  readonly conflict?: PartnerCenterLink['conflict'];
}

export function syncStateOf(deal: Deal): SyncState | undefined {
  const link = deal.partnerCenter;
  if (!link) return undefined;
  // A conflict stands until the deal changes again (a referral gone from Partner Center keeps our changes unsent).
  const conflictStands = link.state === 'conflict' && link.at >= deal.updatedAt;
  if (!conflictStands && hasLocalChanges(deal)) return { state: 'pending', at: link.referralId ? deal.updatedAt : link.at };
  return { state: link.state, at: link.at, ...(link.state === 'conflict' && link.conflict ? { conflict: link.conflict } : {}) };
}

/** Partner Center's transitions (New → Active|Closed, Active → Closed, Closed is final), on our statuses. */
function transitionAllowed(from: DealStatus | undefined, to: DealStatus): boolean {
  if (from === to) return true;
  if (from === 'received') return to !== 'received';
  if (from === 'open') return to !== 'received' && to !== 'open';
  return false;
}

/**
 * Partner Center answered 412: someone changed the referral since our base. Rebase the deal onto its
 * current version: what only Partner Center changed is taken; a change of ours to a field Partner
 * Center did not touch is kept, to be sent again with the new eTag; a change of ours to a field it
 * also changed — or a status it can no longer move to — gives way to Partner Center's, and the link
 * records the conflict so that the card says what happened.
 */
export function rebase(deal: Deal, pc: PcReferral, now: DateTime, rules: TimeRules): { deal: Deal; dropped: Group[] } {
  const link = deal.partnerCenter;
  const remote = fieldsOf(pc);
  const base = link?.synced ?? remote;
  const local = fieldsOfDeal(deal, base);
  const ours = changedGroups(base, local);
  const theirs = changedGroups(base, remote);
  const dropped = ours.filter((g) => theirs.includes(g) && !sameGroup(local, remote, g));
  if (ours.includes('status') && !dropped.includes('status') && !transitionAllowed(dealStatusOf(remote), deal.status)) dropped.push('status');
  const take = [...theirs.filter((g) => !ours.includes(g)), ...dropped];
  const merged = takeRemote(deal, remote, take, now, rules, pc.acceptedDateTime ?? undefined);
  const conflict = dropped.length > 0 ? { code: 'keptRemote' as const, remoteStatus: `${remote.status}/${remote.substatus}` } : undefined;
  return {
    deal: { ...merged, partnerCenter: { ...syncedLink(pc, now), ...(conflict ? { state: 'conflict' as const, conflict } : {}) } },
    dropped,
  };
}
