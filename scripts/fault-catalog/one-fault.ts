// The per-fault way (the whole of `npm run mutation` before the one-run rounds): a mock with the
// fault and a Playwright run of its own, first of the tests of the requirement it violates, then,
// if they miss it, of the whole suite. Kept for the faults the rounds do not catch, so the rounds
// can miss nothing this way catches.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_DEFAULTS, mockTenantEnv } from '../../src/config/settings.ts';
import type { FaultName } from '../../src/mock/faults.ts';
import { startMock } from '../../src/mock/server.ts';
import { grepFor } from './plan.ts';

export type FaultRun = { exitCode: number; caughtBy: string[] };

const PLAYWRIGHT = fileURLToPath(new URL('../../node_modules/@playwright/test/cli.js', import.meta.url));
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

/** One run of the suite (or of the tests that `args` select) against a mock with this fault. */
async function runPhase(fault: FaultName, reportDir: string, args: string[]): Promise<FaultRun> {
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
export async function runFaultAlone(fault: FaultName, requirement: string, outDir: string): Promise<FaultRun> {
  const phase = await runPhase(fault, join(outDir, fault, 'targeted'), ['--max-failures=1', '--grep', grepFor([requirement]).source]);
  if (phase.caughtBy.length > 0) return phase;
  return runPhase(fault, join(outDir, fault, 'whole'), ['--max-failures=1']);
}
