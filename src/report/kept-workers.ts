// Playwright ends a worker after every unexpected failure and starts a new one (about 1.3 s of CPU
// each), so a target that fails a class of inputs spent its run on restarts. The test fixture
// marks a failure whose worker is still sound as expected, which keeps the worker
// (tests/fixtures/kept-workers.ts); this reporter, first in the list, marks it unexpected again
// before any other reporter, the run's status or --max-failures reads it. Every report shows the
// test failed, with its evidence; so does a failure whose repeat was skipped (restoreUnrepeated).
// Playwright calls reporters in the order of the config, and has already decided, before any
// reporter runs, to keep the worker and not to repeat the test.
import { basename } from 'node:path';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { NOT_REPEATED } from './observe.ts';

/** The annotation the fixture leaves on a failure it marked expected to keep its worker. */
export const KEPT_WORKER = 'chert-kept-worker';

/** Set by this reporter in the runner, inherited by the workers it starts: only then may they mark. */
export const KEEP_WORKERS_ENV = 'CHERT_INTERNAL_KEEP_WORKERS';

const THIS_FILE = 'kept-workers.ts';

type Annotated = { annotations: { type: string }[] };

function withoutMark<T extends Annotated>(holder: T): void {
  holder.annotations = holder.annotations.filter((a) => a.type !== KEPT_WORKER);
}

/** A failure marked expected to keep its worker is an unexpected failure again, and unmarked. */
export function restoreFailure(test: Pick<TestCase, 'expectedStatus'> & Annotated, result: Annotated): boolean {
  if (!result.annotations.some((a) => a.type === KEPT_WORKER)) return false;
  withoutMark(result);
  withoutMark(test);
  // The fixture marks only tests expected to pass (never a test.fail()).
  test.expectedStatus = 'passed';
  return true;
}

/**
 * A failure that restarted its worker is repeated, and the repeat skipped at once unless a lost
 * connection earned it (tests/fixtures/client.ts); that skip sets the test's expected status to
 * skipped, which made Playwright call the failure flaky (JUnit and its HTML showed it passed).
 */
export function restoreUnrepeated(test: Pick<TestCase, 'expectedStatus'>, result: Pick<TestResult, 'status'> & { annotations: { type: string; description?: string }[] }): boolean {
  const unrepeated = result.annotations.some((a) => a.type === 'skip' && (a.description ?? '').startsWith(NOT_REPEATED));
  if (result.status !== 'skipped' || !unrepeated || test.expectedStatus !== 'skipped') return false;
  test.expectedStatus = 'passed';
  return true;
}

/** Whether this reporter comes first: any reporter before it would read the failure as expected. */
export function isFirstReporter(config: Pick<FullConfig, 'reporter'>): boolean {
  const first = config.reporter[0]?.[0];
  return first !== undefined && basename(first).replace(/\.[cm]?[jt]s$/, '') === THIS_FILE.replace(/\.ts$/, '');
}

export default class KeptWorkerFailures implements Reporter {
  onBegin(config: FullConfig, _suite: Suite): void {
    // Workers start after onBegin and inherit the runner's environment.
    if (isFirstReporter(config)) process.env[KEEP_WORKERS_ENV] = '1';
    else console.error(`chert-conformance: ${THIS_FILE} is not the first reporter, so failed tests restart their worker as usual.`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!restoreFailure(test, result)) restoreUnrepeated(test, result);
  }

  printsToStdio(): boolean {
    return false;
  }
}
