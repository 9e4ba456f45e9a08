// The mock takes every reading of the open choices of a chat's life (specs/open-choices.yaml):
// each probe shows one reading's answer, holds on a mock that takes it, and fails on the default
// mock, so every reading is real and none is the default under another name.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { MOCK_DEFAULTS, type Tenant } from '../../src/config/settings.ts';
import { loadRegister } from '../../src/contract/open-choices.ts';
import { createBody, createdOf, errorOf, historyOf, probeMock, recipients, type Exchange, type MockClient } from './support/mock-probe.ts';
import { MockReadings } from '../../src/mock/readings.ts';
import { APPEND_DELAY_MS, LINE_READY_DELAY_MS } from '../../src/mock/store.ts';

const A: Tenant = MOCK_DEFAULTS.tenant;
const is = (res: Exchange, status: number, code?: number) => res.status === status && (code === undefined || errorOf(res)?.code === code);
const field = (res: Exchange, key: string): unknown => (res.json as Record<string, unknown> | undefined)?.[key];
const chatOf = (res: Exchange) => field(res, 'chat') as { id?: string; display_name?: string | null; group_chat_icon?: string | null } | undefined;
const text = (value: string) => ({ type: 'text', value });

async function chat(c: MockClient, members = 1, to = recipients(members)) {
  const res = createdOf(await c.create(createBody(A, { to, subject: members > 1 ? 'g' : undefined })));
  return { id: res.chat.id, to, messageId: res.message.id };
}
const post = (c: MockClient, path: string, body?: unknown) => c.send({ path, body });
const put = (c: MockClient, id: string, body: unknown) => c.send({ method: 'PUT', path: `/api/v1/chats/${id}`, body });
const remove = (c: MockClient, id: string, address: string) => c.send({ method: 'DELETE', path: `/api/v1/chats/${id}/participants/${encodeURIComponent(address)}` });
const followUp = async (c: MockClient, id: string, value: string, key?: string) => c.followup(id, { message: { parts: [text(value)], ...(key ? { idempotency_key: key } : {}) } });
const messageIdOf = (res: Exchange) => (field(res, 'message') as { id: string }).id;
const listedIds = async (c: MockClient, id: string) => historyOf(await c.history(id)).messages.map((m) => m.id);
const listedTexts = async (c: MockClient, id: string) => historyOf(await c.history(id)).messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'text' ? [p.value] : [])));
const unpinned = async (c: MockClient, members: number) => {
  const made = await chat(c, members);
  await post(c, '/__mock/unpin-line', { chat_id: made.id });
  return made;
};
async function leftGroup(c: MockClient) {
  const made = await chat(c, 4);
  assert.ok(is(await post(c, `/api/v1/chats/${made.id}/leave`), 200));
  return made;
}
async function inbound(c: MockClient) {
  const { id } = await chat(c);
  return (field(await post(c, '/__mock/inbound', { chat_id: id }), 'message') as { id: string }).id;
}
async function lateEdit(c: MockClient) {
  const { id, messageId } = await chat(c);
  await post(c, '/__mock/clock', { seconds: 901, chat_id: id });
  return post(c, `/api/v1/messages/${messageId}/edit`, { new_text: 'late' });
}

type Probe = (c: MockClient) => Promise<boolean>;

