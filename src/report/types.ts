// The shape of conformance.json. schemas/conformance-report.schema.json publishes it for users;
// tests/unit/report-schema.test.ts validates a produced report against it so the two agree.
import type { Exchange } from '../client/exchange.ts';
import type { Level, Requirement } from '../contract/requirements.ts';
import type { ExpectationResult } from './expectations.ts';

export type { Level };

export type RequirementStatus = 'passed' | 'failed' | 'warned' | 'skipped' | 'inconclusive';
export type TestStatus = 'passed' | 'failed' | 'skipped' | 'inconclusive';
export type Verdict = 'conformant' | 'non-conformant' | 'inconclusive';
export type ExitCode = 0 | 1 | 2;

/** A request/response pair as the transport attaches it (already redacted there). */
export type { Exchange };

export type TestError = {
  /** First line, for lists. */
  message: string;
  /** The first lines of message and stack, colour codes removed. */
  excerpt: string;
};

export type TestEvidence = {
  title: string;
  /** `path/to/file.spec.ts:42`, relative to the project root. */
  location: string;
  status: TestStatus;
  durationMs: number;
  /** Runs including retries. */
  attempts: number;
  skipReason?: string;
  errors: TestError[];
  seeds: string[];
  counterexamples: string[];
  exchanges: Exchange[];
  /**
   * The spec operations (operationIds) a generated test exercises, each with what its cases there
   * showed (its `operation` annotations, `<operationId>` or `<operationId>: <status>`).
   */
  operations?: Record<string, TestStatus>;
  /** The auth modes the test's requests use, when it names them (`auth` annotations); none: the project's, HMAC. */
  auth?: string[];
  /** The contexts a generated test judged (`<operation> <auth> [position]`), each with what it found there. */
  contexts?: Record<string, TestStatus>;
  /** `<requirement> <operation> <auth>`: contexts where an answer of this test broke a response rule. */
  breaches?: string[];
};

/** A context of a requirement's domain in this run. */
export type ContextStatus = 'passed' | 'failed' | 'not checked';

/** An open choice a requirement's checks span (specs/open-choices.yaml): the docs, not the target, are the limit there. */
export type OpenChoiceRef = { id: string; question: string; readings: { id: string; says: string }[] };

export type RequirementResult = Requirement & {
  status: RequirementStatus;
  /** The open choices whose every reading this requirement's checks accept. */
  openChoices?: OpenChoiceRef[];
  /** Each context of its domain (`<operation> <auth>`), with what the run found there; absent outside the domain (not applicable). */
  contexts?: Record<string, ContextStatus>;
  /** Why a requirement is skipped or inconclusive. */
  reason?: string;
  /** The expectations file's entry for it, and how this run's status compares. */
  expectation?: ExpectationResult;
  tests: TestEvidence[];
};

export type Counts = Record<RequirementStatus, number> & { total: number };

export type UnlinkedTest = TestEvidence & {
  /** The annotation's id when it names no catalog requirement; absent when there is none. */
  requirementId?: string;
};

export type ConformanceReport = {
  formatVersion: 1;
  /** Base URL (origin and path only) or a label such as "built-in mock"; never a secret. */
  target: string;
  profile: string;
  suiteVersion: string;
  strict: boolean;
  startedAt: string;
  endedAt: string;
  verdict: Verdict;
  exitCode: ExitCode;
  summary: { all: Counts; MUST: Counts; SHOULD: Counts };
  /** Problems outside any test (bad settings, global setup failed, unlinked failing tests). */
  runErrors: string[];
  areas: Record<string, string>;
  requirements: RequirementResult[];
  unlinkedTests: UnlinkedTest[];
  /** The expectations file the run was judged against (CHERT_EXPECTATIONS), as given. */
  expectationsFile?: string;
};

/** What the reporter observed about one test, before requirements are judged. */
export type TestObservation = {
  requirementIds: string[];
  evidence: TestEvidence;
};

export type RunMeta = Pick<
  ConformanceReport,
  'target' | 'profile' | 'suiteVersion' | 'strict' | 'startedAt' | 'endedAt'
>;

export const REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['passed', 'failed', 'warned', 'inconclusive', 'skipped'];
