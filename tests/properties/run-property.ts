// Runs a fast-check property as a Playwright test: a recorded seed, runs from CHERT_PROPERTY_RUNS,
// many runs in flight at once (each a small batch of cases), a time bound that ends a throttled
// property early without failing, and on failure the shrunk counterexample as a ready request.
import { relative } from 'node:path';
import type { TestInfo } from '@playwright/test';
import fc from 'fast-check';
import { InconclusiveError, NotRetriedError, type Call, type ChertClient } from '../../src/client/chert-client.ts';
import { UnsafeRequestError } from '../../src/client/guard.ts';
import type { Exchange } from '../../src/client/exchange.ts';
import type { Settings } from '../../src/config/settings.ts';
import { boundedSend, propertyClient, Throttled, type Send } from './property-client.ts';
import { failingRunUnjudged } from '../fixtures/premise.ts';
import { unjudgedReason } from '../../src/report/observe.ts';

export type { Send };

export type Property<T> = {
  arbitrary: fc.Arbitrary<T>;
  /** Sends one case and throws when an answer breaks the invariant. */
  check: (value: T, send: Send) => Promise<void>;
  /** The case as a ready request: method, path, body, which auth tweak. */
  describe: (value: T) => string;
  /** Share of CHERT_PROPERTY_RUNS this property runs (default 1). */
  runs?: number;
  /** Most cases per run, sent concurrently (default 3); fast-check shrinks a failing batch to one case. */
  batch?: number;
  /**
   * The cases build on creates whose acceptance is another rule's (a key replayed, a skewed
   * signature accepted): a failing run whose creates got a 5xx that a plain create of the same
   * size gets too is not judged (tests/fixtures/premise.ts). Unset where the create's answer is the rule.
   */
  buildsOnCreates?: boolean;
};

export type PropertyContext = { testInfo: TestInfo; settings: Settings; chert: ChertClient };

/** The skip reason of properties whose cases a correct server accepts (see the safe profile). */
export const CREATES_CHATS = 'safe profile: creates chats';

const DEFAULT_BATCH = 3;
/** Longest a property runs (shrinking included); the rest of the test timeout is margin. */
const TIME_LIMIT_MS = 25_000;
/** Longest a failing property shrinks: a target failing everything must not hold the run. */
const SHRINK_LIMIT_MS = 3_000;
/** Exchanges handed to the evidence fixture when a property fails. */
const EVIDENCE = 12;

/** Errors that end the property without judging the case: no answer, throttled, or the live-safety guard. */
const isAbort = (error: unknown) => error instanceof Throttled || error instanceof InconclusiveError || error instanceof UnsafeRequestError;

/**
 * Runs `work` over `items`, at most `width` at a time, in order of start; stops starting new ones
 * once `stop()` says so. For properties and generated checks whose cases are independent.
 */
export async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop()) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, lane));
}

/**
 * A property in two passes. First every run fast-check would make with this seed is sent, many
 * runs at once (the cases are independent; the in-flight window bounds the load). If a run fails,
 * fast-check replays from that run's index with the same seed and shrinks it, one run at a time,
 * within SHRINK_LIMIT_MS. `CHERT_SEED` therefore replays the same runs and the same counterexample.
 */
