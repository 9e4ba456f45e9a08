// The faults of a chat's life after creation: each probe states one contract fact, holds on the
// clean mock and fails on the mock with its fault (tests/unit/mock-faults.test.ts does the rest).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MOCK_DEFAULTS, type Tenant } from '../../src/config/settings.ts';
import { FAULTS, type FaultName } from '../../src/mock/faults.ts';
import { createBody, createdOf, errorOf, probeMock, recipients, type Exchange, type MockClient } from './support/mock-probe.ts';
import { isLifeFault, type LifeFault } from './life-faults.ts';

const A: Tenant = MOCK_DEFAULTS.tenant;
const B = MOCK_DEFAULTS.tenantB;


const is = (res: Exchange, status: number, code?: number) => res.status === status && (code === undefined || errorOf(res)?.code === code);
const field = (res: Exchange, key: string): unknown => (res.json as Record<string, unknown> | undefined)?.[key];

async function chat(c: MockClient, members = 1) {
  const res = createdOf(await c.create(createBody(A, { to: recipients(members), subject: members > 1 ? 'g' : undefined })));
  return { id: res.chat.id, to: recipients(members), messageId: res.message.id };
}
const post = (c: MockClient, path: string, body?: unknown, tenant = A) => c.send({ path, body, auth: { kind: 'bearer', tenant } });
const put = (c: MockClient, id: string, body: unknown) => c.send({ method: 'PUT', path: `/api/v1/chats/${id}`, body });
const remove = (c: MockClient, id: string, address: string) => c.send({ method: 'DELETE', path: `/api/v1/chats/${id}/participants/${encodeURIComponent(address)}` });
const roster = (res: Exchange) => field(res, 'participants') as string[];

type Probe = (c: MockClient) => Promise<boolean>;

const probes = {
  typingStateEchoed: async (c) => field(await post(c, `/api/v1/chats/${(await chat(c)).id}/typing`, { state: 'stopped' }), 'state') === 'stopped',
  typingBadState400: async (c) => is(await post(c, `/api/v1/chats/${(await chat(c)).id}/typing`, { state: 'dancing' }), 400),
  typingUnknownChat404: async (c) => is(await post(c, '/api/v1/chats/00000000-0000-4000-8000-000000000000/typing', { state: 'typing' }), 404, 2002),
  markReadTwice: async (c) => {
    const { id } = await chat(c);
    return is(await post(c, `/api/v1/chats/${id}/mark-read`), 200) && is(await post(c, `/api/v1/chats/${id}/mark-read`), 200);
  },
  renameTrimmed: async (c) => ((field(await put(c, (await chat(c, 3)).id, { display_name: '  Crew  ' }), 'chat') as { display_name?: string } | undefined)?.display_name === 'Crew'),
  renameBlank400: async (c) => is(await put(c, (await chat(c, 3)).id, { display_name: '   ' }), 400),
  renameDirect1006: async (c) => is(await put(c, (await chat(c)).id, { display_name: 'x' }), 400, 1006),
  addListsNewMember: async (c) => roster(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/participants`, { address: '+14155550190' }))?.includes('+14155550190'),
  addTwiceOnce: async (c) => {
    const { id } = await chat(c, 2);
    await post(c, `/api/v1/chats/${id}/participants`, { address: '+14155550190' });
    return roster(await post(c, `/api/v1/chats/${id}/participants`, { address: '+14155550190' })).filter((a) => a === '+14155550190').length === 1;
  },
  addMissing1001: async (c) => is(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/participants`, {}), 400, 1001),
  removeMember: async (c) => {
    const { id, to } = await chat(c, 4);
    return is(await remove(c, id, to[0] as string), 200);
  },
  removeTwice1001: async (c) => {
    const { id, to } = await chat(c, 5);
    await remove(c, id, to[0] as string);
    return is(await remove(c, id, to[0] as string), 400, 1001);
  },
  removeFloor1002: async (c) => {
    const { id, to } = await chat(c, 2);
    return is(await remove(c, id, to[0] as string), 400, 1002);
  },
  participantsDirect1006: async (c) => is(await post(c, `/api/v1/chats/${(await chat(c)).id}/participants`, { address: '+14155550190' }), 400, 1006),
  leaveFourMembers: async (c) => is(await post(c, `/api/v1/chats/${(await chat(c, 4)).id}/leave`), 200),
  leaveTwice1006: async (c) => {
    const { id } = await chat(c, 4);
    await post(c, `/api/v1/chats/${id}/leave`);
    return is(await post(c, `/api/v1/chats/${id}/leave`), 400, 1006);
  },
  leaveFloor1002: async (c) => is(await post(c, `/api/v1/chats/${(await chat(c, 2)).id}/leave`), 400, 1002),
  leaveDirect1006: async (c) => is(await post(c, `/api/v1/chats/${(await chat(c)).id}/leave`), 400, 1006),
  reactTwice: async (c) => {
    const { messageId } = await chat(c);
    const path = `/api/v1/messages/${messageId}/react`;
    return is(await post(c, path, { reaction: 'like' }), 200) && is(await post(c, path, { reaction: 'like' }), 200);
  },
  reactInvalid1002: async (c) => is(await post(c, `/api/v1/messages/${(await chat(c)).messageId}/react`, { reaction: 'wow' }), 400, 1002),
  reactOtherTenant2003: async (c) => is(await post(c, `/api/v1/messages/${(await chat(c)).messageId}/react`, { reaction: 'like' }, B), 404, 2003),
  editEchoesNewText: async (c) => field(await post(c, `/api/v1/messages/${(await chat(c)).messageId}/edit`, { new_text: 'fixed' }), 'new_text') === 'fixed',
  editEmpty1002: async (c) => is(await post(c, `/api/v1/messages/${(await chat(c)).messageId}/edit`, { new_text: '' }), 400, 1002),
  editLate4001: async (c) => {
    const { id, messageId } = await chat(c);
    await post(c, '/__mock/clock', { seconds: 901, chat_id: id });
    return is(await post(c, `/api/v1/messages/${messageId}/edit`, { new_text: 'late' }), 502, 4001);
  },
  editInboundRefused: async (c) => {
    const { id } = await chat(c);
    const inbound = (field(await post(c, '/__mock/inbound', { chat_id: id }), 'message') as { id: string }).id;
    const res = await post(c, `/api/v1/messages/${inbound}/edit`, { new_text: 'x' });
    return (res.status >= 400 && res.status < 500) || is(res, 502, 4001);
  },
  editOtherTenant2003: async (c) => is(await post(c, `/api/v1/messages/${(await chat(c)).messageId}/edit`, { new_text: 'x' }, B), 404, 2003),
  unavailableStatusPerRoute: async (c) => {
    const { id, to } = await chat(c, 4);
    await post(c, '/__mock/unpin-line', { chat_id: id });
    return is(await remove(c, id, to[0] as string), 422, 4099) && is(await post(c, `/api/v1/chats/${id}/leave`), 501, 4099);
  },
} satisfies Record<string, Probe>;

