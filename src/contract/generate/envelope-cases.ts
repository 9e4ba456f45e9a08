// The error envelope on every operation, generated: for each operation of the spec, requests the
// contract rejects before any effect (no credentials, a body of the wrong JSON type, an id that
// does not exist), each judged twice, once per rule: the envelope (ERR-ENVELOPE) and the trace id
// (ERR-TRACE-ID). The checks are pure functions over the answer, so a broken envelope on any route
// is blamed on the envelope, never on the auth or payload rule whose case happened to meet it.
import type { Operation } from '../operations.ts';
import { envelopeProblems, traceIdProblems } from '../../checks/envelope.ts';
import type { Problem } from '../../checks/problem.ts';

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

const messages = (found: Problem[]) => found.map((p) => p.message);

/** The findings of the envelope rule and the trace-id rule (src/checks/envelope.ts), per requirement. */
export const problemsFor: Record<EnvelopeRequirement, (answer: Answer) => string[]> = {
  'ERR-ENVELOPE': (answer) => messages(envelopeProblems(answer)),
  'ERR-TRACE-ID': (answer) => messages(traceIdProblems(answer)),
};
