import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in Bot Connector that enforces Teams' documented limits the way Teams does: beyond
 * 7 messages per second into one conversation, or 50 per second per app per tenant, it answers
 * 429 with Retry-After instead of accepting the message. It counts every accepted message by its
 * (conversation, dedupe key) so lost and duplicated notifications can be found afterwards.
 */
export class TeamsLimitsConnector {
  private server?: Server;
  private readonly perConversation = new Map<string, number[]>();
  private readonly perTenant: number[] = [];
  /** Accepted messages, in order: [time ms, conversation id]. */
  readonly accepted: { at: number; conversationId: string; summary: string }[] = [];
  /** Refused messages (429), with their time. */
  readonly refused: { at: number; conversationId: string }[] = [];
  readonly updates: { at: number; conversationId: string }[] = [];
  url = '';

  constructor(private readonly limits = { perConversationPerSecond: 7, perTenantPerSecond: 50, retryAfterSeconds: 1 }) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private within(times: number[], now: number, limit: number): boolean {
    while (times.length && times[0]! <= now - 1000) times.shift();
    return times.length < limit;
  }

  /** Restify, once loaded in this process, patches writeHead so it no longer returns the response: never chain on it. */
  private answer(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
    res.writeHead(status, headers);
    res.end(body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { summary?: string };
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?/.exec(req.url ?? '');
    const conversationId = m ? decodeURIComponent(m[1]!) : '';
    const now = performance.now();
    if (req.method === 'GET') {
      this.answer(res, 404, { 'content-type': 'application/json' }, '{}');
      return;
    }
    const conv = this.perConversation.get(conversationId) ?? [];
    this.perConversation.set(conversationId, conv);
    if (!this.within(conv, now, this.limits.perConversationPerSecond) || !this.within(this.perTenant, now, this.limits.perTenantPerSecond)) {
      this.refused.push({ at: now, conversationId });
      this.answer(res, 429, { 'content-type': 'application/json', 'retry-after': String(this.limits.retryAfterSeconds) }, '{"error":{"code":"Throttled"}}');
      return;
    }
    conv.push(now);
    this.perTenant.push(now);
    if (req.method === 'PUT') this.updates.push({ at: now, conversationId });
    else this.accepted.push({ at: now, conversationId, summary: body.summary ?? '' });
    this.answer(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ id: `act-${this.accepted.length + this.updates.length}` }));
  }
}
