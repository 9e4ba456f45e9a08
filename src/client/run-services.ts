// What every client of one worker shares for the run, built once per worker from the run context
// (src/run/run-context.ts): whether the target still answers, the run's retry budget, and the
// worker's in-flight window. A mutation run shares none of it: each test judges its own target.
import type { RunContext } from '../run/run-context.ts';
import type { ClientOptions } from './chert-client.ts';
import { InflightLimiter } from './inflight.ts';
import { RetryBudget } from './retry-budget.ts';
import { silenceLimitMs, TargetHealth } from './target-health.ts';

export type RunServices = Pick<ClientOptions, 'health' | 'retryBudget' | 'limiter' | 'mutantRun'>;

export function runServices(context: RunContext): RunServices {
  const { settings, runDir, inflightCap, mutantRun } = context;
  // The one in-flight limiter of the worker: its share of CHERT_MAX_INFLIGHT, adapting below it.
  const limiter = new InflightLimiter(inflightCap);
  if (mutantRun) return { limiter, mutantRun };
  return {
    health: new TargetHealth({ runDir, silenceMs: silenceLimitMs(settings.requestTimeoutMs) }),
    retryBudget: new RetryBudget(runDir),
    limiter,
    mutantRun,
  };
}
