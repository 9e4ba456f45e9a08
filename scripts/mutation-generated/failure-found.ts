// Both mutation runs look for failures: a failed test is a caught fault or a killed mutant. Marked
// expected to fail (Playwright's public testInfo.fail), such a test keeps its worker: Playwright
// starts a new worker after every unexpected failure, about 1.3 s of CPU each, and a round catches
// hundreds. The runs' own reporters read each result's status (failed), never the expected one,
// and no conformance report is made of them.
import type { TestInfo } from '@playwright/test';

export function failureIsTheFinding(testInfo: TestInfo): void {
  if (testInfo.status === 'failed') testInfo.fail(true, 'a mutation run looks for failures');
}
