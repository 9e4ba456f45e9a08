// Tests of `npm run mutation`'s one run that have nothing left to prove, skipped as they start (the
// one hook in the suite, tests/fixtures/client.ts): a round's test whose fault another test of
// its slot already caught (the per-fault runs stopped at their first failure the same way), and a
// control test whose every round has ended without a failure (no catch of its to confirm). The
// runner's reporter leaves a marker (an empty file) in the directory CHERT_INTERNAL_FAULT_MARKERS
// names; outside that run the variable is unset and nothing is skipped. A test that starts before
// its marker is written simply runs.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestInfo } from '@playwright/test';
import { testKey } from '../mutation-generated/slot-key.ts';
import { CONTROL_PROJECT, faultSlot } from './plan.ts';

export const MARKERS_ENV = 'CHERT_INTERNAL_FAULT_MARKERS';
const FAULT_CAUGHT = 'not needed: another test of this round already caught its fault (npm run mutation)';
const NO_CATCH_TO_CONFIRM = 'not needed: this test caught no fault in any round, so it has no catch to confirm (npm run mutation)';

const caughtMarker = (dir: string, slot: string) => join(dir, `caught-${encodeURIComponent(slot)}`);
/** `titlePath`: from the file on, as testInfo.titlePath has it. */
const controlMarker = (dir: string, titlePath: readonly string[]) => join(dir, `no-control-${testKey(CONTROL_PROJECT, titlePath)}`);

export const markFaultCaught = (dir: string, slot: string): void => writeFileSync(caughtMarker(dir, slot), '');
export const markControlNeedless = (dir: string, titlePath: readonly string[]): void => writeFileSync(controlMarker(dir, titlePath), '');

/** Why the running test need not run, or undefined (always, outside the one run). */
export function whyNeedless(testInfo: Pick<TestInfo, 'project' | 'annotations' | 'titlePath'>, env: Record<string, string | undefined> = process.env): string | undefined {
  const dir = env[MARKERS_ENV];
  if (dir === undefined) return undefined;
  if (testInfo.project.name === CONTROL_PROJECT) return existsSync(controlMarker(dir, testInfo.titlePath)) ? NO_CATCH_TO_CONFIRM : undefined;
  const requirement = testInfo.annotations.find((a) => a.type === 'requirement')?.description;
  return requirement !== undefined && existsSync(caughtMarker(dir, faultSlot(testInfo.project.name, requirement))) ? FAULT_CAUGHT : undefined;
}
