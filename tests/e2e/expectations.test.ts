// Known deviations end to end: real runs of the suite against the built-in mock, narrowed to one
// requirement (AUTH-MISSING) and its fault, judged with and without an expectations file. (Strict
// mode's exit 1 on an unexpected pass is a pure rule, unit-tested in report-expectations.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PLACEHOLDER_REASON } from '../../src/report/expectations-file.ts';
import type { ConformanceReport } from '../../src/report/types.ts';
import { REPO_ROOT, run, type RunResult } from './fixture-project.ts';

const REQUIREMENT = 'AUTH-MISSING';
const FAULT = 'auth-missing-wrong-code'; // 401 / 2004 instead of 2012: violates AUTH-MISSING
const scratch = mkdtempSync(join(tmpdir(), 'chert-expectations-e2e-'));

function expectationsFile(name: string, entry: string): string {
  const file = join(scratch, name);
  writeFileSync(file, `expectations:\n  - id: ${REQUIREMENT}\n    status: failed\n${entry}`);
  return file;
}

const KNOWN = expectationsFile('known.yaml', '    reason: The gateway answers 2004 until CH-12 ships.\n    link: https://tickets.example/CH-12\n');
const EXPIRED = expectationsFile('expired.yaml', '    reason: The gateway answers 2004 until CH-12 ships.\n    until: 2000-01-01\n');
const PLACEHOLDER = expectationsFile('baseline.yaml', `    reason: "${PLACEHOLDER_REASON}"\n`);

type SuiteRun = RunResult & { report: ConformanceReport; summary: string };

async function suite(env: Record<string, string>): Promise<SuiteRun> {
  const reportDir = mkdtempSync(join(scratch, 'reports-'));
  const result = await run('npx', ['playwright', 'test', '--grep', `@${REQUIREMENT}`, '--output', join(reportDir, 'results')], REPO_ROOT, {
    CHERT_REPORTERS: 'line',
    CHERT_REPORT_DIR: reportDir,
    ...env,
  });
  const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
  return { ...result, report, summary: result.stdout.trim().split('\n').at(-1) ?? '' };
}

const outcome = (r: SuiteRun) => r.report.requirements.find((q) => q.id === REQUIREMENT)?.expectation?.outcome;
const output = (r: RunResult) => r.stdout + r.stderr;

// Each test of the faulty runs that fails costs Playwright a worker restart, about a second of CPU;
// on a busy machine two such runs side by side took 80 s each (when the generated auth checks had
// a test per operation: a dozen failed tests a run, two since).
describe('a run judged against known deviations', { concurrency: 2, timeout: 300_000 }, () => {
  test('the fault named in the file is a known deviation: exit 0', async () => {
    const r = await suite({ CHERT_MOCK_FAULT: FAULT, CHERT_EXPECTATIONS: KNOWN });
    assert.equal(r.code, 0, output(r));
    assert.equal(outcome(r), 'known');
    assert.equal(r.report.requirements.find((q) => q.id === REQUIREMENT)?.status, 'failed', 'still reported as failed');
    assert.match(r.summary, /^Conformance: CONFORMANT with 1 known deviation \(exit 0\)/);
  });

  test('the same fault without the file fails the run: exit 1', async () => {
    const r = await suite({ CHERT_MOCK_FAULT: FAULT });
    assert.equal(r.code, 1, output(r));
    assert.match(r.summary, /^Conformance: NON-CONFORMANT \(exit 1\)/);
  });

  test('the file against the correct mock reports the unexpected pass: exit 0, a warning', async () => {
    const r = await suite({ CHERT_EXPECTATIONS: KNOWN });
    assert.equal(r.code, 0, output(r));
    assert.equal(outcome(r), 'unexpected-pass');
    assert.match(r.summary, /WARNING: 1 unexpected pass \(AUTH-MISSING\): remove its entry from .*known\.yaml/);
  });

  test('an expired entry counts as unexpected: exit 1', async () => {
    const r = await suite({ CHERT_MOCK_FAULT: FAULT, CHERT_EXPECTATIONS: EXPIRED });
    assert.equal(r.code, 1, output(r));
    assert.equal(outcome(r), 'expired');
  });

  test('a baseline with its placeholder reason stops the run before any test: exit 2, one line naming the entry', async () => {
    const r = await suite({ CHERT_EXPECTATIONS: PLACEHOLDER });
    assert.equal(r.code, 2, output(r));
    const lines = output(r).split('\n').filter((l) => l.includes('fill in the reason of AUTH-MISSING'));
    assert.equal(lines.length, 1, output(r));
    assert.match(lines[0]!, /^chert-conformance: Expectations file .*baseline\.yaml: fill in the reason of AUTH-MISSING/);
    assert.equal(r.report.summary.all.passed + r.report.summary.all.failed, 0, 'no test ran');
  });
});
