// The fault catalog in one Playwright run: which tests meet which fault, and what their results
// say. Pure (data in, data out) so the planning and the verdicts are unit-tested without a run.
//
// A fault is judged by the tests of the requirement it violates (tagged @REQ), as before. Those
// tests run once per fault of that requirement: round i routes them to the i-th fault's mock, so
// the rounds are as many as the most faults any one requirement has. Each round is a Playwright
// project of its own (its tests' slots differ from round to round), and one more project, the
// control, runs every such test once against a correct mock through the same relay.

/** A fault of the catalog and the requirement it violates. */
export type PlannedFault = { name: string; requirement: string };

/** One Playwright project of the run: the tests of these requirements, each against one mock. */
export type Round = {
  project: string;
  /** Requirement → the fault whose mock its tests meet; undefined in the control (a correct mock). */
  faultOf: ReadonlyMap<string, string | undefined>;
};

export const CONTROL_PROJECT = 'control';
export const roundProject = (index: number): string => `fault-round-${index + 1}`;

/**
 * The slot a test's requests carry (scripts/fault-catalog/fault-tag.mjs sends it, the reporter
 * records it): its project and the requirement it proves.
 */
export const faultSlot = (project: string, requirement: string): string => `${project}/${requirement}`;

/** Round i holds, for each requirement with more than i faults, its i-th fault (catalog order). */
export function planRounds(faults: readonly PlannedFault[]): Round[] {
  const byRequirement = new Map<string, string[]>();
  for (const { name, requirement } of faults) (byRequirement.get(requirement) ?? byRequirement.set(requirement, []).get(requirement))?.push(name);
  const depth = Math.max(0, ...[...byRequirement.values()].map((names) => names.length));
  const rounds: Round[] = Array.from({ length: depth }, (_, i) => ({
    project: roundProject(i),
    faultOf: new Map([...byRequirement].filter(([, names]) => names.length > i).map(([requirement, names]) => [requirement, names[i]])),
  }));
  const control: Round = { project: CONTROL_PROJECT, faultOf: new Map([...byRequirement.keys()].map((requirement) => [requirement, undefined])) };
  return faults.length === 0 ? [] : [...rounds, control];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The tests of these requirements, as the old per-fault run selected them (`--grep "@REQ(\s|$)"`). */
export function grepFor(requirements: Iterable<string>): RegExp {
  return new RegExp(`@(${[...requirements].map(escapeRegExp).join('|')})(\\s|$)`);
}

/** A round as the Playwright config needs it (through the environment: plain JSON). */
export type ProjectSpec = { project: string; requirements: string[] };
export const projectSpecs = (rounds: readonly Round[]): ProjectSpec[] => rounds.map((r) => ({ project: r.project, requirements: [...r.faultOf.keys()] }));

/**
 * Slot → base URL for the relay: each fault's slots go to that fault's mock, each control slot to
 * a correct mock of its requirement's own (tests share a mock only with the tests they shared it
 * with in the old per-fault run: those of the same requirement).
 */
export function slotRoutes(rounds: readonly Round[], faultUrl: (fault: string) => string, correctUrl: (requirement: string) => string): Map<string, string> {
  const routes = new Map<string, string>();
  for (const round of rounds) {
    for (const [requirement, fault] of round.faultOf) routes.set(faultSlot(round.project, requirement), fault === undefined ? correctUrl(requirement) : faultUrl(fault));
  }
  return routes;
}

/**
 * A test's result as the conformance report judges it (src/report/observe.ts): `failed` is a
 * failed MUST or a warned SHOULD (both counted as a catch by the old per-fault run); a timeout or
 * an unanswered request is `inconclusive`, which catches nothing.
 */
export type SlotOutcome = {
  project: string;
  /** The requirement the test proves (its tag): with the project, its slot. */
  requirement: string;
  /** Every requirement the test's result names (a leaked secret adds RESP-NO-SECRETS). */
  requirementIds: string[];
  /** File, describe blocks and title, without the project: the same test in every round and the control. */
  test: string;
  status: 'passed' | 'failed' | 'skipped' | 'inconclusive';
  durationMs: number;
  /** Playwright's worker index: a new one for every worker process the run started. */
  workerIndex: number;
};

export type FaultVerdict = { fault: string; caughtBy: string[]; failedTests: string[]; testSeconds: number };

export type RunVerdict = {
  faults: FaultVerdict[];
  /** Tests that failed against a correct mock: their failures catch nothing, and the run is suspect. */
  controlFailures: SlotOutcome[];
  /** Results whose slot the plan does not know: the tag and the plan disagree. */
  strays: SlotOutcome[];
};

/**
 * Each fault is caught by the requirements of the tests that failed against its mock, each
 * confirmed by the same test against a correct mock: a test with no control result, or whose
 * control failed, catches nothing (its failure may be the run's doing, not the fault's).
 */
export function judgeRounds(rounds: readonly Round[], outcomes: readonly SlotOutcome[]): RunVerdict {
  const faultOfSlot = new Map<string, string | undefined>();
  for (const round of rounds) for (const [requirement, fault] of round.faultOf) faultOfSlot.set(faultSlot(round.project, requirement), fault);
  const controls = outcomes.filter((o) => o.project === CONTROL_PROJECT);
  const controlFailures = controls.filter((o) => o.status === 'failed');
  const confirmed = new Set(controls.filter((o) => o.status !== 'failed').map((o) => o.test));
  const strays = outcomes.filter((o) => !faultOfSlot.has(faultSlot(o.project, o.requirement)));
  const byFault = new Map<string, SlotOutcome[]>();
  for (const o of outcomes) {
    const fault = faultOfSlot.get(faultSlot(o.project, o.requirement));
    if (fault !== undefined) (byFault.get(fault) ?? byFault.set(fault, []).get(fault))?.push(o);
  }
  const faults = [...new Set(rounds.flatMap((r) => [...r.faultOf.values()]))].filter((f): f is string => f !== undefined).map((fault) => {
    const mine = byFault.get(fault) ?? [];
    const catches = mine.filter((o) => o.status === 'failed' && confirmed.has(o.test));
    return {
      fault,
      caughtBy: [...new Set(catches.flatMap((o) => o.requirementIds))].sort(),
      failedTests: catches.map((o) => o.test),
      testSeconds: mine.reduce((sum, o) => sum + o.durationMs, 0) / 1000,
    };
  });
  return { faults, controlFailures, strays };
}
