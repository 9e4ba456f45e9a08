// Runs a fast-check property as a Playwright test: a recorded seed, runs from CHERT_PROPERTY_RUNS,
// cases sent concurrently in small batches, a time bound that ends a throttled property early
// without failing, and on failure the shrunk counterexample as a ready request.
import { relative } from 'node:path';
import type { TestInfo } from '@playwright/test';
import fc from 'fast-check';
import { InconclusiveError, type Call, type ChertClient } from '../../src/client/chert-client.ts';
import { UnsafeRequestError } from '../../src/client/guard.ts';
import type { Exchange } from '../../src/client/exchange.ts';
import type { Settings } from '../../src/config/settings.ts';
import { boundedSend, propertyClient, Throttled, type Send } from './property-client.ts';

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
};

export type PropertyContext = { testInfo: TestInfo; settings: Settings; chert: ChertClient };

/** The skip reason of properties whose cases a correct server accepts (see the safe profile). */
export const CREATES_CHATS = 'safe profile: creates chats';

const DEFAULT_BATCH = 3;
/** Longest a property runs (shrinking included); the rest of the test timeout is margin. */
const TIME_LIMIT_MS = 25_000;
/** Exchanges handed to the evidence fixture when a property fails. */
const EVIDENCE = 12;

/** Errors that end the property without judging the case: no answer, throttled, or the live-safety guard. */
const isAbort = (error: unknown) => error instanceof Throttled || error instanceof InconclusiveError || error instanceof UnsafeRequestError;

export async function runProperty<T>(ctx: PropertyContext, property: Property<T>): Promise<void> {
  const { testInfo, settings, chert } = ctx;
  const seed = settings.seed ?? (Math.random() * 2 ** 32) | 0;
  testInfo.annotations.push({ type: 'seed', description: String(seed) });
  const client = propertyClient(chert);
  const timeLimit = Math.min(TIME_LIMIT_MS, testInfo.timeout * 0.6);
  const soft = Date.now() + timeLimit;
  // A throttled target may starve a property; until one run completes it may wait longer, so a
  // slow target still gets judged rather than left inconclusive.
  const hard = Date.now() + testInfo.timeout * 0.8;
  const run: BatchRun<T> = new BatchRun(property, boundedSend(client, () => (run.completed > 0 ? soft : hard)), client.exchanges);
  const startedAt = Date.now();
  const numRuns = Math.max(1, Math.round(settings.propertyRuns * (property.runs ?? 1)));
  const details = await fc.check(run.predicate(), { seed, numRuns, interruptAfterTimeLimit: timeLimit + 2_000, markInterruptAsFailure: false });

  const ended = run.abort ? `, ended early: ${(run.abort as Error).message}` : details.interrupted ? ', ended early: time bound' : '';
  const stats = `${details.numRuns} runs, ${client.exchanges.length} requests, ${Date.now() - startedAt} ms${ended}`;
  testInfo.annotations.push({ type: 'property', description: stats });
  const unjudged = run.abort instanceof UnsafeRequestError || run.abort instanceof InconclusiveError;
  // The evidence fixture attaches what the fixture client holds: the failing run's exchanges.
  if (details.failed || unjudged) chert.exchanges.push(...(run.failingExchanges ?? client.exchanges).slice(-EVIDENCE));
  if (details.failed && details.counterexample !== null) fail(testInfo, settings, property, details, seed, run.failing);
  if (unjudged) throw run.abort;
  if (details.failed) throw new InconclusiveError(`the property ended before any run completed${ended}`);
}

/** One property's runs: each a batch of cases sent at once, all settled before the next run. */
class BatchRun<T> {
  /** What ended the property early without judging a case. */
  abort: unknown;
  /** Cases that broke the invariant, so a failing batch reports only those. */
  readonly failing = new Set<T>();
  /** The exchanges of the last failing run: after shrinking, those of the counterexample. */
  failingExchanges: Exchange[] | undefined;
  /** Runs whose every case was judged. */
  completed = 0;

  constructor(
    private readonly property: Property<T>,
    private readonly send: Send,
    private readonly exchanges: readonly Exchange[],
  ) {}

  predicate() {
    const batches = fc.array(this.property.arbitrary, { minLength: 1, maxLength: this.property.batch ?? DEFAULT_BATCH });
    return fc.asyncProperty(batches, (cases) => this.runBatch(cases));
  }

  private async runBatch(cases: T[]): Promise<void> {
    const first = this.exchanges.length;
    const outcomes = await Promise.allSettled(cases.map((c) => this.property.check(c, this.send)));
    const errors = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ error: o.reason as unknown, value: cases[i] as T }] : []));
    const stop = errors.find((e) => isAbort(e.error));
    if (stop) {
      this.abort ??= stop.error;
      throw new fc.PreconditionFailure(true); // interrupts the property: not a failure of the target
    }
    this.completed++;
    for (const { value } of errors) this.failing.add(value);
    if (errors[0]) {
      this.failingExchanges = this.exchanges.slice(first);
      throw errors[0].error;
    }
  }
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
