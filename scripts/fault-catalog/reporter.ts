// A Playwright reporter for `npm run mutation`'s one run: one JSON line per test result (its
// project and requirement, so its slot, and the status the conformance report would give it),
// appended to the file CHERT_FAULT_RESULTS names; and the markers that skip tests with nothing
// left to prove (needless.ts).
import { appendFileSync } from 'node:fs';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { observe } from '../../src/report/observe.ts';
import { MARKERS_ENV, markControlNeedless, markFaultCaught } from './needless.ts';
import { CONTROL_PROJECT, faultSlot, type SlotOutcome } from './plan.ts';

/** Project and title path from the file on (as testInfo.titlePath has it). */
function pathOf(test: TestCase): { project: string; titlePath: string[] } {
  const [, project = '', ...titlePath] = test.titlePath();
  return { project, titlePath };
}

export default class FaultRoundsReporter implements Reporter {
  private rootDir = '';
  private readonly out = process.env.CHERT_FAULT_RESULTS;
  private readonly markers = process.env[MARKERS_ENV];
  /** Per test (its title path): its round runs not yet ended, and whether one failed. */
  private readonly rounds = new Map<string, { pending: number; failed: boolean }>();

  onBegin(config: FullConfig, suite: Suite): void {
    this.rootDir = config.rootDir;
    for (const test of suite.allTests()) {
      const { project, titlePath } = pathOf(test);
      if (project === CONTROL_PROJECT) continue;
      const key = titlePath.join('\u0000');
      const entry = this.rounds.get(key) ?? { pending: 0, failed: false };
      entry.pending++;
      this.rounds.set(key, entry);
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const { project, titlePath } = pathOf(test);
    const { requirementIds, evidence } = observe(test, this.rootDir);
    const outcome: SlotOutcome = {
      project,
      // The test's own requirement (from req() or generated()), the one fault-tag.mjs sends.
      requirement: test.annotations.find((a) => a.type === 'requirement')?.description ?? '',
      requirementIds,
      test: titlePath.join(' › '),
      status: evidence.status,
      durationMs: evidence.durationMs,
      workerIndex: result.workerIndex,
    };
    if (this.out) appendFileSync(this.out, `${JSON.stringify(outcome)}\n`);
    if (this.markers && project !== CONTROL_PROJECT) this.mark(this.markers, outcome, titlePath);
  }

  private mark(dir: string, outcome: SlotOutcome, titlePath: string[]): void {
    const failed = outcome.status === 'failed';
    if (failed) markFaultCaught(dir, faultSlot(outcome.project, outcome.requirement));
    const entry = this.rounds.get(titlePath.join('\u0000'));
    if (!entry) return;
    entry.pending--;
    entry.failed ||= failed;
    if (entry.pending === 0 && !entry.failed) markControlNeedless(dir, titlePath);
  }

  printsToStdio(): boolean {
    return false;
  }
}
