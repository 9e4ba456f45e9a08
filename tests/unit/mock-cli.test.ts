// `npm run mock`: its flags, its first line, its exit codes, and that it never prints a secret.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { DEFAULT_PORT, parseCli, UsageError, type CliCommand } from '../../src/mock/cli-args.ts';
import { FAULTS } from '../../src/mock/faults.ts';
import { MockReadings, parseReadings } from '../../src/mock/readings.ts';

const CLI = fileURLToPath(new URL('../../src/mock/cli.ts', import.meta.url));
const serve = (overrides: Partial<Extract<CliCommand, { kind: 'serve' }>> = {}): CliCommand => ({ kind: 'serve', port: DEFAULT_PORT, fault: undefined, readings: new MockReadings(), rateLimit: undefined, flaky: undefined, ...overrides });

describe('mock CLI: arguments', () => {
  const accepted: [string, string[], Record<string, string>, CliCommand][] = [
    ['no flags serve on port 4010', [], {}, serve()],
    ['--port 0 asks for a free port', ['--port', '0'], {}, serve({ port: 0 })],
    ['CHERT_MOCK_PORT sets the port', [], { CHERT_MOCK_PORT: '5000' }, serve({ port: 5000 })],
    ['an empty CHERT_MOCK_PORT counts as unset', [], { CHERT_MOCK_PORT: ' ' }, serve()],
    ['--port wins over CHERT_MOCK_PORT', ['--port=5001'], { CHERT_MOCK_PORT: '5000' }, serve({ port: 5001 })],
    ['CHERT_MOCK_FAULT sets the fault', [], { CHERT_MOCK_FAULT: 'idem-race' }, serve({ fault: 'idem-race' })],
    ['--fault wins over CHERT_MOCK_FAULT', ['--fault', 'idem-ignored'], { CHERT_MOCK_FAULT: 'idem-race' }, serve({ fault: 'idem-ignored' })],
    ['--rate-limit and --flaky are read', ['--rate-limit', '50', '--flaky', '0.25'], {}, serve({ rateLimit: 50, flaky: 0.25 })],
    ['--list-faults lists', ['--list-faults'], {}, { kind: 'list-faults' }],
    ['--list-readings lists', ['--list-readings'], {}, { kind: 'list-readings' }],
    ['--reading sets one reading', ['--reading', 'text-empty=accepted'], {}, serve({ readings: new MockReadings([['text-empty', 'accepted']]) })],
    ['--readings alternate takes every first other reading', ['--readings', 'alternate'], {}, serve({ readings: parseReadings(['alternate']) })],
    ['CHERT_MOCK_READINGS sets readings', [], { CHERT_MOCK_READINGS: 'text-empty=accepted' }, serve({ readings: new MockReadings([['text-empty', 'accepted']]) })],
  ];
  for (const [title, argv, env, want] of accepted) {
    it(title, () => assert.deepEqual(parseCli(argv, env), want));
  }

  const refused: [string, string[], Record<string, string>][] = [
    ['an unknown fault', ['--fault', 'no-such-fault'], {}],
    ['an unknown CHERT_MOCK_FAULT', [], { CHERT_MOCK_FAULT: 'no-such-fault' }],
    ['an unknown flag', ['--verbose'], {}],
    ['a port out of range', ['--port', '70000'], {}],
    ['a non-numeric CHERT_MOCK_PORT', [], { CHERT_MOCK_PORT: 'http' }],
    ['a zero rate limit', ['--rate-limit', '0'], {}],
    ['a flakiness above 1', ['--flaky', '1.5'], {}],
    ['a positional argument', ['serve'], {}],
    ['an unknown open choice', ['--reading', 'no-such-choice=x'], {}],
    ['an unknown reading', ['--reading', 'text-empty=maybe'], {}],
    ['a reading without =', ['--reading', 'text-empty'], {}],
    ['--readings other than alternate', ['--readings', 'all'], {}],
    ['an unknown CHERT_MOCK_READINGS choice', [], { CHERT_MOCK_READINGS: 'nope=x' }],
  ];
  for (const [title, argv, env] of refused) {
    it(`${title} is a usage error`, () => assert.throws(() => parseCli(argv, env), UsageError));
  }
});

type Run = { code: number | null; stdout: string; stderr: string };

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('mock CLI: the process', () => {
  it('--list-faults prints each fault with its requirement and exits 0', async () => {
    const { code, stdout } = await run(['--list-faults']);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, FAULTS.length);
    for (const [i, fault] of FAULTS.entries()) assert.match(lines[i] ?? '', new RegExp(`^${fault.name}\\s+${fault.requirement}\\s+\\S`));
  });

  it('an unknown fault prints one line on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await run(['--fault', 'no-such-fault']);
    assert.deepEqual([code, stdout, stderr.trim().split('\n').length], [2, '', 1]);
    assert.match(stderr, /no-such-fault/);
  });

  it('serving prints CHERT_MOCK_URL first, the tenants and lines but no secret, and stops on SIGTERM', async () => {
    const tenants = [
      { slug: 'cli-a', secret: 'a1'.repeat(16), from: '+15555550142' },
      { slug: 'cli-b', secret: 'b2'.repeat(16), from: '+15555550143' },
    ];
    // CHERT_BASE_URL names a live target; the mock must ignore it and serve anyway.
    const env = {
      ...process.env,
      CHERT_BASE_URL: 'https://console.example.com',
      CHERT_TENANT: 'cli-a', CHERT_SIGNING_SECRET: tenants[0]!.secret, CHERT_FROM: tenants[0]!.from,
      CHERT_TENANT_B: 'cli-b', CHERT_SIGNING_SECRET_B: tenants[1]!.secret, CHERT_FROM_B: tenants[1]!.from,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0'], { env });
    const lines: string[] = [];
    const banner = new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line.startsWith('fault:')) resolve();
      });
    });
    await banner;
    assert.match(lines[0] ?? '', /^CHERT_MOCK_URL=http:\/\/127\.0\.0\.1:\d+$/);
    const url = (lines[0] ?? '').split('=')[1] as string;
    const stats = await (await fetch(`${url}/__mock/stats`)).json();
    assert.deepEqual(stats, { chatsCreated: 0, messagesSent: 0, requests: 0 });
    const output = lines.join('\n');
    for (const tenant of tenants) {
      assert.ok(output.includes(tenant.slug) && output.includes(tenant.from), `names ${tenant.slug} and ${tenant.from}`);
      assert.ok(!output.includes(tenant.secret), 'prints no secret');
    }
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    assert.equal(await exit, 0);
  });
});