export async function runProperty<T>(ctx: PropertyContext, property: Property<T>): Promise<void> {
  const { testInfo, settings, chert } = ctx;
  const seed = settings.seed ?? (Math.random() * 2 ** 32) | 0;
  testInfo.annotations.push({ type: 'seed', description: String(seed) });
  const client = propertyClient(chert);
  const timeLimit = Math.min(TIME_LIMIT_MS, testInfo.timeout * 0.6);
  const startedAt = Date.now();
  const soft = startedAt + timeLimit;
  // A throttled target may starve a property; until one run completes it may wait longer, so a
  // slow target still gets judged rather than left inconclusive.
  const hard = startedAt + testInfo.timeout * 0.8;
  const senderLines = [settings.tenant.from, settings.tenantB?.from].filter((line): line is string => line !== undefined);
  const run: BatchRun<T> = new BatchRun(withoutSenderLines(property, senderLines), boundedSend(client, () => (run.completed > 0 ? soft : hard)), client.exchanges);
  const numRuns = Math.max(1, Math.round(settings.propertyRuns * (property.runs ?? 1)));
  const predicate = run.predicate();

  const values = await generatedRuns(run.arbitrary(), seed, numRuns);
  const firstFailure = await run.sendAll(values, chert.inflightCap, () => Date.now() > soft);
  if (firstFailure !== undefined && property.buildsOnCreates === true && !chert.mutantRun) {
    const why = await failingRunUnjudged(chert, run.failingExchanges ?? []);
    if (why !== undefined) chert.exchanges.push(...(run.failingExchanges ?? []).slice(-EVIDENCE));
    testInfo.skip(why !== undefined, unjudgedReason(why ?? ''));
  }
  let details: fc.RunDetails<[T[]]> | undefined;
  // A generated-mutant run needs the verdict, not the shortest counterexample: no shrinking.
  if (firstFailure !== undefined && !chert.mutantRun) {
    details = await fc.check(predicate, { seed, numRuns, path: String(firstFailure), interruptAfterTimeLimit: SHRINK_LIMIT_MS, markInterruptAsFailure: false });
  }
  const failed = details?.failed === true && details.counterexample !== null;
  const ended = run.abort ? `, ended early: ${(run.abort as Error).message}` : run.interrupted ? ', ended early: time bound' : '';
  const skipped = run.skipped > 0 ? `, ${run.skipped} runs not judged (a dropped connection on a request that cannot be retried)` : '';
  const stats = `${run.completed} runs, ${client.exchanges.length} requests, ${Date.now() - startedAt} ms${ended}${skipped}`;
  testInfo.annotations.push({ type: 'property', description: stats });
  const unjudged = run.abort instanceof UnsafeRequestError || run.abort instanceof InconclusiveError;
  // The evidence fixture attaches what the fixture client holds: the failing run's exchanges.
  if (firstFailure !== undefined || unjudged) chert.exchanges.push(...(run.failingExchanges ?? client.exchanges).slice(-EVIDENCE));
  if (failed) fail(testInfo, settings, property, details as fc.RunDetails<[T[]]>, seed, run.failing);
  if (firstFailure !== undefined) failUnshrunk(testInfo, settings, property, run, seed, firstFailure, values[firstFailure] as T[]);
  if (unjudged) throw run.abort;
  if (run.completed === 0) throw new InconclusiveError(`the property ended before any run completed${ended}`);
}

/**
 * The property without cases that name a tenant's own line (as a recipient, a member to add):
 * what a server does with a line messaging itself is open (from-in-to), so no case relies on it.
 * Drawn numbers are fictional, so this matters only where a tenant's line is fictional too.
 */
function withoutSenderLines<T>(property: Property<T>, lines: readonly string[]): Property<T> {
  if (lines.length === 0) return property;
  const quoted = lines.map((line) => JSON.stringify(line));
  const namesALine = (value: T) => {
    try {
      const text = JSON.stringify(value) ?? '';
      return quoted.some((line) => text.includes(line));
    } catch {
      return false; // a value JSON cannot write holds no phone number as a string
    }
  };
  return { ...property, arbitrary: property.arbitrary.filter((value) => !namesALine(value)) };
}

/** The batches fast-check itself would try, run by run, for this seed (generation only: nothing is sent). */
async function generatedRuns<T>(arbitrary: fc.Arbitrary<T[]>, seed: number, numRuns: number): Promise<T[][]> {
  const values: T[][] = [];
  await fc.check(fc.asyncProperty(arbitrary, async (cases) => void values.push(cases)), { seed, numRuns });
  return values;
}

/** One property's runs: each a batch of cases sent at once. */
class BatchRun<T> {
  /** What ended the property early without judging a case. */
  abort: unknown;
  /** Runs left unsent because the time bound passed. */
  interrupted = false;
  /** Cases that broke the invariant, so a failing batch reports only those. */
  readonly failing = new Set<T>();
  /** The exchanges of the last failing run: after shrinking, those of the counterexample. */
  failingExchanges: Exchange[] | undefined;
  /** The error of the first failing run, for a failure the replay could not reproduce. */
  firstError: unknown;
  /** Runs whose every case was judged. */
  completed = 0;
  /** Runs not judged: a case's connection dropped and its request could not be retried safely. */
  skipped = 0;

  constructor(
    private readonly property: Property<T>,
    private readonly send: Send,
    private readonly exchanges: readonly Exchange[],
  ) {}

  arbitrary(): fc.Arbitrary<T[]> {
    return fc.array(this.property.arbitrary, { minLength: 1, maxLength: this.property.batch ?? DEFAULT_BATCH });
  }

  predicate() {
    return fc.asyncProperty(this.arbitrary(), async (cases) => {
      const outcome = await this.runBatch(cases);
      if (outcome === 'skip') throw new fc.PreconditionFailure(false); // not judged: fast-check draws another
      if (outcome === 'abort') throw new fc.PreconditionFailure(true); // interrupts: not a failure of the target
      if (outcome !== 'ok') throw outcome.error;
    });
  }

