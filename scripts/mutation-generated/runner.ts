// The pieces of a generated mutation run that talk to processes: the instrumented mock (a child
// over IPC) and the suite (Playwright runs against it, their results read back line by line).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockTenantEnv } from '../../src/config/settings.ts';
import { MOCK_START_TIMEOUT_MS, PROPERTY_RUNS, REQUEST_TIMEOUT_MS, TEST_TIMEOUT_MS } from './config.ts';
import type { FromRunner, ToRunner } from './protocol.ts';
import type { TestOutcome } from './reporter.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const PLAYWRIGHT = here('../../node_modules/@playwright/test/cli.js');
const SERVER = here('./mutant-server.ts');
const CONFIG = here('./playwright.config.ts');

type Reply<T extends ToRunner['type']> = Extract<ToRunner, { type: T }>;

// Children still running when the run is interrupted are stopped with it.
const children = new Set<ChildProcess>();
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

/** The instrumented mock in its own process; restarted only for a static mutant. */
export class MutantMock {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** `readings`: the open choices' readings the mock takes (its defaults when absent). */
  static async start(build: string, staticMutant?: string, readings?: [string, string][]): Promise<MutantMock> {
    const child = track(spawn(process.execPath, ['--import', 'tsx', SERVER], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, NODE_OPTIONS: '' } }));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const ready = await new Promise<Reply<'ready'>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the instrumented mock did not start within ${MOCK_START_TIMEOUT_MS} ms: ${stderr}`)), MOCK_START_TIMEOUT_MS);
      child.on('message', (message: ToRunner) => {
        if (message.type !== 'ready' && message.type !== 'failed') return;
        clearTimeout(timer);
        if (message.type === 'failed') reject(new Error(`the instrumented mock failed to start: ${message.error}`));
        else resolve(message);
      });
      child.once('exit', (code) => reject(new Error(`the instrumented mock exited (code ${String(code)}): ${stderr}`)));
      child.send({ type: 'start', build, ...(staticMutant ? { staticMutant } : {}), ...(readings ? { readings } : {}) } satisfies FromRunner);
    });
    child.removeAllListeners('exit');
    return new MutantMock(child, ready.url);
  }

  private ask<T extends ToRunner['type']>(message: FromRunner, answer: T): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: ToRunner) => {
        if (reply.type !== answer) return;
        this.child.off('message', onMessage);
        resolve(reply as Reply<T>);
      };
      this.child.on('message', onMessage);
      if (!this.child.send(message)) reject(new Error('the instrumented mock is gone'));
    });
  }

  async schedule(slots: ReadonlyMap<string, string>, globalMutant?: string): Promise<void> {
    await this.ask({ type: 'schedule', slots: Object.fromEntries(slots), ...(globalMutant ? { globalMutant } : {}) }, 'scheduled');
  }

  coverage(): Promise<Reply<'coverage'>> {
    return this.ask({ type: 'coverage' }, 'coverage');
  }

  /**
   * Since the last schedule or call: slots with an answer never ended (a hang) and slots whose
   * own code held the event loop.
   */
  async answers(): Promise<{ hung: Set<string>; blocking: Set<string> }> {
    const reply = await this.ask({ type: 'answers' }, 'answers');
    return { hung: new Set(reply.hung), blocking: new Set(reply.blocking) };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

/** A test as a Playwright test list names it. */
export type TestRef = { key: string; project: string; file: string; titles: string[] };

export const testListLine = (t: TestRef): string => [`[${t.project}]`, t.file, ...t.titles].join(' › ');

/** `stderr`: its last 4,000 characters, to say why a run ran no test. */
export type SuiteRun = { exitCode: number; outcomes: TestOutcome[]; seconds: number; stderr: string };

export type SuiteOptions = {
  url: string;
  workDir: string;
  /** Only these tests (all when undefined). */
  tests?: readonly TestRef[];
  repeats?: number;
  maxFailures?: number;
  workers: number;
};

function suiteEnv(url: string, workDir: string, workers: number, results: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CHERT_BASE_URL: url,
    CHERT_TARGET_LABEL: 'instrumented mock (generated mutants)',
    ...mockTenantEnv(),
    CHERT_PROFILE: 'full',
    CHERT_REPORT_DIR: workDir,
    CHERT_WORKERS: String(workers),
    CHERT_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    // The same property cases in every round, so a verdict does not depend on the draw.
    CHERT_SEED: process.env.CHERT_SEED ?? '20261129',
    CHERT_PROPERTY_RUNS: process.env.CHERT_PROPERTY_RUNS ?? String(PROPERTY_RUNS),
    CHERT_MUTATION_RESULTS: results,
    // Each test meets another mutant: target health is judged per test, so a mutant that hangs
    // kills its own tests without the run giving up on the others; nothing is retried, since
    // the mock never fails by chance and a retry only delays a kill (src/client/chert-client.ts).
    CHERT_INTERNAL_MUTANT_RUN: '1',
    // The instrumented mock has the built-in mock's test controls (the edit clock, inbound
    // messages, unpinning a line), so the tests that need them run too.
    CHERT_INTERNAL_BUILTIN_MOCK: '1',
  };
}

/** One Playwright run of the suite (or of `tests`) against the instrumented mock. */
export async function runSuite(options: SuiteOptions): Promise<SuiteRun> {
  const started = Date.now();
  const results = join(options.workDir, 'results.jsonl');
  mkdirSync(options.workDir, { recursive: true });
  rmSync(results, { force: true });
  // No repeats: a mutant mock drops no connections, and a failed attempt decides at once.
  const args = [PLAYWRIGHT, 'test', `--config=${CONFIG}`, `--timeout=${TEST_TIMEOUT_MS}`, `--repeat-each=${options.repeats ?? 1}`, '--retries=0'];
  if (options.maxFailures) args.push(`--max-failures=${options.maxFailures}`);
  if (options.tests) {
    const list = join(options.workDir, 'tests.txt');
    writeFileSync(list, `${options.tests.map(testListLine).join('\n')}\n`);
    args.push(`--test-list=${list}`);
  }
  const child = track(spawn(process.execPath, args, { env: suiteEnv(options.url, options.workDir, options.workers, results), stdio: ['ignore', 'ignore', 'pipe'] }));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const outcomes = existsSync(results)
    ? readFileSync(results, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as TestOutcome)
    : [];
  if (outcomes.length === 0 && exitCode !== 0 && process.env.CHERT_MUTATION_DEBUG) process.stderr.write(`playwright exit ${exitCode}: ${stderr}\n`);
  return { exitCode, outcomes, seconds: (Date.now() - started) / 1000, stderr };
}
