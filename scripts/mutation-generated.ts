// `npm run mutation:generated`: the suite against machine-made faults. StrykerJS's instrumenter
// writes every mutant of the mock into one build (mutant schemata); one instrumented mock process
// serves the whole run and switches the mutant per test. Steps:
//   1. coverage: the suite once with no mutant (it must pass); the mock records which tests reach
//      which mutants (each request names its test in a header only this run adds); a mutant no
//      test reaches runs under the false-alarm gate's other readings, and is open choice if one of
//      them reaches its code (other-readings.ts);
//   2. rounds: each mutant runs only the tests that cover it, many mutants per Playwright run
//      (schedule.ts); a failing test kills its mutant, a hanging one fails on the timeouts;
//   3. static mutants (evaluated once at load) restart the mock with the mutant on and run the
//      whole suite; so do mutants only the preflight reaches; the whole suite for mutants their
//      covering tests missed only with CHERT_MUTANTS_WHOLE_SUITE=1 (see 3a for why);
//   4. survivors not in the committed equivalents list fail the run; the score is printed and
//      the Stryker-format report written to reports/mutation/.
// The list is checked too: an entry that matches no mutant of the build fails the run before it
// starts, and a listed mutant run again (CHERT_MUTANTS_RECHECK=1: all of them;
// CHERT_MUTANTS_RECHECK_SAMPLE=N: a seeded sample, as `npm test` does) that a test kills fails it.
// CHERT_MUTANTS_SAMPLE=N runs a seeded random sample of N (seed printed; CHERT_MUTANTS_SEED replays).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FALLBACK_BATCH, MAX_REPEATS, MAX_STATIC_PROCESSES, MAX_TESTS_PER_MUTANT } from './mutation-generated/config.ts';
import { deadEntries, describeEntry, EQUIVALENTS_FILE, entryFor, findEquivalent, loadEquivalents, type EquivalentEntry } from './mutation-generated/equivalents.ts';
import { instrument, type GeneratedMutant } from './mutation-generated/instrument.ts';
import { UNTAGGED } from './mutation-generated/protocol.ts';
import { mutationHtml, mutationReport, scoreOf, type Verdict } from './mutation-generated/report.ts';
import type { TestOutcome } from './mutation-generated/reporter.ts';
import { otherReadingReason, reachedUnderOtherReadings } from './mutation-generated/other-readings.ts';
import { MutantMock, runSuite, type TestRef } from './mutation-generated/runner.ts';
import { identities, newSeed, sample } from './mutation-generated/sample.ts';
import { planRound, planWholeSuite, splitByRepeats, type PendingMutant, type Round } from './mutation-generated/schedule.ts';
import { slotOf } from './mutation-generated/slot-key.ts';
import { rankByNeighbours, rankForStatic } from './mutation-generated/static-rank.ts';
import { SlotRouter } from './mutation-generated/slot-router.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(process.env.CHERT_REPORT_DIR ?? 'reports', 'mutation');
const BUILD_DIR = join(ROOT, 'reports', 'mutation', 'instrumented');
// Four, on two cores: most of a round's time is spent waiting for mutants that never answer, with
// the CPU idle (CHERT_MUTATION_WORKERS overrides).
const WORKERS = Number(process.env.CHERT_MUTATION_WORKERS ?? 4);
const WHOLE_SUITE = process.env.CHERT_MUTANTS_WHOLE_SUITE === '1';
const MAX_TESTS = Number(process.env.CHERT_MUTANTS_MAX_TESTS ?? MAX_TESTS_PER_MUTANT) || Infinity;
const started = Date.now();

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string) => console.log(`[${elapsed().padStart(6)}] ${line}`);
const RECHECK = process.env.CHERT_MUTANTS_RECHECK === '1';
/** Listed equivalents run again, a seeded sample of this many (all of them with CHERT_MUTANTS_RECHECK=1). */
const RECHECK_SAMPLE = Number(process.env.CHERT_MUTANTS_RECHECK_SAMPLE ?? 0);
const failed = (o: TestOutcome) => o.status === 'failed' || o.status === 'timedOut' || o.status === 'interrupted';
/**
 * The test ended without an answer (its own timeout, a request's, a reset, a property out of time
 * before its first run): a slow machine may be to blame. Any other inconclusive end (an answer
 * still throttled, say) is the mutant's doing.
 */
