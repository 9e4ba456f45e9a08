// Hostile networks, end to end: whole runs against the mock playing a dead, a broken, a flaky and
// a bloated target (src/mock/network-faults.ts). Each must end fast with the honest verdict.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockTenantEnv } from '../../src/config/settings.ts';
import { startMockProcess, type MockProcess } from '../../src/run/start-mock.ts';

const TENANTS = mockTenantEnv();
const mocks: MockProcess[] = [];
after(async () => Promise.all(mocks.map((m) => m.stop())));

type Report = { exitCode: number; requirements: { id: string; status: string; reason?: string; tests: { errors: { message: string }[]; exchanges: { response: { body: string } | null }[] }[] }[] };
type Run = { status: number | null; output: string; seconds: number; report: Report };

/** A run of the suite (or of `args`' part of it) against the mock started with `mockArgs`. */
async function runAgainst(mockArgs: string[], args: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const target = await startMockProcess(mockArgs, { ...process.env, ...TENANTS });
  mocks.push(target);
  const reportDir = mkdtempSync(join(tmpdir(), 'chert-e2e-network-'));
  const started = Date.now();
  const result = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...TENANTS, CHERT_BASE_URL: target.url, CHERT_REPORTERS: 'line', CHERT_REPORT_DIR: reportDir, CHERT_WORKERS: '2', ...env },
    timeout: 180_000,
  });
  const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as Report;
  return { status: result.status, output: result.stdout + result.stderr, seconds: (Date.now() - started) / 1000, report };
}

const statusOf = (run: Run, id: string) => run.report.requirements.find((r) => r.id === id)?.status;
const tail = (run: Run) => run.output.slice(-3000);

test('a target that goes silent mid-run: exit 2 within 60 s of its last answer, one line naming it, the rest inconclusive with the reason', async () => {
  const run = await runAgainst(['--hang-after', '400'], [], { CHERT_TIMEOUT_MS: '3000' });
  assert.equal(run.status, 2, tail(run));
  const lines = run.output.split('\n').filter((l) => l.startsWith('chert-conformance: The target stopped answering'));
  assert.equal(lines.length, 1, tail(run));
  const lastAnswer = /at (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(lines[0] as string)?.[1];
  assert.ok(lastAnswer, `the line names the last answer: ${lines[0]}`);
  const silentFor = (Date.now() - Date.parse(lastAnswer as string)) / 1000;
  assert.ok(silentFor < 60, `verdict ${silentFor.toFixed(1)} s after the last answer`);
  const cancelled = run.report.requirements.filter((r) => r.status === 'inconclusive');
  assert.ok(cancelled.length > 0 && cancelled.every((r) => /stopped answering|did not answer|timed out|no answer/i.test(r.reason ?? '')), JSON.stringify(cancelled.map((r) => r.reason)));
  assert.ok(!run.report.requirements.some((r) => r.status === 'failed'), 'silence is never a failure');
});

test('a target that answers 500 with an HTML page to everything is judged non-conformant fast', async () => {
  const run = await runAgainst(['--error-html'], ['tests/conformance', '--project=hmac']);
  assert.equal(run.status, 1, tail(run));
  assert.match(run.output, /^chert-conformance: The target no longer speaks the API/m);
  assert.ok(run.seconds < 60, `took ${run.seconds} s`);
});

test('a target failing one class of valid input (500 to every group create) is judged, not retried into minutes', async () => {
  const run = await runAgainst(['--fail-class', 'group'], ['tests/properties/recipients.spec.ts', 'tests/conformance/create.spec.ts', '--project=hmac']);
  assert.equal(run.status, 1, tail(run));
  assert.equal(statusOf(run, 'CHAT-GROUP-CREATED'), 'failed');
  assert.equal(statusOf(run, 'CHAT-ONE-TO-ONE'), 'passed');
  assert.ok(run.seconds < 60, `took ${run.seconds} s`);
});

test('a correct target that resets 1 connection in 10 is judged conformant', async () => {
  const run = await runAgainst(['--reset', '0.1'], ['--project=hmac']);
  assert.equal(run.status, 0, tail(run));
  assert.ok(!run.report.requirements.some((r) => r.status === 'inconclusive'), JSON.stringify(run.report.requirements.filter((r) => r.status === 'inconclusive').map((r) => r.reason)));
});

test('a 64 MB answer is cut at CHERT_MAX_BODY_BYTES, recorded truncated, and counts as a violation', async () => {
  const run = await runAgainst(['--huge-every', '25'], ['tests/properties/response.spec.ts', 'tests/conformance/create.spec.ts', '--project=hmac'], { CHERT_MAX_BODY_BYTES: String(1024 * 1024) });
  assert.equal(run.status, 1, tail(run));
  const messages = run.report.requirements.flatMap((r) => r.tests.flatMap((t) => t.errors.map((e) => e.message)));
  assert.ok(messages.some((m) => /longer than 1048576 bytes \(CHERT_MAX_BODY_BYTES\)/.test(m)), messages.join('\n'));
});
