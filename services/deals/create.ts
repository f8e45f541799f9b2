import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { DealDraftInput } from '../domain/inputs';
import { createDeal } from '../domain/lifecycle';
import type { Deal, Member, Organization, Solution, TeamMember } from '../domain/model';
import { refuse, type Refusal, type Result } from '../domain/result';
import type { TimeRules } from '../domain/schedule';
import { canView } from '../domain/visibility';
import type { Effects } from '../notifications/effects';
import type { OfferCatalog } from '../solutions/offers';
import { AlreadyExistsError, type Store } from '../store/ports';
import { visibleTo } from './access';
import { contextFor } from './runner';

export interface DealCreationDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly timeRules: TimeRules;
  readonly effects: Effects;
  /** "My company's solutions": the organization's live, co-sell ready offers (services/solutions). */
  readonly offers: Pick<OfferCatalog, 'ownSolutions'>;
  /** Deal ids are random; tests may fix the source. */
  readonly random?: () => number;
  /** Whether the organization is connected to Partner Center: its new deals are created there too. */
  readonly partnerCenter?: { isConnected(tenantId: string): Promise<boolean> };
}

export type CreationOutcome = { readonly kind: 'created'; readonly deal: Deal } | { readonly kind: 'refused'; readonly refusal: Refusal };

/** An organization found by partner search. */
export interface PartnerMatch {
  readonly tenantId: string;
  readonly name: string;
}

const RECENT_DEALS = 30;
const RECENT_CONTACTS = 8;

/** A deterministic byte source for the deal id (domain/ids.ts newDealId reads one byte per call). */
function randomFrom(key: string): () => number {
  const bytes = createHash('sha256').update(key).digest();
  let i = 0;
  return () => bytes[i++ % bytes.length]! / 256;
}

/**
 * Creating a deal, and what the six creation steps need to look up: the organization (its co-sell
 * ready solutions, whether it is vetted for assessments), contacts from its earlier deals, and
 * partners by name. No Teams here.
 */
/** How many of the organization's newest deals say which currency it usually uses. */
const USUAL_CURRENCY_DEALS = 50;

export class DealCreation {
  constructor(private readonly deps: DealCreationDeps) {}

  async organization(tenantId: string): Promise<Organization | undefined> {
    return (await this.deps.store.organizations.get(tenantId))?.value;
  }

  /**
   * Create the deal from the six steps: the domain's createDeal decides; the deal and what it causes
   * (P2P invitations to organizations of this deployment) are written together.
   */
  async create(member: Member, draft: DealDraftInput, idempotencyKey?: string): Promise<CreationOutcome> {
    const org = await this.organization(member.tenantId);
    if (!org) return { kind: 'refused', refusal: { code: 'not_permitted' } };
    const ctx = contextFor(member, this.deps.clock.now());
    const linked = (await this.deps.partnerCenter?.isConnected(member.tenantId)) ?? false;
    for (let attempt = 0; attempt < 3; attempt++) {
      // With a key, the first id derives from it, so the same creation sent twice lands on one deal.
      const random = idempotencyKey && attempt === 0 ? randomFrom(idempotencyKey) : this.deps.random;
      const result = createDeal(draft, org, ctx, this.deps.timeRules, random);
      if (!result.ok) return { kind: 'refused', refusal: result.refusal };
      const deal: Deal = linked ? { ...result.value, partnerCenter: { state: 'pending', at: result.value.createdAt } } : result.value;
      try {
        const outbox = [...this.deps.effects.partnerInvitations(deal, deal.invitations), ...this.deps.effects.partnerCenterPush(deal)];
        const saved = await this.deps.store.deals.create(deal, { outbox });
        return { kind: 'created', deal: saved.value };
      } catch (err) {
        if (!(err instanceof AlreadyExistsError)) throw err;
        const existing = idempotencyKey && attempt === 0 ? (await this.deps.store.deals.get(deal.tenantId, deal.id))?.value : undefined;
        if (existing && existing.createdBy.id === member.userId && existing.direction === 'outbound') return { kind: 'created', deal: existing };
        // Otherwise a collision of random ids (60 bits: all but impossible): draw again.
      }
    }
    throw new Error('could not find a free deal id');
  }

  /**
   * What the deal would be if created now, without saving it: the creation summary shows its type
   * and whether its creator will see it, and any refusal, before the seller confirms.
   */
  async preview(member: Member, draft: DealDraftInput): Promise<Result<Deal>> {
    const org = await this.organization(member.tenantId);
    if (!org) return refuse('not_permitted');
    return createDeal(draft, org, contextFor(member, this.deps.clock.now()), this.deps.timeRules);
  }

  /**
   * Contacts used on the organization's earlier deals, newest first, for one-click reuse on the team
   * step — only from deals this member may see.
   */
  async recentContacts(member: Member, exclude: readonly string[] = []): Promise<TeamMember[]> {
    const page = await this.deps.store.deals.list(member.tenantId, visibleTo(member), { limit: RECENT_DEALS });
    const seen = new Set(exclude.map((e) => e.toLowerCase()));
    const contacts: TeamMember[] = [];
    for (const { value: deal } of page.items) {
      if (!canView(member, deal)) continue;
      for (const person of deal.team) {
        const key = person.email.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        contacts.push(person);
        if (contacts.length >= RECENT_CONTACTS) return contacts;
      }
    }
    return contacts;
  }

  /**
   * The currency the organization usually deals in, to prefill a new deal's: the one most used on its
   * newest deals (on a tie, the one used most recently), EUR while it has none. Only a currency code
   * comes out, whoever asks: it tells nothing of any deal.
   */
  async usualCurrency(tenantId: string): Promise<string> {
    const page = await this.deps.store.deals.list(tenantId, {}, { limit: USUAL_CURRENCY_DEALS });
    const counts = new Map<string, number>();
    for (const { value: deal } of page.items) counts.set(deal.value.currency, (counts.get(deal.value.currency) ?? 0) + 1);
    let usual = 'EUR';
    let most = 0;
    // Newest first: a later currency must be used strictly more often to win.
    for (const [currency, count] of counts) {
      if (count > most) [usual, most] = [currency, count];
    }
    return usual;
  }

  /** Partner search: organizations of this deployment whose name contains the text, never the member's own. */
  async searchPartners(member: Member, text: string): Promise<PartnerMatch[]> {
    const query = text.trim();
    if (query.length < 2) return [];
    const found = await this.deps.store.organizations.searchByName(query, 11);
    return found.filter((o) => o.tenantId !== member.tenantId).slice(0, 10).map((o) => ({ tenantId: o.tenantId, name: o.name }));
  }

  /** The organization's co-sell ready solutions ("my company's solutions"): its live, co-sell ready offers. */
  ownSolutions(tenantId: string): Promise<Solution[]> {
    return this.deps.offers.ownSolutions(tenantId);
  }
}