const NO_ANSWER = /\[inconclusive\][^\n]*(did not answer in time|connection|no HTTP answer|ended before any run completed)/;
const gaveUpWaiting = (o: TestOutcome) => o.status === 'timedOut' || NO_ANSWER.test(o.error ?? '');
/** Tries of one mutant on one test that may time out without the mock seeing it hang, before the timeout counts. */
const MAX_SLOW_TRIES = 2;

function sampleSettings(): { size: number; seed: number } | undefined {
  const size = process.env.CHERT_MUTANTS_SAMPLE;
  if (!size) return undefined;
  const n = Number(size);
  const seed = process.env.CHERT_MUTANTS_SEED ? Number(process.env.CHERT_MUTANTS_SEED) : newSeed();
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
    console.error('CHERT_MUTANTS_SAMPLE must be a positive integer and CHERT_MUTANTS_SEED an integer.');
    process.exit(2);
  }
  return { size: n, seed };
}

/** The test each outcome belongs to, and its cost, from the coverage run. */
function testsOf(outcomes: readonly TestOutcome[]): Map<string, TestRef & { ms: number; name: string }> {
  return new Map(outcomes.map((o) => [o.key, { key: o.key, project: o.project, file: o.file, titles: o.titles, ms: o.durationMs, name: `[${o.project}] ${o.titles.join(' › ')}` }]));
}

type Coverage = { isStatic: Set<string>; untagged: Set<string>; byMutant: Map<string, Map<string, number>> };

function coverageOf(raw: { static: Record<string, number>; perTest: Record<string, Record<string, number>> }, known: ReadonlySet<string>): Coverage {
  const byMutant = new Map<string, Map<string, number>>();
  const untagged = new Set<string>();
  const unknown = new Set<string>();
  for (const [test, hits] of Object.entries(raw.perTest)) {
    for (const [id, count] of Object.entries(hits)) {
      if (test === UNTAGGED) untagged.add(id);
      else if (known.has(test)) (byMutant.get(id) ?? byMutant.set(id, new Map()).get(id))?.set(test, count);
      else unknown.add(test);
    }
  }
  if (unknown.size > 0) throw new Error(`coverage names ${unknown.size} test(s) the reporter did not see: test-hooks.ts and the reporter disagree`);
  return { isStatic: new Set(Object.keys(raw.static)), untagged, byMutant };
}

/** Two orders taken in turn, without repeats. */
function interleave(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== undefined) out.add(a[i] as string);
    if (b[i] !== undefined) out.add(b[i] as string);
  }
  return [...out];
}

