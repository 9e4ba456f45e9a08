// The wire: one request out, one response in, bytes exactly as given. Implementations: Node's
// http module with a body cap (the default everywhere: bounded memory, cheap per request), and
// Node's fetch for the preflight's single small request (it reads whole bodies).
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { DEFAULT_MAX_BODY_BYTES } from '../config/settings.ts';
import type { WireRequest as CheckedRequest, WireResponse as CheckedResponse } from '../checks/wire.ts';

/** A request as sent: what the checks read of it (src/checks/wire.ts), and how it is sent. */
export type WireRequest = CheckedRequest & {
  timeoutMs: number;
  /** Cancels the request (the run found the target dead). */
  signal?: AbortSignal;
};

/** A response as read (its `truncated` is set by httpTransport past the body cap). */
export type WireResponse = CheckedResponse;

export type Transport = (request: WireRequest) => Promise<WireResponse>;

/**
 * Why no answer came: `timeout` (silence) and `refused` (nothing listens) count toward a dead
 * target; `reset` (the connection dropped) is a live target's transient fault.
 */
export type NoAnswerKind = 'timeout' | 'refused' | 'reset' | 'cancelled' | 'other';

/** Thrown when the target gave no HTTP answer (refused, DNS, TLS, timeout, reset). */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
  constructor(message: string, readonly kind: NoAnswerKind = 'other') {
    super(message);
  }
}

/** The header lines to send: each name once, or once per value when it is repeated. */
function headerLines(req: WireRequest): Record<string, string | string[]> {
  const lines: Record<string, string | string[]> = { ...req.headers };
  for (const [name, values] of Object.entries(req.repeatedHeaders ?? {})) {
    const first = req.headers[name];
    lines[name] = first === undefined ? values : [first, ...values];
  }
  return lines;
}

export const fetchTransport: Transport = async (req) => {
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: Object.entries(headerLines(req)).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v])),
      body: req.body,
      redirect: 'manual',
      signal: req.signal ? AbortSignal.any([req.signal, AbortSignal.timeout(req.timeoutMs)]) : AbortSignal.timeout(req.timeoutMs),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: res.status, headers, text: await res.text() };
  } catch (error) {
    throw noAnswer(error);
  }
};

// Idle sockets close after 4 s, before a server's usual 5 s keep-alive timeout closes them under
// a request (a reset that would otherwise look like the target's).
const agents = { http: new HttpAgent({ keepAlive: true, timeout: 4_000 }), https: new HttpsAgent({ keepAlive: true, timeout: 4_000 }) };

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Reads at most `cap` bytes of a body; past it the connection is dropped, not drained. */
function readCapped(res: IncomingMessage, cap: number): Promise<{ text: string; truncated?: { cap: number } }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      if (done) return;
      done = true;
      resolve({ text: Buffer.concat(chunks).toString('utf8'), ...(truncated ? { truncated: { cap } } : {}) });
    };
    const fail = (error: unknown) => {
      if (done) return;
      done = true;
      reject(error);
    };
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = cap - size;
      chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
      size += Math.min(chunk.length, room);
      if (chunk.length <= room) return;
      finish(true);
      res.destroy(); // the rest is never read
    });
    res.on('end', () => finish(false));
    res.on('error', fail);
    res.on('aborted', () => fail(Object.assign(new Error('the connection was reset'), { code: 'ECONNRESET' })));
    res.on('close', () => {
      if (!res.complete) fail(Object.assign(new Error('the connection was reset'), { code: 'ECONNRESET' }));
    });
  });
}

function headersOf(res: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * The header lines, with Content-Length for a body not sent chunked: Node's http sets it on its own
 * only for POST, PUT and PATCH; a DELETE's or OPTIONS's body would go out unframed, read by the
 * server as the start of the next request.
 */
function withLength(req: WireRequest): Record<string, string | string[]> {
  const lines = headerLines(req);
  const names = Object.keys(lines).map((n) => n.toLowerCase());
  if (req.body === undefined || names.includes('content-length') || names.includes('transfer-encoding')) return lines;
  return { ...lines, 'content-length': String(req.body.length) };
}

/**
 * Node's http(s) over keep-alive connections. A body past `maxBodyBytes` is cut there and marked
 * truncated, so whatever a target sends, one exchange holds at most that much.
 */
export function httpTransport(maxBodyBytes = DEFAULT_MAX_BODY_BYTES): Transport {
  return (req) =>
    new Promise<WireResponse>((resolve, reject) => {
      const url = new URL(req.url);
      const secure = url.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(url, { method: req.method, headers: withLength(req), agent: secure ? agents.https : agents.http });
      const timer = setTimeout(() => outgoing.destroy(new TimeoutError('timed out')), req.timeoutMs);
      const onAbort = () => outgoing.destroy(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
      req.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
      };
      let responded = false; // from then on the body reader reports errors (a cut at the cap is none)
      outgoing.on('error', (error) => {
        if (responded) return;
        settle();
        reject(noAnswer(error));
      });
      outgoing.on('response', (res) => {
        responded = true;
        readCapped(res, maxBodyBytes).then(
          ({ text, truncated }) => {
            settle();
            resolve({ status: res.statusCode ?? 0, headers: headersOf(res), text, ...(truncated ? { truncated } : {}) });
          },
          (error: unknown) => {
            settle();
            reject(noAnswer(error));
          },
        );
      });
      if (req.signal?.aborted) onAbort();
      outgoing.end(req.body);
    });
}

/** A network failure as a NoAnswerError of the right kind. */
export function noAnswer(error: unknown): NoAnswerError {
  const message = describeNetworkError(error);
  const err = error as { name?: string; code?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (err.name === 'AbortError') return new NoAnswerError('cancelled: the run stopped sending', 'cancelled');
  if (message === 'the target did not answer in time') return new NoAnswerError(message, 'timeout');
  if (code === 'ECONNREFUSED') return new NoAnswerError(message, 'refused');
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|other side closed/i.test(String((error as Error)?.message))) {
    return new NoAnswerError('the connection was reset', 'reset');
  }
  return new NoAnswerError(message, 'other');
}

/** One line for a failure to get any answer: what went wrong, without a stack. */
export function describeNetworkError(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string }; name?: string };
  const code = err.cause?.code ?? /\b(E[A-Z_]{3,}|ERR_[A-Z_]+)\b/.exec(err.message ?? '')?.[1];
  if (err.name === 'TimeoutError' || /timed? ?out|Timeout/i.test(err.message ?? '')) return 'the target did not answer in time';
  switch (code) {
    case 'ECONNREFUSED': return 'connection refused (nothing listens at that address)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return 'the host name does not resolve (DNS)';
    case 'ECONNRESET': return 'the connection was reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return 'the host is unreachable';
    default:
      if (/certificate|SSL|TLS/i.test(`${err.message ?? ''} ${err.cause?.message ?? ''} ${code ?? ''}`)) {
        return `TLS handshake failed (${code ?? 'certificate problem'})`;
      }
      return `no HTTP answer (${code ?? err.cause?.message ?? err.message ?? 'unknown error'})`.split('\n')[0] as string;
  }
}
