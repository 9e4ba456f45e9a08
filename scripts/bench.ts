// `npm run bench [-- --runs N] [-- --only NAME,...]`: time to verdict against targets that behave
// like real deployments, each as a ratio to the clean local run, with the exit code each must give,
// the peak memory of the run's processes (runner and workers, summed; the mock is the target), and
// the CPU per request: user+sys CPU of runner, workers and mock over the requests the mock answered.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockTenantEnv, REMOTE_TARGET_WORKERS } from '../src/config/settings.ts';
import { startMockProcess } from '../src/run/start-mock.ts';

/** Limits (issue 25): time to verdict (a dead target's counts from its last answer), CPU per answered request, peak memory of runner and workers. */
type Limits = { limitSeconds?: number; limitCpuMs?: number; limitMiB?: number };
/** `env`: settings of the run besides the mock's (the distant scenarios play a target elsewhere on loopback). */
type Scenario = { name: string; target: string; mockArgs: string[]; wantExit: number; config?: string; env?: Record<string, string> } & Limits;

/** The mock plays a distant target on loopback: the run gets the workers a target elsewhere gets by default. */
const AS_IF_REMOTE = { CHERT_WORKERS: String(REMOTE_TARGET_WORKERS) };

const FLOOR_CONFIG = 'scripts/bench-floor/playwright.config.ts';

