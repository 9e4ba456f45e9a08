// Work of an ordered run of tests, started ahead. When a worker takes test i's work (its requests
// and their answers), the work of the next tests is already in flight, up to a budget of requests
// ahead; against a distant target each test then mostly finds its answers ready and only judges
// them, instead of waiting a round trip after the previous test's. Pure bookkeeping: what the work
// is, and how a test takes it over, is the caller's (tests/generated/ahead.ts).

export type LookaheadOptions<T> = {
  /** Tests in the ordered run. */
  size: number;
  /** Starts test i's work (its requests go out at once, bounded by the client's in-flight window). */
  start: (index: number) => T;
  /** Requests test i's work sends. */
  weight: (index: number) => number;
  /** Most requests started ahead and not yet taken; at least the next test is always started. */
  budget: number;
};

export class Lookahead<T> {
  private readonly ahead = new Map<number, T>();
  /** Tests whose work was handed over once: a later take of the same test sends afresh. */
  private readonly taken = new Set<number>();

  constructor(private readonly options: LookaheadOptions<T>) {}

  /**
   * Test i's work: the work started ahead for it when `reuse` (a first attempt) allows, else
   * started now (a retry never reuses an answer); then the next tests' work is started.
   */
  take(index: number, reuse: boolean): T {
    for (const early of this.ahead.keys()) if (early < index) this.ahead.delete(early); // skipped tests
    const early = this.ahead.get(index);
    this.ahead.delete(index);
    const work = reuse && early !== undefined && !this.taken.has(index) ? early : this.options.start(index);
    this.taken.add(index);
    this.startAhead(index);
    return work;
  }

  /** Tests whose work is in flight ahead of the one being run. */
  get startedAhead(): number[] {
    return [...this.ahead.keys()].sort((a, b) => a - b);
  }

  private startAhead(index: number): void {
    const { size, start, weight, budget } = this.options;
    let load = 0;
    for (let next = index + 1; next < size && (load < budget || next === index + 1); next++) {
      if (this.taken.has(next)) continue;
      if (!this.ahead.has(next)) this.ahead.set(next, start(next));
      load += weight(next);
    }
  }
}
