// Retries of errors marked retryable, bounded per run rather than only per request: a target that
// fails the same way on many inputs is judged on its first answers, not retried into minutes.
// Workers share their counts through one small file each in the run directory.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Retries always allowed, then a share of the run's requests (a 1-in-10 flaky target needs about 11 %). */
export const RETRY_FLOOR = 30;
export const RETRY_SHARE = 0.25;
/** After this many retries, if nearly all failed again, the failure is the target's answer: stop retrying. */
const PERSISTENT_AFTER = 10;
const PERSISTENT_SHARE = 0.9;

type Counts = { requests: number; retries: number; failedAgain: number };

export class RetryBudget {
  private readonly own: Counts = { requests: 0, retries: 0, failedAgain: 0 };
  private readonly dir: string | undefined;

  /** A budget that allows no retry at all. */
  static none(): RetryBudget {
    return new RetryBudget(undefined, 0, 0);
  }

  constructor(runDir: string | undefined, private readonly floor = RETRY_FLOOR, private readonly requestShare = RETRY_SHARE) {
    this.dir = runDir === undefined ? undefined : join(runDir, 'retries');
    if (this.dir) mkdirSync(this.dir, { recursive: true });
  }

  /** A request's first attempt. */
  request(): void {
    this.own.requests++;
  }

  /** Claims one retry of a retryable error; false when the run's budget is spent or the failure persists. */
  claim(): boolean {
    const run = this.runWide();
    const persistent = run.retries >= PERSISTENT_AFTER && run.failedAgain >= PERSISTENT_SHARE * run.retries;
    if (persistent || run.retries >= this.floor + this.requestShare * run.requests) return false;
    this.own.retries++;
    this.share();
    return true;
  }

  /** What a claimed retry got: the same failure again, or something else. */
  outcome(failedAgain: boolean): void {
    if (!failedAgain) return;
    this.own.failedAgain++;
    this.share();
  }

  /** Why retrying stopped, for the record of an exchange that was not retried. */
  describe(): string {
    const run = this.runWide();
    return `run-wide retry budget: ${run.retries} retries for ${run.requests} requests, ${run.failedAgain} failed again`;
  }

  private share(): void {
    if (this.dir) writeFileSync(join(this.dir, `${process.pid}.json`), JSON.stringify(this.own));
  }

  private runWide(): Counts {
    if (!this.dir) return { ...this.own };
    this.share();
    const total: Counts = { requests: 0, retries: 0, failedAgain: 0 };
    for (const name of readdirSync(this.dir)) {
      try {
        const counts = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as Counts;
        total.requests += counts.requests;
        total.retries += counts.retries;
        total.failedAgain += counts.failedAgain;
      } catch {
        // Being rewritten by its worker this instant: counted at the next claim.
      }
    }
    return total;
  }
}
