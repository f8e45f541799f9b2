import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { withinEditDistance } from '../../bot/commands/parse';
import { createLogger, routeConsole } from '../../bot/logger';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';

/*
 * Issue 10 (hardening): what a hostile caller can send to the bot's HTTP surface, through the real
 * server. Each describe names the finding it protects.
 */

const INTAKE_KEY = 'the-intake-key';
const APP_ID = '00000000-0000-0000-0000-0000000000a1';
const TRUSTED_KID = 'trusted-kid';

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/**
 * POST headers and only the first part of a body, and wait for the answer. The rest of the body is
 * never sent, so an answer can only come from a server that decided without reading it.
 */
function postUnfinished(url: string, path: string, headers: Record<string, string>, firstPart: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(firstPart);
  });
}

async function healthz(bot: TestApp): Promise<number> {
  return (await fetch(`${bot.url}/healthz`)).status;
}

describe('finding 1: a compressed body is refused before it is read (a gzip bomb cannot take the process down)', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestApp({ REFERRAL_INTAKE_KEY: INTAKE_KEY }, { workers: false });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  // 32 MiB of JSON that gzip squeezes into ~32 KiB: under every limit on the wire, far over all of them inflated.
  const activity = teamsActivity('http://127.0.0.1:9', { text: 'help' });
  const json = JSON.stringify(activity);
  const bomb = gzipSync(Buffer.concat([Buffer.from(`${json.slice(0, -1)},"padding":"`), Buffer.alloc(32 * 1024 * 1024, 0x61), Buffer.from('"}')]));

  it.each([
    ['/api/messages', {}],
    ['/api/referrals', { authorization: `Bearer ${INTAKE_KEY}` }],
    ['/api/deals/pc-1/microsoft', { authorization: `Bearer ${INTAKE_KEY}` }],
    ['/api/deals/pc-1/registration', { authorization: `Bearer ${INTAKE_KEY}` }],
  ])('when a gzip body that inflates beyond the limit is posted to %s, then it is refused (415) before it is read, and the bot stays up', async (path, auth) => {
    expect(bomb.length).toBeLessThan(64 * 1024); // under every limit on the wire: counting received bytes would let it in
    const answer = await postUnfinished(
      bot.url,
      path,
      { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length), ...auth },
      bomb.subarray(0, bomb.length >> 1),
    );
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'unsupported_media_type' });
    expect(answer.headers['accept-encoding']).toBe('identity');
    expect(await healthz(bot)).toBe(200);
    expect((await bot.app.store.outbox.counts()).pending).toBe(0);
    expect(connector.calls).toEqual([]);
  });

  it.each(['deflate', 'br', 'gzip, identity', 'x-unknown'])('when an activity comes with Content-Encoding "%s", then it is refused with 415', async (coding) => {
    const res = await bot.post(teamsActivity(connector.url, { text: 'help' }), { 'content-encoding': coding });
    expect(res).toEqual({ status: 415, body: { error: 'unsupported_media_type' } });
  });

  it('when an activity says Content-Encoding "identity" (uncompressed), then it is served as usual', async () => {
    const res = await bot.post(teamsActivity(connector.url, { text: 'help', channelId: 'emulator' }), { 'content-encoding': 'identity' });
    expect(res.status).toBe(200);
    await connector.waitFor(() => connector.sent().length === 1);
    connector.calls.length = 0;
  });

  it('when an activity of undeclared length grows past the limit, then it is answered 413 without waiting for the rest, and the bot stays up', async () => {
    const answer = await postUnfinished(
      bot.url,
      '/api/messages',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(1024 * 1024 + 1, 0x61)]),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({ error: 'payload_too_large' });
    expect(await healthz(bot)).toBe(200);
  });

  it('when an intake body of undeclared length grows past 64 KiB, then it is answered 413 without waiting for the rest', async () => {
    const answer = await postUnfinished(
      bot.url,
      '/api/referrals',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked', authorization: `Bearer ${INTAKE_KEY}` },
      Buffer.concat([Buffer.from('{"id":"'), Buffer.alloc(64 * 1024 + 1, 0x61)]),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'payload_too_large' });
    expect(await healthz(bot)).toBe(200);
  });

  it('when the intake is posted a gzip body without the key, then the answer is 401, still without reading it', async () => {
    const answer = await postUnfinished(bot.url, '/api/referrals', { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) }, bomb.subarray(0, 1024));
    expect(answer.status).toBe(401);
  });
});