/** [choice, reading, what the reading answers (holds under it, not by default)]. */
const READINGS: [string, string, Probe][] = [
  ['followup-idempotency-key', 'ignored', async (c) => {
    const { id } = await chat(c);
    return messageIdOf(await followUp(c, id, 'once', 'k1')) !== messageIdOf(await followUp(c, id, 'once', 'k1'));
  }],
  ['followup-idempotency-key', 'dedupes-per-tenant', async (c) => {
    const [one, two] = [await chat(c), await chat(c, 1, ['+14155550150'])];
    await followUp(c, one.id, 'same', 'shared');
    return is(await followUp(c, two.id, 'same', 'shared'), 422);
  }],
  ['followup-keyless-duplicates', 'content-dedupe', async (c) => {
    const { id } = await chat(c);
    return messageIdOf(await followUp(c, id, 'twice')) === messageIdOf(await followUp(c, id, 'twice'));
  }],
  ['success-status', 'ok-200', async (c) => is(await followUp(c, (await chat(c)).id, 'hi'), 200)],
  ['success-status', 'accepted-202', async (c) => is(await followUp(c, (await chat(c)).id, 'hi'), 202)],
  ['history-order-ties', 'timestamp-order', async (c) => historyOf(await c.history((await chat(c)).id)).messages.every((m) => /:\d\dZ$/.test(m.created_at))],
  ['history-read-after-write', 'eventual', async (c) => {
    const { id } = await chat(c);
    const before = (await listedIds(c, id)).length;
    await delay(APPEND_DELAY_MS + 50);
    return before === 0 && (await listedIds(c, id)).length === 1;
  }],
  ['history-read-after-write', 'best-effort', async (c) => {
    const { id } = await chat(c);
    for (let i = 0; i < 5; i++) await followUp(c, id, `m${i}`);
    return (await listedIds(c, id)).length < 6;
  }],
  ['history-extra-entries', 'events-listed', async (c) => {
    const { id, messageId } = await chat(c);
    await post(c, `/api/v1/messages/${messageId}/react`, { reaction: 'love' });
    return (await listedTexts(c, id)).some((t) => t.startsWith('Loved “'));
  }],
  ['history-entry-shape', 'wider-entries', async (c) => historyOf(await c.history((await chat(c)).id)).messages.some((m) => (m.service as string) === 'sms')],
  ['history-after-edit', 'as-sent', async (c) => {
    const { id, messageId } = await chat(c);
    await post(c, `/api/v1/messages/${messageId}/edit`, { new_text: 'fixed' });
    return !(await listedTexts(c, id)).includes('fixed');
  }],
  ['history-after-edit', 'separate-entry', async (c) => {
    const { id, messageId } = await chat(c);
    await post(c, `/api/v1/messages/${messageId}/edit`, { new_text: 'fixed' });
    return (await listedIds(c, id)).length === 2;
  }],
  ['edited-part-index', 'parts-index', async (c) => {
    const { id } = await chat(c);
    const sent = messageIdOf(await c.followup(id, { message: { parts: [text('a'), { type: 'media', attachment_id: 'att_1' }, text('b')] } }));
    return is(await post(c, `/api/v1/messages/${sent}/edit`, { new_text: 'x', edited_part_index: 1 }), 400, 1002);
  }],
  ['edit-index-out-of-range', 'not-editable', async (c) => is(await post(c, `/api/v1/messages/${(await chat(c)).messageId}/edit`, { new_text: 'x', edited_part_index: 3 }), 502, 4001)],
  ['edit-index-out-of-range', 'other-refusal', async (c) => is(await post(c, `/api/v1/messages/${(await chat(c)).messageId}/edit`, { new_text: 'x', edited_part_index: 3 }), 422)],
  ['edit-window-code', 'catalog-4099', async (c) => is(await lateEdit(c), 422, 4099)],
  ['edit-window-code', 'route-override', async (c) => {
    const res = await lateEdit(c);
    return is(res, 502, 4001) && errorOf(res)?.retryable === false;
  }],
  ['edit-count-limit', 'apple-limit', async (c) => {
    const path = `/api/v1/messages/${(await chat(c)).messageId}/edit`;
    for (let i = 0; i < 5; i++) assert.ok(is(await post(c, path, { new_text: `e${i}` }), 200));
    return is(await post(c, path, { new_text: 'sixth' }), 502, 4001);
  }],
  ['edit-inbound-answer', 'not-editable', async (c) => is(await post(c, `/api/v1/messages/${await inbound(c)}/edit`, { new_text: 'x' }), 502, 4001)],
  ['edit-inbound-answer', 'not-found', async (c) => is(await post(c, `/api/v1/messages/${await inbound(c)}/edit`, { new_text: 'x' }), 404, 2003)],
  ['followup-attachment-unuploaded', 'checked', async (c) => is(await c.followup((await chat(c)).id, { message: { parts: [{ type: 'media', attachment_id: 'att_0123' }] } }), 404, 5001)],
  ['roster-lists-line', 'listed-as-from', async (c) => (field(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/participants`, { address: '+14155550190' }), 'participants') as string[]).includes(A.from)],
  ['roster-lists-line', 'listed-as-handle', async (c) => (field(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/participants`, { address: '+14155550190' }), 'participants') as string[]).length === 4],
  ['group-floor-line-counts', 'line-not-counted', async (c) => {
    const { id, to } = await chat(c, 3);
    return is(await remove(c, id, to[0] as string), 400, 1002);
  }],
  ['group-ops-after-leave', 'no-pinned-line', async (c) => is(await put(c, (await leftGroup(c)).id, { display_name: 'x' }), 501, 4099)],
  ['group-ops-after-leave', 'downstream-refused', async (c) => is(await followUp(c, (await leftGroup(c)).id, 'after'), 502, 4001)],
  ['group-ops-after-leave', 'chat-gone', async (c) => {
    const { id } = await leftGroup(c);
    return is(await c.history(id), 404, 2002) && is(await post(c, `/api/v1/chats/${id}/leave`), 400, 1006);
  }],
  ['group-ops-after-leave', 'record-updated', async (c) => is(await put(c, (await leftGroup(c)).id, { display_name: 'x' }), 200)],
  ['refusal-order', 'floor-first', async (c) => is(await remove(c, (await chat(c, 2)).id, '+14155550190'), 400, 1002)],
  ['refusal-order', 'body-first', async (c) => is(await post(c, `/api/v1/chats/${(await chat(c)).id}/participants`, {}), 400, 1001)],
  ['mark-read-in-groups', 'no-single-recipient', async (c) => is(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/mark-read`), 422, 1002)],
  ['typing-in-groups', 'direct-only', async (c) => is(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/typing`, { state: 'typing' }), 400, 1006)],
  ['line-ready-after-create', 'ready-after-delivery', async (c) => {
    const { id } = await chat(c, 4);
    const early = await post(c, `/api/v1/chats/${id}/mark-read`);
    await delay(LINE_READY_DELAY_MS + 50);
    return is(early, 501, 4099) && is(await post(c, `/api/v1/chats/${id}/mark-read`), 200);
  }],
  ['id-echo-form', 'canonical-form', async (c) => {
    const { id } = await chat(c, 4);
    const left = field(await post(c, `/api/v1/chats/${id}/leave`), 'chat_id');
    return left === `ch_${id}` && is(await c.history(String(left)), 200);
  }],
  ['wrong-kind-of-id', 'type-mismatch', async (c) => is(await post(c, `/api/v1/messages/${(await chat(c)).id}/react`, { reaction: 'like' }), 409, 1011)],
  ['lifecycle-4099-status', 'catalog', async (c) => is(await put(c, (await unpinned(c, 3)).id, { display_name: 'x' }), 422, 4099)],
  ['rename-icon-handling', 'rehosted', async (c) => chatOf(await put(c, (await chat(c, 2)).id, { group_chat_icon: 'https://example.com/i.png' }))?.group_chat_icon?.startsWith('https://cdn.') === true],
  ['rename-icon-handling', 'fetched-refused', async (c) => is(await put(c, (await chat(c, 2)).id, { group_chat_icon: 'https://example.com/i.png' }), 502, 4001)],
  ['rename-icon-scheme', 'taken', async (c) => chatOf(await put(c, (await chat(c, 2)).id, { group_chat_icon: 'http://example.com/i.png' }))?.group_chat_icon === 'http://example.com/i.png'],
  ['rename-partial-update', 'replace', async (c) => {
    const { id } = await chat(c, 2);
    await put(c, id, { display_name: 'Named' });
    return chatOf(await put(c, id, { group_chat_icon: 'https://example.com/i.png' }))?.display_name === null;
  }],
  ['rename-trim-characters', 'spaces-only', async (c) => chatOf(await put(c, (await chat(c, 2)).id, { display_name: '\tCrew ' }))?.display_name === '\tCrew'],
  ['rename-trim-characters', 'control-characters-refused', async (c) => is(await put(c, (await chat(c, 2)).id, { display_name: '\tCrew' }), 400, 1002)],
  ['life-body-leniency', 'lenient', async (c) => {
    const { id } = await chat(c, 2);
    return is(await put(c, id, 'null'), 200) && (field(await post(c, `/api/v1/chats/${id}/participants`, { address: 14155550190 }), 'added') === '+14155550190');
  }],
  ['participant-address-invalid-code', 'invalid-value', async (c) => is(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/participants`, { address: '555' }), 400, 1002)],
  ['participant-address-invalid-code', 'missing', async (c) => is(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/participants`, { address: 42 }), 400, 1001)],
  ['typing-invalid-state', 'rejected-other', async (c) => is(await post(c, `/api/v1/chats/${(await chat(c)).id}/typing`, { state: 'dancing' }), 422, 1002)],
  ['typing-invalid-state', 'lenient', async (c) => is(await post(c, `/api/v1/chats/${(await chat(c)).id}/typing`, { state: 'dancing' }), 200)],
  ['group-size-after-add', 'capped', async (c) => {
    const { id } = await chat(c, 31);
    return is(await post(c, `/api/v1/chats/${id}/participants`, { address: '+14155550190' }), 400, 1002);
  }],
  ['chat-reuse-same-recipients', 'reuse-direct', async (c) => (await chat(c)).id === (await chat(c)).id],
  ['chat-reuse-same-recipients', 'reuse-any', async (c) => (await chat(c, 3)).id === (await chat(c, 3)).id],
  // Refused at once: no chat to fictional recipients can even be created (every route after it then meets none).
  ['undeliverable-recipient', 'refused-sync', async (c) => is(await c.create(createBody(A)), 502, 4001)],
];

async function holds(probe: Probe, readings?: [string, string]): Promise<boolean> {
  const { mock, client } = await probeMock(readings ? { readings: new MockReadings([readings]) } : {}, false);
  try {
    return await probe(client);
  } finally {
    await mock.close();
  }
}

describe('each reading of a chat-life open choice changes what the mock answers', () => {
  for (const [choice, reading, probe] of READINGS) {
    it(`${choice}=${reading}`, async () => {
      assert.equal(await holds(probe, [choice, reading]), true, 'under the reading');
      assert.equal(await holds(probe), false, 'by default');
    });
  }
});

it('every reading of the chat-life choices (the register from followup-idempotency-key on) has a probe', () => {
  const { choices } = loadRegister();
  const life = choices.slice(choices.findIndex((c) => c.id === 'followup-idempotency-key'));
  const probed = new Set(READINGS.map(([choice, reading]) => `${choice}=${reading}`));
  const missing = life.flatMap((c) => c.readings.slice(1).map((r) => `${c.id}=${r.id}`)).filter((r) => !probed.has(r));
  assert.deepEqual(missing, []);
});
