import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerCenterClient, PartnerCenterError } from '../../services/partnerCenter/client';
import { WebhookVerifier } from '../../services/partnerCenter/webhook';
import { FixedClock } from '../../services/clock';
import { PartnerCenterStandIn } from '../support/partnerCenter';
import { TENANT } from '../support/fixtures';

/*
 * The Referrals API client against the stand-in and against a hostile server: paging, typed failures
 * the outbox and the poll act on, and the limits that keep a bad answer from costing us.
 */

const TOKEN = 'token-fabrikam';

async function failure(p: Promise<unknown>): Promise<PartnerCenterError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PartnerCenterError) return err;
    throw err;
  }
  throw new Error('expected a PartnerCenterError');
}

describe('Partner Center client', () => {
  let pc: PartnerCenterStandIn;
  let client: PartnerCenterClient;

  beforeAll(async () => {
    pc = await new PartnerCenterStandIn().start();
    pc.addOrganization(TENANT, TOKEN, 'Fabrikam');
    for (let i = 0; i < 150; i++) await pc.sendIncoming(TENANT, { name: `Referral ${i}`, status: i % 10 === 0 ? 'Closed' : 'New', substatus: i % 10 === 0 ? 'Lost' : 'Received' }, false);
    client = new PartnerCenterClient({ apiUrl: pc.url, webhooksUrl: `${pc.url}/webhooks/v1`, timeoutMs: 5000 });
  });

  afterAll(() => pc.stop());

  it('when there are more than 100 referrals, then the list follows @odata.nextLink until every one matching the filter was read once', async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of client.listReferrals(TOKEN, { filter: "direction eq 'Incoming' and status ne 'Closed'", orderBy: 'updatedDateTime asc' })) {
      pages++;
      seen.push(...page.map((r) => (r as { name: string }).name));
    }
    expect(pages).toBe(2);
    expect(seen).toHaveLength(135);
    expect(new Set(seen).size).toBe(135);
    expect(pc.apiRequests('GET').at(-1)!.query.get('$skiptoken')).toBeTruthy();
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [412, 'stale'],
    [404, 'notFound'],
    [400, 'refused'],
    [503, 'unavailable'],
  ])('when Partner Center answers %i, then the failure is %s', async (status, kind) => {
    pc.answerNext({ status });
    expect((await failure(client.getReferral(TOKEN, 'any-id'))).failure).toBe(kind);
  });

  it('when Partner Center answers 429 with Retry-After, then the wait it asks for is the wait; without it, backoff', async () => {
    pc.answerNext({ status: 429, headers: { 'retry-after': '120' } });
    const limited = await failure(client.getReferral(TOKEN, 'any-id'));
    expect(limited).toMatchObject({ failure: 'unavailable', status: 429, retryAfterMs: 120_000 });
    expect(limited.waitMs(3)).toBe(120_000);
    pc.answerNext({ status: 503 });
    const down = await failure(client.getReferral(TOKEN, 'any-id'));
    expect(down.waitMs(0)).toBeGreaterThanOrEqual(1000);
    expect(down.waitMs(0)).toBeLessThanOrEqual(2000);
  });

  it('when a referral id is not one Partner Center issues, then no request is made with it', async () => {
    const before = pc.requests.length;
    expect((await failure(client.getReferral(TOKEN, '../webhooks/v1/registration'))).failure).toBe('notFound');
    expect(pc.requests).toHaveLength(before);
  });
});

describe('Partner Center client against a server that misbehaves', () => {
  let server: Server;
  let base: string;
  let other: { hits: number; server: Server; url: string };
  let answer: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    const listen = (s: Server) => new Promise<string>((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
    server = createServer((req, res) => answer(req, res));
    base = await listen(server);
    const otherServer = createServer((_req, res) => {
      other.hits++;
      res.end('{"value":[]}');
    });
    other = { hits: 0, server: otherServer, url: await listen(otherServer) };
  });

  afterAll(async () => {
    server.closeAllConnections();
    other.server.closeAllConnections();
    await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => other.server.close(r))]);
  });

  const client = (timeoutMs = 2000) => new PartnerCenterClient({ apiUrl: base, webhooksUrl: `${base}/webhooks/v1`, timeoutMs });

  it('when a next page link points at another host, then it is refused and that host is never called', async () => {
    answer = (_req, res) => res.end(JSON.stringify({ value: [{ id: 'a' }], '@odata.nextLink': `${other.url}/v1.0/engagements/referrals?$skiptoken=x` }));
    const pages: unknown[][] = [];
    const err = await failure(
      (async () => {
        for await (const page of client().listReferrals(TOKEN, {})) pages.push(page);
      })(),
    );
    expect(err.failure).toBe('invalidResponse');
    expect(pages).toEqual([[{ id: 'a' }]]);
    expect(other.hits).toBe(0);
  });

  it('when an answer is larger than any referral, then reading stops and it is refused', async () => {
    answer = (_req, res) => res.end(JSON.stringify({ id: 'a', notes: 'x'.repeat(2 * 1024 * 1024) }));
    expect((await failure(client().getReferral(TOKEN, 'a'))).failure).toBe('invalidResponse');
  });

  it('when Partner Center redirects, then the redirect is not followed', async () => {
    answer = (_req, res) => {
      res.writeHead(302, { location: `${other.url}/elsewhere` });
      res.end();
    };
    expect((await failure(client().getReferral(TOKEN, 'a'))).failure).toBe('invalidResponse');
    expect(other.hits).toBe(0);
  });

  it('when Partner Center does not answer in time, then the call fails as unavailable (to be retried)', async () => {
    answer = () => undefined;
    expect((await failure(client(200).getReferral(TOKEN, 'a'))).failure).toBe('unavailable');
  });
});

describe('Partner Center callback certificates are downloaded only from allowed places', () => {
  const verifier = new WebhookVerifier({
    roots: [],
    certHosts: ['3psostorageacct.blob.core.windows.net', 'www.microsoft.com', '127.0.0.1:4000'],
    clock: new FixedClock('2026-11-20T10:00:00Z'),
    timeoutMs: 1000,
  });

  it.each([
    ['https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer', true],
    ['http://127.0.0.1:4000/cert/stand-in.cer', true],
    ['http://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer', false],
    ['https://evil.example/cert/pcnotifications-dispatch.microsoft.com.cer', false],
    ['https://3psostorageacct.blob.core.windows.net.evil.example/cert/x.cer', false],
    ['https://user:pw@3psostorageacct.blob.core.windows.net/cert/x.cer', false],
    ['https://3psostorageacct.blob.core.windows.net/anything/at/all', false],
    ['https://3psostorageacct.blob.core.windows.net/cert/x.cer?sig=1', false],
    ['http://127.0.0.1:4001/cert/stand-in.cer', false],
    ['file:///etc/passwd.cer', false],
  ])('when a callback names %s as its certificate, then downloading it is allowed: %s', (url, allowed) => {
    expect(Boolean(verifier.allowedUrl(url))).toBe(allowed);
  });

  it('when an issuer is published at an http address (AIA) on an allowed host, then it is fetched over https', () => {
    expect(verifier.allowedUrl('http://www.microsoft.com/pkiops/certs/Microsoft%20Azure%20RSA%20TLS%20Issuing%20CA%2003.crt', true)?.toString()).toBe(
      'https://www.microsoft.com/pkiops/certs/Microsoft%20Azure%20RSA%20TLS%20Issuing%20CA%2003.crt',
    );
  });
});
