// Known deviations: every way a run's status can meet an expectations entry, and what the verdict
// and exit code become (src/report/expectations.ts, applied by collect()).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verdictPhrase, withOutcome, type Expectation, type ExpectationOutcome } from '../../src/report/expectations.ts';
import { reportProblems } from '../../src/report/schema.ts';
import type { ConformanceReport, TestObservation, Verdict } from '../../src/report/types.ts';
import { collect } from '../../src/report/collect.ts';
import { CATALOG, META, observed, report, TODAY } from './report-data.ts';

const failedMust = observed('ROUTE-MUST', 'failed');
const passedMust = observed('ROUTE-MUST', 'passed');
const otherPasses = observed('AUTH-MUST', 'passed');
const entry = (status: Expectation['status'], extra: Partial<Expectation> = {}): Expectation => ({ id: 'ROUTE-MUST', status, reason: 'the live API answers 200', ...extra });

type Case = {
  tests: TestObservation[];
  expectations?: Expectation[];
  strict?: boolean;
  runErrors?: string[];
  want: { verdict: Verdict; exitCode: 0 | 1 | 2; outcome?: ExpectationOutcome; known?: number };
};

const cases: [string, Case][] = [
  ['a failed MUST with no expectations file fails the run', { tests: [failedMust, otherPasses], want: { verdict: 'non-conformant', exitCode: 1 } }],
  ['an expected failure is a known deviation: exit 0', { tests: [failedMust, otherPasses], expectations: [entry('failed')], want: { verdict: 'conformant', exitCode: 0, outcome: 'known', known: 1 } }],
  ['an unexpected failure beside a known one fails the run', { tests: [failedMust, observed('AUTH-MUST', 'failed')], expectations: [entry('failed')], want: { verdict: 'non-conformant', exitCode: 1, outcome: 'known', known: 1 } }],
  ['an expected failure that passes is an unexpected pass: a warning, exit 0', { tests: [passedMust, otherPasses], expectations: [entry('failed')], want: { verdict: 'conformant', exitCode: 0, outcome: 'unexpected-pass', known: 0 } }],
  ['an unexpected pass under CHERT_STRICT=1 fails the run', { tests: [passedMust, otherPasses], expectations: [entry('failed')], strict: true, want: { verdict: 'conformant', exitCode: 1, outcome: 'unexpected-pass' } }],
  ['an unexpected pass under CHERT_STRICT=1 leaves an inconclusive run at exit 2', { tests: [passedMust, observed('AUTH-MUST', 'inconclusive')], expectations: [entry('failed')], strict: true, want: { verdict: 'inconclusive', exitCode: 2, outcome: 'unexpected-pass' } }],
  ['an expired entry counts as unexpected: its failure fails the run', { tests: [failedMust, otherPasses], expectations: [entry('failed', { until: '2024-12-31' })], want: { verdict: 'non-conformant', exitCode: 1, outcome: 'expired', known: 0 } }],
  ['an entry holds through its until day', { tests: [failedMust, otherPasses], expectations: [entry('failed', { until: TODAY })], want: { verdict: 'conformant', exitCode: 0, outcome: 'known', known: 1 } }],
  ['an expired entry that passes is an unexpected pass', { tests: [passedMust, otherPasses], expectations: [entry('failed', { until: '2024-12-31' })], want: { verdict: 'conformant', exitCode: 0, outcome: 'unexpected-pass' } }],
  ['an expected warning does not fail a strict run', { tests: [observed('ROUTE-SHOULD', 'failed'), passedMust], expectations: [{ ...entry('warned'), id: 'ROUTE-SHOULD' }], strict: true, want: { verdict: 'conformant', exitCode: 0, outcome: 'known', known: 1 } }],
  ['an unexpected warning fails a strict run', { tests: [observed('ROUTE-SHOULD', 'failed'), passedMust], strict: true, want: { verdict: 'non-conformant', exitCode: 1 } }],
  ['expected warned, got failed: a mismatch, judged as unexpected', { tests: [failedMust, otherPasses], expectations: [entry('warned')], want: { verdict: 'non-conformant', exitCode: 1, outcome: 'mismatch', known: 0 } }],
  ['expected failed, got inconclusive: a mismatch, the run is inconclusive', { tests: [observed('ROUTE-MUST', 'inconclusive'), otherPasses], expectations: [entry('failed')], want: { verdict: 'inconclusive', exitCode: 2, outcome: 'mismatch' } }],
  ['an expected inconclusive does not make the run inconclusive', { tests: [observed('ROUTE-MUST', 'inconclusive'), otherPasses], expectations: [entry('inconclusive')], want: { verdict: 'conformant', exitCode: 0, outcome: 'known', known: 1 } }],
  ['expected inconclusive, got failed: a mismatch that fails the run', { tests: [failedMust, otherPasses], expectations: [entry('inconclusive')], want: { verdict: 'non-conformant', exitCode: 1, outcome: 'mismatch' } }],
  ['an expected failure that did not run this time is not judged', { tests: [otherPasses], expectations: [entry('failed')], want: { verdict: 'conformant', exitCode: 0, outcome: 'not-judged', known: 0 } }],
  ['an expected skip that is skipped is known', { tests: [passedMust, otherPasses], expectations: [{ ...entry('skipped'), id: 'AUTH-UNTESTABLE' }], want: { verdict: 'conformant', exitCode: 0, outcome: 'known', known: 1 } }],
  ['an expected skip that passes is an unexpected pass', { tests: [passedMust, otherPasses], expectations: [entry('skipped')], want: { verdict: 'conformant', exitCode: 0, outcome: 'unexpected-pass' } }],
  ['known inconclusives and skips alone are no evidence: inconclusive', { tests: [observed('ROUTE-MUST', 'inconclusive')], expectations: [entry('inconclusive')], want: { verdict: 'inconclusive', exitCode: 2, outcome: 'known' } }],
  ['a known failure is evidence: a run of only that is conformant', { tests: [failedMust], expectations: [entry('failed')], want: { verdict: 'conformant', exitCode: 0, outcome: 'known' } }],
  ['a run error still makes a run with known deviations inconclusive', { tests: [failedMust, otherPasses], expectations: [entry('failed')], runErrors: ['worker crashed'], want: { verdict: 'inconclusive', exitCode: 2, outcome: 'known' } }],
];

