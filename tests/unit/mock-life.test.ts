// The mock's routes of a chat's life (contract 1c), judged against the spec on every answer by
// the probe client: rosters, the group floor, 1:1 versus group, second removals and leaves,
// message ownership, the 15-minute edit window on an injected clock, reactions and edit history.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MOCK_DEFAULTS, type Tenant } from '../../src/config/settings.ts';
import { createBody, createdOf, errorOf, historyOf, probeMock, recipients, type Exchange, type MockClient } from './support/mock-probe.ts';
import type { RunningMock } from '../../src/mock/server.ts';

const A: Tenant = MOCK_DEFAULTS.tenant;
const B = MOCK_DEFAULTS.tenantB;
const is = (res: Exchange, status: number, code?: number) => res.status === status && (code === undefined || errorOf(res)?.code === code);
const json = <T>(res: Exchange) => res.json as T;

let now = Date.UTC(2026, 4, 1, 12);
let mock: RunningMock;
let c: MockClient;
before(async () => ({ mock, client: c } = await probeMock({ now: () => now })));
after(() => mock.close());

async function group(members: number): Promise<{ id: string; to: string[]; messageId: string }> {
  const to = recipients(members);
  const res = createdOf(await c.create(createBody(A, { to, subject: 'life' })));
  return { id: res.chat.id, to, messageId: res.message.id };
}
async function direct(): Promise<{ id: string; messageId: string }> {
  const res = createdOf(await c.create(createBody(A)));
  return { id: res.chat.id, messageId: res.message.id };
}
const post = (path: string, body?: unknown, auth: { kind: 'bearer'; tenant: Tenant } = { kind: 'bearer', tenant: A }) => c.send({ path, body, auth });
const remove = (chatId: string, address: string) => c.send({ method: 'DELETE', path: `/api/v1/chats/${chatId}/participants/${encodeURIComponent(address)}` });

describe('typing and mark-read', () => {
  it('echo the chat and state; mark-read twice is a no-op', async () => {
    const { id } = await direct();
    assert.deepEqual(json(await post(`/api/v1/chats/${id}/typing`, { state: 'stopped' })), { status: 'sent', chat_id: id, state: 'stopped' });
    assert.ok(is(await post(`/api/v1/chats/${id}/typing`, { state: 'dancing' }), 400, 1002));
    assert.ok(is(await post(`/api/v1/chats/${id}/typing`, {}), 400, 1001));
    for (let i = 0; i < 2; i++) assert.deepEqual(json(await post(`/api/v1/chats/${id}/mark-read`)), { chat_id: id, status: 'read' });
    assert.ok(is(await post('/api/v1/chats/nope/mark-read'), 404, 2002));
  });
});

describe('rename', () => {
  it('trims, last write wins, refuses 1:1 chats and blank names', async () => {
    const { id } = await group(3);
    await c.send({ method: 'PUT', path: `/api/v1/chats/${id}`, body: { display_name: '  First  ' } });
    const res = await c.send({ method: 'PUT', path: `/api/v1/chats/${id}`, body: { display_name: 'Second', group_chat_icon: 'https://example.com/i.png' } });
    assert.deepEqual(json(res), { chat: { id, display_name: 'Second', group_chat_icon: 'https://example.com/i.png', is_group: true } });
    assert.deepEqual(json(await c.send({ method: 'PUT', path: `/api/v1/chats/${id}`, body: {} })), json(res), 'a body with neither field changes nothing');
    assert.ok(is(await c.send({ method: 'PUT', path: `/api/v1/chats/${id}`, body: { display_name: '   ' } }), 400, 1002));
    assert.ok(is(await c.send({ method: 'PUT', path: `/api/v1/chats/${id}`, body: { group_chat_icon: 'http://example.com/i.png' } }), 400, 1002));
    const one = await direct();
    assert.ok(is(await c.send({ method: 'PUT', path: `/api/v1/chats/${one.id}`, body: { display_name: 'x' } }), 400, 1006));
  });
});

describe('participants', () => {
  it('add is idempotent, accepts `handle`, and needs an address', async () => {
    const { id, to } = await group(2);
    const added = json<{ participants: string[] }>(await post(`/api/v1/chats/${id}/participants`, { address: '+14155550190' }));
    assert.deepEqual(added.participants, [...to, '+14155550190']);
    const again = json<{ participants: string[] }>(await post(`/api/v1/chats/${id}/participants`, { handle: '+14155550190' }));
    assert.deepEqual(again.participants, added.participants);
    assert.ok(is(await post(`/api/v1/chats/${id}/participants`, {}), 400, 1001));
    assert.ok(is(await post(`/api/v1/chats/${id}/participants`, { address: '4155550190' }), 400, 1003));
  });

  it('remove decodes the address, refuses a second removal and the floor of 3', async () => {
    const { id, to } = await group(4);
    const removed = json<{ removed: string; participants: string[] }>(await remove(id, to[0] as string));
    assert.deepEqual(removed, { chat_id: id, removed: to[0], participants: to.slice(1) });
    assert.ok(is(await remove(id, to[0] as string), 400, 1001));
    assert.ok(is(await remove(id, to[1] as string), 200));
    assert.ok(is(await remove(id, to[2] as string), 400, 1002), 'two members and the line: no further removal');
    const one = await direct();
    assert.ok(is(await remove(one.id, '+14155550100'), 400, 1006));
    assert.ok(is(await post(`/api/v1/chats/${one.id}/participants`, { address: '+14155550190' }), 400, 1006));
  });
});

