// A Playwright reporter for the generated mutation run: one JSON line per test result (which test,
// which repeat, its status), appended to the file CHERT_MUTATION_RESULTS names.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { testKey } from './slot-key.ts';

export type TestOutcome = {
  key: string;
  project: string;
  /** Relative to the Playwright root directory, as a test list wants it. */
  file: string;
  /** Describe blocks and title, without project and file. */
  titles: string[];
  repeat: number;
  status: TestResult['status'];
  durationMs: number;
  error?: string;
};

export default class MutationResultsReporter implements Reporter {
  private rootDir = '';
  private readonly out = process.env.CHERT_MUTATION_RESULTS;

  onBegin(config: FullConfig): void {
    this.rootDir = config.rootDir;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!this.out) return;
    const [, project = '', , ...titles] = test.titlePath();
    const file = relative(this.rootDir, test.location.file).split('\\').join('/');
    const outcome: TestOutcome = {
      key: testKey(project, [file, ...titles]),
      project,
      file,
      titles,
      repeat: test.repeatEachIndex,
      status: result.status,
      durationMs: result.duration,
      ...(result.error?.message ? { error: result.error.message.split('\n')[0]?.slice(0, 300) } : {}),
    };
    appendFileSync(this.out, `${JSON.stringify(outcome)}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
