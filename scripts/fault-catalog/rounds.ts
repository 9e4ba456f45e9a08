// The one Playwright run of `npm run mutation`: a mock per fault and a correct mock per requirement
// (for the control), all in this process, behind the slot relay; the suite's tests of each round
// reach the fault the plan gives them (plan.ts) and report one line each (reporter.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_DEFAULTS, mockTenantEnv } from '../../src/config/settings.ts';
import type { FaultName } from '../../src/mock/faults.ts';
import { startMock, type RunningMock } from '../../src/mock/server.ts';
import { SlotRouter } from '../mutation-generated/slot-router.ts';
import { MARKERS_ENV } from './needless.ts';
import { projectSpecs, slotRoutes, type Round, type SlotOutcome } from './plan.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const PLAYWRIGHT = here('../../node_modules/@playwright/test/cli.js');
const CONFIG = here('./playwright.config.ts');
const { tenant, tenantB } = MOCK_DEFAULTS;

export type RoundsRun = {
  exitCode: number;
  outcomes: SlotOutcome[];
  seconds: number;
  /** The last 4,000 characters of Playwright's stderr, to say why a run reported nothing. */
  stderr: string;
  /** Requests per fault's mock: 0 for a fault whose tests ran means their requests went elsewhere. */
  requestsByFault: Map<string, number>;
  /** Requests no test sent (the preflight), which the relay gives the main correct mock. */
  untaggedRequests: number;
};

// Playwright still running when the mutation run is interrupted stops with it.
let running: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running?.kill('SIGKILL');
    process.exit(130);
  });
}

const mockWith = (fault?: FaultName) => startMock({ port: 0, tenants: [tenant, tenantB], ...(fault ? { fault } : {}) });

function suiteEnv(url: string, workDir: string, workers: number, results: string, markers: string, rounds: readonly Round[]): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CHERT_BASE_URL: url,
    CHERT_TARGET_LABEL: 'built-in mock (fault catalog, one mock per fault)',
    ...mockTenantEnv(),
    CHERT_PROFILE: 'full',
    CHERT_REPORT_DIR: workDir,
    CHERT_WORKERS: String(workers),
    CHERT_FAULT_PROJECTS: JSON.stringify(projectSpecs(rounds)),
    CHERT_FAULT_RESULTS: results,
    [MARKERS_ENV]: markers,
    // Each test meets its own fault's mock: every test makes its own chat (none is shared through
    // a worker), judges the target's health on its own, and a failure is marked expected, which
    // keeps its worker (src/config/settings.ts, isMutantRun).
    CHERT_INTERNAL_MUTANT_RUN: '1',
    // The targets are built-in mocks: tests that need their test controls (the edit clock) run.
    CHERT_INTERNAL_BUILTIN_MOCK: '1',
  };
}

async function startMocks(rounds: readonly Round[], faultsOn: boolean): Promise<{ faults: Map<string, RunningMock>; correct: Map<string, RunningMock> }> {
  const faults = new Map<string, RunningMock>();
  const correct = new Map<string, RunningMock>();
  for (const round of rounds) {
    for (const [requirement, fault] of round.faultOf) {
      if (fault === undefined) correct.set(requirement, await mockWith());
      else faults.set(fault, await mockWith(faultsOn ? (fault as FaultName) : undefined));
    }
  }
  return { faults, correct };
}

/**
 * Every round and the control in one Playwright run; resolves when it has ended and every mock is
 * closed. With `faultsOn` false each fault's mock is a correct one (the self-check: nothing may be caught).
 */
export async function runRounds(rounds: readonly Round[], workDir: string, workers: number, faultsOn = true): Promise<RoundsRun> {
  const started = Date.now();
  const results = join(workDir, 'results.jsonl');
  mkdirSync(workDir, { recursive: true });
  const markers = join(workDir, 'markers');
  rmSync(results, { force: true });
  rmSync(markers, { recursive: true, force: true });
  mkdirSync(markers);
  const main = await mockWith();
  const mocks = await startMocks(rounds, faultsOn);
  const router = new SlotRouter(main.url);
  router.route(slotRoutes(rounds, (f) => (mocks.faults.get(f) as RunningMock).url, (r) => (mocks.correct.get(r) as RunningMock).url));
  const url = await router.listen();
  try {
    const args = [PLAYWRIGHT, 'test', `--config=${CONFIG}`, '--retries=0'];
    running = spawn(process.execPath, args, { env: suiteEnv(url, workDir, workers, results, markers, rounds), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    running.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const exitCode = await new Promise<number>((resolve) => running?.on('exit', (code) => resolve(code ?? -1)));
    running = undefined;
    const outcomes = existsSync(results)
      ? readFileSync(results, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as SlotOutcome)
      : [];
    return {
      exitCode,
      outcomes,
      seconds: (Date.now() - started) / 1000,
      stderr,
      requestsByFault: new Map([...mocks.faults].map(([fault, mock]) => [fault, mock.stats().requests])),
      untaggedRequests: main.stats().requests,
    };
  } finally {
    await router.close();
    await Promise.all([main, ...mocks.faults.values(), ...mocks.correct.values()].map((m) => m.close()));
  }
}
