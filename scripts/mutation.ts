// Mutation score: the conformance suite against the mock once per fault of its catalog.
// A fault is detected when a test fails against it (a failed MUST or a warned SHOULD); the score
// must be 100%. Each fault is judged by the tests of the requirement it violates, all faults in
// one Playwright run (scripts/fault-catalog/plan.ts): a mock per fault in this process, behind a
// relay that sends each test's requests to its fault's mock; a control project runs each test
// that failed there again against a correct mock through the same relay, and a catch counts only
// if that passed. A fault the run does not catch gets the per-fault way: a Playwright run of its own,
// the tests of its requirement, then the whole suite (scripts/fault-catalog/one-fault.ts).
// `npm run mutation -- --self-check [FAULT ...]`: the one run with every mock correct, which must
// fail no test (proof that the relay and the run's settings make no catch of their own).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULTS, type FaultName } from '../src/mock/faults.ts';
import { runFaultAlone } from './fault-catalog/one-fault.ts';
import { judgeRounds, planRounds, type RunVerdict } from './fault-catalog/plan.ts';
import { runRounds, type RoundsRun } from './fault-catalog/rounds.ts';

/** `seconds`: its tests' summed time in the one run, or its own runs' wall time. `by`: which way decided it. */
type Outcome = { fault: string; expected: string; exitCode: number; caughtBy: string[]; seconds: number; by: 'rounds' | 'alone' };

const OUT_DIR = join(process.env.CHERT_REPORT_DIR ?? 'reports', 'mutation');
/** Playwright workers of the one run (the mocks take this process's core). */
const WORKERS = Number(process.env.CHERT_FAULT_WORKERS ?? 2);
/** Faults the one run missed, run the per-fault way this many at a time. */
const PARALLEL = Math.max(1, Number(process.env.CHERT_MUTATION_PARALLEL ?? 2));
/** `npm run mutation -- --self-check`: every fault's mock is a correct one, and no test may fail. */
const SELF_CHECK = '--self-check';

const requirementOf = (fault: string) => FAULTS.find((f) => f.name === fault)?.requirement ?? '?';

function printOutcome(outcome: Outcome): void {
  const mark = outcome.caughtBy.length > 0 ? 'caught' : 'MISSED';
  console.log(`${mark.padEnd(6)} ${outcome.fault.padEnd(36)} exit ${outcome.exitCode}  ${outcome.seconds.toFixed(1).padStart(5)} s  ${outcome.caughtBy.join(', ')}`);
}

/** What the one run says of the machinery itself; true when it can be trusted. */
function checkRun(run: RoundsRun, verdict: RunVerdict): boolean {
  const ran = run.outcomes.filter((o) => o.status !== 'skipped').length;
  const workerProcesses = new Set(run.outcomes.map((o) => o.workerIndex)).size;
  console.log(`One run: ${run.outcomes.length} test results (${ran} ran) in ${run.seconds.toFixed(0)} s, ${workerProcesses} worker processes, Playwright exit ${run.exitCode}; ` +
    `${run.untaggedRequests} request(s) outside any test (the preflight).`);
  for (const o of verdict.controlFailures) console.error(`CONTROL FAILED: ${o.test} failed against a correct mock through the relay: its failures catch nothing.`);
  for (const o of verdict.strays) console.error(`Stray result: ${o.project} › ${o.test} names requirement "${o.requirement}", which no fault of its round has.`);
  // A fault whose tests ran but whose mock saw no request: the tag did not route them there.
  const unrouted = verdict.faults.filter((f) => f.testSeconds > 0 && run.requestsByFault.get(f.fault) === 0).map((f) => f.fault);
  if (unrouted.length > 0) console.error(`No request reached the mock of ${unrouted.join(', ')}: fault-tag.mjs did not route their tests.`);
  return verdict.controlFailures.length === 0 && verdict.strays.length === 0 && unrouted.length === 0;
}

