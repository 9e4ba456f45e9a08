// The error envelope and the trace id every response carries (/api/errors).
import { randomBytes } from 'node:crypto';
import type { ApiError } from './errors.ts';
import type { FaultName } from './faults.ts';
import type { ErrorEnvelope } from './types.ts';

// A random per-process prefix plus a counter: unique per request without a crypto call each time.
const TRACE_PREFIX = randomBytes(4).toString('hex');
let traceCounter = 0;

export function newTraceId(): string {
  traceCounter = (traceCounter + 1) >>> 0;
  return TRACE_PREFIX + traceCounter.toString(16).padStart(8, '0');
}

/** The envelope body of an error, with the envelope faults applied where they deviate. */
export function envelopeBody(error: ApiError, traceId: string, fault: FaultName | undefined): unknown {
  const detail: ErrorEnvelope['error'] = {
    status: error.status,
    code: error.code,
    message: error.message,
    retryable: error.retryable,
  };
  if (error.retryAfter !== undefined) detail.retry_after = error.retryAfter;
  if (fault === 'envelope-status-mismatch' && error.status === 422) detail.status = 400;
  if (fault === 'retryable-missing' && error.status < 500) delete (detail as Partial<typeof detail>).retryable;
  const traceField = fault === 'trace-id-mismatch' ? newTraceId() : traceId;
  if (fault === 'envelope-no-success-flag') return { error: detail, trace_id: traceField };
  const body: ErrorEnvelope = { success: false, error: detail, trace_id: traceField };
  return body;
}

/** Headers of an error beyond the trace id: `Retry-After` mirrors `retry_after`. */
export function envelopeHeaders(error: ApiError, fault: FaultName | undefined): Record<string, string> {
  if (error.retryAfter === undefined || fault === 'rate-limit-no-retry-after') return {};
  return { 'retry-after': String(error.retryAfter) };
}
