// Optional rate limiting (429 / 1007 with Retry-After) and flakiness (503 / 3002 before any side
// effect), over HTTP and on the limiter itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { createBody, errorOf, probeMock } from './support/mock-probe.ts';
import { RateLimiter } from '../../src/mock/rate-limit.ts';

const A = MOCK_DEFAULTS.tenant;
const B = MOCK_DEFAULTS.tenantB;

describe('rate limit', () => {
  it('over the limit a request gets 429 / 1007, retryable, with Retry-After equal to retry_after', async () => {
    const { mock, client } = await probeMock({ rateLimit: 3 });
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => client.create(createBody(A))));
      const limited = answers.filter((a) => a.status === 429);
      assert.ok(limited.length >= 4, `${limited.length} of 10 limited`);
      for (const res of limited) {
        const error = errorOf(res);
        assert.deepEqual([error?.code, error?.retryable], [1007, true]);
        assert.ok(Number.isInteger(error?.retry_after) && (error?.retry_after ?? 0) >= 1);
        assert.equal(res.headers.get('retry-after'), String(error?.retry_after));
      }
      assert.equal(mock.stats().chatsCreated, answers.length - limited.length);
      const other = await client.create(createBody(B), { kind: 'bearer', tenant: B });
      assert.equal(other.status, 201, "another tenant's budget is its own");
    } finally {
      await mock.close();
    }
  });

  it('a fixed window admits the limit per second and resets on the next second', () => {
    let now = 10_000;
    const limiter = new RateLimiter(2, () => now);
    assert.deepEqual([limiter.take('a'), limiter.take('a'), limiter.take('a')], [undefined, undefined, 1]);
    assert.equal(limiter.take('b'), undefined);
    now += 1000;
    assert.equal(limiter.take('a'), undefined);
  });
});

describe('flaky', () => {
  it('a flaky answer is 503 / 3002, retryable, and creates nothing', async () => {
    const { mock, client } = await probeMock({ flaky: 1 });
    try {
      const res = await client.create(createBody(A, { key: 'flaky-key' }));
      assert.deepEqual({ status: res.status, code: errorOf(res)?.code, retryable: errorOf(res)?.retryable }, { status: 503, code: 3002, retryable: true });
      assert.deepEqual([mock.stats().chatsCreated, mock.stats().messagesSent], [0, 0]);
    } finally {
      await mock.close();
    }
  });

  it('with probability P, a request fails when the random draw is below P', async () => {
    const draws = [0.1, 0.9, 0.49, 0.51];
    const { mock, client } = await probeMock({ flaky: 0.5, random: () => draws.shift() ?? 1 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await client.create(createBody(A))).status);
      assert.deepEqual(statuses, [503, 201, 503, 201]);
    } finally {
      await mock.close();
    }
  });

  it('a retry of a flaky create with its key creates the chat once', async () => {
    const draws = [0.1, 0.9, 0.9];
    const { mock, client } = await probeMock({ flaky: 0.5, random: () => draws.shift() ?? 1 });
    try {
      const body = createBody(A, { key: 'retry-me' });
      const statuses = [(await client.create(body)).status, (await client.create(body)).status, (await client.create(body)).status];
      assert.deepEqual(statuses, [503, 201, 201]);
      assert.equal(mock.stats().chatsCreated, 1);
    } finally {
      await mock.close();
    }
  });
});
