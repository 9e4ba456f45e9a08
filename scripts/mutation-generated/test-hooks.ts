// The generated-mutant run's test hooks (installed by ./playwright.config.ts): every request a test
// sends carries `x-chert-mutation-slot: <test key>/<repeat>` (slot-key.ts), so the instrumented
// mock knows which test, and which repeat of it, it serves: to count coverage per test and to
// switch on the mutant scheduled for it. The key is a hash of project and title path (Playwright's
// testId changes with the repeat index, so the runner could not predict it); the runner computes
// the same from its reporter's lines. A killed mutant's failure keeps its worker (failure-found.ts).
import type { TestHooks } from '../../tests/fixtures/test-hooks.ts';
import { failureIsTheFinding } from './failure-found.ts';
import { SLOT_HEADER, slotOf, testKey } from './slot-key.ts';

export const generatedMutantHooks: TestHooks = {
  requestHeaders: (info) => ({ [SLOT_HEADER]: slotOf(testKey(info.project.name, info.titlePath), info.repeatEachIndex) }),
  afterTest: failureIsTheFinding,
};
