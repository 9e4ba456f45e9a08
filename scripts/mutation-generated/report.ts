// The mutation report in Stryker's format (mutation-testing-report-schema, version 2) and as one
// self-contained HTML page: the mutation-testing-elements bundle inlined with the report, so it
// opens offline from the CI artifact like the conformance report does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MutantResult, MutantStatus, MutationTestResult } from 'mutation-testing-report-schema/api';
import type { GeneratedMutant } from './instrument.ts';

export type Verdict = {
  status: MutantStatus;
  reason?: string;
  killedBy?: string[];
  coveredBy?: string[];
  isStatic?: boolean;
  testsCompleted?: number;
};

export type TestName = { key: string; file: string; name: string };

export type Score = { killed: number; total: number; equivalent: number; percent: number };

/** Equivalent mutants (reported as Ignored) count neither as killed nor as survivors. */
export function scoreOf(verdicts: readonly Verdict[], equivalent: number): Score {
  const tested = verdicts.filter((v) => v.status !== 'Ignored');
  const killed = tested.filter((v) => v.status === 'Killed' || v.status === 'Timeout').length;
  const total = tested.length + equivalent;
  const judged = tested.length;
  return { killed, total, equivalent, percent: judged === 0 ? 100 : (100 * killed) / judged };
}

export function mutationReport(mutants: readonly GeneratedMutant[], verdicts: ReadonlyMap<string, Verdict>, sources: Readonly<Record<string, string>>, tests: readonly TestName[]): MutationTestResult {
  const files: MutationTestResult['files'] = {};
  for (const [file, source] of Object.entries(sources)) files[file] = { language: 'typescript', source, mutants: [] };
  for (const mutant of mutants) {
    const verdict = verdicts.get(mutant.id) ?? { status: 'Pending' as MutantStatus };
    const result: MutantResult = {
      id: mutant.id,
      mutatorName: mutant.mutator,
      replacement: mutant.replacement,
      location: mutant.location,
      status: verdict.status,
      ...(verdict.reason ? { statusReason: verdict.reason } : {}),
      ...(verdict.killedBy ? { killedBy: verdict.killedBy } : {}),
      ...(verdict.coveredBy ? { coveredBy: verdict.coveredBy } : {}),
      ...(verdict.isStatic !== undefined ? { static: verdict.isStatic } : {}),
      ...(verdict.testsCompleted !== undefined ? { testsCompleted: verdict.testsCompleted } : {}),
    };
    files[mutant.file]?.mutants.push(result);
  }
  const testFiles: NonNullable<MutationTestResult['testFiles']> = {};
  for (const test of tests) (testFiles[`tests/${test.file}`] ??= { tests: [] }).tests.push({ id: test.key, name: test.name });
  return {
    schemaVersion: '2',
    thresholds: { high: 95, low: 80 },
    files,
    testFiles,
    framework: { name: 'chert-conformance generated mutation (StrykerJS schemata)' },
  };
}

/** One HTML page with the report viewer and the report inlined; `<` escaped so no tag can close early. */
export function mutationHtml(report: MutationTestResult, title: string): string {
  const bundlePath = createRequire(import.meta.url).resolve('mutation-testing-elements/dist/mutation-test-elements.js');
  const bundle = readFileSync(bundlePath, 'utf8').replaceAll('</script', '<\\/script');
  const json = JSON.stringify(report).replaceAll('<', '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title.replaceAll('<', '&lt;')}</title><script>${bundle}</script></head>
<body>
<mutation-test-report-app title-postfix="chert-conformance"></mutation-test-report-app>
<script>document.querySelector('mutation-test-report-app').report = ${json};</script>
</body>
</html>
`;
}
