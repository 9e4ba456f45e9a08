// A Playwright reporter for `npm run mutation`'s one run: one JSON line per test result (its
// project and requirement, so its slot, and the status the conformance report would give it),
// appended to the file CHERT_FAULT_RESULTS names.
import { appendFileSync } from 'node:fs';
import type { FullConfig, Reporter, TestCase } from '@playwright/test/reporter';
import { observe } from '../../src/report/observe.ts';
import type { SlotOutcome } from './plan.ts';

export default class FaultRoundsReporter implements Reporter {
  private rootDir = '';
  private readonly out = process.env.CHERT_FAULT_RESULTS;

  onBegin(config: FullConfig): void {
    this.rootDir = config.rootDir;
  }

  onTestEnd(test: TestCase): void {
    if (!this.out) return;
    const [, project = '', ...titles] = test.titlePath();
    const { requirementIds, evidence } = observe(test, this.rootDir);
    const outcome: SlotOutcome = {
      project,
      // The test's own requirement (from req() or generated()), the one fault-tag.mjs sends.
      requirement: test.annotations.find((a) => a.type === 'requirement')?.description ?? '',
      requirementIds,
      // File (relative to the tests directory), describe blocks, title.
      test: titles.join(' › '),
      status: evidence.status,
      durationMs: evidence.durationMs,
    };
    appendFileSync(this.out, `${JSON.stringify(outcome)}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
