// Each path from test results to requirement statuses, verdict and exit code.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_TEST_REASON } from '../../src/report/collect.ts';
import type { RequirementStatus, TestObservation, Verdict } from '../../src/report/types.ts';
import { observed, report } from './report-data.ts';

const passing = (): TestObservation[] => [observed('ROUTE-MUST', 'passed'), observed('ROUTE-SHOULD', 'passed'), observed('AUTH-MUST', 'passed')];
const replacing = (id: string, ...tests: TestObservation[]) => [...passing().filter((t) => !t.requirementIds.includes(id)), ...tests];

type Case = {
  given: { tests: TestObservation[]; strict?: boolean; runErrors?: string[] };
  want: { statuses: Record<string, RequirementStatus>; verdict: Verdict; exitCode: 0 | 1 | 2 };
};

const ALL_PASSED = { 'ROUTE-MUST': 'passed', 'ROUTE-SHOULD': 'passed', 'AUTH-MUST': 'passed', 'AUTH-UNTESTABLE': 'skipped' } as const;

const cases: [string, Case][] = [
  ['every testable rule passed: conformant, exit 0', {
    given: { tests: passing() },
    want: { statuses: ALL_PASSED, verdict: 'conformant', exitCode: 0 },
  }],
  ['a failed MUST is failed and the run non-conformant, exit 1', {
    given: { tests: replacing('AUTH-MUST', observed('AUTH-MUST', 'failed')) },
    want: { statuses: { ...ALL_PASSED, 'AUTH-MUST': 'failed' }, verdict: 'non-conformant', exitCode: 1 },
  }],
  ['a failed SHOULD only warns, exit 0', {
    given: { tests: replacing('ROUTE-SHOULD', observed('ROUTE-SHOULD', 'failed')) },
    want: { statuses: { ...ALL_PASSED, 'ROUTE-SHOULD': 'warned' }, verdict: 'conformant', exitCode: 0 },
  }],
  ['a failed SHOULD under CHERT_STRICT=1 fails the run, exit 1', {
    given: { tests: replacing('ROUTE-SHOULD', observed('ROUTE-SHOULD', 'failed')), strict: true },
    want: { statuses: { ...ALL_PASSED, 'ROUTE-SHOULD': 'warned' }, verdict: 'non-conformant', exitCode: 1 },
  }],
  ['an unanswered MUST with no failure is inconclusive, exit 2', {
    given: { tests: replacing('AUTH-MUST', observed('AUTH-MUST', 'inconclusive')) },
    want: { statuses: { ...ALL_PASSED, 'AUTH-MUST': 'inconclusive' }, verdict: 'inconclusive', exitCode: 2 },
  }],
  ['a failed MUST outweighs an inconclusive one, exit 1', {
    given: { tests: [observed('ROUTE-MUST', 'failed'), observed('ROUTE-SHOULD', 'passed'), observed('AUTH-MUST', 'inconclusive')] },
    want: { statuses: { ...ALL_PASSED, 'ROUTE-MUST': 'failed', 'AUTH-MUST': 'inconclusive' }, verdict: 'non-conformant', exitCode: 1 },
  }],
  ['one failed test among passed and inconclusive ones fails the requirement', {
    given: { tests: replacing('ROUTE-MUST', observed('ROUTE-MUST', 'passed'), observed('ROUTE-MUST', 'inconclusive'), observed('ROUTE-MUST', 'failed')) },
    want: { statuses: { ...ALL_PASSED, 'ROUTE-MUST': 'failed' }, verdict: 'non-conformant', exitCode: 1 },
  }],
  ['a requirement whose tests all skipped is skipped', {
    given: { tests: replacing('AUTH-MUST', observed('AUTH-MUST', 'skipped', { skipReason: 'needs CHERT_TENANT_B' })) },
    want: { statuses: { ...ALL_PASSED, 'AUTH-MUST': 'skipped' }, verdict: 'conformant', exitCode: 0 },
  }],
  ['a skipped test beside a passed one leaves the requirement passed', {
    given: { tests: replacing('AUTH-MUST', observed('AUTH-MUST', 'skipped'), observed('AUTH-MUST', 'passed')) },
    want: { statuses: ALL_PASSED, verdict: 'conformant', exitCode: 0 },
  }],
  ['a requirement no test ran is skipped', {
    given: { tests: replacing('AUTH-MUST') },
    want: { statuses: { ...ALL_PASSED, 'AUTH-MUST': 'skipped' }, verdict: 'conformant', exitCode: 0 },
  }],
  ['a run that judged nothing is inconclusive, exit 2', {
    given: { tests: [observed('AUTH-MUST', 'skipped')] },
    want: { statuses: { 'ROUTE-MUST': 'skipped', 'ROUTE-SHOULD': 'skipped', 'AUTH-MUST': 'skipped', 'AUTH-UNTESTABLE': 'skipped' }, verdict: 'inconclusive', exitCode: 2 },
  }],
  ['an untestable requirement is skipped even when a test names it', {
    given: { tests: [...passing(), observed('AUTH-UNTESTABLE', 'failed')] },
    want: { statuses: ALL_PASSED, verdict: 'conformant', exitCode: 0 },
  }],
  ['an error outside the tests (bad settings) makes the run inconclusive, exit 2', {
    given: { tests: passing(), runErrors: ['CHERT_PROFILE must be "full" or "safe", got "fast".'] },
    want: { statuses: ALL_PASSED, verdict: 'inconclusive', exitCode: 2 },
  }],
  ['a failing test that names no requirement makes the run inconclusive, exit 2', {
    given: { tests: [...passing(), observed([], 'failed')] },
    want: { statuses: ALL_PASSED, verdict: 'inconclusive', exitCode: 2 },
  }],
];

