// The follow-up and history routes (contract §1b): tenant-owned chats, history oldest first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { createBody, createdOf, errorOf, historyOf, probeMock, recipients, sentOf, type MockClient } from './support/mock-probe.ts';
import type { RunningMock } from '../../src/mock/server.ts';
import { HISTORY_LIMIT } from '../../src/mock/store.ts';

const A = MOCK_DEFAULTS.tenant;
const B = MOCK_DEFAULTS.tenantB;
const asB = { kind: 'bearer', tenant: B } as const;
const link = { type: 'rich_link', url: 'https://example.com/demo' };
const text = (value: string) => ({ type: 'text', value });

let mock: RunningMock;
let client: MockClient;
let groupId: string;

before(async () => {
  ({ mock, client } = await probeMock());
  groupId = createdOf(await client.create(createBody(A, { to: recipients(3), subject: 'Group' }))).chat.id;
});
after(() => mock.close());

describe('follow-up: POST /api/v1/chats/{id}/messages', () => {
  it("a new group accepts a rich_link follow-up whose chat_id is the group's id", async () => {
    const res = await client.followup(groupId, { message: { parts: [link] } });
    assert.equal(res.status, 201);
    const { message } = sentOf(res);
    assert.equal(message.chat_id, groupId);
    assert.deepEqual(message.parts, [link]);
    assert.equal(message.direction, 'outbound');
  });

  it('a media follow-up and a URL in follow-up text are accepted', async () => {
    const res = await client.followup(groupId, { message: { parts: [text('slides: https://example.com/s'), { type: 'media', attachment_id: 'att_9' }] } });
    assert.equal(res.status, 201);
  });

  const rejected: [string, unknown, number, number][] = [
    ['top-level `parts` returns 400 / 1001', { parts: [text('hi')] }, 400, 1001],
    ['an empty body object returns 400 / 1001', {}, 400, 1001],
    ['`message.parts` as a string returns 400 / 1002', { message: { parts: 'hi' } }, 400, 1002],
    ['two consecutive text parts return 400 / 1008', { message: { parts: [text('a'), text('b')] } }, 400, 1008],
    ['invalid JSON returns 400 / 1004', '{"message":', 400, 1004],
  ];
  for (const [title, body, status, code] of rejected) {
    it(title, async () => {
      const res = await client.followup(groupId, body);
      assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status, code });
    });
  }

  it('an unknown chat returns 404 / 2002', async () => {
    const res = await client.followup('0f2d3c1a-8b4e-4f6a-90d2-1a3b4c5d6e7f', { message: { parts: [text('hi')] } });
    assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status: 404, code: 2002 });
  });

  it("another tenant's chat returns 404 / 2002 and is left unchanged", async () => {
    const before = historyOf(await client.history(groupId)).messages.length;
    const res = await client.followup(groupId, { message: { parts: [text('hi')] } }, asB);
    assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status: 404, code: 2002 });
    assert.equal(historyOf(await client.history(groupId)).messages.length, before);
  });
});

describe('history: GET /api/v1/chats/{id}/messages', () => {
  it('lists the messages sent, oldest first', async () => {
    const { chat, message } = createdOf(await client.create(createBody(A)));
    const second = sentOf(await client.followup(chat.id, { message: { parts: [text('second')] } })).message;
    const third = sentOf(await client.followup(chat.id, { message: { parts: [text('third')] } })).message;
    const history = historyOf(await client.history(chat.id));
    assert.deepEqual(history.messages.map((m) => m.id), [message.id, second.id, third.id]);
    assert.equal(history.has_more, false);
  });

  it(`keeps the ${HISTORY_LIMIT} most recent messages and says there are more`, async () => {
    const { chat } = createdOf(await client.create(createBody(A)));
    const sent: string[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 4; i++) sent.push(sentOf(await client.followup(chat.id, { message: { parts: [text(`m${i}`)] } })).message.id);
    const history = historyOf(await client.history(chat.id));
    assert.equal(history.has_more, true);
    assert.deepEqual(history.messages.map((m) => m.id), sent.slice(-HISTORY_LIMIT));
  });

  it('an unknown chat returns 404 / 2002', async () => {
    const res = await client.history('no-such-chat');
    assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status: 404, code: 2002 });
  });

  it("another tenant's chat returns 404 / 2002", async () => {
    const res = await client.history(groupId, asB);
    assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status: 404, code: 2002 });
  });

  it('a history request without credentials returns 401 / 2012', async () => {
    const res = await client.history(groupId, { kind: 'none' });
    assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status: 401, code: 2012 });
  });
});