describe('leave', () => {
  it('needs 3 members besides the line, and a second leave is 1006', async () => {
    const small = await group(2);
    assert.ok(is(await post(`/api/v1/chats/${small.id}/leave`), 400, 1002));
    const big = await group(4);
    assert.deepEqual(json(await post(`/api/v1/chats/${big.id}/leave`)), { chat_id: big.id, status: 'left' });
    assert.ok(is(await post(`/api/v1/chats/${big.id}/leave`), 400, 1006));
    assert.ok(is(await post(`/api/v1/chats/${(await direct()).id}/leave`), 400, 1006));
  });
});

describe('react', () => {
  it('records every reaction, repeats included; other tenants and chat ids get 2003', async () => {
    const { id, messageId } = await direct();
    for (const reaction of ['love', 'love', 'question']) {
      assert.deepEqual(json(await post(`/api/v1/messages/${messageId}/react`, { reaction })), { status: 'sent', message_id: messageId, reaction });
    }
    assert.ok(is(await post(`/api/v1/messages/${messageId}/react`, { reaction: 'wow' }), 400, 1002));
    assert.ok(is(await post(`/api/v1/messages/${messageId}/react`, { reaction: 'love' }, { kind: 'bearer', tenant: B }), 404, 2003));
    assert.ok(is(await post(`/api/v1/messages/${id}/react`, { reaction: 'love' }), 404, 2003));
  });
});

describe('edit', () => {
  it('edits outbound text within 15 minutes on the injected clock, keeps the history, then answers 4001', async () => {
    const { id, messageId } = await direct();
    const first = json<{ new_text: string; edit_history: unknown[] }>(await post(`/api/v1/messages/${messageId}/edit`, { new_text: 'fixed' }));
    assert.equal(first.new_text, 'fixed');
    assert.equal(first.edit_history.length, 1);
    assert.ok(historyOf(await c.history(id)).messages.some((m) => m.parts.some((p) => p.type === 'text' && p.value === 'fixed')));
    assert.ok(is(await post(`/api/v1/messages/${messageId}/edit`, { new_text: '' }), 400, 1002));
    now += 15 * 60 * 1000;
    assert.ok(is(await post(`/api/v1/messages/${messageId}/edit`, { new_text: 'at the edge' }), 200));
    now += 1000;
    assert.ok(is(await post(`/api/v1/messages/${messageId}/edit`, { new_text: 'too late' }), 502, 4001));
  });

  it('refuses inbound messages; the clock control ages one chat only', async () => {
    const { id, messageId } = await direct();
    const other = await direct();
    const inbound = json<{ message: { id: string } }>(await post('/__mock/inbound', { chat_id: id, text: 'hello' }));
    assert.ok(is(await post(`/api/v1/messages/${inbound.message.id}/edit`, { new_text: 'x' }), 400, 1002));
    assert.ok(is(await post('/__mock/clock', { seconds: 901, chat_id: id }), 200));
    assert.ok(is(await post(`/api/v1/messages/${messageId}/edit`, { new_text: 'late' }), 502, 4001));
    assert.ok(is(await post(`/api/v1/messages/${other.messageId}/edit`, { new_text: 'on time' }), 200));
  });
});

describe('4099 per route', () => {
  it('answers 422 on the participant routes and 501 on the others once the line is unpinned', async () => {
    const { id, to, messageId } = await group(4);
    await post('/__mock/unpin-line', { chat_id: id });
    assert.ok(is(await post(`/api/v1/chats/${id}/participants`, { address: '+14155550190' }), 422, 4099));
    assert.ok(is(await remove(id, to[0] as string), 422, 4099));
    assert.ok(is(await c.send({ method: 'PUT', path: `/api/v1/chats/${id}`, body: { display_name: 'x' } }), 501, 4099));
    assert.ok(is(await post(`/api/v1/chats/${id}/mark-read`), 501, 4099));
    assert.ok(is(await post(`/api/v1/chats/${id}/leave`), 501, 4099));
    assert.ok(is(await post(`/api/v1/messages/${messageId}/edit`, { new_text: 'x' }), 501, 4099));
  });
});
