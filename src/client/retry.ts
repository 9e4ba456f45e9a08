// When to try again, as the docs say: 429 / 1007 and 503 / 4002 wait Retry-After; other errors
// marked `retryable` back off exponentially. Everything is bounded so a run always ends.
import type { WireResponse } from './transport.ts';

/** Attempts for an error marked retryable (a 1-in-10 flaky target fails 6 in a row 1e-6 of the time). */
export const MAX_ATTEMPTS = 6;
/** A throttled target is slow, not broken: keep waiting its Retry-After for longer. */
export const MAX_THROTTLED_ATTEMPTS = 40;
const BASE_BACKOFF_MS = 50;
const THROTTLE_JITTER_MS = 250;
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
const MAX_WAIT_MS = 10_000;

export type RetryDecision =
  | { retry: false }
  | { retry: true; waitMs: number; reason: 'throttled' | 'retryable' };

function errorOf(res: WireResponse): { code?: unknown; retryable?: unknown; retry_after?: unknown } | undefined {
  try {
    const body = JSON.parse(res.text) as { error?: { code?: unknown; retryable?: unknown; retry_after?: unknown } };
    return typeof body.error === 'object' && body.error !== null ? body.error : undefined;
  } catch {
    return undefined;
  }
}

function retryAfterMs(res: WireResponse, bodyValue: unknown): number | undefined {
  const header = Number(res.headers['retry-after']);
  const seconds = Number.isFinite(header) && header >= 0 ? header : typeof bodyValue === 'number' ? bodyValue : undefined;
  return seconds === undefined ? undefined : Math.min(seconds * 1000, MAX_WAIT_MS);
}

export function backoffMs(attempt: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** (attempt - 1), MAX_WAIT_MS);
}

/** `attempt` counts from 1 (the attempt that produced `res`). */
export function retryDecision(res: WireResponse, attempt: number): RetryDecision {
  // Only 429 and 5xx answers are ever retried: the others' bodies need no parsing here.
  if (res.status < 429) return { retry: false };
  const error = errorOf(res);
  // An answer to HEAD has no body: a 503 there is a throttle when it carries Retry-After, which
  // only the throttling codes (1007, 4002) mirror (the independent server throttling a HEAD edge
  // case failed EDGE-ROUTE with a bare 503 the client had not waited out).
  const bareThrottle = res.status === 503 && res.text === '' && res.headers['retry-after'] !== undefined;
  const throttled = res.status === 429 || (res.status === 503 && error?.code === 4002) || bareThrottle;
  if (attempt >= (throttled ? MAX_THROTTLED_ATTEMPTS : MAX_ATTEMPTS)) return { retry: false };
  if (throttled) {
    // A little jitter, so the requests a window turned away do not all return at the same instant.
    const jitter = Math.floor(Math.random() * THROTTLE_JITTER_MS);
    return { retry: true, reason: 'throttled', waitMs: (retryAfterMs(res, error?.retry_after) ?? backoffMs(attempt)) + jitter };
  }
  // Only the statuses the docs give retryable codes (3001 500, 3002 503, 3004/4001 502); a
  // 501 is never worth repeating, whatever its flag says.
  if (RETRYABLE_STATUSES.has(res.status) && error?.retryable === true) {
    return { retry: true, reason: 'retryable', waitMs: backoffMs(attempt) };
  }
  return { retry: false };
}
