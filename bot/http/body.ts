import type { IncomingMessage } from 'node:http';

/*
 * Reading request bodies without letting the sender choose how much memory we spend: bytes are
 * counted as they arrive, never inflated, and nothing is buffered past the route's limit.
 */

/** The client went away before its body was complete: there is nobody left to answer. */
export class ClientGone extends Error {
  override readonly name = 'ClientGone';
}

/**
 * The Content-Encoding we refuse, if any. No caller of ours compresses (the Bot Connector service
 * and the intake's senders post plain JSON), and a compressed body is a few kilobytes on the wire
 * that can inflate to gigabytes: so only `identity` (or none) is accepted, and a body in any other
 * coding is never read at all.
 */
export function refusedEncoding(header: string | undefined): string | undefined {
  const coding = (header ?? '').trim().toLowerCase();
  return coding === '' || coding === 'identity' ? undefined : coding.slice(0, 64);
}

export function isJsonContentType(header: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(header ?? '');
}

/** Content-Length above the limit: refuse before reading. A missing or malformed one is judged while reading. */
export function declaresMoreThan(header: string | undefined, limit: number): boolean {
  return Number(header ?? 0) > limit;
}

/**
 * The body as UTF-8 text, or undefined when it is longer than `limit` bytes. Past the limit the
 * bytes are dropped as they come (not kept, and the connection not cut, so the caller can still
 * answer 413); rejects with ClientGone if the sender disconnects first.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      chunks.length = 0;
      // Keep the stream flowing into nowhere: Node discards the rest of the body, the answer still goes out.
      req.resume();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onGone = () => {
      stop();
      reject(new ClientGone('the client closed the connection before sending its whole body'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}
