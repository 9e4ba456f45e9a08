// What every client of one worker shares for the run, built once per worker from the run context
// (src/run/run-context.ts): whether the target still answers, the run's retry budget, the
// worker's in-flight window, and the clock it signs by (its own lane of timestamps). A mutation
// run shares none but the clock: each test judges its own target.
import type { RunContext } from './run-context.ts';
import type { ClientOptions } from '../client/chert-client.ts';
import { InflightLimiter } from '../client/inflight.ts';
import { RetryBudget } from '../client/retry-budget.ts';
import { SignatureClock } from '../client/signature-clock.ts';
import { silenceLimitMs, TargetHealth } from '../client/target-health.ts';
import { keepSignatures, recallSignatures } from './signature-memory.ts';

export type RunServices = Pick<ClientOptions, 'health' | 'retryBudget' | 'limiter' | 'mutantRun' | 'signatureClock'>;

/** The services of the worker with Playwright's `parallelIndex` (0 to workers - 1). */
export function runServices(context: RunContext, parallelIndex: number): RunServices {
  const { settings, runDir, inflightCap, mutantRun, workers, startedAt } = context;
  // A mutation run's targets are mocks of their own, with no history to avoid.
  const remembered = mutantRun ? [] : recallSignatures(settings);
  const signatureClock = new SignatureClock(parallelIndex % workers, workers, startedAt, remembered);
  // The one in-flight limiter of the worker: its share of CHERT_MAX_INFLIGHT, adapting below it.
  const limiter = new InflightLimiter(inflightCap);
  if (mutantRun) return { limiter, mutantRun, signatureClock };
  return {
    health: new TargetHealth({ runDir, silenceMs: silenceLimitMs(settings.requestTimeoutMs) }),
    retryBudget: new RetryBudget(runDir),
    limiter,
    mutantRun,
    signatureClock,
  };
}

/** When the worker ends: what its clock signed, for the workers and runs after it (src/run/signature-memory.ts). */
export function endRunServices(context: RunContext, services: RunServices): void {
  if (!context.mutantRun && services.signatureClock) keepSignatures(context.settings, services.signatureClock.signedHere());
}
