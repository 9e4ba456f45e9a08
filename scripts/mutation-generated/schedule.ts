// Which mutant each test runs in one round. A round is one Playwright run of some tests, each
// repeated `repeats` times; every (test, repeat) slot switches on at most one mutant, and only a
// mutant that test covers. Each round tries each pending mutant on more of its remaining covering
// tests (in its order of preference) than the last: most mutants die on their first test, the few
// that survive get more tests per round, and no mutant needs a Playwright run of its own.
import { slotOf } from './slot-key.ts';

export type PendingMutant = {
  id: string;
  /** Covering tests not yet tried, preferred first. */
  candidates: string[];
  /** Only its planned tries, no idle repeats: a static mutant often hangs every request (12 s each). */
  noFill?: boolean;
};

export type Round = {
  tests: string[];
  repeats: number;
  /** `<test key>/<repeat>` → mutant id. */
  slots: Map<string, string>;
};

export type RoundOptions = { triesPerMutant: number; maxRepeats: number; cost: (test: string) => number };

/** Assigns slots: the most constrained mutants first, each to its preferred tests that have room. */
export function planRound(pending: readonly PendingMutant[], options: RoundOptions): Round {
  const load = new Map<string, string[]>();
  const order = [...pending].filter((m) => m.candidates.length > 0).sort((a, b) => a.candidates.length - b.candidates.length || a.id.localeCompare(b.id, 'en', { numeric: true }));
  for (let pass = 0; pass < options.triesPerMutant; pass++) {
    for (const mutant of order) {
      // Its preferred test that is not full and not yet running it.
      const test = mutant.candidates.find((t) => !(load.get(t) ?? []).includes(mutant.id) && (load.get(t)?.length ?? 0) < options.maxRepeats);
      if (test !== undefined) load.set(test, [...(load.get(test) ?? []), mutant.id]);
    }
  }
  const repeats = Math.max(0, ...[...load.values()].map((ids) => ids.length));
  fillIdleRepeats(load, order, repeats);
  const slots = new Map<string, string>();
  for (const [test, ids] of load) ids.forEach((id, repeat) => slots.set(slotOf(test, repeat), id));
  return { tests: [...load.keys()].sort((a, b) => options.cost(a) - options.cost(b)), repeats, slots };
}

/** A test runs `repeats` times anyway: its idle repeats try more mutants that it covers. */
function fillIdleRepeats(load: Map<string, string[]>, order: readonly PendingMutant[], repeats: number): void {
  for (const [test, ids] of load) {
    for (const mutant of order) {
      if (ids.length >= repeats) break;
      if (!mutant.noFill && mutant.candidates.includes(test) && !ids.includes(mutant.id)) ids.push(mutant.id);
    }
  }
}

/** The whole suite for up to `batch.length` survivors at once: repeat r of every test runs survivor r. */
export function planWholeSuite(tests: readonly string[], batch: readonly string[]): Round {
  const slots = new Map<string, string>();
  for (const test of tests) batch.forEach((id, repeat) => slots.set(slotOf(test, repeat), id));
  return { tests: [...tests], repeats: batch.length, slots };
}

/**
 * `--repeat-each` repeats every test of a run, so a round whose tests need very different numbers
 * of repeats is split into runs of similar need (each at most double the next one's), at most
 * `maxRuns`: the idle repeats saved outweigh a run's start-up.
 */
export function splitByRepeats(round: Round, maxRuns = 3): Round[] {
  const need = new Map<string, number>();
  for (const slot of round.slots.keys()) {
    const [test, repeat] = [slot.slice(0, slot.lastIndexOf('/')), Number(slot.slice(slot.lastIndexOf('/') + 1))];
    need.set(test, Math.max(need.get(test) ?? 0, repeat + 1));
  }
  const byNeed = round.tests.filter((t) => need.has(t)).sort((a, b) => (need.get(b) as number) - (need.get(a) as number));
  const groups: string[][] = [];
  for (const test of byNeed) {
    const current = groups[groups.length - 1];
    const top = current ? (need.get(current[0] as string) as number) : 0;
    if (current && ((need.get(test) as number) * 2 > top || groups.length === maxRuns)) current.push(test);
    else groups.push([test]);
  }
  return groups.map((tests) => {
    const members = new Set(tests);
    const slots = new Map([...round.slots].filter(([slot]) => members.has(slot.slice(0, slot.lastIndexOf('/')))));
    return { tests: round.tests.filter((t) => members.has(t)), repeats: need.get(tests[0] as string) as number, slots };
  });
}