/** A local stand-in for the Bot Framework's OpenID metadata and signing keys. */
class SigningKeys {
  readonly trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    const jwk = this.trusted.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openidconfiguration') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/keys` }));
      else if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: TRUSTED_KID, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'webchat'] }] }));
      else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get metadataUrl(): string {
    return `${this.url}/openidconfiguration`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function rs256(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const signed = `${b64(header)}.${b64(claims)}`;
  return `${signed}.${createSign('RSA-SHA256').update(signed).sign(key).toString('base64url')}`;
}

describe('finding 5: with MicrosoftAppId set, every authentication failure is 401 with a fixed body, unreachable keys 503', () => {
  let keys: SigningKeys;
  let connector: ConnectorStandIn;
  let bot: TestApp;
  const now = () => Math.floor(Date.now() / 1000); // jsonwebtoken judges nbf and exp by the machine's clock

  beforeAll(async () => {
    // botbuilder prints each refused token to console.error; keep the test output readable.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    keys = await new SigningKeys().start();
    connector = await new ConnectorStandIn().start();
    bot = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-secret' }, { workers: false, openIdMetadataUrl: keys.metadataUrl });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
    await keys.stop();
    jest.restoreAllMocks();
  });

  // Answered in the HTTP response (an Action.Execute with a verb nobody handles), so no call needs the bot's own Entra token.
  const invoke = () =>
    teamsActivity(connector.url, { type: 'invoke', channelId: 'webchat', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'nothing.here', data: {} } } });
  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: connector.url,
    nbf: now() - 60,
    iat: now() - 60,
    exp: now() + 3600,
    ...overrides,
  });
  const header = { alg: 'RS256', typ: 'JWT', kid: TRUSTED_KID };

  it('when the token is signed by the channel’s key for this bot and this serviceUrl, then the activity is served (200)', async () => {
    const res = await bot.post(invoke(), { authorization: `Bearer ${rs256(header, claims(), keys.trusted.privateKey)}` });
    expect(res.status).toBe(200);
    expect(cardText((res.body as { value: unknown }).value)).toContain('This card is out of date');
  });

  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged: [string, () => string][] = [
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    ['HS256 keyed with the public key', () => {
      const signed = `${b64({ alg: 'HS256', typ: 'JWT', kid: TRUSTED_KID })}.${b64(claims())}`;
      return `${signed}.${createHmac('sha256', keys.trusted.publicKey.export({ type: 'spki', format: 'pem' })).update(signed).digest('base64url')}`;
    }],
    ['RS256 signed by another key under the trusted kid', () => rs256(header, claims(), other.privateKey)],
    ['a stripped signature', () => rs256(header, claims(), keys.trusted.privateKey).replace(/[^.]+$/, '')],
    ['claims changed after signing', () => {
      const [signedHeader, , signature] = rs256(header, claims(), keys.trusted.privateKey).split('.');
      return `${signedHeader}.${b64(claims({ serviceurl: 'https://elsewhere.example/' }))}.${signature}`;
    }],
    ['nbf in the future', () => rs256(header, claims({ nbf: now() + 3600 }), keys.trusted.privateKey)],
    ['an expiry in the past', () => rs256(header, claims({ exp: now() - 3600, nbf: now() - 7200, iat: now() - 7200 }), keys.trusted.privateKey)],
    ['a wrong audience (another bot)', () => rs256(header, claims({ aud: 'another-bot' }), keys.trusted.privateKey)],
    ['a wrong issuer', () => rs256(header, claims({ iss: 'https://issuer.example' }), keys.trusted.privateKey)],
    ['a serviceUrl claim for another service', () => rs256(header, claims({ serviceurl: 'https://elsewhere.example/' }), keys.trusted.privateKey)],
    ['an unknown kid', () => rs256({ ...header, kid: 'unknown-kid' }, claims(), keys.trusted.privateKey)],
    ['no JWT at all', () => 'not.a.jwt'],
  ];

  it.each(forged)('when the token is forged or wrong (%s), then the answer is 401 with a fixed body, no library message, and nothing is sent', async (_what, token) => {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body: JSON.stringify(invoke()) });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(JSON.parse(text)).toEqual({ error: 'unauthorized' });
    expect(connector.sent()).toEqual([]);
  });

  it('when forged and expired tokens keep coming, then what botbuilder prints about each reaches the log as JSON lines, cut short, at most 20 a minute, the rest counted', async () => {
    const lines: Record<string, unknown>[] = [];
    let clock = Date.parse('2026-11-29T10:00:00Z');
    const restore = routeConsole(createLogger('debug', { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }), { now: () => clock });
    const token = (what: string) => forged.find(([name]) => name === what)![1]();
    const send = async (bearer: string) => {
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(invoke()) });
      await res.text();
      return res.status;
    };
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push(await send(token('RS256 signed by another key under the trusted kid')));
      for (let i = 0; i < 5; i++) statuses.push(await send(token('an expiry in the past')));
      expect(statuses.every((s) => s === 401)).toBe(true);
      const library = lines.filter((l) => l.msg === 'library output');
      expect(library).toHaveLength(20);
      expect(library.every((l) => l.level === 'warn' && typeof l.text === 'string' && l.text.length <= 1001)).toBe(true);
      expect(String(library[0]!.text)).toContain('Error finding key for token');
      // A minute later the next line is logged, after the count of what the last minute dropped.
      clock += 60_000;
      expect(await send(token('an expiry in the past'))).toBe(401);
      const after = lines.slice(lines.indexOf(library[19]!) + 1);
      expect(after[0]).toMatchObject({ msg: 'library output dropped', level: 'warn' });
      expect(after[0]!.lines).toBeGreaterThanOrEqual(10);
      expect(after[1]).toMatchObject({ msg: 'library output' });
      expect(String(after[1]!.text)).toContain('TokenExpiredError');
    } finally {
      restore();
    }
  });

  it('when the signing keys cannot be fetched (nobody listens there, or it answers 500), then a well-formed token gets 503 with a fixed body', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/openidconfiguration`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failing = createServer((_req, res) => {
      res.statusCode = 500;
      res.end('{"error":"down"}');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/openidconfiguration`;
    try {
      for (const metadataUrl of [deadUrl, failingUrl]) {
        const cut = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-secret' }, { workers: false, openIdMetadataUrl: metadataUrl });
        try {
          const res = await fetch(`${cut.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${rs256(header, claims(), keys.trusted.privateKey)}` },
            body: JSON.stringify(invoke()),
          });
          const text = await res.text();
          expect(res.status).toBe(503);
          expect(JSON.parse(text)).toEqual({ error: 'authentication_unavailable' });
          expect(await healthz(cut)).toBe(200);
        } finally {
          await cut.stop();
        }
      }
    } finally {
      failing.closeAllConnections();
      await new Promise<void>((resolve) => failing.close(() => resolve()));
    }
  });
});

