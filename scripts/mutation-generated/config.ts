// What the generated mutation run mutates, what it leaves out and why, and its budgets.
// Every file under src/mock is mutated unless listed here, so new mock code is picked up on its own.
// The mock runs as the suite's own built-in mock does (no fault, no rate limit, no flakiness, no
// send latency): code that only those options reach cannot be observed and is left out below.

/** The directory whose TypeScript files are mutated (recursively). */
export const MUTATE_DIR = 'src/mock';

/** Files no client of the API can observe, with the reason. Paths relative to the repository. */
export const EXCLUDED_FILES: Readonly<Record<string, string>> = {
  'src/mock/cli.ts': 'the command line and its banner: never reached by a request',
  'src/mock/cli-args.ts': 'parses the command line: never reached by a request',
  'src/mock/faults.ts': 'the fault catalog (names and descriptions); no fault is on in these runs',
  'src/mock/handlers/life/mock-control.ts': "the mock's own test controls (/__mock/clock, /inbound, /unpin-line): not part of the Chert API, no target has them",
  'src/mock/handlers/life/events.ts': 'tapbacks and group events listed as history entries: only history-extra-entries=events-listed, a reading these runs leave at its default',
  'src/mock/network-faults.ts': 'plays hostile targets (--latency, --reset, --hang-after...); the mock runs without those options here',
  'src/mock/readings.ts': "which reading of each open choice the mock takes (specs/open-choices.yaml): a mutant here only moves it to another documented reading, or keeps it from starting; the false-alarm gate (npm run gate:readings) runs every reading",
  'src/mock/rate-limit.ts': 'the mock runs without --rate-limit, as the suite starts it; throttling is proven by the fault run (rate-limit-no-retry-after)',
};

/**
 * Code inside mutated files that no client can observe. `function` names a function, method
 * (`Class.method`) or getter; `code` is how the source of a statement or expression starts
 * (whitespace collapsed). Both survive edits elsewhere in the file; a stale entry fails the build.
 */
export type ExcludedCode = { file: string; reason: string } & ({ function: string } | { code: string });

const FAULT_ONLY = 'runs only under a fault of the catalog; no fault is on in these runs';
const STATS_ONLY = "feeds the mock's own /__mock/stats route, which is not part of the Chert API";
const NODE_PARSER = "answers bytes Node cannot parse as an HTTP request; in these runs the relay in front of the mock (slot-router.ts, a Node server too) answers them first, as a proxy would";
const OPTION_OFF = 'reached only with a mock option the suite does not use (--flaky, send latency)';
/** The mock takes the first reading of every open choice in these runs (src/mock/readings.ts). */
const OTHER_READING = 'runs only under another reading of an open choice; these runs take the default readings, and any reading is a correct server';

