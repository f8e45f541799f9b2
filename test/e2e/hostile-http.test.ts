import { request, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import { withinEditDistance } from '../../bot/commands/parse';
import { cardsOf, cardText, ConnectorStandIn } from '../support/connector';
import { startTestApp, teamsActivity, type TestApp } from '../support/app';

/*
 * Issue 10 (hardening): what a hostile caller can send to the bot's HTTP surface, through the real
 * server. Each describe names the finding it protects.
 */

const INTAKE_KEY = 'the-intake-key';

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
  let bot: TestApp;

  beforeAll(async () => {
    bot = await startTestApp({ REFERRAL_INTAKE_KEY: INTAKE_KEY }, { workers: false });
  });
  afterAll(() => bot.stop());

  // 32 MiB of JSON that gzip squeezes into ~32 KiB: under every limit on the wire, far over all of them inflated.
  const activity = teamsActivity('http://127.0.0.1:9', { text: 'help' });
  const json = JSON.stringify(activity);
  const bomb = gzipSync(Buffer.concat([Buffer.from(`${json.slice(0, -1)},"padding":"`), Buffer.alloc(32 * 1024 * 1024, 0x61), Buffer.from('"}')]));

  it.each([
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
    expect(text).toContain(`I did not understand "${word.slice(0, 80)}"`);
    expect(text).not.toContain(word.slice(0, 81));
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
