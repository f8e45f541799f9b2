import type { z } from 'zod';
import { isoInstant, type Clock } from '../clock';
import { parseContactsCsv, type CsvError } from '../domain/coSellReadiness';
import type { Member, Organization, Solution } from '../domain/model';
import { newOfferId } from '../domain/ids';
import {
  activateOfferBenefit,
  addDocument,
  assignOfferMarketingContact,
  authorizeOfferChange,
  BenefitInput,
  CoSellTabInput,
  createOffer,
  DocumentInput,
  editOfferDetails,
  importContacts,
  MarketingContactInput,
  offerDetailsInput,
  ownSolutionOf,
  recordBenefitContact,
  recordRewardsMessage,
  removeDocument,
  setCoSellTab,
  type Offer,
  type OfferContext,
} from '../domain/offers';
import { recordAssessmentVetting } from '../domain/organization';
import { ok, refuse, type Refusal, type Result } from '../domain/result';
import { todayFor } from '../domain/change';
import { actorOf } from '../deals/runner';
import { InvalidContinuationTokenError } from '../store/pagination';
import { AlreadyExistsError, ConflictError, type Store, type Stored } from '../store/ports';
import { decodeCsvFile, MAX_CSV_BYTES, type FileProblem } from './contactsFile';

/** Which offer, in which organization. */
export interface OfferRef {
  readonly tenantId: string;
  readonly offerId: string;
}

export type OfferOutcome =
  /** Saved (or nothing to change). */
  | { readonly kind: 'done'; readonly offer: Offer; readonly changed: boolean }
  | { readonly kind: 'removed'; readonly name: string }
  /** A rule refused; `offer` is the current state when there is one. */
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly offer?: Offer }
  /** The form did not validate; nothing was saved. */
  | { readonly kind: 'invalid'; readonly error: z.ZodError; readonly offer?: Offer }
  /** No such offer in the member's organization (another organization's offers are never visible). */
  | { readonly kind: 'notFound' };

export type ImportOutcome =
  | OfferOutcome
  /** Rows that do not follow the template: nothing was imported, the contacts are as they were. */
  | { readonly kind: 'csvErrors'; readonly errors: readonly CsvError[]; readonly offer: Offer }
  /** The file could not be read as CSV at all (too big, binary, not UTF-8): nothing was imported. */
  | { readonly kind: 'fileRejected'; readonly problem: FileProblem; readonly offer: Offer };

export type OfferPage = { readonly kind: 'page'; readonly offers: Offer[]; readonly continuationToken?: string } | { readonly kind: 'badToken' };

export interface OfferCatalogDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Offer ids are random; tests may fix the source. */
  readonly random?: () => number;
}

export const OFFER_PAGE_SIZE = 10;
const MAX_ATTEMPTS = 5;

type Change = (offer: Offer, ctx: OfferContext) => Result<Offer> | { readonly invalid: z.ZodError };

/**
 * The organization's own offers: listing and viewing them (every member), and each change a referral
 * admin makes — load, check who acts, validate what was typed, apply the domain rule, save with the
 * etag; on a conflict, load again and re-apply, so a rule always decides on the state it is saved
 * over. Nothing of another organization is ever read for a member: the tenant is the member's own.
 */
export class OfferCatalog {
  constructor(private readonly deps: OfferCatalogDeps) {}

  private context(member: Member): OfferContext {
    return { actor: actorOf(member), now: this.deps.clock.now() };
  }

  private today(member: Member): string {
    return todayFor({ now: this.deps.clock.now(), zone: member.timeZone });
  }

  async organization(tenantId: string): Promise<Organization | undefined> {
    return (await this.deps.store.organizations.get(tenantId))?.value;
  }

