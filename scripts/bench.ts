// `npm run bench [-- --runs N]`: how fast the suite gives its verdict, each figure the median of
// N runs (default 3) on this machine. Loopback only, bounded in time and count.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request as playwrightRequest } from '@playwright/test';
import { ChertClient } from '../src/client/chert-client.ts';
import { fetchTransport, playwrightTransport, type Transport } from '../src/client/transport.ts';
import { MOCK_DEFAULTS, parseSettings } from '../src/config/settings.ts';
import { startMockProcess, type MockProcess } from '../src/run/start-mock.ts';

const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag === -1 ? 3 : Number(process.argv[runsFlag + 1]);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('--runs takes a whole number of at least 1, e.g. npm run bench -- --runs 5');
  process.exit(2);
}
const PLAYWRIGHT = fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url));
const { tenant, tenantB } = MOCK_DEFAULTS;
const TARGET_ENV = {
  CHERT_TENANT: tenant.slug, CHERT_SIGNING_SECRET: tenant.secret, CHERT_FROM: tenant.from,
  CHERT_TENANT_B: tenantB.slug, CHERT_SIGNING_SECRET_B: tenantB.secret, CHERT_FROM_B: tenantB.from,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function requestsSoFar(mock: MockProcess): Promise<number> {
  return ((await (await fetch(`${mock.url}/__mock/stats`)).json()) as { requests: number }).requests;
}

/** A whole `playwright test` run (default reporters) against a mock: wall seconds and requests. */
async function suiteRun(args: string[]): Promise<{ seconds: number; requests: number }> {
  const mock = await startMockProcess([], { ...process.env, ...TARGET_ENV });
  const before = await requestsSoFar(mock);
  const started = performance.now();
  const child = spawn(process.execPath, [PLAYWRIGHT, 'test', ...args], {
    env: { ...process.env, ...TARGET_ENV, CHERT_BASE_URL: mock.url, CHERT_REPORT_DIR: mkdtempSync(join(tmpdir(), 'chert-bench-')) },
    stdio: 'ignore',
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  const requests = (await requestsSoFar(mock)) - before;
  await mock.stop();
  if (code !== 0) throw new Error(`the suite failed against the correct mock (exit ${String(code)}): benchmark void`);
  return { seconds, requests };
}

function mockThroughput(): number {
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-mock.ts'], { encoding: 'utf8', env: { ...process.env, BENCH_DURATION: '3' } });
  const rps = /requests\/s \(average\): (\d+)/.exec(out.stdout)?.[1];
  if (!rps) throw new Error(`bench:mock printed no figure:\n${out.stdout}${out.stderr}`);
  return Number(rps);
}

/** Milliseconds per sequential request: a raw fetch, and the suite's client over two transports. */
async function perRequestMs(count = 500): Promise<{ raw: number; client: number; playwrightClient: number }> {
  const mock = await startMockProcess([], { ...process.env, ...TARGET_ENV });
  const settings = { ...parseSettings({}), baseUrl: mock.url };
  const body = { from: tenant.from, to: ['+14155550123'], message: {} }; // rejected: 1001
  const raw = await timed(count, async () => {
    await (await fetch(`${mock.url}/api/v1/chats`, { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${tenant.secret}` } })).text();
  });
  const viaClient = async (transport: Transport) => {
    const chert = new ChertClient({ settings, transport, authMode: 'hmac' });
    return timed(count, async () => void (await chert.create(body)));
  };
  const client = await viaClient(fetchTransport);
  const context = await playwrightRequest.newContext();
  const playwrightClient = await viaClient(playwrightTransport(context));
  await context.dispose();
  await mock.stop();
  return { raw, client, playwrightClient };
}

async function timed(count: number, once: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 50; i++) await once(); // warm-up
  const started = performance.now();
  for (let i = 0; i < count; i++) await once();
  return (performance.now() - started) / count;
}

const samples = { wall: [] as number[], suiteRps: [] as number[], requests: [] as number[], propertyRps: [] as number[], mockRps: [] as number[], raw: [] as number[], client: [] as number[], pwClient: [] as number[] };
for (let run = 1; run <= RUNS; run++) {
  const full = await suiteRun([]);
  const properties = await suiteRun(['tests/properties', '--project=hmac']);
  const latency = await perRequestMs();
  samples.wall.push(full.seconds);
  samples.requests.push(full.requests);
  samples.suiteRps.push(full.requests / full.seconds);
  samples.propertyRps.push(properties.requests / properties.seconds);
  samples.mockRps.push(mockThroughput());
  samples.raw.push(latency.raw);
  samples.client.push(latency.client);
  samples.pwClient.push(latency.playwrightClient);
  console.log(`run ${run}/${RUNS}: full run ${full.seconds.toFixed(1)} s, ${full.requests} requests`);
}

const result = {
  runs: RUNS,
  fullRunSeconds: median(samples.wall),
  fullRunRequests: median(samples.requests),
  suiteRequestsPerSecond: Math.round(median(samples.suiteRps)),
  propertyRequestsPerSecond: Math.round(median(samples.propertyRps)),
  mockCreatesPerSecond: median(samples.mockRps),
  loopbackRoundTripMs: Number(median(samples.raw).toFixed(3)),
  clientRequestMs: Number(median(samples.client).toFixed(3)),
  clientOverPlaywrightMs: Number(median(samples.pwClient).toFixed(3)),
};
const rows: [string, string, string][] = [
  ['full conformance run against the mock (wall, incl. start-up)', `${result.fullRunSeconds.toFixed(1)} s`, 'under 20 s'],
  ['requests in that run', String(result.fullRunRequests), 'at least 2,000'],
  ['requests per second the suite drives', String(result.suiteRequestsPerSecond), ''],
  ['generated requests per second (property tests alone, wall)', String(result.propertyRequestsPerSecond), ''],
  ['mock: valid creates per second (autocannon, 3 s)', String(result.mockCreatesPerSecond), 'at least 10,000'],
  ['loopback round trip, raw fetch (sequential)', `${result.loopbackRoundTripMs} ms`, ''],
  ['same request through the suite\'s client (sign, guard, record)', `${result.clientRequestMs} ms`, 'close to the raw trip'],
  ['same through the client over Playwright\'s request API', `${result.clientOverPlaywrightMs} ms`, ''],
];
console.log(`\nMedians of ${RUNS} runs:`);
for (const [what, value, target] of rows) console.log(`  ${what.padEnd(66)} ${value.padStart(9)}  ${target}`);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', JSON.stringify(result, null, 2));
