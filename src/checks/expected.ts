// What a check expects of an answer, as data: the set of answers the docs allow. Where the docs
// leave a choice open (specs/open-choices.yaml), the set holds the answer of every reading, and it
// names the choices it spans, so a report can say where the docs, not the target, are the limit.
import { errorCode, received, type Answer } from './answer.ts';
import { problem, type Problem } from './problem.ts';

/** One allowed answer. */
export type Alternative =
  /** This HTTP status, with this error code (any code when none is named). */
  | { kind: 'error'; status: number; code?: number }
  /** Any 4xx: the docs require a rejection but name no status. */
  | { kind: 'any-4xx' }
  /** A 2xx. */
  | { kind: 'success' }
  /**
   * The credentials were accepted: no 401, no auth error code, no 5xx. The operation's own rules
   * may still refuse the body (a state or validation 4xx), which says nothing about auth.
   */
  | { kind: 'authenticated' };

export type Expected = {
  anyOf: readonly Alternative[];
  /** Ids of the open choices (specs/open-choices.yaml) whose readings widened the set. */
  choices?: readonly string[];
};

/** Error codes that mean "your credentials were not accepted". */
export const AUTH_CODES: readonly number[] = [2001, 2004, 2012, 2013];

const list = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? (value as readonly T[]) : [value as T]);

/** Every pairing of these statuses with these codes (any code when none is given). */
export function errorAnswers(status: number | readonly number[], code?: number | readonly number[]): Alternative[] {
  const codes = code === undefined ? [undefined] : list(code);
  return list(status).flatMap((s) => codes.map((c): Alternative => (c === undefined ? { kind: 'error', status: s } : { kind: 'error', status: s, code: c })));
}

export const anyOf = (...sets: (Alternative | readonly Alternative[] | Expected)[]): Expected => {
  const alternatives: Alternative[] = [];
  const choices = new Set<string>();
  for (const set of sets) {
    if ('anyOf' in set) {
      alternatives.push(...set.anyOf);
      for (const c of set.choices ?? []) choices.add(c);
    } else alternatives.push(...list(set as Alternative | readonly Alternative[]));
  }
  return choices.size > 0 ? { anyOf: alternatives, choices: [...choices] } : { anyOf: alternatives };
};

export const rejectedWith = (status: number | readonly number[], code?: number | readonly number[]): Expected => ({ anyOf: errorAnswers(status, code) });
export const ANY_4XX: Expected = { anyOf: [{ kind: 'any-4xx' }] };
export const SUCCESS: Expected = { anyOf: [{ kind: 'success' }] };
export const AUTHENTICATED: Expected = { anyOf: [{ kind: 'authenticated' }] };

/** The same set, marked as spanning these open choices. */
export function spanning(expected: Expected, ...choices: string[]): Expected {
  return { ...expected, choices: [...new Set([...(expected.choices ?? []), ...choices])] };
}

export type Received = { status: number; code: number | undefined };

function allowsOne(alternative: Alternative, got: Received): boolean {
  switch (alternative.kind) {
    case 'error':
      return alternative.status === got.status && (alternative.code === undefined || alternative.code === got.code);
    case 'any-4xx':
      return got.status >= 400 && got.status < 500;
    case 'success':
      return got.status >= 200 && got.status < 300;
    case 'authenticated':
      return got.status < 500 && got.status !== 401 && !AUTH_CODES.includes(got.code ?? 0);
  }
}

/** Does the answer fall inside the allowed set? */
export function allows(expected: Expected, got: Received): boolean {
  return expected.anyOf.some((a) => allowsOne(a, got));
}

/** Can some allowed answer be a success? Then, on a live tenant, sending the request may deliver. */
export function mayBeAccepted(expected: Expected): boolean {
  return expected.anyOf.some((a) => a.kind === 'success' || a.kind === 'authenticated');
}

function describeOne(alternative: Alternative): string {
  switch (alternative.kind) {
    case 'error':
      return alternative.code === undefined ? `${alternative.status}` : `${alternative.status} / ${alternative.code}`;
    case 'any-4xx':
      return 'a 4xx';
    case 'success':
      return 'a 2xx';
    case 'authenticated':
      return 'no auth rejection';
  }
}

/** "401 / 2012", "400 / 1006 or 422 / 1006", "a 4xx or a 2xx": how a title or a failure names the set. */
export function describeExpected(expected: Expected): string {
  return [...new Set(expected.anyOf.map(describeOne))].join(' or ');
}

/** The answer judged against the set, as a problem of `requirement` when it falls outside. */
export function judgeAnswer(requirement: string, expected: Expected, answer: Pick<Answer, 'status' | 'json' | 'text'>, what?: string): Problem | undefined {
  if (allows(expected, { status: answer.status, code: errorCode(answer) })) return undefined;
  const readings = expected.choices?.length ? ` (every reading of ${expected.choices.join(', ')})` : '';
  return problem(requirement, `${what ? `${what}: ` : ''}expected ${describeExpected(expected)}${readings}\n  received ${received(answer)}`);
}

/** Is a 2xx the only allowed answer (the request must be accepted)? */
export function mustSucceed(expected: Expected): boolean {
  return expected.anyOf.length > 0 && expected.anyOf.every((a) => a.kind === 'success');
}
