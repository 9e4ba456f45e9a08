// The signing client over a fake transport: retries as the docs allow, re-signing every
// attempt; no answer is inconclusive; the guard runs before anything is sent; nothing leaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifySignature } from '../../src/domain/hmac.ts';
import { ChertClient, InconclusiveError } from '../../src/client/chert-client.ts';
import { UnsafeRequestError } from '../../src/client/guard.ts';
import { InflightLimiter } from '../../src/client/inflight.ts';
import { NoAnswerError, type Transport, type WireRequest, type WireResponse } from '../../src/client/transport.ts';
import { parseSettings } from '../../src/config/settings.ts';

const settings = { ...parseSettings({}), baseUrl: 'http://127.0.0.1:1' };
const body = { from: settings.tenant.from, to: ['+14155550123'], message: { parts: [{ type: 'text', value: 'hi' }] } };

function envelope(status: number, code: number, retryable: boolean, headers: Record<string, string> = {}): WireResponse {
  return { status, headers, text: JSON.stringify({ success: false, error: { status, code, message: 'x', retryable }, trace_id: 't' }) };
}

/** A transport answering from a script, recording what it was sent. */
function scripted(answers: (WireResponse | Error)[]): { transport: Transport; sent: WireRequest[] } {
  const sent: WireRequest[] = [];
  const transport: Transport = async (req) => {
    sent.push(req);
    const next = answers.shift() ?? { status: 201, headers: {}, text: '{}' };
    if (next instanceof Error) throw next;
    return next;
  };
  return { transport, sent };
}

const client = (transport: Transport) => new ChertClient({ settings, transport, authMode: 'hmac' });

test('a 429 waits Retry-After and the retry is signed afresh over the same bytes', async () => {
  const { transport, sent } = scripted([envelope(429, 1007, true, { 'retry-after': '0' })]);
  const res = await client(transport).create(body);
  assert.equal(res.status, 201);
  assert.equal(res.attempts, 2);
  for (const req of sent) {
    assert.equal(verifySignature(settings.tenant.secret, req.headers['x-chert-signature'] as string, req.body as Buffer), 'valid');
    assert.deepEqual(req.body, sent[0]?.body);
  }
});

test('a retryable 503 is retried a bounded number of times, then judged', async () => {
  const { transport, sent } = scripted(Array.from({ length: 10 }, () => envelope(503, 3002, true)));
  const res = await client(transport).create(body);
  assert.equal(res.status, 503);
  assert.equal(sent.length, 6);
});

test('a bodiless 503 with Retry-After (a throttled HEAD) waits and tries again; without Retry-After it is judged', async () => {
  const head = { method: 'HEAD', path: '/api/v1/chats', judgedAnyRepeat: true } as const;
  const throttled = scripted([{ status: 503, headers: { 'retry-after': '0' }, text: '' }, { status: 405, headers: {}, text: '' }]);
  const res = await client(throttled.transport).send(head);
  assert.equal(res.status, 405);
  assert.equal(throttled.sent.length, 2);
  const bare = scripted([{ status: 503, headers: {}, text: '' }]);
  assert.equal((await client(bare.transport).send(head)).status, 503);
  assert.equal(bare.sent.length, 1);
});

test('a 501 is never retried, whatever its retryable flag says', async () => {
  const { transport, sent } = scripted([envelope(501, 4099, true)]);
  assert.equal((await client(transport).create(body)).status, 501);
  assert.equal(sent.length, 1);
});

test('a client error is not retried', async () => {
  const { transport, sent } = scripted([envelope(400, 1001, false)]);
  assert.equal((await client(transport).create(body)).status, 400);
  assert.equal(sent.length, 1);
});

test('with noRetry a 429 is returned to the test', async () => {
  const { transport } = scripted([envelope(429, 1007, true, { 'retry-after': '1' })]);
  assert.equal((await client(transport).create(body, { noRetry: true })).status, 429);
});

test('a target that never answers makes the result inconclusive', async () => {
  const { transport, sent } = scripted([new NoAnswerError('connection refused'), new NoAnswerError('x'), new NoAnswerError('x')]);
  await assert.rejects(client(transport).create(body), (error: unknown) => error instanceof InconclusiveError && /\[inconclusive\]/.test(error.message));
  assert.equal(sent.length, 3);
});

test('the guard refuses a real recipient before anything is sent', async () => {
  const { transport, sent } = scripted([]);
  await assert.rejects(client(transport).create({ ...body, to: ['+14155551234'] }), UnsafeRequestError);
  assert.equal(sent.length, 0);
});

test('recorded exchanges name secrets and signatures by placeholder only', async () => {
  const { transport } = scripted([{ status: 401, headers: {}, text: `{"echo":"${settings.tenant.secret}"}` }]);
  const chert = client(transport);
  await chert.create(body);
  await chert.create(body, { auth: { mode: 'bearer' } });
  const written = JSON.stringify(chert.exchanges);
  assert.ok(!written.includes(settings.tenant.secret));
  assert.doesNotMatch(written, /[0-9a-f]{64}/);
  assert.match(written, /\$CHERT_SIGNING_SECRET/);
});

test('an object body is sent as compact JSON and a string byte for byte', async () => {
  const { transport, sent } = scripted([]);
  await client(transport).create(body, { keyless: true });
  await client(transport).create('{ "raw" : 1 }');
  assert.equal(sent[0]?.body?.toString(), JSON.stringify(body));
  assert.equal(sent[1]?.body?.toString(), '{ "raw" : 1 }');
});

test('a request that waited over a second for an in-flight slot is signed as it leaves, not when it was queued', async () => {
  const { transport, sent } = scripted([]);
  const slow = new InflightLimiter(1);
  const release = await slow.acquire(); // the window is full
  const queuedAt = Math.floor(Date.now() / 1000);
  const pending = new ChertClient({ settings, transport, authMode: 'hmac', limiter: slow }).create(body, { auth: { mode: 'hmac', skewSeconds: -240 } });
  // Past the signature clock's lane offset (at most a lane per worker, src/client/signature-clock.ts).
  const waitSeconds = settings.workers + 1;
  await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000 + 100));
  release('ok');
  await pending;
  const timestamp = Number((sent[0]?.headers['x-chert-signature'] as string).split(',')[1]);
  assert.ok(timestamp > queuedAt - 240, `signed at ${timestamp}, queued at ${queuedAt - 240}`);
  assert.equal(verifySignature(settings.tenant.secret, sent[0]?.headers['x-chert-signature'] as string, sent[0]?.body as Buffer, queuedAt + waitSeconds), 'valid');
});
