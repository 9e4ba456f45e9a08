// The Playwright reporter behind reports/conformance.{json,html} and badge.svg, and the exit code:
// 0 conformant, 1 non-conformant (a MUST failed, or a SHOULD under CHERT_STRICT=1), 2 inconclusive;
// failures the CHERT_EXPECTATIONS file expects are known deviations and fail nothing (expectations.ts).
import { dirname, relative } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestError } from '@playwright/test/reporter';
import { loadRegister } from '../contract/open-choices.ts';
import { loadCatalog } from '../contract/requirements.ts';
import { listOperations } from '../contract/operations.ts';
import { loadSpec } from '../contract/spec.ts';
import { collect, type CollectInput } from './collect.ts';
import { reportContext } from './context.ts';
import { verdictPhrase, withOutcome } from './expectations.ts';
import { catalogIds, ExpectationsError, loadExpectations } from './expectations-file.ts';
import { observe } from './observe.ts';
import { writeReport } from './output.ts';
import type { ConformanceReport, ExitCode } from './types.ts';

export default class ConformanceReporter implements Reporter {
  private rootDir = process.cwd();
  private suite: Suite | undefined;
  private readonly runErrors: string[] = [];
  private summary: string | undefined;

  onBegin(config: FullConfig, suite: Suite): void {
    if (config.configFile) this.rootDir = dirname(config.configFile);
    this.suite = suite;
  }

  onError(error: TestError): void {
    this.runErrors.push((error.message ?? error.value ?? 'Unknown error').split('\n')[0] ?? '');
  }

  // Read at the end: a settings error is reported with the run's other errors.
  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    try {
      return this.report(result);
    } catch (e) {
      // Playwright would swallow this and exit 1, which reads as "non-conformant".
      console.error(`Conformance report failed: ${(e as Error).message}`);
      exitWith(2);
      return { status: 'failed' };
    }
  }

  private report(result: FullResult): { status: FullResult['status'] } | undefined {
    const context = reportContext(this.rootDir);
    const catalog = loadCatalog();
    const expectations = readExpectations(context.expectationsFile, catalog, result.startTime);
    const report = collect({
      catalog,
      tests: (this.suite?.allTests() ?? []).map((t) => observe(t, this.rootDir)),
      runErrors: [...(context.settingsError ? [context.settingsError] : []), ...this.runErrors, ...runProblems(result)],
      ...expectations,
      openChoices: loadRegister().choices,
      operations: listOperations(loadSpec()),
      meta: {
        target: context.target,
        profile: context.profile,
        suiteVersion: context.suiteVersion,
        strict: context.strict,
        startedAt: result.startTime.toISOString(),
        endedAt: new Date(result.startTime.getTime() + result.duration).toISOString(),
      },
    });
    const paths = writeReport(report, context.reportDir, context.secrets);
    this.summary = summaryLine(report, relative(process.cwd(), paths.html) || paths.html);
    if (result.status === 'interrupted') return undefined; // Ctrl-C keeps Playwright's 130.
    exitWith(report.exitCode);
    return { status: report.exitCode === 0 ? 'passed' : 'failed' };
  }

  // Printed on exit so it is the last line, after merge-reports' progress lines too.
  async onExit(): Promise<void> {
    if (this.summary) console.log(this.summary);
  }

  printsToStdio(): boolean {
    return false; // One summary line; leave the progress output to list/line/dot.
  }
}

/** Read again here: merge-reports runs no global setup, which checks the file before any test. */
function readExpectations(file: string | undefined, catalog: CollectInput['catalog'], startTime: Date): Pick<CollectInput, 'expectations' | 'expectationsError'> {
  if (file === undefined) return {};
  try {
    return { expectations: { file, entries: loadExpectations(file, catalogIds(catalog)), today: startTime.toISOString().slice(0, 10) } };
  } catch (e) {
    if (e instanceof ExpectationsError) return { expectationsError: e.message };
    throw e;
  }
}

function runProblems(result: FullResult): string[] {
  return result.status === 'timedout' ? ['The run reached its global timeout before every test ran.'] : [];
}

/**
 * Playwright turns the onEnd status into 0 or 1 only, and merge-reports ignores it, so the final
 * word is said in the process 'exit' event, where Node still honours process.exitCode. Runs after
 * every reporter has written its files; a worse code already set (a reporter error) is kept.
 */
function exitWith(code: ExitCode): void {
  process.once('exit', (current) => {
    if (current === 0 || current === 1) process.exitCode = Math.max(current, code);
  });
}

export function summaryLine(report: ConformanceReport, htmlPath: string): string {
  const { MUST, SHOULD, all } = report.summary;
  const known = withOutcome(report.requirements, 'known').length;
  const verdict = verdictPhrase(report.verdict.toUpperCase(), known);
  return `Conformance: ${verdict} (exit ${report.exitCode}) · MUST ${MUST.passed}/${MUST.total} passed, ${MUST.failed} failed`
    + ` · SHOULD ${SHOULD.passed}/${SHOULD.total} passed, ${SHOULD.warned} warned · ${all.inconclusive} inconclusive, ${all.skipped} skipped`
    + unexpectedPassWarning(report)
    + ` · ${htmlPath}`;
}

function unexpectedPassWarning(report: ConformanceReport): string {
  const ids = withOutcome(report.requirements, 'unexpected-pass').map((q) => q.id);
  if (ids.length === 0) return '';
  const what = `${ids.length} unexpected pass${ids.length === 1 ? '' : 'es'} (${ids.join(', ')})`;
  return ` · WARNING: ${what}: remove ${ids.length === 1 ? 'its entry' : 'their entries'} from ${report.expectationsFile ?? 'the expectations file'}${report.strict ? ' (fails the run under CHERT_STRICT=1)' : ''}`;
}
