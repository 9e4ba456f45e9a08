// Reads a request body up to a limit. Past the limit it stops keeping bytes and answers at once;
// the rest is drained (not stored) so the client can read the 413, up to a cap, then cut off.
import type { IncomingMessage } from 'node:http';

export const BODY_LIMIT = 1024 * 1024;
/** Bytes drained after the limit before the connection is cut. */
const DRAIN_LIMIT = 32 * BODY_LIMIT;

export const TOO_LARGE = Symbol('body too large');

function drain(req: IncomingMessage): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.resume();
}

export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer | typeof TOO_LARGE> {
  if (Number(req.headers['content-length']) > limit) {
    drain(req);
    return Promise.resolve(TOO_LARGE);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd);
      chunks.length = 0;
      drain(req);
      resolve(TOO_LARGE);
    };
    const onEnd = (): void => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}
