// The client against hostile networks: the body cap, which requests survive a dropped
// connection, the run-wide retry budget, the in-flight window, and the target-health tracker.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ChertClient, DeadTargetError, NotRetriedError, OversizedAnswerError } from '../../src/client/chert-client.ts';
import { InflightLimiter } from '../../src/client/inflight.ts';
import { replaySafe, withIdempotencyKey } from '../../src/client/replay-safety.ts';
import { RetryBudget, RETRY_FLOOR } from '../../src/client/retry-budget.ts';
import { BROKEN_AFTER_UNUSABLE, TargetHealth } from '../../src/client/target-health.ts';
import { httpTransport, NoAnswerError, type WireRequest } from '../../src/client/transport.ts';
import { MOCK_DEFAULTS, parseSettings } from '../../src/config/settings.ts';
import { HUGE_BODY_BYTES, type NetworkFaults } from '../../src/mock/network-faults.ts';
import { startMock, type RunningMock } from '../../src/mock/server.ts';

const settings = parseSettings({});
const tenants = [MOCK_DEFAULTS.tenant, MOCK_DEFAULTS.tenantB];
const body = { from: settings.tenant.from, to: ['+14155550123'], message: { parts: [{ type: 'text', value: 'hi' }] } };

async function withMock(network: NetworkFaults, run: (client: ChertClient, mock: RunningMock) => Promise<void>, maxBodyBytes = settings.maxBodyBytes): Promise<void> {
  const mock = await startMock({ tenants, network });
  try {
    const client = new ChertClient({ settings: { ...settings, baseUrl: mock.url, requestTimeoutMs: 1_000 }, transport: httpTransport(maxBodyBytes), authMode: 'hmac' });
    await run(client, mock);
  } finally {
    await mock.close();
  }
}

describe('hostile targets, through the mock', () => {
  it('a 64 MB answer is read up to the cap only, recorded truncated, and fails the call', () =>
    withMock({ hugeEvery: 1 }, async (client) => {
      const before = process.memoryUsage().rss;
      await assert.rejects(client.create(body), OversizedAnswerError);
      assert.ok(process.memoryUsage().rss - before < HUGE_BODY_BYTES / 2, 'the body was not held whole');
      assert.match(client.exchanges[0]?.response?.body ?? '', /truncated: the body was longer than 262144 bytes/);
    }, 256 * 1024));

  it('a create reset before any side effect is retried with its key and creates one chat', () =>
    withMock({ resetRate: 0.3 }, async (client, mock) => {
      for (let i = 0; i < 10; i++) assert.equal((await client.create(body)).status, 201);
      assert.equal(mock.stats().chatsCreated, 10);
    }));

  it('a key-less create whose connection drops is not retried: inconclusive, never a second send', () =>
    withMock({ resetRate: 1 }, async (client) => {
      await assert.rejects(client.create(body, { keyless: true }), NotRetriedError);
      assert.equal(client.exchanges.length, 1);
    }));

  it('a silent target is found dead and later calls fail at once', () =>
    withMock({ hangAfter: 0 }, async (client) => {
      const health = new TargetHealth({ runDir: undefined, silenceMs: 1_500 });
      const chert = new ChertClient({ settings: client.settings, transport: httpTransport(), authMode: 'hmac', health });
      const started = Date.now();
      await assert.rejects(chert.history(chert.unknownChatId()), DeadTargetError);
      assert.ok(Date.now() - started < 5_000);
      const again = Date.now();
      await assert.rejects(chert.create(body), DeadTargetError);
      // "At once": far below the 1.5 s of silence it took to find the target dead, with room for a
      // loaded CI machine (100 ms failed once with every unit file running side by side).
      assert.ok(Date.now() - again < 500, `${Date.now() - again} ms`);
    }));

  it('--fail-class group answers 500 to group creates and 201 to 1:1 creates', () =>
    withMock({ failClass: 'group' }, async (client) => {
      assert.equal((await client.create(body)).status, 201);
      assert.equal((await client.create({ ...body, to: ['+14155550123', '+14155550124'] }, { noRetry: true })).status, 500);
    }));

  it('--error-html, --garbage-after and --redirect answer what they say', async () => {
    await withMock({ errorHtml: true }, async (client) => assert.equal((await client.create(body)).status, 500));
    await withMock({ garbageAfter: 0 }, async (client) => assert.match((await client.create(body)).text, /<html>/));
    await withMock({ redirect: true }, async (client) => assert.equal((await client.create(body)).status, 307));
  });
});

describe('replay safety', () => {
  const request = (method: string, path: string, payload?: unknown): WireRequest => ({
    method, url: `http://127.0.0.1:1${path}`, headers: {}, timeoutMs: 1, body: payload === undefined ? undefined : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  });
  const cases: [string, WireRequest, boolean][] = [
    ['a GET', request('GET', '/api/v1/chats/x/messages'), true],
    ['a create with a key', request('POST', '/api/v1/chats', { message: { idempotency_key: 'k' } }), true],
    ['a create without a key', request('POST', '/api/v1/chats', body), false],
    ['a follow-up with a key (whether it deduplicates is not documented)', request('POST', '/api/v1/chats/x/messages', { message: { parts: [{ type: 'text', value: 'hi' }], idempotency_key: 'k' } }), false],
    ['bytes that are not JSON', request('POST', '/api/v1/chats', '{"from": +1'), true],
    ['a create without message parts (nothing to deliver)', request('POST', '/api/v1/chats', { from: '+15555550100', to: ['+14155550123'] }), true],
    ['a mark-read (idempotent by the docs)', request('POST', '/api/v1/chats/x/mark-read'), true],
    ['a reaction (not idempotent)', request('POST', '/api/v1/messages/x/react', { reaction: 'love' }), false],
  ];
  for (const [what, req, want] of cases) it(`${what}: ${want ? 'retried' : 'not retried'}`, () => assert.equal(replaySafe(req), want));

  it('creates and follow-ups get a key unless the test set one or asked for none', () => {
    const keyed = withIdempotencyKey({ path: '/api/v1/chats', body }) as typeof body & { message: { idempotency_key?: string } };
    assert.match(keyed.message.idempotency_key ?? '', /^chert-/);
    assert.equal(withIdempotencyKey({ path: '/api/v1/chats', body, keyless: true }), body);
    const own = { ...body, message: { ...body.message, idempotency_key: 'mine' } };
    assert.equal(withIdempotencyKey({ path: '/api/v1/chats/x/messages', body: own }), own);
    assert.equal(withIdempotencyKey({ path: '/api/v1/chats', body: '{"raw":1}' }), '{"raw":1}');
  });
});

