// `npm run bench:mock`: valid creates per second the built-in mock answers on loopback. The mock
// runs in a child process on its own core; autocannon drives it from this one with bearer auth and
// a distinct idempotency key and text per request, for a bounded time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseSettings, processEnv, type Tenant } from '../src/config/settings.ts';

/** The part of autocannon's programmatic API this script uses (the package ships no types). */
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
};
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
/** Untimed seconds first, so the figure is the warmed-up (JIT-compiled) mock. */
const WARMUP_S = 1;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TARGET_RPS = 10_000;
const CLI = fileURLToPath(new URL('../src/mock/cli.ts', import.meta.url));

/**
 * Linux's scheduler tends to run a loopback client and server on the same core (they wake each
 * other), which halves throughput on a 2-core machine; pinning gives each its own core.
 */
const CAN_PIN = process.platform === 'linux' && availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, CHERT_MOCK_FAULT: '', CHERT_MOCK_PORT: '' };
  const node = [process.execPath, '--import', 'tsx', CLI, '--port', '0'];
  const [command, ...args] = CAN_PIN ? ['taskset', '-c', '0', ...node] : node;
  const child = spawn(command as string, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the mock exited with code ${code} before printing its URL`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const url = /^CHERT_MOCK_URL=(.+)$/.exec(line)?.[1];
      if (url) resolve({ child, url });
      else reject(new Error(`unexpected first line from the mock: ${line}`));
    });
  });
}

/** One request template; autocannon replaces each [<id>] with a fresh id per request. */
function benchRequest(tenant: Tenant, url: string, duration: number): Record<string, unknown> {
  const body = `{"from":"${tenant.from}","to":["+14155550123"],"message":{"parts":[{"type":"text","value":"bench [<id>]"}],"idempotency_key":"bench-[<id>]"}}`;
  return {
    url: `${url}/api/v1/chats`,
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.secret}`, 'content-type': 'application/json' },
    body,
    idReplacement: true,
    connections: CONNECTIONS,
    duration,
  };
}

/**
 * CPU seconds the child has used (Linux /proc; undefined elsewhere). CPU per request does not
 * depend on what else the machine runs, unlike requests per second on a shared 2-core host.
 */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

type CpuUse = { mock: number | undefined; client: number };

function report(result: AutocannonResult, cpu: CpuUse): void {
  const statuses = Object.entries(result.statusCodeStats).map(([status, { count }]) => `${status}: ${count}`).join(', ');
  const lines = [
    `requests/s (average): ${Math.round(result.requests.average)}`,
    `requests: ${result.requests.total} in ${result.duration.toFixed(1)} s, ${CONNECTIONS} connections`,
    `status counts: ${statuses || 'none'}; errors ${result.errors}, timeouts ${result.timeouts}`,
    `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    `target ${TARGET_RPS} creates/s: ${result.requests.average >= TARGET_RPS ? 'met' : 'NOT met'}`,
  ];
  const perRequest = (seconds: number) => (seconds / Math.max(1, result.requests.total)) * 1e6;
  if (cpu.mock !== undefined) {
    const mock = perRequest(cpu.mock);
    lines.push(`mock CPU: ${mock.toFixed(0)} µs per request (${Math.round(1e6 / mock)} requests/s per fully used core); busy ${Math.round((cpu.mock / result.duration) * 100)}% of a core`);
  }
  lines.push(`client CPU: ${perRequest(cpu.client).toFixed(0)} µs per request; busy ${Math.round((cpu.client / result.duration) * 100)}% of a core`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const { tenant } = parseSettings({ ...processEnv(), CHERT_BASE_URL: undefined });
  const { child, url } = await startChild();
  if (CAN_PIN) spawnSync('taskset', ['-a', '-pc', '1', String(process.pid)], { stdio: 'ignore' });
  try {
    process.stdout.write(CAN_PIN ? 'pinned: the mock on CPU 0, autocannon on CPU 1\n' : 'not pinned (needs Linux, taskset and 2 cores)\n');
    process.stdout.write(`benchmarking ${url} (mock pid ${child.pid}): ${WARMUP_S} s warm-up, then ${DURATION_S} s measured...\n`);
    await autocannon(benchRequest(tenant, url, WARMUP_S));
    const mockBefore = cpuSeconds(child.pid);
    const clientBefore = process.cpuUsage();
    const result = await autocannon(benchRequest(tenant, url, DURATION_S));
    const client = process.cpuUsage(clientBefore);
    const mockAfter = cpuSeconds(child.pid);
    const mock = mockBefore === undefined || mockAfter === undefined ? undefined : mockAfter - mockBefore;
    report(result, { mock, client: (client.user + client.system) / 1e6 });
    // Anything but 201s means the bench measured errors, not creates.
    if (result.non2xx > 0 || result.errors > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
