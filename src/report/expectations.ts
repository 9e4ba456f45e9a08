// Judges a run's requirement statuses against the known deviations of an expectations file.
// Pure (data in, data out) so every case is unit-tested without a run.
//
// An entry covers exactly the status it names:
// - that status again: a known deviation; it does not fail the run, and an expected `inconclusive`
//   does not make the run inconclusive (expected `skipped` only documents why);
// - passed: an unexpected pass, a warning (CHERT_STRICT=1 makes it fail the run: stale entries go);
// - any other status (expected warned, got failed; expected failed, got inconclusive): a mismatch,
//   judged as if the entry were not there, so a new kind of failure still fails the run;
// - skipped when something else was expected (filtered out, another shard): not judged this run;
// - an entry after its `until` date is expired: judged as if it were not there.
import type { RequirementStatus } from './types.ts';

export type ExpectedStatus = Exclude<RequirementStatus, 'passed'>;

/** One entry of the expectations file (schemas/expectations.schema.json). */
export type Expectation = {
  id: string;
  status: ExpectedStatus;
  reason: string;
  link?: string;
  /** Last day (YYYY-MM-DD, UTC) the entry holds. */
  until?: string;
};

export type ExpectationOutcome = 'known' | 'unexpected-pass' | 'mismatch' | 'expired' | 'not-judged';

/** What a requirement's entry in conformance.json says about its expectation. */
export type ExpectationResult = Expectation & { outcome: ExpectationOutcome };

/** `today` is a UTC date, YYYY-MM-DD; ISO dates compare as text. */
export function isExpired(expectation: Expectation, today: string): boolean {
  return expectation.until !== undefined && today > expectation.until;
}

export function outcomeOf(expectation: Expectation, status: RequirementStatus, today: string): ExpectationOutcome {
  if (status === 'passed') return 'unexpected-pass';
  if (isExpired(expectation, today)) return 'expired';
  if (status === expectation.status) return 'known';
  if (status === 'skipped') return 'not-judged';
  return 'mismatch';
}

export function judgeExpectation(expectation: Expectation | undefined, status: RequirementStatus, today: string): ExpectationResult | undefined {
  return expectation && { ...expectation, outcome: outcomeOf(expectation, status, today) };
}

/** The status the verdict sees: a known deviation counts as judged and in order. */
export function gatingStatus(requirement: { status: RequirementStatus; expectation?: ExpectationResult }): RequirementStatus | 'known' {
  return requirement.expectation?.outcome === 'known' ? 'known' : requirement.status;
}

type Judged = { id: string; status: RequirementStatus; expectation?: ExpectationResult };

export function withOutcome<T extends Judged>(requirements: readonly T[], outcome: ExpectationOutcome): T[] {
  return requirements.filter((q) => q.expectation?.outcome === outcome);
}

/** "conformant with 2 known deviations"; the bare verdict when there are none. */
export function verdictPhrase(verdict: string, knownDeviations: number): string {
  if (knownDeviations === 0) return verdict;
  return `${verdict} with ${knownDeviations} known deviation${knownDeviations === 1 ? '' : 's'}`;
}

/** Exit 1 for a stale entry only in strict mode, and only when nothing worse was found. */
export function exitCodeWith<C extends number>(verdictCode: C, strict: boolean, unexpectedPasses: number): C | 1 {
  return verdictCode === 0 && strict && unexpectedPasses > 0 ? 1 : verdictCode;
}