describe('retry budget', () => {
  it('a failure that persists across the run stops being retried', () => {
    const budget = new RetryBudget(mkdtempSync(join(tmpdir(), 'chert-budget-')));
    let granted = 0;
    for (let i = 0; i < 100; i++) {
      budget.request();
      if (budget.claim()) {
        granted++;
        budget.outcome(true);
      }
    }
    assert.ok(granted >= 10 && granted < 15, `granted ${granted}`);
  });

  it('retries that succeed stay within the floor plus a share of the requests', () => {
    const budget = new RetryBudget(undefined);
    let granted = 0;
    for (let i = 0; i < 40; i++) if (budget.claim()) granted++;
    assert.equal(granted, RETRY_FLOOR);
  });

  it('the empty budget (generated-mutant runs) grants no retry, however many requests', () => {
    const budget = RetryBudget.none();
    for (let i = 0; i < 100; i++) budget.request();
    assert.equal(budget.claim(), false);
  });

  it('workers share one budget through the run directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chert-budget-'));
    mkdirSync(join(dir, 'retries'));
    // Another worker's counts, as it writes them: the floor is spent.
    writeFileSync(join(dir, 'retries', 'other-worker.json'), JSON.stringify({ requests: 0, retries: RETRY_FLOOR, failedAgain: 0 }));
    assert.equal(new RetryBudget(dir).claim(), false);
  });
});

describe('in-flight window', () => {
  it('never exceeds its cap and halves when throttled', async () => {
    const limiter = new InflightLimiter(8, 2);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 60 }, async () => {
      const release = await limiter.acquire();
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      release('ok');
    }));
    assert.equal(peak, 8);
    const release = await limiter.acquire();
    release('throttled');
    assert.equal(limiter.window, 4);
  });

  it('keeps its window when one answer comes fast and the rest slow (a refused header, then creates)', async () => {
    let now = 0;
    const limiter = new InflightLimiter(8, 8, () => now);
    (await limiter.acquire())('ok');
    for (let round = 0; round < 5; round++) {
      const releases = await Promise.all(Array.from({ length: limiter.window }, () => limiter.acquire()));
      now += 100;
      for (const release of releases) release('ok');
    }
    assert.equal(limiter.window, 8);
  });
});

describe('target health', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'chert-health-'))));

  it('requests waiting past the silence limit with no answer anywhere make the target dead, for every worker', () => {
    let now = 1_000;
    const a = new TargetHealth({ runDir: dir, silenceMs: 20_000, now: () => now });
    const b = new TargetHealth({ runDir: dir, silenceMs: 20_000, now: () => now });
    a.answered('HTTP 400 to POST /api/v1/chats');
    now += 1_000;
    a.begin();
    now += 19_000;
    a.unanswered(new NoAnswerError('the target did not answer in time', 'timeout'));
    assert.equal(a.deadReason(), undefined, 'not before the limit');
    now += 1_001;
    a.unanswered(new NoAnswerError('the target did not answer in time', 'timeout'));
    assert.match(a.deadReason() ?? '', /stopped answering.*HTTP 400 to POST/);
    assert.ok(a.signal.aborted);
    now += 1_000;
    assert.equal(b.deadReason(), a.deadReason());
  });

  it('an answer elsewhere in the run keeps a slow request from killing the target', () => {
    let now = 0;
    const shared = mkdtempSync(join(tmpdir(), 'chert-health-'));
    const slow = new TargetHealth({ runDir: shared, silenceMs: 20_000, now: () => now });
    const busy = new TargetHealth({ runDir: shared, silenceMs: 20_000, now: () => now });
    slow.begin();
    now += 25_000;
    busy.answered('HTTP 201 to POST /api/v1/chats');
    slow.unanswered(new NoAnswerError('the target did not answer in time', 'timeout'));
    assert.equal(slow.deadReason(), undefined);
  });

  it(`${BROKEN_AFTER_UNUSABLE} answers in a row without JSON make the target broken; one JSON answer resets the row`, () => {
    const health = new TargetHealth({ runDir: mkdtempSync(join(tmpdir(), 'chert-health-')), silenceMs: 20_000 });
    for (let i = 1; i < BROKEN_AFTER_UNUSABLE; i++) health.answered('HTTP 200 text/html', false);
    health.answered('HTTP 400', true);
    for (let i = 1; i < BROKEN_AFTER_UNUSABLE; i++) health.answered('HTTP 200 text/html', false);
    assert.equal(health.deadReason(), undefined);
    health.answered('HTTP 200 text/html to POST /api/v1/chats', false);
    assert.match(health.deadReason() ?? '', /no longer speaks the API/);
  });
});