const LIFE_FAULT_PROBES: Record<LifeFault, keyof typeof probes> = {
  'typing-state-not-echoed': 'typingStateEchoed',
  'typing-any-state': 'typingBadState400',
  'typing-any-chat': 'typingUnknownChat404',
  'mark-read-twice-error': 'markReadTwice',
  'rename-not-trimmed': 'renameTrimmed',
  'rename-blank-accepted': 'renameBlank400',
  'rename-direct-accepted': 'renameDirect1006',
  'participant-add-roster-stale': 'addListsNewMember',
  'participant-add-duplicates': 'addTwiceOnce',
  'participant-add-missing-1002': 'addMissing1001',
  'participant-remove-undecoded': 'removeMember',
  'participant-remove-twice-ok': 'removeTwice1001',
  'participant-floor-ignored': 'removeFloor1002',
  'participant-direct-accepted': 'participantsDirect1006',
  'leave-floor-five': 'leaveFourMembers',
  'leave-twice-succeeds': 'leaveTwice1006',
  'leave-floor-ignored': 'leaveFloor1002',
  'leave-direct-accepted': 'leaveDirect1006',
  'react-repeat-409': 'reactTwice',
  'react-any-reaction': 'reactInvalid1002',
  'react-cross-tenant': 'reactOtherTenant2003',
  'edit-echoes-old-text': 'editEchoesNewText',
  'edit-empty-accepted': 'editEmpty1002',
  'edit-window-unchecked': 'editLate4001',
  'edit-inbound-accepted': 'editInboundRefused',
  'edit-cross-tenant': 'editOtherTenant2003',
  'line-4099-uniform-501': 'unavailableStatusPerRoute',
  'line-4099-uniform-422': 'unavailableStatusPerRoute',
};

async function holds(probe: keyof typeof probes, fault: FaultName | undefined): Promise<boolean> {
  const { mock, client } = await probeMock(fault === undefined ? {} : { fault }, fault === undefined);
  try {
    return await probes[probe](client);
  } finally {
    await mock.close();
  }
}

describe('each fault of a chat\'s life changes behaviour', () => {
  it('every such fault has a probe here', () => {
    assert.deepEqual(FAULTS.filter((f) => isLifeFault(f.name) && !(f.name in LIFE_FAULT_PROBES)).map((f) => f.name), []);
  });
  for (const [fault, probe] of Object.entries(LIFE_FAULT_PROBES) as [LifeFault, keyof typeof probes][]) {
    it(`${fault} breaks "${probe}"`, async () => {
      assert.equal(await holds(probe, undefined), true, `${probe} holds on the clean mock`);
      assert.equal(await holds(probe, fault), false, `${probe} fails under ${fault}`);
    });
  }
});
