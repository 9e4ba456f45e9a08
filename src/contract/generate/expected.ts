// What a generated case expects, as data: the set of answers the docs allow, so a case never
// encodes one server's choice where the docs leave several open; and the judge of an answer.

/** One documented answer: an HTTP status and, when the docs name one, the error code. */
export type Answer = { status: number; code?: number };

export type Expected =
  /**
   * One of these answers (a code left out means any code with that status); with `orAccepted`,
   * a 2xx too (where the docs let a server read the value as absent, e.g. null on an optional field).
   */
  | { kind: 'rejected'; answers: Answer[]; orAccepted?: boolean }
  /** Any 4xx: the docs require a rejection but name no status. */
  | { kind: 'any-4xx' }
  /**
   * The credentials were accepted: no 401 and no auth error code, no 5xx. The operation's own
   * rules may still refuse the body (a state or validation 4xx), which says nothing about auth.
   */
  | { kind: 'authenticated' }
  /** A 2xx. */
  | { kind: 'accepted' };

/** Error codes that mean "your credentials were not accepted". */
export const AUTH_CODES = [2001, 2004, 2012, 2013] as const;

export type Received = { status: number; code: number | undefined };

/** Does the answer fall inside the documented set? */
export function allows(expected: Expected, got: Received): boolean {
  switch (expected.kind) {
    case 'rejected':
      if (expected.orAccepted && got.status >= 200 && got.status < 300) return true;
      return expected.answers.some((a) => a.status === got.status && (a.code === undefined || a.code === got.code));
    case 'any-4xx':
      return got.status >= 400 && got.status < 500;
    case 'authenticated':
      return got.status < 500 && got.status !== 401 && !(AUTH_CODES as readonly number[]).includes(got.code ?? 0);
    case 'accepted':
      return got.status >= 200 && got.status < 300;
  }
}

/** "401 / 2012", "401 / 2004 or 404 / 2001", "a 4xx": how a title or a failure names the set. */
export function describeExpected(expected: Expected): string {
  switch (expected.kind) {
    case 'rejected':
      return [...expected.answers.map((a) => (a.code === undefined ? `${a.status}` : `${a.status} / ${a.code}`)), ...(expected.orAccepted ? ['a 2xx'] : [])].join(' or ');
    case 'any-4xx':
      return 'a 4xx';
    case 'authenticated':
      return 'no auth rejection';
    case 'accepted':
      return 'a 2xx';
  }
}
