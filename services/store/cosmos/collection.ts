import type { Container, ItemDefinition, SqlQuerySpec } from '@azure/cosmos';
import { StoreUnavailableError } from '../ports';

/** Request units spent by this store since it was opened, as the service reports them on every response. */
export class RequestMeter {
  private spent = 0;

  get total(): number {
    return this.spent;
  }

  add(charge: number | undefined): void {
    if (charge !== undefined && Number.isFinite(charge)) this.spent += charge;
  }
}

/** A document as written: its id, its partition key field and our fields. */
export type WriteDocument = ItemDefinition & { readonly id: string };

/** The replaced document, or why there was none: a stale etag (412) or no such document (404). */
type Replaced = { readonly doc: unknown } | 'conflict' | 'missing';

function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

function chargeOf(err: unknown): number | undefined {
  const headers = (err as { headers?: Record<string, unknown> } | undefined)?.headers;
  const charge = Number(headers?.['x-ms-request-charge']);
  return Number.isFinite(charge) ? charge : undefined;
}

/**
 * Throttling that outlasted the SDK's retry budget (429), a service that is unavailable (503) and a
 * refused connection all mean the request was not carried out: the caller may try again later.
 * Anything else is passed on unchanged.
 */
function unavailable(err: unknown): StoreUnavailableError | undefined {
  const status = statusOf(err);
  const code = (err as { code?: unknown } | undefined)?.code;
  if (status !== 429 && status !== 503 && code !== 'ECONNREFUSED') return undefined;
  const retryAfter = (err as { retryAfterInMs?: unknown }).retryAfterInMs;
  const message = status === 429 ? 'Azure Cosmos DB is throttling requests (429) beyond the retry budget' : 'Azure Cosmos DB is unavailable';
  return new StoreUnavailableError(message, typeof retryAfter === 'number' ? retryAfter : undefined, { cause: err });
}

/**
 * One container, reduced to the operations the repositories need, with the SDK's status codes turned
 * into values (a taken id, a stale etag, a missing document) and every request's charge metered.
 */
export class Collection {
  constructor(
    private readonly container: Container,
    private readonly meter: RequestMeter,
  ) {}

  private async call<T extends { requestCharge?: number }>(op: () => Promise<T>): Promise<T> {
    try {
      const response = await op();
      this.meter.add(response.requestCharge);
      return response;
    } catch (err) {
      this.meter.add(chargeOf(err));
      throw unavailable(err) ?? err;
    }
  }

  /** Point read; undefined when there is no such document. */
  async read(id: string, partitionKey: string): Promise<unknown> {
    const response = await this.call(() => this.container.item(id, partitionKey).read());
    return response.statusCode === 404 ? undefined : response.resource;
  }

  /** Create; undefined when the id is taken in that partition (409). */
  async create(doc: WriteDocument): Promise<unknown> {
    try {
      return (await this.call(() => this.container.items.create(doc))).resource;
    } catch (err) {
      if (statusOf(err) === 409) return undefined;
      throw err;
    }
  }

  async upsert(doc: WriteDocument): Promise<unknown> {
    return (await this.call(() => this.container.items.upsert(doc))).resource;
  }

  /** Replace only if the stored etag is still `etag`. */
  async replace(doc: WriteDocument, partitionKey: string, etag: string): Promise<Replaced> {
    try {
      const response = await this.call(() =>
        this.container.item(doc.id, partitionKey).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } }),
      );
      return { doc: response.resource };
    } catch (err) {
      if (statusOf(err) === 412) return 'conflict';
      if (statusOf(err) === 404) return 'missing';
      throw err;
    }
  }

  /** Delete (only if the etag matches, when one is given); false when it was gone or changed. */
  async delete(id: string, partitionKey: string, etag?: string): Promise<boolean> {
    try {
      await this.call(() =>
        this.container.item(id, partitionKey).delete(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : undefined),
      );
      return true;
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 412) return false;
      throw err;
    }
  }

  /**
   * Run a query page by page. With `partitionKey` it stays inside that logical partition; without, it
   * fans out over the container (only used off the card-action paths). Every query also names its
   * partition key field in WHERE where it has one, so it means the same on every server.
   */
  async *pages(spec: SqlQuerySpec, options: { partitionKey?: string; pageSize?: number } = {}): AsyncGenerator<unknown[]> {
    const iterator = this.container.items.query(spec, {
      ...(options.partitionKey !== undefined ? { partitionKey: options.partitionKey } : {}),
      ...(options.pageSize ? { maxItemCount: options.pageSize } : {}),
    });
    while (iterator.hasMoreResults()) {
      const page = await this.call(() => iterator.fetchNext());
      if (page.resources.length > 0) yield page.resources;
    }
  }

  async all(spec: SqlQuerySpec, options: { partitionKey?: string; pageSize?: number } = {}): Promise<unknown[]> {
    const found: unknown[] = [];
    for await (const page of this.pages(spec, options)) found.push(...page);
    return found;
  }
}
