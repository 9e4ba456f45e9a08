// Live safety and robustness, end to end: whole runs of the suite against the mock as a
// separate target, read back through the mock's counters and the run's exit code.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockTenantEnv } from '../../src/config/settings.ts';
import { startMockProcess, type MockProcess } from '../../src/run/start-mock.ts';

const TENANT = mockTenantEnv({ tenantB: false });
const mocks: MockProcess[] = [];
after(async () => Promise.all(mocks.map((m) => m.stop())));

async function mock(args: string[] = []): Promise<MockProcess> {
  const started = await startMockProcess(args, { ...process.env, ...TENANT });
  mocks.push(started);
  return started;
}

type Run = { status: number | null; stderr: string; stdout: string; seconds: number };

function suite(env: Record<string, string>, args: string[] = []): Run {
  const started = Date.now();
  const result = spawnSync('npx', ['playwright', 'test', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHERT_REPORTERS: 'line', CHERT_REPORT_DIR: mkdtempSync(join(tmpdir(), 'chert-e2e-')), ...env },
    timeout: 240_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout, seconds: (Date.now() - started) / 1000 };
}

async function stats(target: MockProcess): Promise<{ chatsCreated: number; requests: number }> {
  return (await (await fetch(`${target.url}/__mock/stats`)).json()) as { chatsCreated: number; requests: number };
}

test('a safe-profile run against the mock passes and creates zero chats', async () => {
  const target = await mock();
  const run = suite({ ...TENANT, CHERT_BASE_URL: target.url, CHERT_PROFILE: 'safe' });
  assert.equal(run.status, 0, run.stdout.slice(-2000) + run.stderr.slice(-2000));
  const counted = await stats(target);
  assert.ok(counted.requests > 100, `only ${counted.requests} requests reached the mock`);
  assert.equal(counted.chatsCreated, 0);
});

test('a safe-profile run with CHERT_MAX_SENDS=3 creates at least one and at most 3 chats', async () => {
  const target = await mock();
  const allowed = '+14155550142';
  const run = suite({ ...TENANT, CHERT_BASE_URL: target.url, CHERT_PROFILE: 'safe', CHERT_MAX_SENDS: '3', CHERT_LIVE_RECIPIENTS: allowed });
  assert.equal(run.status, 0, run.stdout.slice(-2000) + run.stderr.slice(-2000));
  const counted = await stats(target);
  assert.ok(counted.chatsCreated > 0, 'the budget was not used at all');
  assert.ok(counted.chatsCreated <= 3, `${counted.chatsCreated} chats created`);
});

for (const [label, env, pattern] of [
  ['an unreachable target', { CHERT_BASE_URL: 'http://127.0.0.1:1' }, /Cannot reach the target/],
  ['a host name that does not resolve', { CHERT_BASE_URL: 'http://chert-target.invalid' }, /does not resolve/],
  ['a bad setting', { CHERT_BASE_URL: 'ftp://example.test' }, /CHERT_BASE_URL must be an http\(s\) URL/],
] as const) {
  test(`${label} exits 2 within 10 s with one clear line`, () => {
    const run = suite({ ...TENANT, ...env });
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.ok(run.seconds < 10, `took ${run.seconds} s`);
    const output = run.stdout + run.stderr;
    assert.equal(output.split('\n').filter((line) => pattern.test(line)).length, 1, output);
    assert.match(output, /^chert-conformance: /m);
    assert.doesNotMatch(output, /\bat .*\.ts:\d+/, 'no stack trace');
  });
}

test('a wrong secret exits 2 within 10 s with one clear line and never prints it', async () => {
  const target = await mock();
  const wrong = 'feedface'.repeat(4);
  const run = suite({ ...TENANT, CHERT_SIGNING_SECRET: wrong, CHERT_BASE_URL: target.url });
  assert.equal(run.status, 2, run.stdout + run.stderr);
  assert.ok(run.seconds < 10, `took ${run.seconds} s`);
  assert.match(run.stdout + run.stderr, /^chert-conformance: The target rejected the credentials/m);
  assert.ok(!(run.stdout + run.stderr).includes(wrong));
});

test('a flaky target (1 request in 10 gets 503) yields no false failures', async () => {
  const target = await mock(['--flaky', '0.1']);
  // Fewer property cases: this run proves retries, not property depth (the full run does that).
  const run = suite({ ...TENANT, CHERT_PROPERTY_RUNS: '25', CHERT_BASE_URL: target.url, ...mockTenantEnv() });
  assert.equal(run.status, 0, run.stdout.slice(-3000) + run.stderr.slice(-2000));
});
