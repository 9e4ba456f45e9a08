// Judges every catalog requirement from the tests that name it, and the run from the requirements.
// Pure (data in, report out) so each status path is unit-tested without running Playwright.
import type { Catalog, Requirement } from '../contract/requirements.ts';
import type { OpenChoice } from '../contract/open-choices.ts';
import { domainOf } from '../contract/domain.ts';
import type { Operation } from '../contract/operations.ts';
import { contextStatuses } from './context-matrix.ts';
import { exitCodeWith, gatingStatus, judgeExpectation, withOutcome, type Expectation } from './expectations.ts';
import type {
  ConformanceReport,
  Counts,
  ExitCode,
  RequirementResult,
  RunMeta,
  TestEvidence,
  TestObservation,
  UnlinkedTest,
  Verdict,
} from './types.ts';

export type CollectInput = {
  catalog: Catalog;
  tests: TestObservation[];
  /** Errors outside any test: bad settings, a failed global setup, a crashed worker. */
  runErrors: string[];
  meta: RunMeta;
  /** Known deviations (CHERT_EXPECTATIONS); `today` (YYYY-MM-DD, UTC) decides which have expired. */
  expectations?: { file: string; entries: Expectation[]; today: string };
  /** The expectations file could not be used: nothing can be judged against it (exit 2). */
  expectationsError?: string;
  /** The register of open choices (specs/open-choices.yaml): each requirement lists those its checks span. */
  openChoices?: readonly OpenChoice[];
  /** The spec's operations: each requirement's domain, and its contexts' statuses (src/report/context-matrix.ts). */
  operations?: readonly Operation[];
};

export const EXIT_CODES: Record<Verdict, ExitCode> = {
  conformant: 0,
  'non-conformant': 1,
  inconclusive: 2,
};

export const NO_TEST_REASON = 'No test ran for it (filtered out, in another shard, or not written yet).';

export function collect(input: CollectInput): ConformanceReport {
  const { catalog, meta } = input;
  const known = new Set(catalog.requirements.map((r) => r.id));
  const expected = new Map(input.expectations?.entries.map((e) => [e.id, e]));
  const today = input.expectations?.today ?? '';
  const requirements = catalog.requirements.map((r) => {
    const tests = testsFor(r.id, input.tests);
    const judged = withContexts(judgeRequirement(r, tests), r, tests, input.operations);
    const spanned = (input.openChoices ?? []).filter((c) => c.requirements.includes(r.id));
    const result = spanned.length > 0 ? { ...judged, openChoices: spanned.map(choiceRef) } : judged;
    const expectation = judgeExpectation(expected.get(r.id), result.status, today);
    return expectation ? { ...result, expectation } : result;
  });
  const unlinkedTests = findUnlinked(input.tests, known);
  const expectationsErrors = input.expectationsError === undefined ? [] : [input.expectationsError];
  const runErrors = [...new Set([...input.runErrors, ...expectationsErrors])];
  runErrors.push(...unlinkedTests.filter(brokeTheRun).map(unlinkedError));
  // Without its known deviations a target's every known failure would read as a regression.
  const verdict = expectationsErrors.length > 0 ? 'inconclusive' : verdictOf(requirements, meta.strict, runErrors);
  return {
    formatVersion: 1,
    ...meta,
    verdict,
    exitCode: exitCodeWith(EXIT_CODES[verdict], meta.strict, withOutcome(requirements, 'unexpected-pass').length),
    summary: summarize(requirements),
    runErrors,
    areas: catalog.areas,
    requirements,
    unlinkedTests,
    ...(input.expectations ? { expectationsFile: input.expectations.file } : {}),
  };
}

/** The requirement's contexts, when the spec's operations are known and the rule has a domain. */
function withContexts(result: RequirementResult, requirement: Requirement, tests: TestEvidence[], operations: readonly Operation[] | undefined): RequirementResult {
  if (operations === undefined || requirement.untestable !== undefined) return result;
  const contexts = contextStatuses(requirement.id, domainOf(requirement, operations), tests);
  return Object.keys(contexts).length === 0 ? result : { ...result, contexts };
}

