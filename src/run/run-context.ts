// The one hand-off from the runner to its workers. Global setup (global-setup.ts) resolves what
// every worker needs once (the target, with the built-in mock's address when it started one; the
// tenants; the profile; each worker's share of the in-flight cap; whether this is a mutation run)
// and writes it to one JSON file in the run's directory, whose path it leaves in
// CHERT_RUN_CONTEXT. Playwright starts the workers after global setup, with the runner's
// environment, so each reads the file once (readRunContext). docs/architecture.md draws it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../config/settings.ts';

/** The variable global setup sets to the context file's path; its workers inherit it. */
export const RUN_CONTEXT_ENV = 'CHERT_RUN_CONTEXT';

const VERSION = 2;

export type RunContext = {
  /** The file's format: a worker refuses any other (a runner and workers of different checkouts). */
  version: typeof VERSION;
  /**
   * The settings as the runner resolved them: `baseUrl` is the built-in mock's when it started
   * one (`builtinMock` then true), the tenants are the mock's own when none is configured. They
   * hold the signing secrets, as the environment does: the file is the runner's, mode 0600, in a
   * directory of its own removed at the end of the run.
   */
  settings: Settings;
  /**
   * The run's shared directory, where workers count what must hold run-wide: the safe profile's
   * sends (`sends/`, src/run/send-budget.ts), the target's health (`health/`,
   * src/client/target-health.ts) and retries of retryable errors (`retries/`, src/client/retry-budget.ts).
   */
  runDir: string;
  /** Playwright's workers in this run (its resolved `workers`, so `--workers` counts too). */
  workers: number;
  /** The second global setup began: no request of the run is signed earlier (src/client/signature-clock.ts). */
  startedAt: number;
  /** Requests one worker keeps in flight at most: its share of CHERT_MAX_INFLIGHT. */
  inflightCap: number;
  /**
   * A run of the suite's mutation tooling (CHERT_INTERNAL_MUTANT_RUN): its target changes from test
   * to test, so each test judges the target's health alone, retries nothing but a reset, and makes
   * its own chat.
   */
  mutantRun: boolean;
};

/** The context of a run whose settings the runner resolved and whose directory it made. */
export function runContext(parts: Omit<RunContext, 'version' | 'inflightCap'>): RunContext {
  // Each worker's even share, so the run as a whole never exceeds the cap.
  const inflightCap = Math.max(1, Math.floor(parts.settings.maxInflight / parts.workers));
  return { version: VERSION, ...parts, inflightCap };
}

/** Writes the context into its run directory and returns the file's path (for RUN_CONTEXT_ENV). */
export function writeRunContext(context: RunContext): string {
  const file = join(context.runDir, 'run-context.json');
  writeFileSync(file, JSON.stringify(context), { mode: 0o600 });
  return file;
}

let cached: RunContext | undefined;

/** In a worker: the runner's context, read once. Throws outside a run started by global setup. */
export function readRunContext(env: Record<string, string | undefined> = process.env): RunContext {
  if (cached) return cached;
  const file = env[RUN_CONTEXT_ENV];
  if (!file) throw new Error(`${RUN_CONTEXT_ENV} is not set: the suite's tests run under its global setup (npx playwright test, with playwright.config.ts or a config built on it).`);
  const context = JSON.parse(readFileSync(file, 'utf8')) as RunContext;
  if (context.version !== VERSION) throw new Error(`${file} has format ${String(context.version)}, this checkout reads ${VERSION}: runner and worker come from different versions of the suite.`);
  cached = context;
  return context;
}
