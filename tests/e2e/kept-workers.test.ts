// A failed test keeps its worker (tests/fixtures/kept-workers.ts) yet every report shows it failed
// (src/report/kept-workers.ts), inside real Playwright runs of a throw-away project: the list
// output, JUnit, Playwright's HTML, conformance.json and the exit code; a lost connection still
// gets its repeat, in a new worker.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ConformanceReport } from '../../src/report/types.ts';
import { REPO_ROOT, REPORTER, run } from './fixture-project.ts';
import { zipEntries } from './scan.ts';

const KEPT_WORKERS_REPORTER = join(REPO_ROOT, 'src/report/kept-workers.ts');
const FIXTURE = join(REPO_ROOT, 'tests/fixtures/kept-workers.ts');

const NOT_REPEATED_SOURCE = join(REPO_ROOT, 'src/report/observe.ts');

// One worker, tests in order, repeats skipped as the suite's fixture does (tests/fixtures/client.ts);
// each test that runs records the worker it ran in.
const SPEC = `
import { test, expect } from '@playwright/test';
import { keepWorkerAfterFailure } from ${JSON.stringify(FIXTURE)};
import { NOT_REPEATED } from ${JSON.stringify(NOT_REPEATED_SOURCE)};

const requirement = (id: string) => ({ annotation: { type: 'requirement', description: id } });
const noteWorker = () => test.info().annotations.push({ type: 'worker', description: String(test.info().workerIndex) });
const lost = (testInfo) => testInfo.errors.some((e) => (e.message ?? '').includes('NotRetriedError'));
// What test 6 sent: a leave of a chat it did not create, which the target accepted.
const acceptedLeave = { request: { method: 'POST', url: 'http://127.0.0.1:9/api/v1/chats/c-1/leave', headers: {}, body: null }, response: { status: 200, headers: {}, body: '{}' }, curl: '' };

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.retry > 0 && !testInfo.title.includes('lost its connection'), NOT_REPEATED);
});
test.afterEach(({}, testInfo) => {
  if (testInfo.status === 'failed') keepWorkerAfterFailure(testInfo, testInfo.title.includes('leave') ? [acceptedLeave] : [], lost(testInfo));
});

test('1 a valid create returns 2xx', requirement('CHAT-CREATE-2XX'), () => noteWorker());
test('2 the success body has the documented shape', requirement('CHAT-RESPONSE-SCHEMA'), () => {
  noteWorker();
  expect({ success: true }, 'the body is the success shape').toEqual({ chat: {}, message: {} });
});
test('3 a group create returns 2xx', requirement('CHAT-GROUP-CREATED'), () => noteWorker());
test('4 a follow-up lost its connection once', requirement('CHAT-ONE-TO-ONE'), ({}, testInfo) => {
  noteWorker();
  if (testInfo.retry === 0) throw new Error('NotRetriedError: POST /api/v1/chats: socket hang up');
});
test('5 no credentials returns 401', requirement('AUTH-MISSING'), () => noteWorker());
test('6 a leave without credentials returns 401', requirement('AUTH-BEARER-INVALID'), () => {
  noteWorker();
  expect(200, 'the leave was accepted').toBe(401);
});
`;

function config(reporters: string[]): string {
  const entries = reporters.map((r) => (r === 'junit' ? `['junit', { outputFile: reportDir + '/junit.xml' }]` : r === 'html' ? `['html', { outputFolder: reportDir + '/playwright-html', open: 'never' }]` : `[${JSON.stringify(r)}]`));
  return `
import { defineConfig } from '@playwright/test';
const reportDir = process.env.CHERT_REPORT_DIR as string;
export default defineConfig({ testDir: '.', workers: 1, retries: 1, reporter: [${entries.join(', ')}] });
`;
}

type Run = { code: number | null; output: string; reportDir: string; dir: string };

async function runProject(reporters: string[], args: string[] = []): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'chert-kept-workers-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'playwright.config.ts'), config(reporters));
  writeFileSync(join(dir, 'order.spec.ts'), SPEC);
  const reportDir = join(dir, 'reports');
  const result = await run('npx', ['playwright', 'test', '--output', join(dir, 'results'), ...args], dir, { CHERT_REPORT_DIR: reportDir, PLAYWRIGHT_BLOB_OUTPUT_DIR: join(dir, 'blob') });
  return { code: result.code, output: result.stdout + result.stderr, reportDir, dir };
}