describe('collect: statuses, verdict and exit code', () => {
  for (const [name, { given, want }] of cases) {
    test(name, () => {
      const r = report(given.tests, { strict: given.strict, runErrors: given.runErrors });
      assert.deepEqual(Object.fromEntries(r.requirements.map((q) => [q.id, q.status])), want.statuses);
      assert.equal(r.verdict, want.verdict);
      assert.equal(r.exitCode, want.exitCode);
    });
  }
});

describe('collect: reasons, evidence and counts', () => {
  test('skipped requirements say why', () => {
    const r = report([observed('ROUTE-MUST', 'skipped', { skipReason: 'safe profile sends nothing' }), observed('ROUTE-MUST', 'skipped', { skipReason: 'safe profile sends nothing' })]);
    const reasons = Object.fromEntries(r.requirements.map((q) => [q.id, q.reason]));
    assert.equal(reasons['ROUTE-MUST'], 'safe profile sends nothing');
    assert.equal(reasons['AUTH-MUST'], NO_TEST_REASON);
    assert.equal(reasons['AUTH-UNTESTABLE'], 'Untestable: rotation happens in the console');
  });

  test('an inconclusive requirement carries the first error as its reason', () => {
    const r = report(replacing('AUTH-MUST', observed('AUTH-MUST', 'inconclusive')));
    assert.equal(r.requirements.find((q) => q.id === 'AUTH-MUST')?.reason, 'Error: [inconclusive] no answer');
  });

  test('each requirement keeps the tests behind it with seeds and counterexamples', () => {
    const failing = observed('ROUTE-MUST', 'failed', { seeds: ['1234'], counterexamples: ['POST /api/v1/chats {}'] });
    const r = report(replacing('ROUTE-MUST', failing));
    const route = r.requirements.find((q) => q.id === 'ROUTE-MUST');
    assert.deepEqual(route?.tests, [failing.evidence]);
  });

  test('a test naming two requirements counts for both', () => {
    const r = report([observed(['ROUTE-MUST', 'AUTH-MUST'], 'failed'), observed('ROUTE-SHOULD', 'passed')]);
    assert.equal(r.requirements.find((q) => q.id === 'AUTH-MUST')?.status, 'failed');
    assert.equal(r.requirements.find((q) => q.id === 'ROUTE-MUST')?.status, 'failed');
  });

  test('tests naming an unknown or no requirement are listed as unlinked', () => {
    const r = report([...passing(), observed('NOT-IN-CATALOG', 'passed'), observed([], 'failed')]);
    assert.deepEqual(r.unlinkedTests.map((t) => t.requirementId), ['NOT-IN-CATALOG', undefined]);
    assert.equal(r.runErrors.length, 1);
    assert.match(r.runErrors[0] ?? '', /has no requirement annotation/);
  });

  test('summary counts requirements per status and per level', () => {
    const r = report([observed('ROUTE-MUST', 'failed'), observed('ROUTE-SHOULD', 'failed'), observed('AUTH-MUST', 'inconclusive')]);
    assert.deepEqual(r.summary.MUST, { passed: 0, failed: 1, warned: 0, skipped: 1, inconclusive: 1, total: 3 });
    assert.deepEqual(r.summary.SHOULD, { passed: 0, failed: 0, warned: 1, skipped: 0, inconclusive: 0, total: 1 });
    assert.deepEqual(r.summary.all, { passed: 0, failed: 1, warned: 1, skipped: 1, inconclusive: 1, total: 4 });
  });

  test('every catalog requirement appears once, in catalog order', () => {
    assert.deepEqual(report([]).requirements.map((q) => q.id), ['ROUTE-MUST', 'ROUTE-SHOULD', 'AUTH-MUST', 'AUTH-UNTESTABLE']);
  });
});