async function runAlone(names: FaultName[]): Promise<Outcome[]> {
  const queue = [...names];
  const results: Outcome[] = [];
  const lane = async () => {
    for (let fault = queue.shift(); fault !== undefined; fault = queue.shift()) {
      const started = Date.now();
      const run = await runFaultAlone(fault, requirementOf(fault), OUT_DIR);
      const outcome: Outcome = { fault, expected: requirementOf(fault), ...run, seconds: (Date.now() - started) / 1000, by: 'alone' };
      results.push(outcome);
      printOutcome(outcome);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return results;
}

/** The one run with every fault switched off: any failed test is the run's own doing. */
async function selfCheck(names: FaultName[]): Promise<number> {
  const rounds = planRounds(names.map((name) => ({ name, requirement: requirementOf(name) })));
  console.log(`Self-check: the one run of ${names.length} fault(s) with every mock correct; no test may fail.`);
  const run = await runRounds(rounds, join(OUT_DIR, 'self-check'), WORKERS, false);
  const trusted = checkRun(run, judgeRounds(rounds, run.outcomes));
  const failed = run.outcomes.filter((o) => o.status === 'failed');
  for (const o of failed) console.error(`FAILED against a correct mock: ${o.project} › ${o.test}`);
  const ran = run.outcomes.filter((o) => o.status !== 'skipped').length;
  console.log(`Self-check: ${failed.length} of ${ran} test runs failed against correct mocks through the relay.`);
  return run.outcomes.length > 0 && failed.length === 0 && trusted ? 0 : 1;
}

function selectFaults(args: string[]): FaultName[] {
  const unknown = args.filter((name) => !FAULTS.some((f) => f.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown fault(s): ${unknown.join(', ')}. List them with: npm run mock -- --list-faults`);
    process.exit(2);
  }
  return args.length > 0 ? [...new Set(args as FaultName[])] : FAULTS.map((f) => f.name);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const names = selectFaults(args.filter((a) => a !== SELF_CHECK));
  mkdirSync(OUT_DIR, { recursive: true });
  if (args.includes(SELF_CHECK)) return selfCheck(names);
  const started = Date.now();
  const rounds = planRounds(names.map((name) => ({ name, requirement: requirementOf(name) })));
  console.log(`${names.length} fault(s) in one Playwright run: ${rounds.length - 1} round(s) and a control, ${WORKERS} workers.`);
  const run = await runRounds(rounds, join(OUT_DIR, 'rounds'), WORKERS);
  if (run.outcomes.length === 0) {
    console.error(`The one run reported no test (Playwright exit ${run.exitCode}):\n${run.stderr}`);
    return 2;
  }
  const verdict = judgeRounds(rounds, run.outcomes);
  const trusted = checkRun(run, verdict);
  const caught: Outcome[] = verdict.faults
    .filter((f) => f.caughtBy.length > 0)
    .map((f) => ({ fault: f.fault, expected: requirementOf(f.fault), exitCode: 1, caughtBy: f.caughtBy, seconds: f.testSeconds, by: 'rounds' }));
  caught.forEach(printOutcome);
  const missed = names.filter((name) => !caught.some((c) => c.fault === name));
  if (missed.length > 0) console.log(`\n${missed.length} fault(s) not caught in the one run; each gets a run of its own: ${missed.join(', ')}`);
  const results = [...caught, ...(await runAlone(missed))].sort((a, b) => a.fault.localeCompare(b.fault));

  const detected = results.filter((r) => r.caughtBy.length > 0);
  const onTarget = detected.filter((r) => r.caughtBy.includes(r.expected));
  const seconds = (Date.now() - started) / 1000;
  writeFileSync(join(OUT_DIR, 'mutation.json'), JSON.stringify({ detected: detected.length, total: results.length, seconds, results }, null, 2));
  console.log(`\nMutation score: ${detected.length}/${results.length} faults detected (${((100 * detected.length) / results.length).toFixed(1)}%), ` +
    `${onTarget.length} by the requirement they violate, in ${seconds.toFixed(0)} s.`);
  for (const r of results.filter((x) => x.caughtBy.length === 0)) console.log(`  MISSED: ${r.fault} (violates ${r.expected})`);
  if (!trusted) console.error('The one run failed its own checks (above): the score stands, but the step fails until they pass.');
  return detected.length === results.length && trusted ? 0 : 1;
}

process.exit(await main());