  async list(member: Member, continuationToken?: string): Promise<OfferPage> {
    try {
      const page = await this.deps.store.offers.list(member.tenantId, { limit: OFFER_PAGE_SIZE, continuationToken });
      return { kind: 'page', offers: page.items.map((s) => s.value), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
    } catch (err) {
      if (err instanceof InvalidContinuationTokenError) return { kind: 'badToken' };
      throw err;
    }
  }

  /** One offer of the member's organization. */
  async view(member: Member, ref: OfferRef): Promise<Offer | undefined> {
    if (ref.tenantId !== member.tenantId) return undefined;
    return (await this.deps.store.offers.get(ref.tenantId, ref.offerId))?.value;
  }

  private async all(tenantId: string): Promise<Offer[]> {
    const offers: Offer[] = [];
    let token: string | undefined;
    do {
      const page = await this.deps.store.offers.list(tenantId, { limit: 200, continuationToken: token });
      offers.push(...page.items.map((s) => s.value));
      token = page.continuationToken;
    } while (token);
    return offers;
  }

  /** "My company's solutions" for deals (003): the organization's live, co-sell ready offers. */
  async ownSolutions(tenantId: string): Promise<Solution[]> {
    const now = this.deps.clock.now();
    return (await this.all(tenantId)).map((o) => ownSolutionOf(o, now)).filter((s): s is Solution => s !== undefined);
  }

  /** An offer's name must tell it apart on deals, where solutions are shown by name. */
  private async nameTaken(tenantId: string, name: string, except?: string): Promise<boolean> {
    const lower = name.toLowerCase();
    return (await this.all(tenantId)).some((o) => o.id !== except && o.name.toLowerCase() === lower);
  }

  async create(member: Member, raw: unknown): Promise<OfferOutcome> {
    const allowed = authorizeOfferChange(member);
    if (!allowed.ok) return { kind: 'refused', refusal: allowed.refusal };
    const input = offerDetailsInput(this.today(member)).safeParse(raw);
    if (!input.success) return { kind: 'invalid', error: input.error };
    if (await this.nameTaken(member.tenantId, input.data.name)) return { kind: 'refused', refusal: { code: 'offer_name_taken', params: { name: input.data.name } } };
    for (let attempt = 0; attempt < 3; attempt++) {
      const offer = createOffer(newOfferId(this.deps.random), member.tenantId, input.data, this.context(member));
      try {
        return { kind: 'done', offer: (await this.deps.store.offers.create(offer)).value, changed: true };
      } catch (err) {
        // A collision of random ids (60 bits: all but impossible): draw again.
        if (!(err instanceof AlreadyExistsError)) throw err;
      }
    }
    throw new Error('could not find a free offer id');
  }

  async editDetails(member: Member, ref: OfferRef, raw: unknown): Promise<OfferOutcome> {
    const input = offerDetailsInput(this.today(member)).safeParse(raw);
    if (input.success && (await this.nameTaken(ref.tenantId, input.data.name, ref.offerId))) {
      const offer = await this.view(member, ref);
      return offer ? { kind: 'refused', refusal: { code: 'offer_name_taken', params: { name: input.data.name } }, offer } : { kind: 'notFound' };
    }
    return this.change(member, ref, (offer, ctx) => (input.success ? ok(editOfferDetails(offer, input.data, ctx)) : { invalid: input.error }));
  }

  async setCoSellTab(member: Member, ref: OfferRef, raw: unknown): Promise<OfferOutcome> {
    const input = CoSellTabInput.safeParse(raw);
    return this.change(member, ref, (offer, ctx) => (input.success ? ok(setCoSellTab(offer, input.data, ctx)) : { invalid: input.error }));
  }

  async addDocument(member: Member, ref: OfferRef, raw: unknown): Promise<OfferOutcome> {
    const input = DocumentInput.safeParse(raw);
    return this.change(member, ref, (offer, ctx) => (input.success ? addDocument(offer, input.data, ctx) : { invalid: input.error }));
  }

  async removeDocument(member: Member, ref: OfferRef, index: number, key: string): Promise<OfferOutcome> {
    return this.change(member, ref, (offer, ctx) => removeDocument(offer, index, key, ctx));
  }

  /**
   * Import the contacts CSV (000, 004): every row is checked against the template; either all of them
   * replace every existing contact, or nothing changes and each bad row comes back with why. Text
   * longer than MAX_CSV_BYTES is refused before it is read.
   */
  async importContacts(member: Member, ref: OfferRef, text: string): Promise<ImportOutcome> {
    const offer = await this.view(member, ref);
    if (!offer) return { kind: 'notFound' };
    const allowed = authorizeOfferChange(member);
    if (!allowed.ok) return { kind: 'refused', refusal: allowed.refusal, offer };
    if (Buffer.byteLength(text, 'utf8') > MAX_CSV_BYTES) return { kind: 'fileRejected', problem: 'tooLarge', offer };
    const parsed = parseContactsCsv(text);
    if ('errors' in parsed) return { kind: 'csvErrors', errors: parsed.errors, offer };
    return this.change(member, ref, (current, ctx) => importContacts(current, parsed.contacts, ctx));
  }

  /** The same, for the bytes of a file sent in chat: bounded, then refused when binary or not UTF-8. */
  async importContactsFile(member: Member, ref: OfferRef, bytes: Uint8Array): Promise<ImportOutcome> {
    const offer = await this.view(member, ref);
    if (!offer) return { kind: 'notFound' };
    const allowed = authorizeOfferChange(member);
    if (!allowed.ok) return { kind: 'refused', refusal: allowed.refusal, offer };
    const decoded = decodeCsvFile(bytes);
    if (!decoded.ok) return { kind: 'fileRejected', problem: decoded.problem, offer };
    return this.importContacts(member, ref, decoded.text);
  }

  async remove(member: Member, ref: OfferRef): Promise<OfferOutcome> {
    if (ref.tenantId !== member.tenantId) return { kind: 'notFound' };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.deps.store.offers.get(ref.tenantId, ref.offerId);
      if (!stored) return { kind: 'notFound' };
      const allowed = authorizeOfferChange(member);
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.refusal, offer: stored.value };
      try {
        await this.deps.store.offers.delete(ref.tenantId, ref.offerId, stored.etag);
        return { kind: 'removed', name: stored.value.name };
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    throw new ConflictError('offer', ref.offerId);
  }

  /**
   * Assign the offer's company marketing contact (002): a member of the organization, the email the
   * rewards team writes to (not the company's Partner Center account email, which is kept on the
   * organization for this check), a phone and a default language.
   */
  async assignMarketingContact(member: Member, ref: OfferRef, raw: unknown): Promise<OfferOutcome> {
    const input = MarketingContactInput.safeParse(raw);
    if (!input.success) return this.change(member, ref, () => ({ invalid: input.error }));
    const { contact, accountEmail } = input.data;
    const isMember = (await this.deps.store.members.get(member.tenantId, contact.userId)) !== undefined;
    const outcome = await this.change(member, ref, (offer, ctx) => assignOfferMarketingContact(offer, accountEmail, contact, isMember, ctx));
    if (outcome.kind === 'done') {
      const at = isoInstant(this.deps.clock.now());
      await this.changeOrganization(member.tenantId, (org) => ok(org.partnerCenterAccountEmail === accountEmail ? org : { ...org, partnerCenterAccountEmail: accountEmail, updatedAt: at }));
    }
    return outcome;
  }

  async activateBenefit(member: Member, ref: OfferRef, raw: unknown): Promise<OfferOutcome> {
    const input = BenefitInput.safeParse(raw);
    return this.change(member, ref, (offer, ctx) => (input.success ? activateOfferBenefit(offer, input.data.name, ctx) : { invalid: input.error }));
  }

  async recordBenefitContact(member: Member, ref: OfferRef, benefitId: string): Promise<OfferOutcome> {
    return this.change(member, ref, (offer, ctx) => recordBenefitContact(offer, benefitId, ctx));
  }

  async recordRewardsMessage(member: Member, ref: OfferRef): Promise<OfferOutcome> {
    return this.change(member, ref, (offer, ctx) => ok(recordRewardsMessage(offer, ctx)));
  }

  /** A referral admin with global scope records whether the organization is vetted for solution assessments (003). */
  async recordAssessmentVetting(member: Member, vetted: boolean): Promise<Result<Organization>> {
    return this.changeOrganization(member.tenantId, (org) => recordAssessmentVetting(org, member, vetted, this.deps.clock.now()));
  }

  private async changeOrganization(tenantId: string, apply: (org: Organization) => Result<Organization>): Promise<Result<Organization>> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.deps.store.organizations.get(tenantId);
      if (!stored) return refuse('not_permitted');
      const result = apply(stored.value);
      if (!result.ok || result.value === stored.value) return result;
      try {
        return ok((await this.deps.store.organizations.update(result.value, stored.etag)).value);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    throw new ConflictError('organization', tenantId);
  }

  /** The story every change follows; see the class comment. */
  private async change(member: Member, ref: OfferRef, apply: Change): Promise<OfferOutcome> {
    if (ref.tenantId !== member.tenantId) return { kind: 'notFound' };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored: Stored<Offer> | undefined = await this.deps.store.offers.get(ref.tenantId, ref.offerId);
      if (!stored) return { kind: 'notFound' };
      const allowed = authorizeOfferChange(member);
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.refusal, offer: stored.value };
      const result = apply(stored.value, this.context(member));
      if ('invalid' in result) return { kind: 'invalid', error: result.invalid, offer: stored.value };
      if (!result.ok) return { kind: 'refused', refusal: result.refusal, offer: stored.value };
      if (result.value === stored.value) return { kind: 'done', offer: stored.value, changed: false };
      try {
        return { kind: 'done', offer: (await this.deps.store.offers.update(result.value, stored.etag)).value, changed: true };
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    throw new ConflictError('offer', ref.offerId);
  }
}
