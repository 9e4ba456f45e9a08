// The generated checks' requests, sent ahead. Each generated test sends its cases side by side and
// judges the answers; against a distant target a run would wait a round trip per test, one test
// after another. In a run of every test (src/run/send-ahead.ts), a file's tests run in ordered
// chunks, each in one worker, and when the worker takes one test's answers the next tests' requests
// are already in flight (src/client/lookahead.ts), bounded by the client's in-flight window.
//
// What a test judges stays its own: its requests go out through a client of its own, whose
// exchanges and secret-scan findings are handed to the test when it runs (evidence on failure,
// RESP-NO-SECRETS), and a retry sends afresh. Requests sent ahead act on nothing another test
// reads: rejections, the worker's chat for reads and rejected writes, and a chat of the test's own
// for anything a correct server accepts (pathForCases). Otherwise each test sends when it runs.
import { ChertClient } from '../../src/client/chert-client.ts';
import { Lookahead } from '../../src/client/lookahead.ts';
import { httpTransport } from '../../src/client/transport.ts';
import { inflightPerWorker } from '../../src/config/settings.ts';
import { SEND_AHEAD_ENV } from '../../src/run/send-ahead.ts';
import { reportLeaks, withSecretScan, type FoundLeak } from '../fixtures/leaks.ts';
import { test, type SendContext, type Skip } from './fixtures.ts';

/** Set by playwright.config.ts in the runner, inherited by its workers. */
const SEND_AHEAD = process.env[SEND_AHEAD_ENV] === '1';

/** Tests per ordered chunk: chunks spread over the workers as single tests do, and each ends its lookahead. */
const CHUNK_SIZE = 16;

/** Requests started ahead, in the worker's in-flight windows: enough to keep the window full while a test is judged. */
const WINDOWS_AHEAD = 2;

export type Plan<I, A> = {
  /** Sends the item's requests and returns what its test judges, or why it cannot judge. */
  send: (item: I, ctx: SendContext) => Promise<A | Skip>;
  /** About how many requests the item sends (the budget of requests ahead counts them). */
  weight: (item: I) => number;
};

/** In a test's body: its answers, sent ahead or now. */
export type Answers<A> = (ctx: SendContext) => Promise<A | Skip>;

type Work<A> = { result: Promise<A | Skip>; client: ChertClient; leaks: FoundLeak[] };

/**
 * Declares one test per item through `declare`, whose body calls `answers` for what it judges.
 * Without sending ahead, each test sends its own requests when it runs, as declared.
 */
export function declareSentAhead<I, A>(items: readonly I[], plan: Plan<I, A>, declare: (item: I, answers: Answers<A>) => void): void {
  if (!SEND_AHEAD) {
    for (const item of items) declare(item, (ctx) => plan.send(item, ctx));
    return;
  }
  for (let from = 0; from < items.length; from += CHUNK_SIZE) {
    const chunk = items.slice(from, from + CHUNK_SIZE);
    // An anonymous describe: titles, ids and the report stay as they were.
    test.describe(() => {
      // In order, in one worker: what is started ahead is for the tests this worker runs next.
      test.describe.configure({ mode: 'default' });
      const take = chunkTaker(chunk, plan);
      chunk.forEach((item, index) => declare(item, (ctx) => take(index, ctx)));
    });
  }
}

function chunkTaker<I, A>(chunk: readonly I[], plan: Plan<I, A>): (index: number, ctx: SendContext) => Promise<A | Skip> {
  let lookahead: Lookahead<Work<A>> | undefined;
  // The running test's context: settings and auth mode are the same for every test of a chunk.
  let current: SendContext | undefined;
  const start = (index: number): Work<A> => {
    const { settings, chert } = current as SendContext;
    const leaks: FoundLeak[] = [];
    const client = new ChertClient({ settings, transport: withSecretScan(httpTransport(settings.maxBodyBytes), settings, leaks), authMode: chert.authMode });
    const result = plan.send(chunk[index] as I, { chert: client, settings });
    result.catch(() => {}); // a test skipped before its body never takes its work
    return { result, client, leaks };
  };
  return async (index, ctx) => {
    current = ctx;
    lookahead ??= new Lookahead({ size: chunk.length, start, weight: (i) => plan.weight(chunk[i] as I), budget: WINDOWS_AHEAD * inflightPerWorker(ctx.settings) });
    // A retry (Playwright's, after a lost connection) sends afresh: never a stale answer.
    const work = lookahead.take(index, test.info().retry === 0);
    try {
      return await work.result;
    } finally {
      ctx.chert.exchanges.push(...work.client.exchanges);
      reportLeaks(work.leaks.splice(0));
    }
  };
}