  /** Pass one: every run, many at once; the index of the first failing run, if any. */
  async sendAll(values: T[][], width: number, pastTime: () => boolean): Promise<number | undefined> {
    let firstFailure: number | undefined;
    const stop = () => this.abort !== undefined || firstFailure !== undefined || (pastTime() && (this.interrupted = true));
    await inParallel(values, width, async (cases, index) => {
      const outcome = await this.runBatch(cases);
      if (typeof outcome === 'object' && (firstFailure === undefined || index < firstFailure)) {
        firstFailure = index;
        this.firstError = outcome.error;
      }
    }, stop);
    return firstFailure;
  }

  private async runBatch(cases: T[]): Promise<'ok' | 'skip' | 'abort' | { error: unknown }> {
    const first = this.exchanges.length;
    const outcomes = await Promise.allSettled(cases.map((c) => this.property.check(c, this.send)));
    const errors = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ error: o.reason as unknown, value: cases[i] as T }] : []));
    const failures = errors.filter((e) => !isAbort(e.error));
    if (failures.length === 0 && errors.length > 0) {
      if (errors.every((e) => e.error instanceof NotRetriedError)) {
        this.skipped++;
        return 'skip';
      }
      this.abort ??= errors.find((e) => !(e.error instanceof NotRetriedError))?.error;
      return 'abort';
    }
    this.completed++;
    for (const { value } of failures) this.failing.add(value);
    if (failures[0]) {
      this.failingExchanges = this.exchanges.slice(first);
      return { error: failures[0].error };
    }
    return 'ok';
  }
}

/** A failure the shrinking replay did not meet again (a target that fails some of the time). */
function failUnshrunk<T>(testInfo: TestInfo, settings: Settings, property: Property<T>, run: BatchRun<T>, seed: number, index: number, batch: T[]): never {
  const cases = batch.some((c) => run.failing.has(c)) ? batch.filter((c) => run.failing.has(c)) : batch;
  const request = cases.map((c) => property.describe(c)).join('\n\n');
  testInfo.annotations.push({ type: 'counterexample', description: request });
  const cause = run.firstError instanceof Error ? run.firstError.message : String(run.firstError);
  throw new Error(
    [
      `Property failed at run ${index + 1} (not met again when replayed to shrink it): ${cause}`,
      `seed ${seed}, path "${index}"`,
      `replay: ${replayCommand(testInfo, settings, seed)}`,
      'counterexample (ready request):',
      request,
    ].join('\n'),
  );
}

function fail<T>(testInfo: TestInfo, settings: Settings, property: Property<T>, details: fc.RunDetails<[T[]]>, seed: number, failing: Set<T>): never {
  const batch = (details.counterexample as [T[]])[0];
  const cases = batch.some((c) => failing.has(c)) ? batch.filter((c) => failing.has(c)) : batch;
  const request = cases.map((c, i) => (cases.length > 1 ? `case ${i + 1} of ${cases.length}:\n` : '') + property.describe(c)).join('\n\n');
  testInfo.annotations.push({ type: 'counterexample', description: request });
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    [
      `Property failed after ${details.numRuns} run(s) and ${details.numShrinks} shrink(s): ${cause}`,
      `seed ${seed}, path "${details.counterexamplePath}"`,
      `replay: ${replayCommand(testInfo, settings, seed)}`,
      'counterexample (ready request):',
      request,
    ].join('\n'),
  );
}

function replayCommand(testInfo: TestInfo, settings: Settings, seed: number): string {
  const fault = process.env.CHERT_MOCK_FAULT ? `CHERT_MOCK_FAULT=${process.env.CHERT_MOCK_FAULT} ` : '';
  const where = `${relative(process.cwd(), testInfo.file)}:${testInfo.line}`;
  return `${fault}CHERT_SEED=${seed} CHERT_PROPERTY_RUNS=${settings.propertyRuns} npx playwright test ${where} --project=${testInfo.project.name}`;
}

/** A create call for a body: an object is sent as compact JSON, a string byte for byte. */
export function createCall(body: unknown, extra: Omit<Call, 'path' | 'body'> = {}): Call {
  return { method: 'POST', path: '/api/v1/chats', body, ...extra };
}

const HMAC_AS_SENT = 'HMAC v1 signed over the body as sent (fresh timestamp)';

/** A request as a reader would retype it: method, path, auth, body. */
export function readyRequest(body: unknown, auth = HMAC_AS_SENT): string {
  const text = typeof body === 'string' ? `${JSON.stringify(body)}  (exact bytes, JSON-quoted)` : JSON.stringify(body);
  return `POST /api/v1/chats\nauth: ${auth}\nbody: ${text}`;
}

/** The auth line of a ready request sent with the client's default credentials. */
export function defaultAuth(chert: ChertClient): string {
  return chert.authMode === 'bearer' ? 'Authorization: Bearer $CHERT_SIGNING_SECRET' : HMAC_AS_SENT;
}