const choiceRef = (c: OpenChoice) => ({ id: c.id, question: c.question, readings: c.readings.map((r) => ({ id: r.id, says: r.says })) });

function testsFor(id: string, tests: TestObservation[]): TestEvidence[] {
  return tests.filter((t) => t.requirementIds.includes(id)).map((t) => t.evidence);
}

/** Any failure decides; then any inconclusive; a requirement only passes on evidence. */
export function judgeRequirement(requirement: Requirement, tests: TestEvidence[]): RequirementResult {
  return { ...requirement, ...judgement(requirement, tests), tests };
}

function judgement(requirement: Requirement, tests: TestEvidence[]): Pick<RequirementResult, 'status' | 'reason'> {
  if (requirement.untestable) return { status: 'skipped', reason: `Untestable: ${requirement.untestable}` };
  if (tests.length === 0) return { status: 'skipped', reason: NO_TEST_REASON };
  if (tests.some((t) => t.status === 'failed')) return { status: requirement.level === 'MUST' ? 'failed' : 'warned' };
  const inconclusive = tests.find((t) => t.status === 'inconclusive');
  if (inconclusive) return { status: 'inconclusive', reason: inconclusive.errors[0]?.message ?? 'The target did not answer.' };
  if (tests.every((t) => t.status === 'skipped')) return { status: 'skipped', reason: skipReasons(tests) };
  return { status: 'passed' };
}

function skipReasons(tests: TestEvidence[]): string {
  const reasons = [...new Set(tests.map((t) => t.skipReason).filter((r): r is string => Boolean(r)))];
  return reasons.length > 0 ? reasons.join('; ') : 'Every test was skipped.';
}

/**
 * A failed MUST (or, in strict mode, a failed SHOULD) is non-conformance whatever else happened;
 * otherwise any doubt, or a run that judged nothing at all, makes the verdict inconclusive.
 * A known deviation (an expected status, see expectations.ts) does not count against the verdict.
 */
export function verdictOf(requirements: RequirementResult[], strict: boolean, runErrors: string[]): Verdict {
  const has = (status: ReturnType<typeof gatingStatus>) => requirements.some((r) => gatingStatus(r) === status);
  if (has('failed') || (strict && has('warned'))) return 'non-conformant';
  // A known failure is evidence too; a known skip or known inconclusive is not.
  const judgedAny = requirements.some((r) => r.status === 'passed' || r.status === 'warned' || r.status === 'failed');
  if (runErrors.length > 0 || has('inconclusive') || !judgedAny) return 'inconclusive';
  return 'conformant';
}

function emptyCounts(): Counts {
  return { passed: 0, failed: 0, warned: 0, skipped: 0, inconclusive: 0, total: 0 };
}

export function summarize(requirements: RequirementResult[]): ConformanceReport['summary'] {
  const summary = { all: emptyCounts(), MUST: emptyCounts(), SHOULD: emptyCounts() };
  for (const r of requirements) {
    for (const counts of [summary.all, summary[r.level]]) {
      counts[r.status] += 1;
      counts.total += 1;
    }
  }
  return summary;
}

function findUnlinked(tests: TestObservation[], known: Set<string>): UnlinkedTest[] {
  const unlinked: UnlinkedTest[] = [];
  for (const { requirementIds, evidence } of tests) {
    if (requirementIds.length === 0) unlinked.push(evidence);
    for (const id of requirementIds.filter((i) => !known.has(i))) unlinked.push({ ...evidence, requirementId: id });
  }
  return unlinked;
}

/** A failing test that names no requirement is a suite defect: its failure cannot be placed. */
function brokeTheRun(test: UnlinkedTest): boolean {
  return test.status === 'failed' || test.status === 'inconclusive';
}

function unlinkedError(test: UnlinkedTest): string {
  const what = test.requirementId === undefined
    ? 'has no requirement annotation'
    : `names "${test.requirementId}", which is not in specs/requirements.yaml`;
  return `Test "${test.title}" (${test.location}) ${test.status} but ${what}; fix the annotation so its result counts.`;
}