export const EXCLUDED_CODE: readonly ExcludedCode[] = [
  // Called only from fault switches.
  { file: 'src/mock/pipeline.ts', function: 'createBeforeAuth', reason: FAULT_ONLY },
  { file: 'src/mock/handlers/create.ts', function: 'redirectToChat', reason: FAULT_ONLY },
  { file: 'src/mock/handlers/create.ts', function: 'FirstMessage.resend', reason: FAULT_ONLY },
  { file: 'src/mock/handlers/messages.ts', function: 'FollowUp.resend', reason: FAULT_ONLY },
  { file: 'src/mock/handlers/send-once.ts', function: 'sendAgain', reason: FAULT_ONLY },
  { file: 'src/mock/store.ts', function: 'ChatStore.tenantMessages', reason: FAULT_ONLY },
  { file: 'src/mock/auth.ts', function: 'expectedSignatureHint', reason: FAULT_ONLY },
  { file: 'src/mock/server.ts', code: 'const LIFE_ROUTES: ReadonlySet<string> =', reason: FAULT_ONLY },
  { file: 'src/mock/server.ts', code: 'const match = matchRoute(req.method', reason: FAULT_ONLY },
  { file: 'src/mock/server.ts', code: "return match.kind === 'route' && LIFE_ROUTES.has(match.name)", reason: FAULT_ONLY },
  { file: 'src/mock/server.ts', function: 'notJson', reason: FAULT_ONLY },
  { file: 'src/mock/server.ts', function: 'writeBare', reason: FAULT_ONLY },
  { file: 'src/mock/server.ts', function: 'lastResort', reason: 'ends a request whose answer could not be written; only a mutant elsewhere (one at a time) makes the writer throw, never one of this function' },
  // The mock's own stats.
  { file: 'src/mock/pipeline.ts', code: 'return { status: 200, body: statsOf(state) };', reason: STATS_ONLY },
  { file: 'src/mock/pipeline.ts', code: 'state.requests++;', reason: STATS_ONLY },
  { file: 'src/mock/router.ts', code: "method === 'GET' ? STATS : wrongMethod('GET')", reason: STATS_ONLY },
  { file: 'src/mock/router.ts', code: "export const STATS_PATH = '/__mock/stats';", reason: STATS_ONLY },
  { file: 'src/mock/router.ts', code: "const STATS: RouteMatch = { kind: 'route', name: 'stats', chatId: '' };", reason: STATS_ONLY },
  { file: 'src/mock/store.ts', code: 'this.chatsCreated++;', reason: STATS_ONLY },
  { file: 'src/mock/store.ts', code: 'this.messagesSent++;', reason: STATS_ONLY },
  { file: 'src/mock/state.ts', function: 'statsOf', reason: STATS_ONLY },
  // Startup: options the runner passes are valid, and where the server listens is not the API.
  { file: 'src/mock/state.ts', function: 'checkOptions', reason: 'validates startMock options; the runner passes valid ones' },
  { file: 'src/mock/server.ts', function: 'listen', reason: 'binds the port the runner asked for; not part of the API' },
  { file: 'src/mock/server.ts', function: 'close', reason: 'shuts the server down after the run; not part of the API' },
  { file: 'src/mock/server.ts', code: "export const HOST = '127.0.0.1';", reason: 'the loopback address the runner connects to; not part of the API' },
  // Memory bounds: a run creates far fewer than the 25,000 entries that start an eviction.
  { file: 'src/mock/bounded-map.ts', function: 'BoundedMap.constructor', reason: 'checks and halves the capacity once at startup; eviction starts past 25,000 entries, which no run reaches' },
  { file: 'src/mock/bounded-map.ts', code: '{ this.previous = this.current; this.current = new Map(); }', reason: 'drops the older generation, which starts past 25,000 entries; no run reaches it (tests/unit/mock-limits.test.ts proves it)' },
  { file: 'src/mock/bounded-map.ts', function: 'BoundedMap.size', reason: "read only by the mock's own unit tests" },
  { file: 'src/mock/bounded-map.ts', code: 'this.previous.delete(key);', reason: 'the previous generation is empty until 25,000 entries, which no run reaches' },
  { file: 'src/mock/store.ts', function: 'ChatStore.size', reason: "read only by the mock's own unit tests" },
  { file: 'src/mock/idempotency.ts', function: 'IdempotencyStore.size', reason: "read only by the mock's own unit tests" },
  // Bytes Node cannot parse as HTTP (a header past 16 KiB, garbage): in these runs the relay in front
  // of the mock (slot-router.ts, itself a Node server) answers them before the mock sees them, as a
  // proxy in front of a real API would; the mock's own answer is proven by tests/unit/mock-robustness.test.ts.
  { file: 'src/mock/server.ts', function: 'onClientError', reason: NODE_PARSER },
  // The handle startMock gives the process that starts it in-process (its URL, close, stats).
  { file: 'src/mock/server.ts', code: 'return { url: `http://${HOST}:${port}`, close: () => close(server), stats: () => statsOf(state) };', reason: 'the handle startMock returns to the process that started it (URL, close, stats); no request sees it' },
  { file: 'src/mock/server.ts', code: '(req, res) => respond(state, req, res, network)', reason: 'the handler under network faults (--latency, --reset...), which these runs leave off' },
  // Reached only from code left out above (fault switches, the mock's own controls, a release no run makes).
  { file: 'src/mock/bounded-map.ts', function: 'BoundedMap.values', reason: 'read only by ChatStore.tenantMessages, which runs only under a fault' },
  { file: 'src/mock/bounded-map.ts', function: 'BoundedMap.delete', reason: 'called only by IdempotencyStore.release, which frees a key whose send threw (no send throws in these runs), and by the trim of a history past 200 messages (left out above)' },
  // Readings of the open choices other than the default (src/mock/readings.ts): the ignorer leaves
  // out what a reading switch guards by syntax (ignore.ts); these helpers only such code calls.
  { file: 'src/mock/handlers/create.ts', function: 'stickerReply', reason: OTHER_READING },
  { file: 'src/mock/handlers/life/rules.ts', function: 'leftGroupRefusal', reason: OTHER_READING },
  { file: 'src/mock/handlers/messages.ts', function: 'byWholeSeconds', reason: OTHER_READING },
  { file: 'src/mock/store.ts', function: 'ChatStore.reusable', reason: 'decides chat-reuse-same-recipients: by default it returns no chat, and every change either keeps that or reuses one, another reading' },
  { file: 'src/mock/store.ts', function: 'membersKey', reason: 'keys chats by recipient set for ChatStore.reusable only (left out above)' },
  { file: 'src/mock/store.ts', code: 'this.chatsByMembers.set(', reason: 'feeds ChatStore.reusable only (left out above)' },
  { file: 'src/mock/store.ts', code: 'while (record.pending.length > 0', reason: OTHER_READING },
  { file: 'src/mock/store.ts', function: 'ChatStore.messagesOf', reason: "read only by the mock's test controls (/__mock/clock), left out above" },
  { file: 'src/mock/store.ts', function: 'ChatStore.revise', reason: "an edit's mark on the stored message and its row: history-after-edit lets the history show the row as sent or edited, and edit_history is reserved (null or any list), so no change here is a deviation" },
  ...([
    ['src/mock/handlers/messages.ts', "leftGroupRefusal(state, record, 'follow-up')"],
    ['src/mock/handlers/life/edit.ts', "leftGroupRefusal(state, chat, 'edit')"],
    ['src/mock/handlers/life/mark-read.ts', "leftGroupRefusal(state, record, 'mark-read')"],
    ['src/mock/handlers/life/react.ts', "leftGroupRefusal(state, found.value.chat, 'react')"],
    ['src/mock/handlers/life/typing.ts', "leftGroupRefusal(state, record, 'typing')"],
  ] as const).map(([file, code]): ExcludedCode => ({ file, code, reason: 'answers only under another reading of group-ops-after-leave: by default a group the line left is no different on this route' })),
  { file: 'src/mock/handlers/messages.ts', code: 'if (gone) return { error: gone };', reason: 'set only under another reading of group-ops-after-leave (leftGroupRefusal): by default a follow-up to a group the line left goes on' },
  { file: 'src/mock/handlers/life/react.ts', code: 'if (gone) return { error: gone };', reason: 'set only under another reading of group-ops-after-leave (leftGroupRefusal): by default a reaction in a group the line left goes on' },
  { file: 'src/mock/handlers/life/edit.ts', code: 'if (gone) return gone;', reason: 'set only under another reading of group-ops-after-leave (leftGroupRefusal): by default an edit in a group the line left goes on' },
  { file: 'src/mock/handlers/life/find-message.ts', code: 'if (!chat) return failed(apiError(2003));', reason: "a message whose chat is forgotten while its record is kept: only past the mock's capacity of 50,000 chats, which no run reaches" },
  { file: 'src/mock/clock.ts', function: 'MockClock.advance', reason: "moved only by the mock's own /__mock/clock control, which no target has" },
  { file: 'src/mock/pipeline.ts', code: 'return control(state, req, route.name);', reason: "hands a request to the mock's own test controls (/__mock/...), which no target has" },
  { file: 'src/mock/router.ts', function: 'matchControl', reason: "matches the mock's own test controls (/__mock/...), which no target has" },
  { file: 'src/mock/pipeline.ts', function: 'control', reason: "answers the mock's own test controls (/__mock/...), which no target has" },
  { file: 'src/mock/server.ts', code: '{ // Expected under the faults that crash on purpose', reason: 'the mock answers 3001 here only when a handler throws, which only the crashing faults make it do' },
  { file: 'src/mock/server.ts', code: 'reply = { error: apiError(3001) };', reason: 'the --fail-class network fault, which these runs leave off' },
  { file: 'src/mock/errors.ts', code: 'export const idempotencyInFlight =', reason: 'the 409 of a key in flight, which needs send latency (off in these runs)' },
  { file: 'src/mock/idempotency.ts', code: "return { kind: 'in-flight' };", reason: 'a key is in flight only while a send waits, which needs send latency (off in these runs)' },
  // Options off in these runs.
  { file: 'src/mock/pipeline.ts', code: 'return { error: apiError(3002) };', reason: OPTION_OFF },
  { file: 'src/mock/pipeline.ts', code: 'return { error: apiError(1007', reason: 'answers 1007 only under --rate-limit, which these runs leave off' },
  { file: 'src/mock/handlers/send-once.ts', code: 'return delay(latency).then(', reason: OPTION_OFF },
  { file: 'src/mock/handlers/send-once.ts', code: "case 'in-flight': return inFlight(state, scope, fingerprint, sender);", reason: 'a key is in flight only while a send waits, which needs send latency (off in these runs)' },
  { file: 'src/mock/handlers/send-once.ts', function: 'inFlight', reason: 'a key is in flight only while a send waits, which needs send latency (off in these runs)' },
  { file: 'src/mock/idempotency.ts', function: 'IdempotencyStore.release', reason: 'frees a key whose send threw; no send throws in these runs' },
  { file: 'src/mock/handlers/send-once.ts', code: 'catch (error) { state.idempotency.release(scope); throw error; }', reason: 'a send throws only under a crashing fault' },
];

