import { DateTime } from 'luxon';
import type { CosmosClient } from '@azure/cosmos';
import type { Store } from '../ports';
import { createClient, openContainers, type ClientOptions, type Containers } from './client';
import { Collection, RequestMeter } from './collection';
import { CosmosCardCopies, CosmosConversations } from './conversations';
import { CosmosDeals } from './deals';
import { CosmosMembers, CosmosOrganizations } from './directory';
import { CosmosIdempotency, CosmosStateStorage } from './keyValue';
import { CosmosOffers } from './offers';
import { CosmosOutbox } from './outbox';
import { CosmosPartnerCenterConnections } from './partnerCenter';
import { Schedule } from './schedule';

export interface CosmosStoreOptions extends ClientOptions {
  readonly database: string;
  /** Create the database and containers when missing; off for accounts where the bot may not. */
  readonly createContainers: boolean;
  /**
   * Outbox items still inside a deal this long after its write belong to a writer that died before
   * relaying them; claims look for such deals at most this often. Default 30 s.
   */
  readonly strandedOutboxAfterMs?: number;
}

/** Azure Cosmos DB (NoSQL API). See docs/cosmos.md for the containers, partition keys and costs. */
export class CosmosStore implements Store {
  readonly kind = 'cosmos' as const;
  readonly deals;
  readonly offers;
  readonly organizations;
  readonly members;
  readonly conversations;
  readonly cardCopies;
  readonly outbox;
  readonly idempotency;
  readonly botState;
  readonly partnerCenter;
  /** Request units this store has spent, as the service reported them. */
  readonly meter = new RequestMeter();
  private readonly health;
  private nextStrandedScan = 0;
  private closed = false;

  private constructor(
    private readonly client: CosmosClient,
    containers: Containers,
    private readonly strandedAfterMs: number,
  ) {
    const collection = (name: keyof Containers) => new Collection(containers[name], this.meter);
    this.outbox = new CosmosOutbox(collection('outbox'), () => this.relayStranded());
    this.deals = new CosmosDeals(collection('deals'), new Schedule(collection('schedule')), this.outbox);
    this.offers = new CosmosOffers(collection('offers'), this.outbox);
    this.organizations = new CosmosOrganizations(collection('directory'));
    this.members = new CosmosMembers(collection('directory'));
    this.conversations = new CosmosConversations(collection('conversations'));
    this.cardCopies = new CosmosCardCopies(collection('conversations'));
    this.idempotency = new CosmosIdempotency(collection('idempotency'));
    this.health = collection('botState');
    this.botState = new CosmosStateStorage(this.health);
    this.partnerCenter = new CosmosPartnerCenterConnections(collection('directory'));
  }

  static async open(options: CosmosStoreOptions): Promise<CosmosStore> {
    const client = createClient(options);
    try {
      const containers = await openContainers(client, options.database, options.createContainers);
      return new CosmosStore(client, containers, options.strandedOutboxAfterMs ?? 30_000);
    } catch (err) {
      client.dispose();
      throw err;
    }
  }

  /** The first claim after start-up looks at once: a restart is when a writer has most likely just died. */
  private async relayStranded(): Promise<void> {
    if (Date.now() < this.nextStrandedScan) return;
    this.nextStrandedScan = Date.now() + this.strandedAfterMs;
    const before = DateTime.utc().minus({ milliseconds: this.strandedAfterMs }).toISO() as string;
    await this.deals.relayStranded(before);
    await this.offers.relayStranded(before);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('store is closed');
    // A store that can be read but not written is not usable.
    await this.health.upsert({ id: 'healthz', at: new Date().toISOString() });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.dispose();
  }
}
