import { randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueCertificate, rsaKeys, type IssuedCertificate } from './x509';

/*
 * A local Partner Center for tests and `npm run playground`: a real HTTP server that behaves like the
 * Referrals API and the webhook registration API as their documentation describes them, and signs its
 * callbacks like Partner Center does — with its own test CA (a root, an issuing CA published at an AIA
 * address, and a leaf issued to Microsoft Corporation) whose root the bot is configured to trust.
 *
 * What it enforces: bearer tokens map to one organization each (an organization never sees another's
 * referrals); status/substatus pairs and transitions (New → New|Active|Closed, Active → Active|Closed,
 * Closed is final); JSON Patch with replace/add only; If-Match on every PATCH (412 when stale); eTags
 * that change on every write; `Prefer: return=representation`; OData $filter/$orderby/$top and pages
 * of at most 100 with @odata.nextLink/$skiptoken. It records every request, can be scripted to answer
 * 429/5xx, and can go down (connections dropped) and come back.
 */

export interface StandInRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly ifMatch?: string;
  readonly prefer?: string;
  readonly tenantId?: string;
  readonly body: unknown;
  readonly status: number;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Only requests this matches (default: any API request). */
  readonly match?: (method: string, path: string) => boolean;
}

export interface CallbackOptions {
  /** `valid` (default), `wrong` (signed by another key), `none` (no signature at all). */
  readonly signature?: 'valid' | 'wrong' | 'none';
  /** Another certificate URL than the stand-in's own. */
  readonly certificateUrl?: string;
  /** Sign with the rogue CA's leaf (issued to Microsoft Corporation by a root nobody trusts). */
  readonly rogueCertificate?: boolean;
  /** ResourceChangeUtcDate; default now. */
  readonly changedAt?: Date;
  readonly eventName?: string;
}

type Json = Record<string, unknown>;

interface Stored {
  readonly tenantId: string;
  resource: Json;
  version: number;
}

