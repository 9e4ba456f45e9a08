// The instrumented mock, in a child process the runner controls over Node's IPC channel only (no
// route, no environment variable): it switches mutants per request and reports coverage.
//
// StrykerJS's schemata read `globalThis.__stryker__.activeMutant` at every mutant switch and count
// coverage under `__stryker__.currentTestId`. Here both are getters over an AsyncLocalStorage set
// for each request from its `x-chert-mutation-slot` header, so two tests running at once (two
// Playwright workers) each see their own mutant and their own coverage, across every await.
import { AsyncLocalStorage } from 'node:async_hooks';
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { HIT_LIMIT } from './config.ts';
import { SLOT_HEADER } from './slot-key.ts';
import { UNTAGGED, type FromRunner, type ToRunner } from './protocol.ts';

type RequestContext = { mutant: string | undefined; testId: string; hits: number };
type Coverage = { static: Record<string, number>; perTest: Record<string, Record<string, number>> };

const requests = new AsyncLocalStorage<RequestContext>();
const coverage: Coverage = { static: {}, perTest: {} };
let globalMutant: string | undefined;
let slots = new Map<string, string>();
let loaded = false;

Object.defineProperty(globalThis, '__stryker__', {
  value: {
    get activeMutant() {
      const context = requests.getStore();
      return context ? context.mutant : globalMutant;
    },
    set activeMutant(_ignored: unknown) {
      // Only the runner switches mutants; Stryker's header would copy an environment variable here.
    },
    get currentTestId() {
      return requests.getStore()?.testId ?? (loaded ? UNTAGGED : undefined);
    },
    // One object for the whole run: the instrumented header keeps a reference to it.
    mutantCoverage: coverage,
    get hitCount(): number | undefined {
      return requests.getStore()?.hits;
    },
    set hitCount(value: number | undefined) {
      const context = requests.getStore();
      if (context && value !== undefined) context.hits = value;
    },
    hitLimit: HIT_LIMIT,
  },
});

function send(message: ToRunner): void {
  process.send?.(message);
}

/** Listeners a request registers (body chunks, end) run in its context, not the socket's. */
function bindListeners(req: IncomingMessage, slot: string | undefined): void {
  const on = req.on;
  req.on = function boundOn(this: IncomingMessage, event: string, listener: (...args: unknown[]) => void) {
    return on.call(this, event, AsyncLocalStorage.bind(timed(slot, listener)));
  } as typeof req.on;
}

function contextOf(req: IncomingMessage): RequestContext {
  const header = req.headers[SLOT_HEADER];
  const slot = Array.isArray(header) ? header[0] : header;
  if (slot === undefined) return { mutant: globalMutant, testId: UNTAGGED, hits: 0 };
  return { mutant: slots.get(slot) ?? globalMutant, testId: slot.slice(0, slot.indexOf('/')), hits: 0 };
}

// Whether a test that timed out met a mutant or a stalled mock: a mutant that hangs never ends its
// answer; a mock that was only slow (the machine loaded, or another slot's mutant held the event
// loop) ends it late, or never even read a request its client gave up on. Per slot of the current
// schedule: the answers still open.
let open = new Map<ServerResponse, string>();
// A mutant that keeps the event loop busy (a loop, a huge allocation) stalls every request at once,
// its neighbours' too: the slots whose own code ran that long.
let blocking = new Set<string>();
const BLOCKING_MS = 250;

function timed<A extends unknown[]>(slot: string | undefined, fn: (...args: A) => void): (...args: A) => void {
  if (slot === undefined) return fn;
  return function timedCall(this: unknown, ...args: A) {
    const started = performance.now();
    try {
      fn.apply(this, args);
    } finally {
      if (performance.now() - started > BLOCKING_MS) blocking.add(slot);
    }
  };
}

function track(slot: string, res: ServerResponse): void {
  open.set(res, slot);
  const end = res.end;
  res.end = function trackedEnd(this: ServerResponse, ...args: unknown[]) {
    open.delete(res);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;
}

// The mock builds its server with node:http's createServer; each request runs in its context.
const createServer = http.createServer;
http.createServer = ((handler: RequestListener) =>
  createServer((req, res) => {
    const context = contextOf(req);
    const header = req.headers[SLOT_HEADER];
    const slot = typeof header === 'string' ? header : undefined;
    if (slot !== undefined) track(slot, res);
    requests.run(context, () => {
      bindListeners(req, slot);
      timed(slot, handler)(req, res);
    });
  })) as typeof http.createServer;
syncBuiltinESMExports();

// A mutant may throw where the mock catches nothing; the request then hangs until the client's
// timeout fails its test, and the process lives on for the next mutant.
process.on('uncaughtException', (error) => process.stderr.write(`mutant server: uncaught under mutant ${String(requests.getStore()?.mutant ?? globalMutant)}: ${String(error)}\n`));
process.on('unhandledRejection', (error) => process.stderr.write(`mutant server: unhandled under mutant ${String(requests.getStore()?.mutant ?? globalMutant)}: ${String(error)}\n`));

async function start(build: string, staticMutant: string | undefined, readings: [string, string][] | undefined): Promise<void> {
  globalMutant = staticMutant;
  const { startMock } = (await import(pathToFileURL(join(build, 'src/mock/server.ts')).href)) as typeof import('../../src/mock/server.ts');
  // The build's own MockReadings, the class its modules check against.
  const { MockReadings } = (await import(pathToFileURL(join(build, 'src/mock/readings.ts')).href)) as typeof import('../../src/mock/readings.ts');
  const mock = await startMock({ port: 0, tenants: [MOCK_DEFAULTS.tenant, MOCK_DEFAULTS.tenantB], ...(readings ? { readings: new MockReadings(readings) } : {}) });
  loaded = true;
  send({ type: 'ready', url: mock.url });
}

process.on('message', (message: FromRunner) => {
  switch (message.type) {
    case 'start':
      start(message.build, message.staticMutant, message.readings).catch((error: unknown) => {
        send({ type: 'failed', error: String((error as Error)?.stack ?? error) });
      });
      return;
    case 'schedule':
      slots = new Map(Object.entries(message.slots));
      globalMutant = message.globalMutant;
      open = new Map();
      blocking = new Set();
      send({ type: 'scheduled' });
      return;
    case 'coverage':
      send({ type: 'coverage', static: { ...coverage.static }, perTest: { ...coverage.perTest } });
      coverage.perTest = {};
      return;
    case 'answers':
      send({ type: 'answers', hung: [...new Set(open.values())], blocking: [...blocking] });
      open = new Map();
      blocking = new Set();
      return;
    case 'stop':
      process.exit(0);
  }
});