/**
 * Per test: five times the slowest test's usual time (about 2 s), so a hanging mutant ends its test
 * without costing much; a timeout the mock did not see hang is tried again (mutation-generated.ts).
 */
export const TEST_TIMEOUT_MS = 10_000;
/**
 * Per request of the suite: a mutant that never answers is a failed (killed) test after this. The
 * mock answers on loopback in milliseconds, and in a first round about a third of the slots go to
 * mutants that never answer: each costs this much, with the CPU idle.
 */
export const REQUEST_TIMEOUT_MS = 1_000;
/** Mutant checks per request before the mock gives up on it (an endless loop): answered 500. */
export const HIT_LIMIT = 100_000;
/** A mock that does not come up within this is a fault of the runner, not a kill. */
export const MOCK_START_TIMEOUT_MS = 20_000;
/** The most mutants one round tries on the same test (its repeats), so no round grows unbounded. */
export const MAX_REPEATS = 12;
/**
 * Covering tests a mutant passes before it counts as a survivor; 0 means every one of them, as
 * StrykerJS does, and is the default. Its tests come likeliest killers first, but a cap hides
 * kills: in the fourth session's full run a cap of 60 left 22 mutants of code every request
 * reaches (the error envelope, the trace id) alive, all of them killed by a later covering test.
 * CHERT_MUTANTS_MAX_TESTS=N caps it for a quicker, weaker look.
 */
export const MAX_TESTS_PER_MUTANT = 0;
/** Property runs per property in a mutation run (the suite's default is 100): same seed every round. */
export const PROPERTY_RUNS = 30;
/** Static mutants with a mock process of their own at once (each about 100 MB, idle between its slots). */
export const MAX_STATIC_PROCESSES = 40;
/** Survivors that get the whole suite together, one repeat each (CHERT_MUTANTS_WHOLE_SUITE=1). */
export const FALLBACK_BATCH = 12;
/**
 * The sample `npm test` runs: a fixed seed so CI is reproducible, small enough for a few minutes;
 * `equivalents` listed equivalents run again with it, so an entry a sharper check has made stale
 * fails CI instead of hiding a kill.
 */
export const CI_SAMPLE = { size: 30, seed: 20261129, equivalents: 6 };
