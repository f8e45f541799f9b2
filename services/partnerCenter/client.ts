import { backoffMs, parseRetryAfter } from '../outbox/backoff';
import type { PatchOp } from './mapping';

/*
 * Partner Center's Referrals and webhook registration APIs over plain HTTP: every call has a timeout,
 * every answer is bounded in size, and every failure is a typed error the caller can act on (sign in
 * again, re-read and re-apply, wait for Retry-After). Nothing here retries on its own: the outbox and
 * the poll decide, so a wait never blocks a worker. Paging follows @odata.nextLink only on the
 * configured API host, never a URL an answer names elsewhere.
 */

export interface PartnerCenterClientOptions {
  /** PARTNER_CENTER_API_URL, e.g. https://api.partner.microsoft.com */
  readonly apiUrl: string;
  /** PARTNER_CENTER_WEBHOOKS_URL, e.g. https://api.partnercenter.microsoft.com/webhooks/v1 */
  readonly webhooksUrl: string;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

export type PartnerCenterFailure = 'unauthorized' | 'stale' | 'notFound' | 'refused' | 'unavailable' | 'invalidResponse';

/** A call that did not succeed, and what it means. */
export class PartnerCenterError extends Error {
  override readonly name = 'PartnerCenterError';
  constructor(
    /** unauthorized: 401/403, sign in again; stale: 412, re-read; refused: 4xx, the change is not acceptable; unavailable: 429/5xx/network, try later. */
    readonly failure: PartnerCenterFailure,
    message: string,
    readonly status?: number,
    /** For `unavailable`: how long Partner Center asked us to wait (Retry-After), if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** How long to wait before trying again: Retry-After when given, else exponential backoff with jitter. */
  waitMs(attempt: number): number {
    return this.retryAfterMs ?? backoffMs(attempt, 2000, 15 * 60_000);
  }
}

/** A referral as read, with the eTag to send back when changing it. */
export interface ReadReferral {
  readonly body: unknown;
  readonly eTag?: string;
}

/** OData options of a list. */
export interface ReferralQuery {
  readonly filter?: string;
  readonly orderBy?: string;
  readonly top?: number;
}

const PAGE_BYTES = 8 * 1024 * 1024;
const ITEM_BYTES = 1024 * 1024;
const REFERRALS_PATH = '/v1.0/engagements/referrals';
/** The referral ids Partner Center issues (GUIDs); anything else is not put into a URL. */
const REFERRAL_ID = /^[A-Za-z0-9._-]{1,128}$/;

export const WEBHOOK_EVENTS = ['referral-created', 'referral-updated'] as const;

class TooLarge extends Error {}

async function readLimited(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class PartnerCenterClient {
  private readonly fetch: typeof fetch;
  private readonly api: URL;
  private readonly webhooks: string;

  constructor(private readonly options: PartnerCenterClientOptions) {
    this.fetch = options.fetch ?? fetch;
    this.api = new URL(options.apiUrl);
    this.webhooks = options.webhooksUrl.replace(/\/+$/, '');
  }

  private referralsUrl(suffix = ''): string {
    return new URL(`${this.api.pathname.replace(/\/+$/, '')}${REFERRALS_PATH}${suffix}`, this.api).toString();
  }

  /** A next page link is followed only on the API's own origin and referrals path. */
  private sameApi(link: string): boolean {
    try {
      const url = new URL(link, this.api);
      return url.origin === this.api.origin && url.pathname.replace(/\/+$/, '').endsWith(REFERRALS_PATH);
    } catch {
      return false;
    }
  }

  private async call(token: string, method: string, url: string, init: { body?: unknown; headers?: Record<string, string>; limit: number }): Promise<{ status: number; text: string; headers: Headers }> {
    let res: Response;
    try {
      res = await this.fetch(url, {
        method,
        redirect: 'manual',
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      throw new PartnerCenterError('unavailable', `${method} ${new URL(url).pathname}: ${err instanceof Error ? err.name : 'network error'}`);
    }
    let text: string;
    try {
      text = await readLimited(res, init.limit);
    } catch (err) {
      if (err instanceof TooLarge) throw new PartnerCenterError('invalidResponse', `${method} ${new URL(url).pathname}: answer larger than ${init.limit} bytes`, res.status);
      throw new PartnerCenterError('unavailable', `${method} ${new URL(url).pathname}: the answer broke off`, res.status);
    }
    if (res.ok) return { status: res.status, text, headers: res.headers };
    const where = `${method} ${new URL(url).pathname} answered ${res.status}`;
    if (res.status === 401 || res.status === 403) throw new PartnerCenterError('unauthorized', where, res.status);
    if (res.status === 412) throw new PartnerCenterError('stale', where, res.status);
    if (res.status === 404) throw new PartnerCenterError('notFound', where, res.status);
    if (res.status === 429 || res.status >= 500 || res.status === 408) {
      throw new PartnerCenterError('unavailable', where, res.status, parseRetryAfter(res.headers.get('retry-after'), Date.now()));
    }
    if (res.status >= 300 && res.status < 400) throw new PartnerCenterError('invalidResponse', `${where} (redirects are not followed)`, res.status);
    throw new PartnerCenterError('refused', `${where}: ${text.slice(0, 200)}`, res.status);
  }

  private json(text: string, what: string): unknown {
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new PartnerCenterError('invalidResponse', `${what}: not JSON`);
    }
  }

  private static eTagOf(body: unknown, headers: Headers): string | undefined {
    const inBody = (body as { eTag?: unknown } | undefined)?.eTag;
    return typeof inBody === 'string' ? inBody : (headers.get('etag') ?? undefined);
  }

  /** The referrals a query selects, page by page (Partner Center pages by 100 with @odata.nextLink). */
  async *listReferrals(token: string, query: ReferralQuery): AsyncGenerator<unknown[]> {
    // encodeURIComponent, not URLSearchParams: OData servers read "+" literally, spaces must be %20.
    const params = [
      ...(query.filter ? [`$filter=${encodeURIComponent(query.filter)}`] : []),
      ...(query.orderBy ? [`$orderby=${encodeURIComponent(query.orderBy)}`] : []),
      ...(query.top ? [`$top=${query.top}`] : []),
    ];
    let url: string | undefined = `${this.referralsUrl()}${params.length ? `?${params.join('&')}` : ''}`;
    while (url) {
      const { text } = await this.call(token, 'GET', url, { limit: PAGE_BYTES });
      const page = this.json(text, 'referral list') as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
      if (!page || !Array.isArray(page.value)) throw new PartnerCenterError('invalidResponse', 'referral list: no value array');
      yield page.value;
      const next = page['@odata.nextLink'];
      if (next === undefined || next === null) break;
      if (typeof next !== 'string' || !this.sameApi(next)) throw new PartnerCenterError('invalidResponse', 'referral list: a next page outside the configured API was refused');
      url = new URL(next, this.api).toString();
    }
  }

  async getReferral(token: string, id: string): Promise<ReadReferral> {
    if (!REFERRAL_ID.test(id)) throw new PartnerCenterError('notFound', 'not a referral id');
    const { text, headers } = await this.call(token, 'GET', this.referralsUrl(`/${encodeURIComponent(id)}`), { limit: ITEM_BYTES });
    const body = this.json(text, 'referral');
    return { body, eTag: PartnerCenterClient.eTagOf(body, headers) };
  }

  /** JSON Patch with If-Match; asks for the changed referral back (Prefer: return=representation). */
  async patchReferral(token: string, id: string, ops: readonly PatchOp[], eTag: string): Promise<ReadReferral> {
    if (!REFERRAL_ID.test(id)) throw new PartnerCenterError('notFound', 'not a referral id');
    const { text, headers } = await this.call(token, 'PATCH', this.referralsUrl(`/${encodeURIComponent(id)}`), {
      body: ops,
      headers: { 'if-match': eTag, prefer: 'return=representation' },
      limit: ITEM_BYTES,
    });
    const body = this.json(text, 'patched referral');
    return { body, eTag: PartnerCenterClient.eTagOf(body, headers) };
  }

  async createReferral(token: string, body: Record<string, unknown>): Promise<ReadReferral> {
    const { text, headers } = await this.call(token, 'POST', this.referralsUrl(), { body, limit: ITEM_BYTES });
    const created = this.json(text, 'created referral');
    return { body: created, eTag: PartnerCenterClient.eTagOf(created, headers) };
  }

  /** Register (or, when one exists, update) the organization's webhook for the referral events. */
  async registerWebhook(token: string, webhookUrl: string): Promise<void> {
    const body = { WebhookUrl: webhookUrl, WebhookEvents: [...WEBHOOK_EVENTS] };
    try {
      await this.call(token, 'POST', `${this.webhooks}/registration`, { body, limit: ITEM_BYTES });
    } catch (err) {
      if (!(err instanceof PartnerCenterError && err.failure === 'refused' && err.status === 409)) throw err;
      await this.call(token, 'PUT', `${this.webhooks}/registration`, { body, limit: ITEM_BYTES });
    }
  }

  /** Remove the organization's webhook registration; one already gone is fine. */
  async deleteWebhook(token: string): Promise<void> {
    try {
      await this.call(token, 'DELETE', `${this.webhooks}/registration`, { limit: ITEM_BYTES });
    } catch (err) {
      if (!(err instanceof PartnerCenterError && err.failure === 'notFound')) throw err;
    }
  }
}