async function main(): Promise<number> {
  mkdirSync(OUT_DIR, { recursive: true });
  const work = join(OUT_DIR, 'generated-work');
  mkdirSync(work, { recursive: true });
  const chosenSample = sampleSettings();
  const equivalents = loadEquivalents(join(ROOT, EQUIVALENTS_FILE));

  const build = await instrument(ROOT, BUILD_DIR);
  const candidates = build.mutants.filter((m) => !m.ignoredBecause);
  const dead = deadEntries(equivalents, candidates);
  if (dead.length > 0) {
    console.error(`${dead.length} entr${dead.length === 1 ? 'y' : 'ies'} of ${EQUIVALENTS_FILE} match no mutant of this build (the code changed, or config.ts leaves it out): remove ${dead.length === 1 ? 'it' : 'them'}.\n  ${dead.map(describeEntry).join('\n  ')}`);
    return 1;
  }
  // CHERT_MUTANTS_ONLY=id,id...: just these (ids as the report and the survivor list print them), to
  // see whether a new check kills a survivor without a full run.
  const only = process.env.CHERT_MUTANTS_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const chosen = only ? candidates.filter((m) => only.includes(m.id)) : candidates;
  // Identities over every mutant, left out or not, so an exclusion does not renumber its twins.
  const identityOf = new Map(identities(build.mutants).map((key, i) => [build.mutants[i]?.id, key]));
  const keyOf = (m: GeneratedMutant) => identityOf.get(m.id) ?? m.id;
  const sampled = chosenSample ? sample(chosen, chosenSample.size, chosenSample.seed, keyOf) : chosen;
  // Listed equivalents that run again: a killed one is a stale entry (a sharper check came since).
  const listed = chosen.filter((m) => findEquivalent(equivalents, m));
  const recheckSeed = chosenSample?.seed ?? (process.env.CHERT_MUTANTS_SEED ? Number(process.env.CHERT_MUTANTS_SEED) : newSeed());
  const rechecked = new Set((RECHECK ? listed : RECHECK_SAMPLE > 0 ? sample(listed, RECHECK_SAMPLE, recheckSeed, keyOf) : []).map((m) => m.id));
  const selected = chosen.filter((m) => sampled.includes(m) || rechecked.has(m.id));
  // Mutants that only move the mock to another documented reading (ignore.ts): classed open choice.
  const openChoices = new Map<string, number>();
  for (const m of build.mutants) {
    const choice = /^open choice ([a-z0-9-]+):/.exec(m.ignoredBecause ?? '')?.[1];
    if (choice) openChoices.set(choice, (openChoices.get(choice) ?? 0) + 1);
  }
  const openCount = [...openChoices.values()].reduce((a, b) => a + b, 0);
  log(`instrumented ${build.files.length} files: ${build.mutants.length} mutants, ${build.mutants.length - candidates.length - openCount} left out (config), ${openCount} open choice (${openChoices.size} choices of specs/open-choices.yaml: a mutant there moves the mock to another documented reading; npm run gate:readings runs every reading), ${selected.length} to run` +
    (chosenSample ? ` (sample of ${chosenSample.size}, seed ${chosenSample.seed}; replay with CHERT_MUTANTS_SAMPLE=${chosenSample.size} CHERT_MUTANTS_SEED=${chosenSample.seed})` : '') +
    (rechecked.size > 0 && !RECHECK ? `; ${rechecked.size} listed equivalent(s) run again (seed ${recheckSeed})` : RECHECK ? `; every listed equivalent (${rechecked.size}) run again` : ''));

  const verdicts = new Map<string, Verdict>();
  for (const m of build.mutants) if (m.ignoredBecause) verdicts.set(m.id, { status: 'Ignored', reason: m.ignoredBecause });

  let mock = await MutantMock.start(BUILD_DIR);
  const router = new SlotRouter(mock.url);
  // A mutant may leave the mock's state broken for every later request (a store emptied, a
  // tenant changed): each run of a round gets a fresh mock, so no verdict rests on another's damage.
  const freshMock = async () => {
    await mock.stop();
    mock = await MutantMock.start(BUILD_DIR);
    router.retarget(mock.url);
  };
  const url = await router.listen();
  const staticMocks = new Map<string, MutantMock>();
  try {
    // 1. Coverage.
    let baseline = await runSuite({ url, workDir: join(work, 'coverage'), workers: WORKERS });
    if (baseline.outcomes.some(failed)) {
      // One more try before giving up: a loaded machine makes the odd test flaky; coverage adds up.
      log(`coverage run: ${baseline.outcomes.filter(failed).length} test(s) failed without any mutant; running it once more`);
      baseline = await runSuite({ url, workDir: join(work, 'coverage'), workers: WORKERS });
    }
    const broken = baseline.outcomes.filter(failed);
    if (baseline.outcomes.length === 0 || broken.length > 0) {
      console.error(`The suite does not pass on the instrumented mock without mutants (exit ${baseline.exitCode}); fix that first:\n  ${broken.map((o) => `${o.titles.join(' › ')}: ${o.error ?? o.status}`).join('\n  ')}`);
      return 2;
    }
    const tests = testsOf(baseline.outcomes);
    const coverage = coverageOf(await mock.coverage(), new Set(tests.keys()));
    log(`coverage run: ${tests.size} tests in ${baseline.seconds.toFixed(0)} s; ${coverage.isStatic.size} mutants run at load (static)`);

    // Which covering test first: in turn, the most focused one (it reaches few mutants, so it is
    // likelier to be about this code) and the one that runs this mutant's code most often.
    const breadth = new Map<string, number>();
    for (const hits of coverage.byMutant.values()) for (const key of hits.keys()) breadth.set(key, (breadth.get(key) ?? 0) + 1);
    const cost = (key: string) => tests.get(key)?.ms ?? Number.MAX_SAFE_INTEGER;
    const focus = (key: string) => breadth.get(key) ?? 0;
    const byFocus = (keys: Iterable<string>) => [...keys].sort((a, b) => focus(a) - focus(b) || cost(a) - cost(b));
    const covering = (m: GeneratedMutant) => {
      const hits = coverage.byMutant.get(m.id) ?? new Map<string, number>();
      return interleave(byFocus(hits.keys()), [...hits.keys()].sort((a, b) => (hits.get(b) as number) - (hits.get(a) as number) || cost(a) - cost(b)));
    };
    // A static mutant may change any answer: every test, in turn the most focused and the broadest.
    const allByFocus = byFocus(tests.keys());
    const staticCandidates = () => interleave(allByFocus, [...allByFocus].reverse());
    const isStatic = (id: string) => coverage.isStatic.has(id);
    for (const m of selected) {
      if (covering(m).length === 0 && !isStatic(m.id) && !coverage.untagged.has(m.id)) verdicts.set(m.id, { status: 'NoCoverage', isStatic: false, coveredBy: [] });
    }
    // 1b. NoCoverage mutants not yet triaged: does another reading reach their code? Then they are
    // open choice (other-readings.ts). Only these mutants' runs pay for it, and it stops once all
    // are placed (CHERT_MUTANTS_OTHER_READINGS=0 skips it).
    const uncovered = new Set(selected.filter((m) => verdicts.get(m.id)?.status === 'NoCoverage' && !findEquivalent(equivalents, m)).map((m) => m.id));
    const otherReading = new Set<string>();
    if (uncovered.size > 0 && process.env.CHERT_MUTANTS_OTHER_READINGS !== '0') {
      const reached = await reachedUnderOtherReadings({ ids: uncovered, build: BUILD_DIR, router, url, restore: mock.url, workDir: work, workers: WORKERS, log });
      for (const [id, under] of reached) {
        verdicts.set(id, { status: 'Ignored', reason: otherReadingReason(under) });
        otherReading.add(id);
      }
      log(`${reached.size} of ${uncovered.size} NoCoverage mutant(s) reached only under another reading: open choice; ${uncovered.size - reached.size} no reading reaches`);
    }

    // 2. Rounds over the covering tests. A mutant already triaged as equivalent is not run again:
    // a survivor costs every test that reaches it (a static one, every test of the suite).
    // Those chosen to run again (CHERT_MUTANTS_RECHECK, _RECHECK_SAMPLE) do, to find stale entries.
    for (const m of selected) {
      if (!rechecked.has(m.id) && findEquivalent(equivalents, m)) verdicts.set(m.id, { status: 'Survived', isStatic: isStatic(m.id), coveredBy: covering(m), reason: 'listed as equivalent: not run again (CHERT_MUTANTS_RECHECK=1 runs it)' });
    }
    const pending: PendingMutant[] = selected
      .filter((m) => !verdicts.has(m.id) && (isStatic(m.id) || covering(m).length > 0))
      .map((m) => ({ id: m.id, candidates: isStatic(m.id) ? staticCandidates() : covering(m), noFill: isStatic(m.id) }));
    const byId = new Map(build.mutants.map((m) => [m.id, m]));
    const tried = new Map<string, number>();
    const slowTries = new Map<string, number>();
    /** A test that timed out, or got no answer, killed its mutant by hanging the mock: `Timeout`. */
    const kill = (id: string, by: string, reason?: string, timedOut = false) => {
      const m = byId.get(id) as GeneratedMutant;
      verdicts.set(id, { status: timedOut || reason?.includes('[inconclusive]') ? 'Timeout' : 'Killed', killedBy: [by], coveredBy: covering(m), isStatic: isStatic(id), testsCompleted: (tried.get(id) ?? 0) + 1, ...(reason ? { reason } : {}) });
    };
    /** A mock process per static mutant of the round, started with it on; one that cannot start kills it. */
    const startStatics = async (ids: string[]) => {
      await Promise.all(ids.filter((id) => !staticMocks.has(id)).map(async (id) => {
        try {
          staticMocks.set(id, await MutantMock.start(BUILD_DIR, id));
        } catch (error) {
          // A start that only took too long may be the machine's load: tried again next round.
          const slowStarts = (slowTries.get(`${id} start`) ?? 0) + 1;
          slowTries.set(`${id} start`, slowStarts);
          if (String(error).includes('did not start within') && slowStarts <= MAX_SLOW_TRIES) return;
          kill(id, 'mock start', `the mock does not start with this mutant: ${String(error).slice(0, 200)}`);
        }
      }));
    };
    const stopDecidedStatics = async () => {
      for (const [id, staticMock] of staticMocks) {
        const open = pending.find((m) => m.id === id);
        if (verdicts.has(id) || !open || open.candidates.length === 0) {
          await staticMock.stop();
          staticMocks.delete(id);
        }
      }
    };
    /** The verdicts so far, after every round, so a run stopped early still tells what it found. */
    const writeProgress = () => {
      const counts: Record<string, number> = {};
      for (const m of selected) {
        const status = verdicts.get(m.id)?.status ?? 'Pending';
        counts[status] = (counts[status] ?? 0) + 1;
      }
      writeFileSync(join(OUT_DIR, 'generated-progress.json'), JSON.stringify({ seconds: (Date.now() - started) / 1000, counts, verdicts: Object.fromEntries(selected.map((m) => [m.id, { ...m, ...(verdicts.get(m.id) ?? { status: 'Pending' }) }])) }, null, 1));
    };
    const play = async (round: Round, label: string) => {
      await startStatics([...new Set([...round.slots.values()].filter(isStatic))]);
      const routes = new Map<string, string>();
      for (const [slot, id] of round.slots) {
        const staticMock = staticMocks.get(id);
        if (staticMock) routes.set(slot, staticMock.url);
      }
      router.route(routes);
      const outcomes: TestOutcome[] = [];
      const hung = new Set<string>();
      let seconds = 0;
      for (const part of splitByRepeats(round)) {
        const refs = part.tests.map((k) => tests.get(k) as TestRef);
        await freshMock();
        await mock.schedule(round.slots);
        const run = await runSuite({ url, workDir: join(work, 'round'), tests: refs, repeats: part.repeats, workers: WORKERS });
        if (run.outcomes.length === 0) throw new Error(`a run of ${refs.length} test(s) ran none (Playwright exit ${run.exitCode}): ${run.stderr.trim().split('\n').slice(-6).join(' | ')}`);
        outcomes.push(...run.outcomes);
        seconds += run.seconds;
        for (const answers of await Promise.all([mock, ...staticMocks.values()].map((m) => m.answers()))) {
          for (const slot of [...answers.hung, ...answers.blocking]) hung.add(slot);
        }
      }
      let kills = 0;
      let slow = 0;
      const counted: TestOutcome[] = [];
      for (const o of outcomes) {
        const slot = slotOf(o.key, o.repeat);
        const id = round.slots.get(slot);
        if (id === undefined || verdicts.has(id)) continue;
        // A static mutant whose mock did not start in time ran nowhere: its slot runs again later.
        if (isStatic(id) && !staticMocks.has(id)) continue;
        // A timeout is the mutant's doing only when the mock saw it hang: an answer of its slot never
        // ended, or its own code held the event loop. Otherwise the mock was slow for another reason
        // (a busy machine, a neighbour's mutant holding the event loop): the try does not count and
        // the slot runs again in a later round; after MAX_SLOW_TRIES such tries the timeout stands.
        if (failed(o) && gaveUpWaiting(o) && !hung.has(slot)) {
          const tries = (slowTries.get(`${id} ${o.key}`) ?? 0) + 1;
          slowTries.set(`${id} ${o.key}`, tries);
          if (tries <= MAX_SLOW_TRIES) {
            slow++;
            continue;
          }
        }
        counted.push(o);
        if (failed(o)) {
          kill(id, o.key, o.error, o.status === 'timedOut');
          kills++;
        } else tried.set(id, (tried.get(id) ?? 0) + 1);
      }
      log(`${label}: ${round.slots.size} slots over ${round.tests.length} tests (up to ${round.repeats} repeats), ${kills} killed, in ${seconds.toFixed(0)} s` +
        (slow > 0 ? `; ${slow} timed out without their mutant hanging the mock: tried again` : ''));
      writeProgress();
      return counted;
    };
    for (let n = 1; ; n++) {
      // A mutant that passed MAX_TESTS of its tests (the likeliest killers first) is done: a survivor.
      const open = pending.filter((m) => !verdicts.has(m.id) && m.candidates.length > 0 && (tried.get(m.id) ?? 0) < MAX_TESTS);
      if (open.length === 0) break;
      // Static mutants each need a process: a bounded number per round.
      const staticOpen = open.filter((m) => isStatic(m.id));
      const admitted = [...open.filter((m) => !isStatic(m.id)), ...staticOpen.filter((m) => staticMocks.has(m.id)), ...staticOpen.filter((m) => !staticMocks.has(m.id))]
        .filter((m, i, all) => !isStatic(m.id) || all.filter((x, j) => j <= i && isStatic(x.id)).length <= MAX_STATIC_PROCESSES);
      // A static mutant's remaining tests, reordered by what the kills so far say about its file;
      const killedBy = new Map([...verdicts].filter(([, v]) => v.status === 'Killed').map(([id, v]) => [id, v.killedBy ?? []]));
      // Every other survivor's, by the tests that killed its neighbours (same function, same file).
      const rankInput = { mutants: build.mutants, sources: build.sources, coverage: coverage.byMutant, killedBy };
      for (const m of admitted) {
        const mutant = byId.get(m.id) as GeneratedMutant;
        m.candidates = isStatic(m.id) ? rankForStatic(mutant, m.candidates, rankInput) : n > 1 ? rankByNeighbours(mutant, m.candidates, rankInput) : m.candidates;
      }
      const budgeted = admitted.map((m) => ({ ...m, candidates: m.candidates.slice(0, MAX_TESTS - (tried.get(m.id) ?? 0)) }));
      const round = planRound(budgeted, { triesPerMutant: 4 ** Math.min(n - 1, 4), maxRepeats: MAX_REPEATS, cost });
      const outcomes = await play(round, `round ${n} (${open.length} mutants pending, ${staticOpen.length} static)`);
      const ran = new Set(outcomes.map((o) => slotOf(o.key, o.repeat)));
      // A slot that ran (and did not kill) is done; one that never ran (a crashed run) is tried again.
      const done = new Set([...round.slots].filter(([slot]) => ran.has(slot)).map(([slot, id]) => `${id} ${slot.slice(0, slot.indexOf('/'))}`));
      for (const m of admitted) m.candidates = m.candidates.filter((t) => !done.has(`${m.id} ${t}`));
      await stopDecidedStatics();
    }
    for (const m of pending) {
      if (!verdicts.has(m.id)) verdicts.set(m.id, { status: 'Survived', coveredBy: covering(byId.get(m.id) as GeneratedMutant), isStatic: isStatic(m.id), testsCompleted: tried.get(m.id) ?? 0 });
    }

    // 3. The whole suite for the survivors, on request: coverage is taken per request, so a test
    // that reaches none of a mutant's code sends and receives exactly what it would without it and
    // cannot kill it. (Static mutants already ran against every test.)
    const missed = pending.filter((m) => verdicts.get(m.id)?.status === 'Survived' && !isStatic(m.id)).map((m) => m.id);
    if (WHOLE_SUITE) {
      const allTests = [...tests.keys()];
      for (let i = 0; i < missed.length; i += FALLBACK_BATCH) {
        const batch = missed.slice(i, i + FALLBACK_BATCH);
        for (const id of batch) verdicts.delete(id);
        await play(planWholeSuite(allTests, batch), `whole suite for ${batch.length} survivor(s)`);
        for (const id of batch) if (!verdicts.has(id)) verdicts.set(id, { status: 'Survived', coveredBy: covering(byId.get(id) as GeneratedMutant), isStatic: false, testsCompleted: allTests.length });
      }
    }

    // 3b. A listed equivalent killed in a round may owe the kill to a neighbour (the slots of a run
    // share the mock's state, BENCHMARKS.md): its killing test runs again with it alone, and only a
    // second kill makes the entry stale.
    for (const m of selected.filter((x) => rechecked.has(x.id) && ['Killed', 'Timeout'].includes(verdicts.get(x.id)?.status ?? ''))) {
      const before = verdicts.get(m.id) as Verdict;
      const by = before.killedBy?.[0];
      if (by === undefined || !tests.has(by)) continue; // the mock did not start, or the preflight refused it: no neighbour to blame
      verdicts.delete(m.id);
      await play(planWholeSuite([by], [m.id]), `listed equivalent ${m.id}: its killing test again, alone`);
      if (!verdicts.has(m.id)) verdicts.set(m.id, { status: 'Survived', coveredBy: before.coveredBy ?? [], isStatic: isStatic(m.id), reason: 'killed in a round, not when its killing test ran again alone: a neighbour\'s doing' });
    }

    // Mutants only requests outside any test reach (the preflight): on for every request.
    for (const m of selected.filter((x) => !verdicts.has(x.id))) {
      await freshMock();
      await mock.schedule(new Map(), m.id);
      router.route(new Map());
      const run = await runSuite({ url, workDir: join(work, 'whole'), maxFailures: 1, workers: WORKERS });
      const failure = run.outcomes.find(failed);
      if (failure) kill(m.id, failure.key, failure.error);
      else if (run.exitCode !== 0 && run.outcomes.length === 0) kill(m.id, 'preflight', 'the run could not start: the preflight refused the mutated mock');
      else verdicts.set(m.id, { status: 'Survived', coveredBy: [], isStatic: false, testsCompleted: run.outcomes.length });
      log(`mutant ${m.id} only the preflight reaches (${m.file} ${m.mutator}): ${verdicts.get(m.id)?.status}`);
    }
    await mock.schedule(new Map());

    // 4. Triage, score, report. A listed equivalent that a test killed is a stale entry.
    const stale = selected.filter((m) => rechecked.has(m.id) && ['Killed', 'Timeout'].includes(verdicts.get(m.id)?.status ?? ''));
    const unlisted: GeneratedMutant[] = [];
    let equivalent = otherReading.size;
    let openSurvivors = otherReading.size;
    for (const m of selected) {
      const verdict = verdicts.get(m.id);
      if (verdict?.status !== 'Survived' && verdict?.status !== 'NoCoverage') continue;
      const entry = findEquivalent(equivalents, m);
      if (entry?.openChoice) {
        // It only moves the mock to another documented reading: no check may kill it.
        verdicts.set(m.id, { ...verdict, status: 'Ignored', reason: `open choice ${entry.openChoice} (${EQUIVALENTS_FILE}): ${entry.reason}` });
        equivalent++;
        openSurvivors++;
      } else if (entry) {
        verdicts.set(m.id, { ...verdict, status: 'Ignored', reason: `equivalent (${EQUIVALENTS_FILE}): ${entry.reason}` });
        equivalent++;
      } else unlisted.push(m);
    }
    const score = scoreOf(selected.map((m) => verdicts.get(m.id) as Verdict), equivalent);
    const testNames = [...tests.values()].map((t) => ({ key: t.key, file: t.file, name: t.name }));
    const report = mutationReport(build.mutants, verdicts, build.sources, testNames);
    writeFileSync(join(OUT_DIR, 'generated.json'), JSON.stringify(report, null, 2));
    writeFileSync(join(OUT_DIR, 'generated.html'), mutationHtml(report, 'Generated mutants of the Chert mock'));
    console.log(`\nGenerated mutation score: ${score.percent.toFixed(1)}% (killed ${score.killed} of ${score.total}, ${score.equivalent - openSurvivors} equivalent, ${openSurvivors} open choice) in ${elapsed()}`);
    console.log(`Report: ${join(OUT_DIR, 'generated.html')} (JSON: generated.json)`);
    if (chosenSample) console.log(`Sample seed ${chosenSample.seed}: replay with CHERT_MUTANTS_SAMPLE=${chosenSample.size} CHERT_MUTANTS_SEED=${chosenSample.seed}`);
    for (const m of stale) {
      const entry = findEquivalent(equivalents, m) as EquivalentEntry;
      const by = (verdicts.get(m.id)?.killedBy ?? []).map((key) => tests.get(key)?.name ?? key).join(', ') || '?';
      console.log(`\nListed as equivalent but killed (${verdicts.get(m.id)?.status} by ${by}): remove it from ${EQUIVALENTS_FILE}.\n  ${describeEntry({ number: equivalents.indexOf(entry) + 1, entry })} (id ${m.id}, CHERT_MUTANTS_ONLY=${m.id} CHERT_MUTANTS_RECHECK=1 replays it)`);
    }
    if (unlisted.length > 0) {
      console.log(`\n${unlisted.length} surviving mutant(s) are not in ${EQUIVALENTS_FILE}: kill each with a sharper check, or, if no request can observe it, add it with its reason:\n`);
      for (const m of unlisted) console.log(`# ${m.file}:${m.location.start.line} (${verdicts.get(m.id)?.status}; id ${m.id}, CHERT_MUTANTS_ONLY=${m.id} replays it)\n${entryFor(m)}`);
    }
    return stale.length > 0 || unlisted.length > 0 ? 1 : 0;
  } finally {
    await Promise.all([mock.stop(), router.close(), ...[...staticMocks.values()].map((m) => m.stop())]);
  }
}

process.exit(await main());