type HtmlReport = { stats: { unexpected: number; expected: number; flaky: number } };

function htmlStats(reportDir: string): HtmlReport['stats'] {
  const page = readFileSync(join(reportDir, 'playwright-html/index.html'), 'latin1');
  const zip = Buffer.from(/application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(page)?.[1] ?? '', 'base64');
  const json = zipEntries(zip).find(([name]) => name === 'report.json')?.[1];
  return (JSON.parse(json?.toString('utf8') ?? '{}') as HtmlReport).stats;
}

/** The worker of each test's last attempt, in test order (JUnit lists the annotations as properties). */
const workersOf = (junit: string) => [...junit.matchAll(/<property name="worker" value="(\d+)"/g)].map((m) => m[1]);

const ALL = [KEPT_WORKERS_REPORTER, 'list', 'junit', 'html', REPORTER];

describe('a failed test keeps its worker and is reported failed', { concurrency: 2, timeout: 180_000 }, () => {
  test('kept-workers first: one worker until the lost connection, the failure failed everywhere, exit 1', async () => {
    const r = await runProject(ALL);
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /✘ .*2 the success body has the documented shape/, 'the list reporter shows the failure');
    assert.doesNotMatch(r.output, /✓ .*2 the success body/, r.output);
    const junit = readFileSync(join(r.reportDir, 'junit.xml'), 'utf8');
    assert.match(junit, /failures="2"/);
    assert.match(junit, /<testcase name="6 a leave without credentials returns 401"[^>]*>[\s\S]*?<failure /, 'a failure whose repeat was skipped is failed too');
    assert.match(junit, /<testcase name="2 the success body has the documented shape"[^>]*>[\s\S]*?<failure /);
    assert.doesNotMatch(junit, /name="chert-kept-worker"/, 'the mark is gone from the reports');
    const stats = htmlStats(r.reportDir);
    assert.equal(stats.unexpected, 2, 'the HTML report counts both failures');
    assert.equal(stats.flaky, 1, 'and the lost connection that passed on its repeat');
    const report = JSON.parse(readFileSync(join(r.reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    assert.equal(report.requirements.find((q) => q.id === 'CHAT-RESPONSE-SCHEMA')?.status, 'failed');
    assert.equal(report.exitCode, 1);
    // Tests 1 to 3 and the first attempt of 4 share worker 0; the repeat of 4, then 5 and 6, run in
    // worker 1. 6's accepted write to a chat it did not create costs its worker: Playwright repeats
    // it (a kept failure is never repeated), and the repeat is skipped.
    assert.deepEqual(workersOf(junit), ['0', '0', '0', '1', '1'], r.output);
    assert.match(r.output, /- {2}\d+ .*6 a leave without credentials returns 401 \(retry #1\)/);
    assert.doesNotMatch(r.output, /2 the success body has the documented shape \(retry #1\)/);
  });

  test('kept-workers not first: it says so, workers restart as before, and the failure is still failed', async () => {
    const r = await runProject(['list', KEPT_WORKERS_REPORTER, 'junit', REPORTER]);
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /kept-workers\.ts is not the first reporter/);
    const junit = readFileSync(join(r.reportDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testcase name="2 the success body has the documented shape"[^>]*>[\s\S]*?<failure /);
    const [first, , third] = workersOf(junit);
    assert.notEqual(third, first, 'a new worker after the failure');
  });

  test('a shard with kept-workers before blob: the merged JUnit and conformance.json show the failure, exit 1', async () => {
    const shard = await runProject(ALL, [`--reporter=${KEPT_WORKERS_REPORTER},blob`]);
    assert.ok(shard.code === 0 || shard.code === 1, shard.output);
    const reportDir = join(shard.dir, 'merged');
    const merged = await run('npx', ['playwright', 'merge-reports', '--reporter', `${REPORTER},junit`, join(shard.dir, 'blob')], shard.dir, {
      CHERT_REPORT_DIR: reportDir,
      PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(reportDir, 'junit.xml'),
    });
    assert.equal(merged.code, 1, merged.stdout + merged.stderr);
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testcase name="2 the success body has the documented shape"[^>]*>[\s\S]*?<failure /);
    assert.deepEqual(workersOf(junit), ['0', '0', '0', '1', '1'], 'the shard kept its worker');
    const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    assert.equal(report.requirements.find((q) => q.id === 'CHAT-RESPONSE-SCHEMA')?.status, 'failed');
  });
});
