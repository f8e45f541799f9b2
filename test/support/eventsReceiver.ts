import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  readonly raw: string;
  readonly body: Record<string, unknown>;
  readonly signature?: string;
  readonly status: number;
}

/** A local stand-in for the system behind REFERRAL_EVENTS_URL; can be told to fail the next requests. */
export class EventsReceiver {
  readonly received: ReceivedEvent[] = [];
  private server?: Server;
  private failures: number[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const status = this.failures.shift() ?? 204;
      this.received.push({ raw, body: JSON.parse(raw) as Record<string, unknown>, signature: req.headers['x-signature'] as string | undefined, status });
      res.statusCode = status;
      res.end();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks/referrals`;
    return this;
  }

  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  delivered(): ReceivedEvent[] {
    return this.received.filter((r) => r.status < 300);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
