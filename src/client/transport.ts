// The wire: one request out, one response in, bytes exactly as given. Two implementations:
// Playwright's APIRequestContext (the tests' `request` fixture) and Node's fetch (preflight, scripts).
import type { APIRequestContext } from '@playwright/test';

export type WireRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Exact bytes to send; undefined sends no body. */
  body: Buffer | undefined;
  timeoutMs: number;
};

export type WireResponse = {
  status: number;
  /** Header names lowercased. */
  headers: Record<string, string>;
  text: string;
};

export type Transport = (request: WireRequest) => Promise<WireResponse>;

/** Thrown when the target gave no HTTP answer (refused, DNS, TLS, timeout). */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
}

function lowercaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

export function playwrightTransport(context: APIRequestContext): Transport {
  return async (req) => {
    try {
      const res = await context.fetch(req.url, {
        method: req.method,
        headers: req.headers,
        data: req.body,
        timeout: req.timeoutMs,
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      return { status: res.status(), headers: lowercaseKeys(res.headers()), text: await res.text() };
    } catch (error) {
      throw new NoAnswerError(describeNetworkError(error));
    }
  };
}

export const fetchTransport: Transport = async (req) => {
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: res.status, headers, text: await res.text() };
  } catch (error) {
    throw new NoAnswerError(describeNetworkError(error));
  }
};

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
