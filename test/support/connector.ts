import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector service. */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  /** For PUT (update) and replies: the activity addressed. */
  readonly activityId?: string;
  readonly body: Record<string, unknown>;
  readonly authorization?: string;
  /** The id the stand-in gave a new activity. */
  readonly createdId?: string;
  readonly at: number;
  /** The HTTP status the stand-in answered. */
  readonly status: number;
}

/** A scripted answer for the next matching call (for 429, 403, 5xx tests). */
export interface ScriptedResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Only calls to this conversation. */
  readonly conversationId?: string;
  /** Delay before answering (ms). */
  readonly delayMs?: number;
}

export interface StandInMember {
  readonly id: string;
  readonly aadObjectId?: string;
  readonly name: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
  readonly tenantId?: string;
}

/**
 * A local stand-in for the Bot Connector service (what `serviceUrl` points at). It records every
 * call, answers like Teams does (ids for new activities, member lookups), and can be scripted to
 * answer 429/403/5xx.
 */
export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  private server?: Server;
  private readonly script: ScriptedResponse[] = [];
  private readonly members = new Map<string, StandInMember>();
  private readonly files = new Map<string, { body: Buffer; chunked: boolean; status: number }>();
  private nextId = 1;
  /** Answer 403 to new 1:1 chats, as Teams does for someone the bot shares no chat or team with. */
  refuseNewChats = false;
  private waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Answer the next calls (in order) with these responses instead of 200. */
  enqueue(...responses: ScriptedResponse[]): void {
    this.script.push(...responses);
  }

  /**
   * Serve a file the way Teams serves one a user sent in a personal chat: at a download URL the bot
   * fetches (here plain http on 127.0.0.1, which only tests let the bot fetch). Returns that URL and
   * the activity attachment Teams would send for it.
   */
  serveFile(name: string, body: Buffer | string, options: { status?: number; /** Send no Content-Length, as a streamed download does. */ chunked?: boolean } = {}): { url: string; attachment: Record<string, unknown> } {
    const path = `/files/${this.files.size + 1}/${encodeURIComponent(name)}`;
    this.files.set(path, { body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), chunked: options.chunked ?? false, status: options.status ?? 200 });
    const url = `${this.url}${path}`;
    return {
      url,
      attachment: {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://fabrikam-my.sharepoint.com/personal/ada/Documents/Microsoft%20Teams%20Chat%20Files/${encodeURIComponent(name)}`,
        name,
        content: { downloadUrl: url, uniqueId: `file-${this.files.size}`, fileType: name.split('.').pop() ?? '' },
      },
    };
  }

  /** Downloads of served files the bot made, by path. */
  readonly downloads: string[] = [];

  addMember(member: StandInMember): void {
    this.members.set(member.id, member);
    if (member.aadObjectId) this.members.set(member.aadObjectId, member);
  }

  /** New messages the bot sent (POST), optionally to one conversation. */
  sent(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.status < 300 && (!conversationId || c.conversationId === conversationId) && c.path.includes('/activities'));
  }

  /** 1:1 chats the bot opened (POST /v3/conversations). */
  created(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path.replace(/\/$/, '') === '/v3/conversations');
  }

  /** Card updates the bot made (PUT). */
  updates(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && c.status < 300 && (!conversationId || c.conversationId === conversationId));
  }

  /** Resolve once `predicate` holds (checked after every call), or fail after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 10000, what = 'connector calls'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = { predicate, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; saw ${this.calls.length} calls: ${this.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ')}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = req.method === 'GET' ? this.files.get(new URL(req.url ?? '/', this.url).pathname) : undefined;
    if (file) {
      this.downloads.push(new URL(req.url ?? '/', this.url).pathname);
      res.writeHead(file.status, { 'content-type': 'application/octet-stream', ...(file.chunked ? {} : { 'content-length': String(file.body.byteLength) }) });
      if (file.chunked) {
        // Streamed in pieces, so a reader that stops early stops the download.
        for (let at = 0; at < file.body.byteLength && !res.destroyed; at += 64 * 1024) res.write(file.body.subarray(at, at + 64 * 1024));
        res.end();
      } else res.end(file.body);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const url = new URL(req.url ?? '/', this.url);
    const match = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?/.exec(url.pathname);
    const creating = req.method === 'POST' && /^\/v3\/conversations\/?$/.test(url.pathname);
    const conversationId = match ? decodeURIComponent(match[1]!) : '';
    const sub = match?.[2];
    const target = match?.[3] ? decodeURIComponent(match[3]) : undefined;

    const scriptedIndex = this.script.findIndex((s) => !s.conversationId || s.conversationId === conversationId);
    const scripted = req.method !== 'GET' && scriptedIndex >= 0 ? this.script.splice(scriptedIndex, 1)[0] : undefined;
    if (scripted?.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));

    let status = scripted?.status ?? 200;
    let answer: unknown = scripted?.body ?? {};
    let createdId: string | undefined;
    if (!scripted) {
      if (req.method === 'GET' && sub === 'members' && target) {
        const member = this.members.get(target);
        status = member ? 200 : 404;
        answer = member ? { ...member, objectId: member.aadObjectId } : { error: { code: 'MemberNotFoundInConversation', message: 'not found' } };
      } else if (req.method === 'POST' && sub === 'activities') {
        createdId = `act-${this.nextId++}`;
        answer = { id: createdId };
      } else if (req.method === 'PUT' && sub === 'activities') {
        answer = { id: target };
      } else if (creating) {
        // Teams opens (or finds) the 1:1 chat with the member named; its id is stable per member.
        const memberId = (body.members as { id?: string }[] | undefined)?.[0]?.id ?? 'unknown';
        const member = this.members.get(memberId);
        if (this.refuseNewChats || !member) {
          status = 403;
          answer = { error: { code: 'Forbidden', message: 'The bot is not installed for this user.' } };
        } else {
          answer = { id: `a:personal-${member.aadObjectId ?? member.id}` };
        }
      }
    }
    this.calls.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      conversationId,
      activityId: target,
      body,
      authorization: req.headers.authorization,
      createdId,
      at: Date.now(),
      status,
    });
    res.writeHead(status, { 'content-type': 'application/json', ...(scripted?.headers ?? {}) });
    res.end(JSON.stringify(answer));
    for (const w of [...this.waiters]) {
      if (w.predicate()) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }
}

/** The adaptive card attachments of a call, as JSON. */
export function cardsOf(call: ConnectorCall): Record<string, unknown>[] {
  const attachments = (call.body.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [];
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}

/** Every text of a card (TextBlock text, FactSet titles and values, action titles), flattened, for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title' || k === 'value' || k === 'label' || k === 'placeholder') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}
