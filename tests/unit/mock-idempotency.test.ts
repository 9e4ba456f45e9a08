// The mock's idempotency (contract §4): replays, body mismatches, tenant scope, concurrency and
// bounded memory.
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { after, before, describe, it } from 'node:test';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { createChat } from '../../src/mock/handlers/create.ts';
import { createBody, createdOf, errorOf, historyOf, probeMock, sentOf, type MockClient } from './support/mock-probe.ts';
import type { RunningMock } from '../../src/mock/server.ts';
import { createState, DEFAULT_CAPACITY } from '../../src/mock/state.ts';

const A = MOCK_DEFAULTS.tenant;
const B = MOCK_DEFAULTS.tenantB;

let mock: RunningMock;
let client: MockClient;
let keys = 0;
const freshKey = () => `idem-test-${++keys}`;

before(async () => ({ mock, client } = await probeMock()));
after(() => mock.close());

describe('idempotency: replays', () => {
  it('the same key and body return the identical answer and send nothing more', async () => {
    const body = createBody(A, { key: freshKey() });
    const first = await client.create(body);
    const stats = mock.stats();
    const replay = await client.create(body);
    assert.equal(replay.status, first.status);
    assert.equal(replay.text, first.text);
    assert.deepEqual(mock.stats(), { ...stats, requests: stats.requests + 1 });
  });

  it('a replay whose JSON differs only in whitespace and key order is the same request', async () => {
    const body = createBody(A, { key: freshKey(), subject: 'x', to: ['+14155550101', '+14155550102'] });
    const first = createdOf(await client.create(body));
    const { message, to, from } = body as { message: Record<string, unknown>; to: string[]; from: string };
    const reordered = JSON.stringify({ message: Object.fromEntries(Object.entries(message).reverse()), to, from }, null, 4);
    const replay = createdOf(await client.create(reordered));
    assert.deepEqual([replay.chat.id, replay.message.id], [first.chat.id, first.message.id]);
  });

  it('a replay signed with HMAC at another time returns the same ids', async () => {
    const body = JSON.stringify(createBody(A, { key: freshKey() }));
    const first = createdOf(await client.create(body, { kind: 'hmac', tenant: A }));
    const replay = createdOf(await client.create(body, { kind: 'hmac', tenant: A, timestamp: Math.floor(Date.now() / 1000) - 100 }));
    assert.equal(replay.message.id, first.message.id);
  });

  it('after a create replayed three times the history holds one first message', async () => {
    const body = createBody(A, { key: freshKey() });
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(createdOf(await client.create(body)));
    const history = historyOf(await client.history(responses[0]!.chat.id));
    assert.deepEqual(history.messages.map((m) => m.id), [responses[0]!.message.id]);
  });

  it('the same key with another body returns 422 and creates nothing', async () => {
    const key = freshKey();
    await client.create(createBody(A, { key }));
    const stats = mock.stats();
    const other = await client.create(createBody(A, { key, to: ['+14155550199'] }));
    assert.deepEqual({ status: other.status, code: errorOf(other)?.code }, { status: 422, code: 1002 });
    assert.equal(mock.stats().chatsCreated, stats.chatsCreated);
  });

  it('a rejected request does not consume its key', async () => {
    const key = freshKey();
    const bad = await client.create({ ...createBody(A, { key }), to: ['nope'] });
    assert.equal(bad.status, 400);
    assert.equal((await client.create(createBody(A, { key }))).status, 201);
  });

  it("another tenant's identical key gets its own chat", async () => {
    const key = freshKey();
    const a = createdOf(await client.create(createBody(A, { key })));
    const b = createdOf(await client.create(createBody(B, { key }), { kind: 'bearer', tenant: B }));
    assert.notEqual(a.chat.id, b.chat.id);
  });

  it('a follow-up replayed with its key is sent once', async () => {
    const { chat } = createdOf(await client.create(createBody(A)));
    const body = { message: { parts: [{ type: 'text', value: 'again' }], idempotency_key: freshKey() } };
    const first = sentOf(await client.followup(chat.id, body));
    const replay = sentOf(await client.followup(chat.id, body));
    assert.equal(replay.message.id, first.message.id);
    assert.equal(historyOf(await client.history(chat.id)).messages.length, 2);
  });
});

describe('idempotency: concurrency', () => {
  it('200 concurrent requests with one key create exactly one chat', async () => {
    const body = JSON.stringify(createBody(A, { key: freshKey() }));
    const before = mock.stats().chatsCreated;
    const answers = await Promise.all(Array.from({ length: 200 }, () => client.create(body)));
    assert.equal(mock.stats().chatsCreated, before + 1);
    const created = answers.filter((a) => a.status === 201);
    assert.ok(answers.every((a) => a.status === 201 || a.status === 409));
    assert.equal(new Set(created.map((a) => a.text)).size, 1);
  });

  it('a duplicate that arrives while the first is in flight gets 409, and the key yields one chat', async () => {
    const slow = await probeMock({ sendLatencyMs: 50 });
    try {
      const body = JSON.stringify(createBody(A, { key: freshKey() }));
      const answers = await Promise.all(Array.from({ length: 20 }, () => slow.client.create(body)));
      assert.equal(slow.mock.stats().chatsCreated, 1);
      assert.ok(answers.some((a) => a.status === 409 && errorOf(a)?.code === 1002));
      const after = await slow.client.create(body);
      assert.equal(after.text, answers.find((a) => a.status === 201)?.text);
    } finally {
      await slow.mock.close();
    }
  });
});

describe('idempotency: memory', () => {
  it('100,000 creates with distinct keys keep the stores and the heap bounded', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heapMb = () => (gc(), process.memoryUsage().heapUsed / 2 ** 20);
    const state = createState({ tenants: [A] });
    const create = (i: number) => createChat(state, A, createBody(A, { key: `memory-${i}` }));
    for (let i = 0; i < 50_000; i++) create(i);
    const atHalf = heapMb();
    for (let i = 50_000; i < 100_000; i++) create(i);
    const atFull = heapMb();
    assert.equal(state.store.chatsCreated, 100_000);
    assert.ok(state.store.size <= DEFAULT_CAPACITY && state.idempotency.size <= DEFAULT_CAPACITY, `${state.store.size} chats, ${state.idempotency.size} keys kept`);
    assert.ok(atFull - atHalf < 8, `heap grew ${(atFull - atHalf).toFixed(1)} MB over the second 50,000 creates`);
  });
});