const SUBSTATUS: Readonly<Record<string, readonly string[]>> = {
  New: ['Pending', 'Received'],
  Active: ['Accepted'],
  Closed: ['Won', 'Lost', 'Declined', 'Expired'],
};
const NEXT_STATUS: Readonly<Record<string, readonly string[]>> = { New: ['New', 'Active', 'Closed'], Active: ['Active', 'Closed'], Closed: [] };
const PATCHABLE = new Set(['/name', '/status', '/substatus', '/statusReason', '/externalReferenceId', '/details/notes', '/details/dealValue', '/details/currency', '/details/closingDateTime']);
const REFERRALS = '/v1.0/engagements/referrals';
const PAGE = 100;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.description ?? status));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class PartnerCenterStandIn {
  readonly requests: StandInRequest[] = [];
  readonly callbacks: { url: string; status: number; event: Json }[] = [];
  url = '';
  private server?: Server;
  private readonly referrals = new Map<string, Stored>();
  private readonly tokens = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly webhooks = new Map<string, { url: string; events: string[] }>();
  private readonly script: (ScriptedAnswer & { times: number })[] = [];
  private downNow = false;
  private root!: IssuedCertificate;
  private issuing!: IssuedCertificate;
  private leaf!: IssuedCertificate;
  private rogueLeaf!: IssuedCertificate;

  constructor(private readonly options: { readonly now?: () => Date } = {}) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The PEM of the stand-in's root: what the bot's PARTNER_CENTER_WEBHOOK_ROOTS file holds in tests. */
  get rootPem(): string {
    return this.root.pem;
  }

  /** Where the stand-in serves its signing certificate (X-MS-Certificate-Url). */
  get certificateUrl(): string {
    return `${this.url}/cert/pcnotifications-dispatch.microsoft.com.cer`;
  }

  /** host:port, for PARTNER_CENTER_CERT_HOSTS. */
  get host(): string {
    return new URL(this.url).host;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    const at = this.now().getTime();
    const notBefore = new Date(at - 365 * 86_400_000);
    const notAfter = new Date(at + 10 * 365 * 86_400_000);
    const microsoft = { C: 'US', O: 'Microsoft Corporation' } as const;
    this.root = issueCertificate({ subject: { ...microsoft, CN: 'Partner Center Stand-in Root' }, ca: true, notBefore, notAfter });
    this.issuing = issueCertificate({ subject: { ...microsoft, CN: 'Partner Center Stand-in Issuing CA' }, issuer: this.root, ca: true, notBefore, notAfter });
    this.leaf = issueCertificate({
      subject: { ...microsoft, CN: 'pcnotifications-dispatch.microsoft.com' },
      issuer: this.issuing,
      ca: false,
      notBefore,
      notAfter,
      caIssuersUrl: `${this.url}/cert/issuing-ca.cer`,
    });
    const rogueRoot = issueCertificate({ subject: { ...microsoft, CN: 'Rogue Root' }, ca: true, notBefore, notAfter });
    this.rogueLeaf = issueCertificate({ subject: { ...microsoft, CN: 'pcnotifications-dispatch.microsoft.com' }, issuer: rogueRoot, ca: false, notBefore, notAfter });
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Drop every connection until comeBack(): callers see network errors, as in an outage. */
  goDown(): void {
    this.downNow = true;
  }

  comeBack(): void {
    this.downNow = false;
  }

  /** Answer the next matching API requests with this instead (429, 503, …), `times` times. */
  answerNext(answer: ScriptedAnswer, times = 1): void {
    this.script.push({ ...answer, times });
  }

  /** An organization and the bearer token that acts for it. */
  addOrganization(tenantId: string, token: string, name: string): void {
    this.tokens.set(token, tenantId);
    this.names.set(tenantId, name);
  }

  /** Partner Center no longer accepts this token (the admin's sign-in lapsed). */
  revoke(token: string): void {
    this.tokens.delete(token);
  }

  webhookOf(tenantId: string): { url: string; events: string[] } | undefined {
    return this.webhooks.get(tenantId);
  }

  referral(id: string): Json | undefined {
    const stored = this.referrals.get(id);
    return stored ? structuredClone(stored.resource) : undefined;
  }

  referralsOf(tenantId: string): Json[] {
    return [...this.referrals.values()].filter((r) => r.tenantId === tenantId).map((r) => structuredClone(r.resource));
  }

  /** API requests (not certificate downloads), optionally of one method. */
  apiRequests(method?: string): StandInRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/v1.0') && (!method || r.method === method));
  }

  // ---------- what happens in Partner Center's own UI ----------

  /**
   * A referral sent to the organization (Incoming, New/Received), as Microsoft sends one. Its
   * `referral-created` callback is sent unless `notify` is false (a webhook that never arrives).
   */
  async sendIncoming(tenantId: string, overrides: Json = {}, notify = true): Promise<Json> {
    const now = this.now();
    const id = (overrides.id as string | undefined) ?? randomUUID();
    const resource: Json = {
      id,
      engagementId: randomUUID(),
      name: 'Contoso – Azure migration',
      externalReferenceId: null,
      organizationId: tenantId,
      organizationName: this.names.get(tenantId) ?? 'Partner',
      direction: 'Incoming',
      status: 'New',
      substatus: 'Received',
      statusReason: null,
      type: 'Shared',
      qualification: 'SalesQualified',
      customerProfile: {
        name: 'Contoso SA',
        address: { addressLine1: '1 rue de la Paix', city: 'Paris', country: 'FR' },
        size: '1000to5000employees',
        team: [{ firstName: 'Léa', lastName: 'Dubois', email: 'lea.dubois@contoso.example', phoneNumber: '+33 1 23 45 67 89' }],
        ids: { duns: '123456789' },
      },
      consent: { consentToShareInfoWithOthers: true, consentToContact: true },
      details: {
        notes: 'Customer wants to leave its data centre by Q2.',
        dealValue: 250000,
        currency: 'EUR',
        closingDateTime: '2027-03-31T00:00:00Z',
        requirements: { industries: [], products: [], services: [], solutions: [{ id: 'AzureMigrate', name: 'Azure Migrate', type: 'Category' }] },
      },
      team: [],
      inviteContext: { notes: 'You did their last migration.', invitedBy: { organizationId: 'msft', organizationName: 'Microsoft' } },
      createdDateTime: new Date(now.getTime() - 30 * 60_000).toISOString(),
      updatedDateTime: now.toISOString(),
      expirationDateTime: new Date(now.getTime() + 14 * 86_400_000 - 30 * 60_000).toISOString(),
      acceptedDateTime: null,
      ...overrides,
    };
    const stored: Stored = { tenantId, resource: { ...resource, id }, version: 1 };
    stored.resource.eTag = this.eTag(id, 1);
    this.referrals.set(id, stored);
    if (notify) await this.notify(tenantId, 'referral-created', id);
    return structuredClone(stored.resource);
  }

  /** Someone changes the referral in Partner Center (answers it, edits it); `notify` false: the webhook is lost. */
  async change(id: string, changes: Json, notify = true): Promise<Json> {
    const stored = this.referrals.get(id);
    if (!stored) throw new Error(`no referral ${id}`);
    const next = { ...stored.resource, ...changes, details: { ...(stored.resource.details as Json), ...((changes.details as Json | undefined) ?? {}) } };
    this.write(stored, next);
    if (notify) await this.notify(stored.tenantId, 'referral-updated', id);
    return structuredClone(stored.resource);
  }

  /** Post a callback as Partner Center does (or, with options, as an impostor would); resolves with the bot's HTTP status. */
  async notify(tenantId: string, eventName: string, referralId: string, options: CallbackOptions = {}): Promise<number> {
    const hook = this.webhooks.get(tenantId);
    if (!hook || !hook.events.includes(eventName)) return 0;
    return this.callback(hook.url, { EventName: options.eventName ?? eventName, ResourceUri: `${this.url}${REFERRALS}/${referralId}`, ResourceName: 'referral' }, options);
  }

  async callback(url: string, event: Json, options: CallbackOptions = {}): Promise<number> {
    const body: Json = { AuditUri: null, ...event, ResourceChangeUtcDate: (options.changedAt ?? this.now()).toISOString() };
    const raw = Buffer.from(JSON.stringify(body), 'utf8');
    const signer = options.signature === 'wrong' ? rsaKeys().privateKey : options.rogueCertificate ? this.rogueLeaf.privateKey : this.leaf.privateKey;
    const certificateUrl = options.certificateUrl ?? (options.rogueCertificate ? `${this.url}/cert/rogue.cer` : this.certificateUrl);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-ms-certificate-url': certificateUrl, 'x-ms-signature-algorithm': 'rsa-sha256' };
    if (options.signature !== 'none') headers.authorization = `Signature ${sign('sha256', raw, signer).toString('base64')}`;
    let status: number;
    try {
      status = (await fetch(url, { method: 'POST', headers, body: raw, signal: AbortSignal.timeout(10_000) })).status;
    } catch {
      status = 0;
    }
    this.callbacks.push({ url, status, event: body });
    return status;
  }

  // ---------- the HTTP side ----------

  private eTag(id: string, version: number): string {
    return `"${id.slice(0, 8)}-${String(version).padStart(4, '0')}"`;
  }

  private write(stored: Stored, next: Json): void {
    stored.version++;
    stored.resource = { ...next, updatedDateTime: this.now().toISOString(), eTag: this.eTag(String(next.id), stored.version) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.downNow) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers });
      res.end(body !== undefined ? JSON.stringify(body) : undefined);
    };
    if (req.method === 'POST' && url.pathname.startsWith('/_standin/')) return this.control(url, raw, res);
    if (req.method === 'GET' && url.pathname.startsWith('/cert/')) {
      const file = url.pathname.slice('/cert/'.length);
      const cert = file === 'issuing-ca.cer' ? this.issuing : file === 'rogue.cer' ? this.rogueLeaf : file === 'pcnotifications-dispatch.microsoft.com.cer' ? this.leaf : undefined;
      this.requests.push({ method: 'GET', path: url.pathname, query: url.searchParams, body: undefined, status: cert ? 200 : 404 });
      if (!cert) return send(404);
      res.writeHead(200, { 'content-type': 'application/pkix-cert' });
      return void res.end(cert.der);
    }
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const tenantId = token ? this.tokens.get(token) : undefined;
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const record = (status: number) =>
      this.requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        ...(typeof req.headers['if-match'] === 'string' ? { ifMatch: req.headers['if-match'] } : {}),
        ...(typeof req.headers.prefer === 'string' ? { prefer: req.headers.prefer } : {}),
        ...(tenantId ? { tenantId } : {}),
        body,
        status,
      });
    const scripted = this.script.find((s) => !s.match || s.match(req.method ?? 'GET', url.pathname));
    if (scripted) {
      if (--scripted.times <= 0) this.script.splice(this.script.indexOf(scripted), 1);
      record(scripted.status);
      return send(scripted.status, scripted.body ?? { code: scripted.status, description: 'scripted' }, scripted.headers);
    }
    if (!tenantId) {
      record(401);
      return send(401, { code: 'Unauthorized', description: 'The token is missing, expired or not valid.' });
    }
    try {
      const [status, answer, headers] = this.route(req.method ?? 'GET', url, body, tenantId, req.headers);
      record(status);
      send(status, answer, headers);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      record(err.status);
      send(err.status, err.body);
    }
  }

  /**
   * What someone does in Partner Center's own UI, for `npm run playground` (loopback only, no token):
   * POST /_standin/referrals?tenant=<id> sends a new incoming referral (the JSON body overrides its
   * fields); POST /_standin/referrals/<id> changes one (e.g. {"status":"Closed","substatus":"Declined"}).
   */
  private async control(url: URL, raw: string, res: ServerResponse): Promise<void> {
    let body: Json = {};
    try {
      body = raw ? (JSON.parse(raw) as Json) : {};
    } catch {
      res.writeHead(400).end();
      return;
    }
    const one = /^\/_standin\/referrals\/([^/]+)$/.exec(url.pathname);
    const tenant = url.searchParams.get('tenant');
    const answer = one && this.referrals.has(one[1]!) ? await this.change(one[1]!, body) : url.pathname === '/_standin/referrals' && tenant ? await this.sendIncoming(tenant, body) : undefined;
    res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer ?? { error: 'not found' }));
  }

  private route(method: string, url: URL, body: unknown, tenantId: string, headers: IncomingMessage['headers']): [number, unknown?, Record<string, string>?] {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/webhooks/v1/registration') return this.registration(method, body, tenantId);
    if (path === REFERRALS && method === 'GET') return [200, this.list(url, tenantId)];
    if (path === REFERRALS && method === 'POST') return this.create(body, tenantId);
    const one = new RegExp(`^${REFERRALS}/([^/]+)$`).exec(path);
    if (one) {
      const stored = this.referrals.get(decodeURIComponent(one[1]!));
      // Another organization's referral is as unknown as one that does not exist.
      if (!stored || stored.tenantId !== tenantId) throw new HttpError(404, { code: 'NotFound', description: 'Referral not found.' });
      if (method === 'GET') return [200, structuredClone(stored.resource), { etag: String(stored.resource.eTag) }];
      if (method === 'PATCH') return this.patch(stored, body, headers);
    }
    throw new HttpError(404, { code: 'NotFound', description: `${method} ${path}` });
  }

  private registration(method: string, body: unknown, tenantId: string): [number, unknown?] {
    const current = this.webhooks.get(tenantId);
    if (method === 'GET') {
      if (!current) throw new HttpError(404, { code: 'NotFound', description: 'No registration.' });
      return [200, { WebhookUrl: current.url, WebhookEvents: current.events }];
    }
    if (method === 'DELETE') {
      if (!current) throw new HttpError(404, { code: 'NotFound', description: 'No registration.' });
      this.webhooks.delete(tenantId);
      return [204];
    }
    const b = body as { WebhookUrl?: unknown; WebhookEvents?: unknown } | undefined;
    if (typeof b?.WebhookUrl !== 'string' || !Array.isArray(b.WebhookEvents)) throw new HttpError(400, { code: 'BadRequest', description: 'WebhookUrl and WebhookEvents are required.' });
    if (method === 'POST' && current) throw new HttpError(409, { code: 'Conflict', description: 'A registration exists; update it with PUT.' });
    if (method === 'PUT' && !current) throw new HttpError(404, { code: 'NotFound', description: 'No registration.' });
    this.webhooks.set(tenantId, { url: b.WebhookUrl, events: b.WebhookEvents.map(String) });
    return [200, { SubscriberId: tenantId, WebhookUrl: b.WebhookUrl, WebhookEvents: b.WebhookEvents }];
  }

  private list(url: URL, tenantId: string): Json {
    let items = [...this.referrals.values()].filter((r) => r.tenantId === tenantId).map((r) => r.resource);
    const filter = url.searchParams.get('$filter');
    if (filter) items = items.filter(PartnerCenterStandIn.predicate(filter));
    const orderBy = url.searchParams.get('$orderby');
    if (orderBy) {
      const [field, dir] = orderBy.trim().split(/\s+/);
      if (field !== 'createdDateTime' && field !== 'updatedDateTime') throw new HttpError(400, { code: 'BadRequest', description: `cannot order by ${field}` });
      items.sort((a, b) => String(a[field]).localeCompare(String(b[field])) * (dir === 'desc' ? -1 : 1));
    }
    const top = Math.min(PAGE, Number(url.searchParams.get('$top') ?? PAGE) || PAGE);
    const skip = Number(Buffer.from(url.searchParams.get('$skiptoken') ?? '', 'base64url').toString() || 0);
    const page = items.slice(skip, skip + top);
    const next = new URL(url.toString());
    next.searchParams.set('$skiptoken', Buffer.from(String(skip + top)).toString('base64url'));
    return { value: structuredClone(page), ...(skip + top < items.length ? { '@odata.nextLink': next.toString(), totalCount: items.length } : { totalCount: items.length }) };
  }

  /** `field op value` clauses joined by `and`; op eq ne gt ge lt le; quoted strings or bare instants. */
  private static predicate(filter: string): (r: Json) => boolean {
    const clauses = filter.split(/\s+and\s+/i).map((clause) => {
      const m = /^\s*(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(?:'([^']*)'|(\S+))\s*$/i.exec(clause);
      if (!m || !['direction', 'status', 'substatus', 'updatedDateTime', 'createdDateTime', 'externalReferenceId', 'engagementId'].includes(m[1]!)) {
        throw new HttpError(400, { code: 'BadRequest', description: `unsupported filter: ${clause}` });
      }
      return { field: m[1]!, op: m[2]!.toLowerCase(), value: m[3] ?? m[4]! };
    });
    return (r) =>
      clauses.every(({ field, op, value }) => {
        const v = String(r[field] ?? '');
        const dates = field.endsWith('DateTime');
        const c = dates ? Math.sign(Date.parse(v) - Date.parse(value)) : v.toLowerCase().localeCompare(value.toLowerCase());
        return { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[op as 'eq'];
      });
  }

  private create(body: unknown, tenantId: string): [number, unknown] {
    const b = body as Json | undefined;
    if (!b || typeof b.name !== 'string' || !b.customerProfile || !b.details) throw new HttpError(400, { code: 'BadRequest', description: 'name, customerProfile and details are required.' });
    const status = String(b.status ?? 'Active');
    const substatus = String(b.substatus ?? 'Accepted');
    if (!SUBSTATUS[status]?.includes(substatus)) throw new HttpError(400, { code: 'InvalidStatus', description: `${status}/${substatus} is not a valid pair.` });
    const id = randomUUID();
    const now = this.now().toISOString();
    const stored: Stored = {
      tenantId,
      resource: {
        ...b,
        id,
        engagementId: randomUUID(),
        organizationId: tenantId,
        organizationName: this.names.get(tenantId) ?? 'Partner',
        direction: 'Outgoing',
        status,
        substatus,
        createdDateTime: now,
        updatedDateTime: now,
        acceptedDateTime: now,
        eTag: this.eTag(id, 1),
      },
      version: 1,
    };
    this.referrals.set(id, stored);
    return [201, structuredClone(stored.resource)];
  }

  private patch(stored: Stored, body: unknown, headers: IncomingMessage['headers']): [number, unknown?, Record<string, string>?] {
    const ifMatch = headers['if-match'];
    if (typeof ifMatch !== 'string') throw new HttpError(428, { code: 'PreconditionRequired', description: 'If-Match is required.' });
    if (ifMatch !== stored.resource.eTag) throw new HttpError(412, { code: 'PreconditionFailed', description: 'The referral was changed since it was read.' });
    if (!Array.isArray(body) || body.length === 0) throw new HttpError(400, { code: 'BadRequest', description: 'A JSON Patch array is required.' });
    if (stored.resource.status === 'Closed') throw new HttpError(400, { code: 'InvalidStatusTransition', description: 'A closed referral cannot be changed.' });
    const next: Json = structuredClone(stored.resource);
    for (const op of body as { op?: unknown; path?: unknown; value?: unknown }[]) {
      if ((op.op !== 'replace' && op.op !== 'add') || typeof op.path !== 'string' || !PATCHABLE.has(op.path)) {
        throw new HttpError(400, { code: 'BadRequest', description: `operation not supported: ${String(op.op)} ${String(op.path)}` });
      }
      const keys = op.path.slice(1).split('/');
      let target = next;
      for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Json;
      const leaf = keys.at(-1)!;
      if (op.op === 'replace' && (target[leaf] === undefined || target[leaf] === null)) throw new HttpError(400, { code: 'BadRequest', description: `replace needs an existing ${op.path}` });
      target[leaf] = op.value;
    }
    const from = String(stored.resource.status);
    const to = String(next.status);
    if (!NEXT_STATUS[from]?.includes(to) || !SUBSTATUS[to]?.includes(String(next.substatus))) {
      throw new HttpError(400, { code: 'InvalidStatusTransition', description: `${from}/${String(stored.resource.substatus)} cannot become ${to}/${String(next.substatus)}.` });
    }
    if (to === 'Active' && from !== 'Active') next.acceptedDateTime = this.now().toISOString();
    this.write(stored, next);
    const prefer = headers.prefer ?? '';
    return /return=representation/i.test(String(prefer)) ? [200, structuredClone(stored.resource), { etag: String(stored.resource.eTag) }] : [204, undefined, { etag: String(stored.resource.eTag) }];
  }
}
