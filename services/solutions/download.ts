/*
 * Fetching a file a user sent in chat. Teams hands the bot a pre-authenticated `downloadUrl` for each
 * file attachment in a personal chat (application/vnd.microsoft.teams.file.download.info). The URL
 * comes with the activity, so it is checked like any other input: https only (and no address literal
 * or localhost), every redirect checked again, the body read with a size bound and a time limit.
 */

export interface DownloadOptions {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /**
   * Tests only: the connector stand-in serves files over plain http on 127.0.0.1. Never set from
   * configuration; bot/index.ts takes it from AppOverrides, which only tests pass.
   */
  readonly allowHttpLoopback?: boolean;
  readonly fetch?: typeof fetch;
}

export type DownloadOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problem: 'tooLarge' | 'unreachable' | 'refusedUrl' };

const MAX_REDIRECTS = 3;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

function allowed(raw: string, options: DownloadOptions): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (options.allowHttpLoopback && url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  if (url.protocol !== 'https:' || url.username || url.password) return undefined;
  // Address literals and localhost are never where Teams keeps files.
  if (LOOPBACK.has(url.hostname) || /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith('[')) return undefined;
  return url;
}

export async function downloadFile(rawUrl: string, options: DownloadOptions): Promise<DownloadOutcome> {
  const get = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = allowed(rawUrl, options);
  try {
    for (let hop = 0; url && hop <= MAX_REDIRECTS; hop++) {
      const res = await get(url, { redirect: 'manual', signal });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const next = res.headers.get('location');
        url = next ? allowed(new URL(next, url).toString(), options) : undefined;
        continue;
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        return { ok: false, problem: 'unreachable' };
      }
      if (Number(res.headers.get('content-length') ?? 0) > options.maxBytes) {
        await res.body.cancel();
        return { ok: false, problem: 'tooLarge' };
      }
      return await readBounded(res.body, options.maxBytes);
    }
    return { ok: false, problem: url ? 'unreachable' : 'refusedUrl' };
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
}

async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<DownloadOutcome> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { ok: false, problem: 'tooLarge' };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