function outcomeOf(r: ConformanceReport, id: string | undefined): ExpectationOutcome | undefined {
  return r.requirements.find((q) => q.id === id)?.expectation?.outcome;
}

for (const [name, { tests, expectations, strict, runErrors, want }] of cases) {
  test(name, () => {
    const r = report(tests, { strict, runErrors, expectations });
    assert.equal(r.verdict, want.verdict);
    assert.equal(r.exitCode, want.exitCode);
    if (want.outcome !== undefined) assert.equal(outcomeOf(r, expectations?.[0]?.id), want.outcome);
    if (want.known !== undefined) assert.equal(withOutcome(r.requirements, 'known').length, want.known);
    assert.deepEqual(reportProblems(JSON.parse(JSON.stringify(r))), [], 'the report still matches its schema');
  });
}

test('the entry, reason and link travel into the report with the outcome', () => {
  const r = report([failedMust, otherPasses], { expectations: [entry('failed', { link: 'https://tickets.example/CH-1' })] });
  assert.deepEqual(r.requirements.find((q) => q.id === 'ROUTE-MUST')?.expectation, { ...entry('failed', { link: 'https://tickets.example/CH-1' }), outcome: 'known' });
  assert.equal(r.expectationsFile, 'expectations.yaml');
  assert.equal(r.requirements.find((q) => q.id === 'AUTH-MUST')?.expectation, undefined);
});

test('a report without an expectations file carries no expectation fields', () => {
  const r = report([failedMust]);
  assert.equal('expectationsFile' in r, false);
  assert.ok(r.requirements.every((q) => !('expectation' in q)));
});

test('the verdict phrase counts known deviations', () => {
  assert.equal(verdictPhrase('conformant', 0), 'conformant');
  assert.equal(verdictPhrase('conformant', 1), 'conformant with 1 known deviation');
  assert.equal(verdictPhrase('conformant', 2), 'conformant with 2 known deviations');
});

test('an expectations file that could not be read leaves the run inconclusive, even with a failed MUST: exit 2', () => {
  const problem = 'Expectations file known.yaml: not valid YAML.';
  const r = collect({ catalog: CATALOG, tests: [failedMust, otherPasses], runErrors: [problem], meta: META, expectationsError: problem });
  assert.equal(r.verdict, 'inconclusive');
  assert.equal(r.exitCode, 2);
  assert.deepEqual(r.runErrors, [problem], 'said once, though global setup reported it too');
});