const SCENARIOS: Scenario[] = [
  { name: 'clean', target: 'correct mock, loopback', mockArgs: [], wantExit: 0, limitSeconds: 8, limitCpuMs: 0.6 },
  // No limit: the floor under `clean`, as many empty tests through the suite's fixtures.
  { name: 'floor', target: 'the suite\'s number of empty tests, loopback', mockArgs: [], wantExit: 0, config: FLOOR_CONFIG },
  { name: 'latency-50', target: 'correct, 50 ms per answer', mockArgs: ['--latency', '50'], wantExit: 0, env: AS_IF_REMOTE },
  { name: 'latency-100', target: 'correct, 100 ms per answer', mockArgs: ['--latency', '100'], wantExit: 0, limitSeconds: 15, limitMiB: 1024, env: AS_IF_REMOTE },
  { name: 'dead', target: 'answers preflight and 300 requests, then never again', mockArgs: ['--hang-after', '300'], wantExit: 2, limitSeconds: 60 },
  { name: 'html-200', target: '200 with an HTML page to everything', mockArgs: ['--garbage-after', '2'], wantExit: 1, limitSeconds: 25 },
  { name: 'html-500', target: '500 with an HTML page to everything', mockArgs: ['--error-html'], wantExit: 1, limitSeconds: 25 },
  { name: 'fail-class', target: '500 / 3001 to every group create', mockArgs: ['--fail-class', 'group'], wantExit: 1, limitSeconds: 15 },
  { name: 'resets', target: 'correct, resets 10 % of connections', mockArgs: ['--reset', '0.1'], wantExit: 0 },
  { name: 'huge', target: 'one answer in 50 is a 64 MB body', mockArgs: ['--huge-every', '50'], wantExit: 1 },
  { name: 'redirect', target: 'redirects every request elsewhere', mockArgs: ['--redirect'], wantExit: 1 },
];

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}
const RUNS = Number(flag('--runs') ?? 1);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('--runs takes a whole number of at least 1, e.g. npm run bench -- --runs 3');
  process.exit(2);
}
const only = flag('--only')?.split(',');
const PLAYWRIGHT = fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url));
const TARGET_ENV = { ...mockTenantEnv(), CHERT_REPORTERS: 'line' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      rss.set(Number(entry), Number(fields[21]) * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const queue = [root]; queue.length > 0; ) {
    const pid = queue.pop() as number;
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** How many tests the suite runs (Playwright's own count, from --list), once per bench. */
let tests: number | undefined;
function suiteSize(): number {
  if (tests !== undefined) return tests;
  const listed = spawnSync(process.execPath, [PLAYWRIGHT, 'test', '--list', '--reporter=list'], { encoding: 'utf8', env: { ...process.env, ...TARGET_ENV, CHERT_WORKERS: '1' } });
  const total = /Total: (\d+) tests?/.exec(listed.stdout ?? '')?.[1];
  if (total === undefined) throw new Error(`playwright test --list printed no total: ${(listed.stderr ?? '').slice(-300)}`);
  tests = Number(total);
  return tests;
}

type Measured = { seconds: number; exit: number | null; peakBytes: number; lastLine: string; silentSeconds?: number; cpuSeconds: number; requests?: number };

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU seconds from /proc/<pid>/stat: the process's own (utime+stime), or its reaped children's (cutime+cstime). */
function cpuSeconds(pid: number | 'self', which: 'own' | 'children'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // After the name: state is field 0, utime 11, stime 12, cutime 13, cstime 14.
    const [user, system] = which === 'own' ? [fields[11], fields[12]] : [fields[13], fields[14]];
    return ((user ?? 0) + (system ?? 0)) / TICKS;
  } catch {
    return 0;
  }
}

/** API requests the mock answered so far (its own stats route always answers, whatever its faults). */
async function mockRequests(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${url}/__mock/stats`, { signal: AbortSignal.timeout(2_000) });
    return ((await res.json()) as { requests?: number }).requests;
  } catch {
    return undefined;
  }
}

/** One whole `playwright test` against a mock started with `mockArgs`; the mock's memory counts too. */
async function verdict(scenario: Scenario): Promise<Measured> {
  const mock = await startMockProcess(scenario.mockArgs, { ...process.env, ...TARGET_ENV });
  const reportDir = mkdtempSync(join(tmpdir(), 'chert-bench-'));
  const floorTests = suiteSize(); // its listing run is not this run's CPU
  const mockCpuBefore = cpuSeconds(mock.pid, 'own');
  const requestsBefore = (await mockRequests(mock.url)) ?? 0;
  // The runner and the workers it reaps add to this process's children's CPU once the runner is reaped.
  const childCpuBefore = cpuSeconds('self', 'children');
  const started = performance.now();
  const child = spawn(process.execPath, [PLAYWRIGHT, 'test', ...(scenario.config ? ['-c', scenario.config] : [])], {
    env: { ...process.env, ...TARGET_ENV, ...scenario.env, CHERT_BASE_URL: mock.url, CHERT_REPORT_DIR: reportDir, CHERT_FLOOR_TESTS: String(floorTests) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  // The suite's processes only (runner and workers): the mock plays the target, whose memory is its own.
  let peakBytes = 0;
  const sample = setInterval(() => {
    peakBytes = Math.max(peakBytes, treeRss(child.pid as number));
  }, 100);
  const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  const runCpu = cpuSeconds('self', 'children') - childCpuBefore;
  const requestsAfter = await mockRequests(mock.url);
  const cpu = runCpu + cpuSeconds(mock.pid, 'own') - mockCpuBefore;
  await mock.stop();
  // The last run's report of each scenario stays, for scripts/test-cost.ts (what each file costs per rule).
  mkdirSync('reports/bench', { recursive: true });
  try {
    copyFileSync(join(reportDir, 'conformance.json'), join('reports/bench', `${scenario.name}.conformance.json`));
  } catch {
    // A run that wrote no report (the floor scenario): nothing to keep.
  }
  rmSync(reportDir, { recursive: true, force: true });
  const lines = output.trim().split('\n').filter((l) => /Conformance:|chert-conformance:/.test(l));
  // A dead target's line names the last answer seen: from then to the exit is the time to verdict after silence.
  const lastAnswer = /last answer.*? at (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(output)?.[1];
  const silentSeconds = lastAnswer ? (Date.now() - Date.parse(lastAnswer)) / 1000 : undefined;
  const requests = requestsAfter === undefined ? undefined : requestsAfter - requestsBefore;
  return { seconds, exit, peakBytes, lastLine: lines.join(' | '), cpuSeconds: cpu, ...(requests === undefined ? {} : { requests }), ...(silentSeconds === undefined ? {} : { silentSeconds }) };
}

/** Milliseconds of CPU per answered request, or undefined when the mock's count could not be read. */
const cpuPerRequestMs = (r: Measured): number | undefined => (r.requests ? (1000 * r.cpuSeconds) / r.requests : undefined);

type Result = { scenario: Scenario; seconds: number; exit: number | null; peakMiB: number; line: string; silentSeconds?: number; cpuSeconds: number; requests?: number; cpuPerRequestMs?: number };
const results: Result[] = [];
for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await verdict(scenario));
  const seconds = median(runs.map((r) => r.seconds));
  const peakMiB = Math.round(Math.max(...runs.map((r) => r.peakBytes)) / 2 ** 20);
  const exits = [...new Set(runs.map((r) => r.exit))];
  const line = runs.at(-1)?.lastLine ?? '';
  const silent = runs.flatMap((r) => (r.silentSeconds === undefined ? [] : [r.silentSeconds]));
  const perRequest = runs.flatMap((r) => cpuPerRequestMs(r) ?? []);
  const counted = runs.flatMap((r) => r.requests ?? []);
  const cpu = median(runs.map((r) => r.cpuSeconds));
  results.push({
    scenario, seconds, exit: exits.length === 1 ? (exits[0] as number | null) : NaN, peakMiB, line, cpuSeconds: cpu,
    ...(counted.length ? { requests: median(counted) } : {}),
    ...(perRequest.length ? { cpuPerRequestMs: median(perRequest) } : {}),
    ...(silent.length ? { silentSeconds: median(silent) } : {}),
  });
  const cpuText = `CPU ${cpu.toFixed(1)} s${perRequest.length ? ` for ${median(counted)} requests, ${median(perRequest).toFixed(2)} ms each` : ''}`;
  console.log(`${scenario.name.padEnd(12)} ${seconds.toFixed(1).padStart(6)} s${silent.length ? ` (${median(silent).toFixed(1)} s after the last answer)` : ''}  exit ${exits.join('/')} (want ${scenario.wantExit})  peak ${peakMiB} MiB  ${cpuText}  ${line}`);
}

const clean = results.find((r) => r.scenario.name === 'clean')?.seconds;
console.log(`\nMedians of ${RUNS} run(s); ratio = time to verdict / clean local run${clean ? ` (${clean.toFixed(1)} s)` : ''}:`);
console.log('| target | time to verdict | ratio to clean | exit (wanted) | peak memory, runner + workers | CPU per request | limit |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  const ratio = clean ? `${(r.seconds / clean).toFixed(2)}×` : '';
  const judged = r.silentSeconds ?? r.seconds; // a dead target's limit counts from its silence
  const { limitSeconds, limitCpuMs, limitMiB } = r.scenario;
  const ok = r.exit === r.scenario.wantExit
    && (limitSeconds === undefined || judged <= limitSeconds)
    && (limitCpuMs === undefined || (r.cpuPerRequestMs !== undefined && r.cpuPerRequestMs <= limitCpuMs))
    && (limitMiB === undefined || r.peakMiB <= limitMiB);
  const limits = [limitSeconds && `≤ ${limitSeconds} s`, limitCpuMs && `≤ ${limitCpuMs} ms CPU`, limitMiB && `≤ ${limitMiB} MiB`].filter(Boolean).join(', ');
  const after = r.silentSeconds === undefined ? '' : ` (${r.silentSeconds.toFixed(1)} s after the last answer)`;
  const perRequest = r.cpuPerRequestMs === undefined ? '' : `${r.cpuPerRequestMs.toFixed(2)} ms (${r.cpuSeconds.toFixed(1)} s / ${r.requests})`;
  console.log(`| ${r.scenario.target} | ${r.seconds.toFixed(1)} s${after} | ${ratio} | ${r.exit} (${r.scenario.wantExit}) | ${r.peakMiB} MiB | ${perRequest} | ${limits} ${ok ? 'met' : 'MISSED'} |`);
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', JSON.stringify(results.map((r) => ({ name: r.scenario.name, target: r.scenario.target, seconds: Number(r.seconds.toFixed(2)), silentSeconds: r.silentSeconds, exit: r.exit, wantExit: r.scenario.wantExit, peakMiB: r.peakMiB, cpuSeconds: Number(r.cpuSeconds.toFixed(2)), requests: r.requests, cpuPerRequestMs: r.cpuPerRequestMs === undefined ? undefined : Number(r.cpuPerRequestMs.toFixed(3)), ratio: clean ? Number((r.seconds / clean).toFixed(2)) : null })), null, 2));
if (results.some((r) => r.exit !== r.scenario.wantExit)) process.exitCode = 1;
