import { verify as verifySignature, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock';

/*
 * Partner Center's webhook callbacks, authenticated the way its documentation describes: the body is
 * signed (RSA-SHA256, base64 in `Authorization: Signature …` or `x-ms-signature`) with a certificate
 * Partner Center names in `x-ms-certificate-url`. We accept the callback only when
 *  - that URL is https on a host we were told to trust (PARTNER_CENTER_CERT_HOSTS) — checked before any
 *    request, so a caller cannot make the bot fetch what it names (plain http is allowed only for a
 *    loopback host listed explicitly: the local stand-in);
 *  - the certificate chains, through intermediates it carries or its issuer's AIA address (on a trusted
 *    host too), to one of the configured roots, every link valid now;
 *  - it was issued to and by Microsoft Corporation (Microsoft's own sample checks the issuer's O);
 *  - the signature over the exact bytes received verifies with its RSA key;
 *  - the change it reports happened within the last few minutes (older is a replay; Partner Center's
 *    late retries are caught by the reconciliation poll anyway).
 * A callback is only ever a hint: the referral is then read from Partner Center with the organization's
 * own token, never taken from the callback.
 */

export const REPLAY_WINDOW_MS = 5 * 60_000;
const CERT_BYTES = 64 * 1024;
const MAX_CHAIN = 5;
const CACHE_MS = 60 * 60_000;
const CACHE_ENTRIES = 32;
const MICROSOFT = 'Microsoft Corporation';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The thin notice Partner Center posts. */
export const WebhookEvent = z.object({
  EventName: z.string().min(1).max(100),
  ResourceUri: z.string().max(2048).nullish(),
  ResourceName: z.string().max(200).nullish(),
  AuditUri: z.string().max(2048).nullish(),
  ResourceChangeUtcDate: z.string().min(1).max(64),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export type Verification = { readonly ok: true; readonly event: WebhookEvent } | { readonly ok: false; readonly reason: string };

export interface WebhookHeaders {
  readonly authorization?: string;
  readonly signature?: string;
  readonly certificateUrl?: string;
  readonly algorithm?: string;
}

export interface WebhookVerifierOptions {
  /** The trust anchors (PARTNER_CENTER_WEBHOOK_ROOTS). */
  readonly roots: readonly X509Certificate[];
  /** Hosts (with their port when not the default) certificates may be downloaded from (PARTNER_CENTER_CERT_HOSTS). */
  readonly certHosts: readonly string[];
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

/** Every certificate of a PEM bundle, in order. */
export function certificatesFromPem(pem: string): X509Certificate[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((block) => new X509Certificate(block));
}

/** The value of one attribute of a distinguished name as Node prints it ("C=US\nO=Microsoft Corporation\nCN=…"). */
function attribute(name: string, key: string): string[] {
  return name
    .split('\n')
    .filter((line) => line.startsWith(`${key}=`))
    .map((line) => line.slice(key.length + 1));
}

class Refused extends Error {}

export class WebhookVerifier {
  private readonly fetch: typeof fetch;
  private readonly hosts: ReadonlySet<string>;
  private readonly cache = new Map<string, { at: number; certs: X509Certificate[] }>();

  constructor(private readonly options: WebhookVerifierOptions) {
    this.fetch = options.fetch ?? fetch;
    this.hosts = new Set(options.certHosts.map((h) => h.trim().toLowerCase()).filter(Boolean));
  }

  /**
   * Whether the bot may download a certificate from `raw`, and from which exact URL: https on an
   * allowed host, or http on an allowed loopback host (the stand-in). `upgrade` (issuers' AIA addresses,
   * published as http) fetches the same file over https instead.
   */
  allowedUrl(raw: string, upgrade = false): URL | undefined {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return undefined;
    }
    if (url.username || url.password || url.search || url.hash || !this.hosts.has(url.host.toLowerCase())) return undefined;
    // Certificate files only: a trusted host is not an open door to every path on it.
    if (!/\.(cer|crt|pem|der)$/i.test(url.pathname)) return undefined;
    if (url.protocol === 'https:') return url;
    if (url.protocol !== 'http:') return undefined;
    if (LOOPBACK.has(url.hostname.toLowerCase())) return url;
    if (!upgrade) return undefined;
    const secure = new URL(url.toString());
    secure.protocol = 'https:';
    return secure;
  }

  async verify(headers: WebhookHeaders, raw: Buffer): Promise<Verification> {
    try {
      const signature = this.signatureOf(headers);
      if ((headers.algorithm ?? '').trim().toLowerCase() !== 'rsa-sha256') throw new Refused('unsupported or missing x-ms-signature-algorithm');
      const url = headers.certificateUrl ? this.allowedUrl(headers.certificateUrl) : undefined;
      if (!url) throw new Refused('certificate URL is not https on an allowed host');
      const [leaf, ...bundled] = await this.download(url);
      if (!leaf) throw new Refused('no certificate at the certificate URL');
      this.checkLeaf(leaf);
      await this.checkChain(leaf, bundled);
      const key = leaf.publicKey;
      if (key.asymmetricKeyType !== 'rsa') throw new Refused('the certificate has no RSA key');
      if (!verifySignature('sha256', raw, key, signature)) throw new Refused('signature does not match the body');
      return { ok: true, event: this.eventOf(raw) };
    } catch (err) {
      if (err instanceof Refused) return { ok: false, reason: err.message };
      throw err;
    }
  }

  private signatureOf(headers: WebhookHeaders): Buffer {
    const fromAuth = /^Signature\s+(\S+)$/i.exec(headers.authorization?.trim() ?? '')?.[1];
    const fromHeader = headers.signature?.trim().replace(/^Signature\s+/i, '');
    const b64 = fromAuth ?? fromHeader;
    if (!b64) throw new Refused('no signature');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length > 2048) throw new Refused('signature is not base64');
    return Buffer.from(b64, 'base64');
  }

  private eventOf(raw: Buffer): WebhookEvent {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new Refused('body is not JSON');
    }
    const parsed = WebhookEvent.safeParse(body);
    if (!parsed.success) throw new Refused('body is not a Partner Center event');
    const at = Date.parse(parsed.data.ResourceChangeUtcDate);
    const now = this.options.clock.now().toMillis();
    if (!Number.isFinite(at)) throw new Refused('ResourceChangeUtcDate is not a date');
    if (now - at > REPLAY_WINDOW_MS) throw new Refused('event older than the replay window');
    if (at - now > REPLAY_WINDOW_MS) throw new Refused('event dated in the future');
    return parsed.data;
  }

  private validNow(cert: X509Certificate): boolean {
    const now = this.options.clock.now().toMillis();
    return Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);
  }

  private checkLeaf(leaf: X509Certificate): void {
    if (!this.validNow(leaf)) throw new Refused('certificate expired or not yet valid');
    if (!attribute(leaf.subject, 'O').includes(MICROSOFT)) throw new Refused('certificate not issued to Microsoft Corporation');
    if (!attribute(leaf.issuer, 'O').includes(MICROSOFT)) throw new Refused('certificate not issued by Microsoft Corporation');
  }

  private static signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
    try {
      return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
    } catch {
      return false;
    }
  }

  private async checkChain(leaf: X509Certificate, bundled: readonly X509Certificate[]): Promise<void> {
    let current = leaf;
    for (let depth = 0; depth < MAX_CHAIN; depth++) {
      const root = this.options.roots.find((r) => WebhookVerifier.signedBy(current, r));
      if (root) {
        if (!this.validNow(root)) throw new Refused('root certificate expired');
        return;
      }
      let issuer = bundled.find((c) => c.ca && WebhookVerifier.signedBy(current, c));
      if (!issuer) {
        const aia = /CA Issuers - URI:(\S+)/.exec(current.infoAccess ?? '')?.[1];
        const url = aia ? this.allowedUrl(aia, true) : undefined;
        if (url) issuer = (await this.download(url)).find((c) => c.ca && WebhookVerifier.signedBy(current, c));
      }
      if (!issuer) throw new Refused('certificate does not chain to a trusted root');
      if (!this.validNow(issuer)) throw new Refused('intermediate certificate expired');
      current = issuer;
    }
    throw new Refused('certificate chain too long');
  }

  /** The certificates at an allowed URL (PEM bundle or one DER), cached for an hour. */
  private async download(url: URL): Promise<X509Certificate[]> {
    const key = url.toString();
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.certs;
    let res: Response;
    try {
      res = await this.fetch(key, { redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch {
      throw new Refused('certificate could not be downloaded');
    }
    if (!res.ok) throw new Refused(`certificate download answered ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length === 0 || bytes.length > CERT_BYTES) throw new Refused('certificate download has an unexpected size');
    let certs: X509Certificate[];
    try {
      const text = bytes.toString('latin1');
      certs = text.includes('-----BEGIN CERTIFICATE-----') ? certificatesFromPem(text) : [new X509Certificate(bytes)];
    } catch {
      throw new Refused('certificate could not be read');
    }
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { at: Date.now(), certs });
    return certs;
  }
}
