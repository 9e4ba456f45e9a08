// The error envelope on every operation, generated: for each operation of the spec, requests the
// contract rejects before any effect (no credentials, a body of the wrong JSON type, an id that
// does not exist), each judged twice, once per rule: the envelope (ERR-ENVELOPE) and the trace id
// (ERR-TRACE-ID). The checks are pure functions over the answer, so a broken envelope on any route
// is blamed on the envelope, never on the auth or payload rule whose case happened to meet it.
import type { Operation } from '../operations.ts';
import { validate } from '../validators.ts';

export type EnvelopeRule = 'no credentials' | 'a JSON array as the body' | 'an id that does not exist';
export type EnvelopeRequirement = 'ERR-ENVELOPE' | 'ERR-TRACE-ID';
export type EnvelopeCase = { operation: string; requirement: EnvelopeRequirement; rule: EnvelopeRule };

/** The rejections an operation can be sent: each needs what the operation has (auth, a body, ids). */
function rulesOf(operation: Operation): EnvelopeRule[] {
  return [
    ...(operation.authModes.length > 0 ? (['no credentials'] as const) : []),
    ...(operation.requestSchema !== undefined ? (['a JSON array as the body'] as const) : []),
    ...(operation.pathParameters.length > 0 ? (['an id that does not exist'] as const) : []),
  ];
}

export function envelopeCases(operations: readonly Operation[]): EnvelopeCase[] {
  return operations.flatMap((operation) =>
    (['ERR-ENVELOPE', 'ERR-TRACE-ID'] as const).flatMap((requirement) => rulesOf(operation).map((rule) => ({ operation: operation.operationId, requirement, rule }))),
  );
}

/** An answer as the checks need it: status, lowercased headers, parsed body. */
export type Answer = { status: number; headers: Record<string, string>; json: unknown };

type Envelope = { success?: unknown; error?: { status?: unknown }; trace_id?: unknown };

/** The documented envelope, with `error.status` equal to the HTTP status. */
export function envelopeProblems(answer: Answer): string[] {
  const result = validate('ErrorEnvelope', answer.json);
  const problems = result.valid ? [] : result.errors.map((e) => `ErrorEnvelope: ${e}`);
  const body = answer.json as Envelope | undefined;
  if (body?.error?.status !== answer.status) problems.push(`error.status ${JSON.stringify(body?.error?.status)} differs from HTTP ${answer.status}`);
  return problems;
}

/** An X-Trace-ID header, equal to the body's `trace_id`. */
export function traceIdProblems(answer: Answer): string[] {
  const header = answer.headers['x-trace-id'];
  if (!header) return ['no X-Trace-ID header'];
  const traceId = (answer.json as Envelope | undefined)?.trace_id;
  return traceId === header ? [] : [`trace_id ${JSON.stringify(traceId)} differs from X-Trace-ID ${header}`];
}

export const problemsFor: Record<EnvelopeRequirement, (answer: Answer) => string[]> = {
  'ERR-ENVELOPE': envelopeProblems,
  'ERR-TRACE-ID': traceIdProblems,
};
