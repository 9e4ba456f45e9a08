// The error envelope and its headers (/api/errors), judged on one answer: pure functions, each
// finding named by the requirement it breaks.
import { validate } from '../contract/validators.ts';
import type { Answer } from './answer.ts';
import { problem, type Problem } from './problem.ts';

type Envelope = { success?: unknown; error?: { status?: unknown; code?: unknown; retryable?: unknown; retry_after?: unknown }; trace_id?: unknown };

const envelopeOf = (answer: Pick<Answer, 'json'>) => answer.json as Envelope | undefined;

/** ERR-ENVELOPE: the documented envelope, with `error.status` equal to the HTTP status. */
export function envelopeProblems(answer: Pick<Answer, 'status' | 'json'>): Problem[] {
  const result = validate('ErrorEnvelope', answer.json);
  const found = result.valid ? [] : result.errors.map((e) => problem('ERR-ENVELOPE', `ErrorEnvelope: ${e}`));
  const status = envelopeOf(answer)?.error?.status;
  if (status !== answer.status) found.push(problem('ERR-ENVELOPE', `error.status ${JSON.stringify(status)} differs from HTTP ${answer.status}`));
  return found;
}

/** ERR-TRACE-ID: an X-Trace-ID header on every answer; on an error, equal to the body's `trace_id`. */
export function traceIdProblems(answer: Pick<Answer, 'status' | 'headers' | 'json'>): Problem[] {
  const header = answer.headers['x-trace-id'];
  if (!header) return [problem('ERR-TRACE-ID', `no X-Trace-ID header on an HTTP ${answer.status} answer`)];
  if (answer.status < 400) return [];
  const traceId = envelopeOf(answer)?.trace_id;
  return traceId === header ? [] : [problem('ERR-TRACE-ID', `trace_id ${JSON.stringify(traceId)} differs from X-Trace-ID ${header}`)];
}

/** ERR-RETRY-AFTER: a throttled answer (429 / 1007, 503 / 4002) carries `retry_after` in seconds, mirrored in Retry-After. */
export function retryAfterProblems(answer: Pick<Answer, 'status' | 'headers' | 'json'>): Problem[] {
  const error = envelopeOf(answer)?.error;
  const throttled = answer.status === 429 || (answer.status === 503 && error?.code === 4002);
  if (!throttled) return [];
  const found: Problem[] = [];
  const after = error?.retry_after;
  if (typeof after !== 'number' || !Number.isInteger(after) || after < 0) found.push(problem('ERR-RETRY-AFTER', `retry_after ${JSON.stringify(after)} is not a whole number of seconds`));
  if (answer.headers['retry-after'] !== String(after)) found.push(problem('ERR-RETRY-AFTER', `Retry-After ${JSON.stringify(answer.headers['retry-after'])} does not mirror retry_after ${JSON.stringify(after)}`));
  return found;
}

/** The envelope rules of one error answer (a 4xx or 5xx), in the order a reader checks them. */
export function errorAnswerProblems(answer: Pick<Answer, 'status' | 'headers' | 'json'>): Problem[] {
  if (answer.status < 400) return traceIdProblems(answer);
  return [...envelopeProblems(answer), ...traceIdProblems(answer), ...retryAfterProblems(answer)];
}
