// Reads a request body up to a limit. Past the limit it stops keeping bytes and answers at once;
// the rest is drained (not stored) so the client can read the 413, up to a cap, then cut off.
import type { IncomingMessage } from 'node:http';
import type { FaultName } from './faults.ts';

export const BODY_LIMIT = 1024 * 1024;
/** Bytes drained after the limit before the connection is cut. */
const DRAIN_LIMIT = 32 * BODY_LIMIT;

export const TOO_LARGE = Symbol('body too large');

export type Body = Buffer | typeof TOO_LARGE;

function drain(req: IncomingMessage): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.resume();
}

/** One body being read; a class so the hot path creates no named closures per request. */
class BodyReader {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private done = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly limit: number,
    private readonly resolve: (body: Body) => void,
    private readonly fault: FaultName | undefined,
  ) {}

  data(chunk: Buffer): void {
    if (this.done) return;
    this.size += chunk.length;
    if (this.size <= this.limit) {
      this.chunks.push(chunk);
      return;
    }
    this.done = true;
    this.chunks.length = 0;
    // chunked-past-limit-hangs: past the limit the reader only stops keeping bytes, and never answers.
    if (this.fault === 'chunked-past-limit-hangs') return;
    drain(this.req);
    this.resolve(TOO_LARGE);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.resolve(this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size));
  }
}

export function readBody(req: IncomingMessage, limit = BODY_LIMIT, fault?: FaultName): Promise<Body> {
  if (Number(req.headers['content-length']) > limit) {
    drain(req);
    return Promise.resolve(TOO_LARGE);
  }
  return new Promise((resolve, reject) => {
    const reader = new BodyReader(req, limit, resolve, fault);
    req.on('data', (chunk: Buffer) => reader.data(chunk));
    req.on('end', () => reader.end());
    req.on('error', reject);
  });
}
