// The error codes the mock answers with, from the contract's table (/api/errors, route page wins
// where they conflict). The answers the docs leave without a code (unknown route, wrong method,
// oversized body, idempotency conflicts) reuse 1002 "invalid request" with a fitting HTTP status:
// the docs say the status cannot be derived from the code, and inventing codes would mislead.

export type ApiError = {
  status: number;
  code: number;
  message: string;
  retryable: boolean;
  /** Seconds; sent as `retry_after` and the `Retry-After` header (1007, 4002). */
  retryAfter?: number;
};

const CATALOG = {
  1001: { status: 400, message: 'A required field is missing.' },
  1002: { status: 400, message: 'Invalid field value.' },
  1003: { status: 400, message: 'Invalid phone number.' },
  1004: { status: 400, message: 'Invalid JSON.' },
  1005: { status: 400, message: 'Text parts of the first message cannot hold a URL; send it as a rich_link part.' },
  1006: { status: 422, message: 'More than 31 recipients.' },
  1007: { status: 429, message: 'Rate limited.' },
  1008: { status: 400, message: 'Consecutive text parts; merge them into one.' },
  1009: { status: 400, message: 'Text exceeds the length limit.' },
  1011: { status: 409, message: 'Resource type mismatch.' },
  2001: { status: 404, message: 'Tenant not found.' },
  2002: { status: 404, message: 'Chat not found.' },
  2003: { status: 404, message: 'Message not found.' },
  2004: { status: 401, message: 'Invalid signature or token.' },
  2006: { status: 403, message: 'The `from` line is not assigned to this tenant.' },
  2012: { status: 401, message: 'No credentials.' },
  2013: { status: 401, message: 'Signature timestamp is more than 300 seconds off.' },
  3001: { status: 500, message: 'Internal error.' },
  3002: { status: 503, message: 'Service unavailable.' },
  4001: { status: 502, message: 'Delivery failed.' },
  5001: { status: 404, message: 'Attachment not found.' },
  4099: { status: 501, message: 'Group creation does not support media or rich links in the first message.' },
} as const;

export type ErrorCode = keyof typeof CATALOG;

/** Retryable per the contract: rate limits and infrastructure (3xxx, 4001, 4002), nothing else. */
function isRetryable(code: number): boolean {
  return code === 1007 || (code >= 3000 && code < 4000) || code === 4001 || code === 4002;
}

export function apiError(code: ErrorCode, message?: string, overrides: Partial<ApiError> = {}): ApiError {
  const entry = CATALOG[code];
  return { status: entry.status, code, message: message ?? entry.message, retryable: isRetryable(code), ...overrides };
}

/** A step's outcome: its value, or the error that ends the request. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failed = (error: ApiError): Result<never> => ({ ok: false, error });

// Answers the docs give no code for (see the header comment).
export const notFoundRoute = (): ApiError => apiError(1002, 'No such route.', { status: 404 });
export const methodNotAllowed = (allow: string): ApiError => apiError(1002, `Method not allowed; use ${allow}.`, { status: 405 });
export const payloadTooLarge = (limit: number): ApiError => apiError(1002, `Body larger than ${limit} bytes.`, { status: 413 });
export const idempotencyInFlight = (): ApiError => apiError(1002, 'A request with this idempotency key is still in flight; retry shortly.', { status: 409 });
export const idempotencyMismatch = (): ApiError => apiError(1002, 'This idempotency key was used with another body.', { status: 422 });