describe('finding 11: one long message does not hold the bot up', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;

  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestApp({}, { workers: false });
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('when a seller sends a one-word message of a megabyte, then the help card answers (quoting its start) and /healthz is answered alongside', async () => {
    const word = 'inbound'.padEnd(1_000_000, 'x');
    const [message, health] = await Promise.all([bot.post(teamsActivity(connector.url, { text: word })), healthz(bot)]);
    expect(message.status).toBe(200);
    expect(health).toBe(200);
    await connector.waitFor(() => connector.sent().length === 1);
    const text = cardText(cardsOf(connector.sent()[0]!)[0]);
    // The card quotes the start of what was typed, shortened with "…" (cards/help.ts).
    expect(text).toMatch(new RegExp(`I did not understand "${word.slice(0, 80)}x*…"`));
    expect(text).not.toContain(word.slice(0, 101));
  });

  it('when a typed word is longer than a command by more than the typos allowed, then not one of its characters is compared', () => {
    let reads = 0;
    const counting = (s: string) =>
      new Proxy(new String(s), {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key) as unknown;
        },
      }) as unknown as string;
    expect(withinEditDistance(counting('inbound'.padEnd(1_000_000, 'x')), 'inbound', 2)).toBe(false);
    expect(reads).toBe(0);
    // The same word within reach is compared character by character (the counter does count).
    expect(withinEditDistance(counting('inbund'), 'inbound', 1)).toBe(true);
    expect(reads).toBeGreaterThan(0);
  });
});

