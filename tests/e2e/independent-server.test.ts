// The suite must never fail a correct server on a point the docs leave open. Its own mock is one
// correct implementation; tests/e2e/independent-server/ is a second one, written from the
// contract alone, that takes the other allowed choice wherever the docs are silent. Whole runs
// of the suite against it must judge it conformant.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { startIndependentServer, type IndependentServer, type ServerOptions } from './independent-server/server.ts';

type Report = {
  verdict: string;
  exitCode: number;
  requirements: { id: string; level: string; status: string; tests: { title: string; location: string; errors: { message: string }[] }[] }[];
};
type Run = { status: number | null; output: string; seconds: number; report: Report | undefined };

const ROOT = new URL('../..', import.meta.url).pathname;
const servers: IndependentServer[] = [];
const dirs: string[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function server(options: ServerOptions = {}): Promise<IndependentServer> {
  const started = await startIndependentServer(options);
  servers.push(started);
  return started;
}

/** Runs the whole suite as a child process (asynchronously: the server lives in this process). */
function suite(baseUrl: string, env: Record<string, string>): Promise<Run> {
  const reportDir = mkdtempSync(join(tmpdir(), 'chert-independent-'));
  dirs.push(reportDir);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHERT_')));
  const started = Date.now();
  const child = spawn(process.execPath, ['node_modules/@playwright/test/cli.js', 'test'], {
    cwd: ROOT,
    env: {
      ...inherited,
      CHERT_BASE_URL: baseUrl,
      CHERT_TENANT: MOCK_DEFAULTS.tenant.slug,
      CHERT_SIGNING_SECRET: MOCK_DEFAULTS.tenant.secret,
      CHERT_FROM: MOCK_DEFAULTS.tenant.from,
      CHERT_TENANT_B: MOCK_DEFAULTS.tenantB.slug,
      CHERT_SIGNING_SECRET_B: MOCK_DEFAULTS.tenantB.secret,
      CHERT_FROM_B: MOCK_DEFAULTS.tenantB.from,
      CHERT_REPORTERS: 'line',
      CHERT_REPORT_DIR: reportDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearTimeout(timer);
      let report: Report | undefined;
      try {
        report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as Report;
      } catch {
        report = undefined;
      }
      resolve({ status, output, seconds: (Date.now() - started) / 1000, report });
    });
  });
}

function failures(report: Report): string {
  return report.requirements
    .filter((r) => r.status === 'failed')
    .flatMap((r) => r.tests.filter((t) => t.errors.length > 0).map((t) => `${r.id}: ${t.location} ${t.title}: ${t.errors[0]?.message ?? ''}`))
    .join('\n');
}

function warned(report: Report): string[] {
  return report.requirements.filter((r) => r.status === 'warned').map((r) => r.id);
}

function assertConformant(label: string, run: Run): Report {
  const report = run.report;
  assert.ok(report, `${label}: no conformance.json\n${run.output.slice(-3000)}`);
  assert.equal(report.verdict, 'conformant', `${label}: verdict ${report.verdict}\n${failures(report)}\n${run.output.slice(-3000)}`);
  assert.deepEqual(report.requirements.filter((r) => r.status === 'failed').map((r) => r.id), [], failures(report));
  assert.equal(run.status, 0, `${label}: exit ${String(run.status)}\n${run.output.slice(-3000)}`);
  console.log(`${label}: exit ${String(run.status)} in ${run.seconds.toFixed(1)} s; warned SHOULDs: ${warned(report).join(', ') || 'none'}`);
  return report;
}

test('the full profile judges the independent server conformant', async () => {
  const target = await server();
  const run = await suite(target.url, { CHERT_PROFILE: 'full' });
  const report = assertConformant('full profile', run);
  assert.ok(target.stats.requests > 500, `only ${target.stats.requests} requests reached the server`);
  assert.ok(!warned(report).includes('CHAT-ID-UUID'), 'UUID chat ids were warned');
});

test('the safe profile judges it conformant and creates no chat', async () => {
  const target = await server();
  const run = await suite(target.url, { CHERT_PROFILE: 'safe' });
  assertConformant('safe profile', run);
  assert.equal(target.stats.chatsCreated, 0);
});

test('opaque (non-UUID) chat ids only warn the CHAT-ID-UUID SHOULD', async () => {
  const target = await server({ chatIds: 'opaque' });
  const run = await suite(target.url, { CHERT_PROFILE: 'full' });
  const report = assertConformant('opaque ids', run);
  assert.ok(warned(report).includes('CHAT-ID-UUID'), `warned: ${warned(report).join(', ')}`);
});
