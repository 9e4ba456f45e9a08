// The conformance reporter inside real Playwright runs of a throw-away project: exit codes 0/1/2,
// every report file written (ours, JUnit and Playwright's HTML), and sharded runs merged.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { reportProblems } from '../../src/report/schema.ts';
import type { ConformanceReport, RequirementStatus } from '../../src/report/types.ts';
import { createFixtureProject, REPORTER, run, runFixture, type FixtureRun } from './fixture-project.ts';

const project = createFixtureProject();
const FILES = ['conformance.json', 'conformance.html', 'badge.svg', 'junit.xml', 'playwright-html/index.html'];

function readReport(dir: string): ConformanceReport {
  const value: unknown = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
  assert.deepEqual(reportProblems(value), [], 'conformance.json matches its schema');
  return value as ConformanceReport;
}

const statusOf = (r: ConformanceReport, id: string) => r.requirements.find((q) => q.id === id)?.status;

function assertRun(fixture: FixtureRun, want: { code: number; verdict: string; statuses: Record<string, RequirementStatus> }): ConformanceReport {
  const output = fixture.stdout + fixture.stderr;
  assert.equal(fixture.code, want.code, output);
  for (const file of FILES) assert.ok(existsSync(join(fixture.reportDir, file)), `${file} was written`);
  const report = readReport(fixture.reportDir);
  assert.equal(report.verdict, want.verdict);
  for (const [id, status] of Object.entries(want.statuses)) assert.equal(statusOf(report, id), status, id);
  assert.match(fixture.stdout.trim().split('\n').at(-1) ?? '', new RegExp(`^Conformance: ${want.verdict.toUpperCase()} \\(exit ${want.code}\\) · MUST .* · .*conformance\\.html$`));
  return report;
}

describe('exit codes and files', { concurrency: 2, timeout: 180_000 }, () => {
  test('a failed SHOULD only warns: exit 0', async () => {
    const report = assertRun(await runFixture(project, ['--grep', '@pass|@should|@skip']), {
      code: 0,
      verdict: 'conformant',
      statuses: { 'CHAT-CREATE-2XX': 'passed', 'CHAT-ID-UUID': 'warned', 'PHONE-FORMATTED': 'skipped' },
    });
    assert.equal(report.requirements.find((q) => q.id === 'PHONE-FORMATTED')?.reason, 'needs a target that stores numbers');
  });

  test('CHERT_STRICT=1 makes the failed SHOULD fail the run: exit 1', async () => {
    assertRun(await runFixture(project, ['--grep', '@pass|@should'], { CHERT_STRICT: '1' }), {
      code: 1,
      verdict: 'non-conformant',
      statuses: { 'CHAT-ID-UUID': 'warned' },
    });
  });

  test('a target that did not answer leaves the run inconclusive: exit 2', async () => {
    assertRun(await runFixture(project, ['--grep', '@pass|@inconclusive']), {
      code: 2,
      verdict: 'inconclusive',
      statuses: { 'CHAT-CREATE-2XX': 'passed', 'AUTH-MISSING': 'inconclusive' },
    });
  });

  test('a failed MUST outweighs everything: exit 1, with its evidence', async () => {
    const report = assertRun(await runFixture(project), {
      code: 1,
      verdict: 'non-conformant',
      statuses: { 'CHAT-CREATE-2XX': 'passed', 'CHAT-RESPONSE-SCHEMA': 'failed', 'CHAT-ID-UUID': 'warned', 'PHONE-FORMATTED': 'skipped', 'AUTH-MISSING': 'inconclusive' },
    });
    const evidence = report.requirements.find((q) => q.id === 'CHAT-RESPONSE-SCHEMA')?.tests[0];
    assert.equal(evidence?.location, 'outcomes.spec.ts:10');
    assert.deepEqual(evidence?.seeds, ['424242']);
    assert.equal(evidence?.counterexamples.length, 1);
    assert.equal(evidence?.exchanges[0]?.response?.status, 200);
    assert.match(evidence?.errors[0]?.message ?? '', /seed 424242/);
  });

  test('bad settings: exit 2 and the report says which setting', async () => {
    const report = assertRun(await runFixture(project, ['--grep', '@pass'], { CHERT_PROFILE: 'fast' }), {
      code: 2,
      verdict: 'inconclusive',
      statuses: { 'CHAT-CREATE-2XX': 'passed' },
    });
    assert.match(report.runErrors.join('\n'), /CHERT_PROFILE must be "full" or "safe"/);
  });

  test('a global setup that throws (target down): exit 2 and the report says why', async () => {
    const report = assertRun(await runFixture(project, [], { FIXTURE_TARGET_DOWN: '1' }), {
      code: 2,
      verdict: 'inconclusive',
      statuses: { 'CHAT-CREATE-2XX': 'skipped' },
    });
    assert.match(report.runErrors.join('\n'), /The target did not answer/);
  });
});

describe('sharded runs', { timeout: 180_000 }, () => {
  test('blob reports of two shards merge into one complete conformance.json: exit 1', async () => {
    // Each shard runs on its own machine in CI; the blob reporter empties its folder first.
    const blobs = mkdtempSync(join(project, 'blobs-'));
    for (const shard of ['1/2', '2/2']) {
      const own = mkdtempSync(join(project, 'shard-'));
      const result = await run('npx', ['playwright', 'test', `--shard=${shard}`, '--reporter=blob', '--output', join(own, 'results')], project, { PLAYWRIGHT_BLOB_OUTPUT_DIR: own });
      assert.ok(result.code === 0 || result.code === 1, result.stdout + result.stderr);
      for (const zip of readdirSync(own).filter((f) => f.endsWith('.zip'))) copyFileSync(join(own, zip), join(blobs, zip));
    }
    const reportDir = mkdtempSync(join(project, 'merged-'));
    const merged = await run('npx', ['playwright', 'merge-reports', '--reporter', `${REPORTER},junit,html`, blobs], project, {
      CHERT_REPORT_DIR: reportDir,
      PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(reportDir, 'junit.xml'),
      PLAYWRIGHT_HTML_OUTPUT_DIR: join(reportDir, 'playwright-html'),
      PLAYWRIGHT_HTML_OPEN: 'never',
    });
    assertRun({ ...merged, reportDir }, {
      code: 1,
      verdict: 'non-conformant',
      statuses: { 'CHAT-CREATE-2XX': 'passed', 'CHAT-RESPONSE-SCHEMA': 'failed', 'CHAT-ID-UUID': 'warned', 'PHONE-FORMATTED': 'skipped', 'AUTH-MISSING': 'inconclusive' },
    });
  });
});