describe('finding 14: a malformed activity is a 400, an unsupported invoke a polite 200 — never a 5xx', () => {
  let connector: ConnectorStandIn;
  let bot: TestApp;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestApp({}, { workers: false });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const message = (fields: Record<string, unknown>) => teamsActivity(connector.url, { text: 'help', ...fields });
  const without = (field: string) => {
    const a = message({});
    delete a[field];
    return a;
  };

  it.each<[string, () => Record<string, unknown>]>([
    ['entities is not a list', () => message({ entities: 'x' })],
    ['an entity is not an object', () => message({ entities: ['x'] })],
    ['clientInfo’s locale is not text', () => message({ entities: [{ type: 'clientInfo', locale: 42 }] })],
    ['text is a number', () => message({ text: 42 })],
    ['text is an object', () => message({ text: { toString: 'x' } })],
    ['from is missing', () => without('from')],
    ['from is text', () => message({ from: '29:ana' })],
    ['from has no id', () => message({ from: { name: 'Ana' } })],
    ['from.id is a number', () => message({ from: { id: 7, name: 'Ana' } })],
    ['conversation is missing', () => without('conversation')],
    ['conversation is a list', () => message({ conversation: [] })],
    ['conversation.id is an object', () => message({ conversation: { id: {} } })],
    ['serviceUrl is missing', () => without('serviceUrl')],
    ['serviceUrl is not a URL', () => message({ serviceUrl: 'javascript:alert(1)' })],
    ['channelData is text', () => message({ channelData: 'x' })],
    ['channelData.tenant.id is a number', () => message({ channelData: { tenant: { id: 1 } } })],
    ['membersAdded is not a list', () => message({ type: 'conversationUpdate', text: undefined, membersAdded: 'x' })],
    ['a submit’s value is text', () => message({ text: undefined, value: 'x' })],
    ['a submit’s value is a list', () => message({ text: undefined, value: [{ verb: 'deal.show' }] })],
    ['an Action.Execute without its action', () => message({ type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: {} })],
    ['an Action.Execute whose value is text', () => message({ type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: 'x' })],
    ['an Action.Execute whose data is a list', () => message({ type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'x', data: [] } } })],
    ['the body is a list', () => [message({})] as unknown as Record<string, unknown>],
  ])('when %s, then the answer is 400 with a fixed body and nothing is sent', async (_what, activity) => {
    const res = await bot.post(activity());
    expect(res).toEqual({ status: 400, body: { error: 'invalid_activity' } });
    expect(await healthz(bot)).toBe(200);
    expect(connector.sent()).toEqual([]);
  });

  const invoke = (name: string | undefined, value: unknown = {}) => teamsActivity(connector.url, { type: 'invoke', name, text: undefined, value });

  it.each<[string, string | undefined, (body: unknown) => void]>([
    ['a task module fetch', 'task/fetch', (body) => expect(body).toEqual({ task: { type: 'message', value: expect.stringContaining('Co-sell cannot do that') } })],
    ['a task module submit', 'task/submit', (body) => expect(body).toEqual({ task: { type: 'message', value: expect.stringContaining('Co-sell cannot do that') } })],
    ['a message extension query', 'composeExtension/query', (body) => expect(body).toEqual({ composeExtension: { type: 'message', text: expect.stringContaining('Co-sell cannot do that') } })],
    ['a message extension action', 'composeExtension/fetchTask', (body) => expect(body).toEqual({ task: { type: 'message', value: expect.stringContaining('Co-sell cannot do that') } })],
    ['a bot configuration fetch', 'config/fetch', (body) => expect(body).toEqual({ responseType: 'config', config: { type: 'message', value: expect.stringContaining('Co-sell cannot do that') } })],
    ['a typeahead search', 'application/search', (body) => expect(body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } })],
    ['a sign-in state check', 'signin/verifyState', (body) => expect(body).toBeUndefined()],
    ['a sign-in token exchange', 'signin/tokenExchange', (body) => expect(body).toBeUndefined()],
    ['a file consent answer', 'fileConsent/invoke', (body) => expect(body).toBeUndefined()],
    ['an invoke without a name', undefined, (body) => expect(body).toBeUndefined()],
    ['an invoke nobody has heard of', 'launch/missiles', (body) => expect(body).toBeUndefined()],
  ])('when Teams sends %s (%s), then the answer is 200 with what Teams expects, and nothing else happens', async (_what, name, expectBody) => {
    const res = await bot.post(invoke(name));
    expect(res.status).toBe(200);
    expectBody(res.body);
    expect(connector.sent()).toEqual([]);
    expect(await healthz(bot)).toBe(200);
  });

  it('when a well-formed activity carries fields the bot does not know, then it is served as usual', async () => {
    const res = await bot.post(message({ channelId: 'emulator', somethingNew: { nested: [1, 2, 3] }, entities: [{ type: 'mention', text: '<at>Co-sell</at>', mentioned: { id: '28:cosell-bot' } }] }));
    expect(res.status).toBe(200);
    await connector.waitFor(() => connector.sent().length === 1);
    expect(cardText(cardsOf(connector.sent()[0]!)[0])).toContain('Co-sell assistant');
  });
});
