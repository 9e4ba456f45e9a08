// Mutation score: the conformance suite run against the mock once per fault of its catalog.
// A fault is detected when the run exits 1 or warns a SHOULD; the score must be 100%.
// The mocks run in this process (one per fault, on a free loopback port), the suite in a child.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_DEFAULTS, mockTenantEnv } from '../src/config/settings.ts';
import { FAULTS, type FaultName } from '../src/mock/faults.ts';
import { startMock } from '../src/mock/server.ts';

type Outcome = { fault: string; expected: string; exitCode: number; caughtBy: string[]; seconds: number };

const OUT_DIR = join(process.env.CHERT_REPORT_DIR ?? 'reports', 'mutation');
const PARALLEL = Number(process.env.CHERT_MUTATION_PARALLEL ?? 2);
const PLAYWRIGHT = fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url));
const { tenant, tenantB } = MOCK_DEFAULTS;

function targetEnv(url: string, fault: string, reportDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CHERT_BASE_URL: url,
    CHERT_TARGET_LABEL: `built-in mock (fault ${fault})`,
    ...mockTenantEnv(),
    CHERT_PROFILE: 'full',
    CHERT_REPORT_DIR: reportDir,
    CHERT_WORKERS: '1',
    CHERT_REPORTERS: 'line',
    // The target is the built-in mock: tests that need its test controls (the edit clock) run.
    CHERT_INTERNAL_BUILTIN_MOCK: '1',
  };
}

function failedRequirements(reportDir: string): string[] | undefined {
  try {
    const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { requirements: { id: string; status: string }[] };
    return report.requirements.filter((r) => r.status === 'failed' || r.status === 'warned').map((r) => r.id);
  } catch {
    return undefined;
  }
}

type Phase = { exitCode: number; caughtBy: string[] };

/** One run of the suite (or of the tests that `args` select) against a mock with this fault. */
async function runPhase(fault: FaultName, reportDir: string, args: string[]): Promise<Phase> {
  const mock = await startMock({ port: 0, tenants: [tenant, tenantB], fault });
  const child = spawn(process.execPath, [PLAYWRIGHT, 'test', '--retries=0', ...args], {
    env: targetEnv(mock.url, fault, reportDir),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  await mock.close();
  const caughtBy = failedRequirements(reportDir);
  if (caughtBy === undefined) process.stderr.write(`${fault}: no report (exit ${exitCode}): ${stderr.trim().split('\n').slice(-3).join(' | ')}\n`);
  return { exitCode, caughtBy: caughtBy ?? [] };
}

/**
 * First the tests of the requirement the fault violates (tagged with its id), so a catch is
 * named precisely; only if they miss it, the whole suite. Each stops at its first failure: one
 * is enough, and Playwright restarts a worker after every failed test.
 */
async function runSuite(fault: FaultName): Promise<Outcome> {
  const started = Date.now();
  const expected = FAULTS.find((f) => f.name === fault)?.requirement ?? '?';
  let phase = await runPhase(fault, join(OUT_DIR, fault, 'targeted'), ['--max-failures=1', '--grep', `@${expected}(\\s|$)`]);
  if (phase.caughtBy.length === 0) phase = await runPhase(fault, join(OUT_DIR, fault, 'whole'), ['--max-failures=1']);
  return { fault, expected, ...phase, seconds: (Date.now() - started) / 1000 };
}

async function runAll(names: FaultName[]): Promise<Outcome[]> {
  const queue = [...names];
  const results: Outcome[] = [];
  const lane = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const outcome = await runSuite(name);
      results.push(outcome);
      const mark = outcome.caughtBy.length > 0 ? 'caught' : 'MISSED';
      console.log(`${mark.padEnd(6)} ${outcome.fault.padEnd(36)} exit ${outcome.exitCode}  ${outcome.seconds.toFixed(1).padStart(5)} s  ${outcome.caughtBy.join(', ')}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return results.sort((a, b) => a.fault.localeCompare(b.fault));
}

function selectFaults(args: string[]): FaultName[] {
  const unknown = args.filter((name) => !FAULTS.some((f) => f.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown fault(s): ${unknown.join(', ')}. List them with: npm run mock -- --list-faults`);
    process.exit(2);
  }
  return args.length > 0 ? (args as FaultName[]) : FAULTS.map((f) => f.name);
}

const names = selectFaults(process.argv.slice(2));
mkdirSync(OUT_DIR, { recursive: true });
const started = Date.now();
const results = await runAll(names);
const detected = results.filter((r) => r.caughtBy.length > 0);
const onTarget = detected.filter((r) => r.caughtBy.includes(r.expected));
const seconds = (Date.now() - started) / 1000;
writeFileSync(join(OUT_DIR, 'mutation.json'), JSON.stringify({ detected: detected.length, total: results.length, seconds, results }, null, 2));
console.log(`\nMutation score: ${detected.length}/${results.length} faults detected (${((100 * detected.length) / results.length).toFixed(1)}%), ` +
  `${onTarget.length} by the requirement they violate, in ${seconds.toFixed(0)} s.`);
for (const r of results.filter((x) => x.caughtBy.length === 0)) console.log(`  MISSED: ${r.fault} (violates ${r.expected})`);
process.exit(detected.length === results.length ? 0 : 1);
