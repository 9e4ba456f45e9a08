// How many requests one process keeps in flight: additive increase while answers come back,
// halved when the target throttles (429 / 1007, 503 / 4002), never above a cap (the run's
// CHERT_MAX_INFLIGHT shared between its workers). Bound by the target, not by round trips: a
// distant target gets many requests at once, a throttling one gets fewer.
// Latency is no signal here: one target answers a refused header in a millisecond and a create in
// a hundred, and a window cut whenever an answer took three times the fastest one fell to a
// single request against a distant target (the edge checks took 9 s instead of 1 at 100 ms).

export type Outcome = 'ok' | 'throttled' | 'unanswered';

export class InflightLimiter {
  private limit: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private lastCutAt = 0;
  private slowStart = true;

  constructor(
    readonly cap: number,
    initial = Math.min(cap, 4),
    private readonly now: () => number = Date.now,
  ) {
    this.limit = Math.max(1, initial);
  }

  /** The current window: requests allowed in flight at once. */
  get window(): number {
    return Math.floor(this.limit);
  }

  /** Waits for a free slot; returns the function that frees it with what the request got. */
  async acquire(): Promise<(outcome: Outcome) => void> {
    while (this.inFlight >= this.window) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    const started = this.now();
    let released = false;
    return (outcome) => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.adapt(outcome, this.now() - started);
      this.wake();
    };
  }

  private adapt(outcome: Outcome, latencyMs: number): void {
    if (outcome === 'throttled') return this.cut(latencyMs);
    // Slow start (one more per answer, doubling each round trip) until the first cut, then one per window.
    if (outcome === 'ok') this.limit = Math.min(this.cap, this.limit + (this.slowStart ? 1 : 1 / this.limit));
  }

  /** At most one cut per round trip: the answers of one window all report the same throttling. */
  private cut(latencyMs: number): void {
    const now = this.now();
    if (now - this.lastCutAt < Math.max(latencyMs, 100)) return;
    this.lastCutAt = now;
    this.slowStart = false;
    this.limit = Math.max(1, this.limit / 2);
  }

  /** Every waiter checks the window again in its own turn; the ones that do not fit wait on. */
  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
