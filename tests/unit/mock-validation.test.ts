// The mock's validation codes on POST /api/v1/chats, one table run by one loop (contract §2),
// and the order it checks them in when a request breaks several rules.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { createBody, errorOf, probeMock, recipients, type MockClient } from './support/mock-probe.ts';
import type { RunningMock } from '../../src/mock/server.ts';

const tenant = MOCK_DEFAULTS.tenant;
const text = (value: string) => ({ type: 'text', value });
const media = { type: 'media', attachment_id: 'att_1' };
const link = { type: 'rich_link', url: 'https://example.com/demo' };
const base = () => createBody(tenant);
const withMessage = (message: unknown) => ({ ...base(), message });
const without = (key: string) => Object.fromEntries(Object.entries(base()).filter(([k]) => k !== key));

type Case = [string, { body: unknown; status: number; code: number }];

const cases: Case[] = [
  ['missing `from` returns 400 / 1001', { body: without('from'), status: 400, code: 1001 }],
  ['missing `to` returns 400 / 1001', { body: without('to'), status: 400, code: 1001 }],
  ['missing `message` returns 400 / 1001', { body: without('message'), status: 400, code: 1001 }],
  ['missing `message.parts` returns 400 / 1001', { body: withMessage({ subject: 'x' }), status: 400, code: 1001 }],
  ['an empty `to` returns 400 / 1001', { body: { ...base(), to: [] }, status: 400, code: 1001 }],
  ['empty `message.parts` returns 400 / 1001', { body: withMessage({ parts: [] }), status: 400, code: 1001 }],
  ['a null `from` counts as missing: 400 / 1001', { body: { ...base(), from: null }, status: 400, code: 1001 }],
  ['`to` as a string returns 400 / 1002', { body: { ...base(), to: '+14155550100' }, status: 400, code: 1002 }],
  ['a number in `to` returns 400 / 1002', { body: { ...base(), to: [14155550100] }, status: 400, code: 1002 }],
  ['`from` as a number returns 400 / 1002', { body: { ...base(), from: 15555550100 }, status: 400, code: 1002 }],
  ['`message` as a string returns 400 / 1002', { body: withMessage('hi'), status: 400, code: 1002 }],
  ['`message.parts` as an object returns 400 / 1002', { body: withMessage({ parts: { type: 'text' } }), status: 400, code: 1002 }],
  ['an unknown part type returns 400 / 1002', { body: withMessage({ parts: [{ type: 'sticker', id: 'x' }] }), status: 400, code: 1002 }],
  ['a text part without a value returns 400 / 1002', { body: withMessage({ parts: [{ type: 'text' }] }), status: 400, code: 1002 }],
  ['a media part without attachment_id returns 400 / 1002', { body: { ...base(), message: { parts: [text('a'), { type: 'media' }] } }, status: 400, code: 1002 }],
  ['a rich_link with a non-URL returns 400 / 1002', { body: withMessage({ parts: [text('a'), { type: 'rich_link', url: 'not a url' }] }), status: 400, code: 1002 }],
  ['a numeric subject returns 400 / 1002', { body: withMessage({ parts: [text('a')], subject: 5 }), status: 400, code: 1002 }],
  ['an empty idempotency_key returns 400 / 1002', { body: withMessage({ parts: [text('a')], idempotency_key: '' }), status: 400, code: 1002 }],
  ['a JSON array body returns 400 / 1002', { body: '[1,2]', status: 400, code: 1002 }],
  ['invalid JSON returns 400 / 1004', { body: '{"from": "+15555550100",', status: 400, code: 1004 }],
  ['an empty body returns 400 / 1004', { body: '', status: 400, code: 1004 }],
  ['a `to` without + returns 400 / 1003', { body: { ...base(), to: ['14155550100'] }, status: 400, code: 1003 }],
  ['a `to` with letters returns 400 / 1003', { body: { ...base(), to: ['+1415555CALL'] }, status: 400, code: 1003 }],
  ['a `to` of 16 digits returns 400 / 1003', { body: { ...base(), to: ['+1415555010012345'] }, status: 400, code: 1003 }],
  ['an empty `to` entry returns 400 / 1003', { body: { ...base(), to: [''] }, status: 400, code: 1003 }],
  ['a zero country code returns 400 / 1003', { body: { ...base(), to: ['+04155550100'] }, status: 400, code: 1003 }],
  ['a formatted number (+1 415-555-0100) returns 400 / 1003', { body: { ...base(), to: ['+1 415-555-0100'] }, status: 400, code: 1003 }],
  ['a bad number after a good one returns 400 / 1003', { body: { ...base(), to: ['+14155550100', 'abc'] }, status: 400, code: 1003 }],
  ['a `from` without + returns 400 / 1003', { body: { ...base(), from: '15555550100' }, status: 400, code: 1003 }],
  ['32 recipients return 422 / 1006', { body: { ...base(), to: recipients(32) }, status: 422, code: 1006 }],
  ['40 recipients return 422 / 1006', { body: { ...base(), to: recipients(40) }, status: 422, code: 1006 }],
  ['more than 10 parts return 400 / 1006', { body: withMessage({ parts: Array.from({ length: 11 }, (_, i) => (i % 2 ? media : text(`t${i}`))) }), status: 400, code: 1006 }],
  ['a group with media first returns 501 / 4099', { body: { ...base(), to: recipients(2), message: { parts: [media] } }, status: 501, code: 4099 }],
  ['a group with a rich_link after text returns 501 / 4099', { body: { ...base(), to: recipients(2), message: { parts: [text('a'), link] } }, status: 501, code: 4099 }],
  ['a group with media anywhere returns 501 / 4099', { body: { ...base(), to: recipients(3), message: { parts: [text('a'), link, text('b'), media] } }, status: 501, code: 4099 }],
  ['two consecutive text parts return 400 / 1008', { body: withMessage({ parts: [text('a'), text('b')] }), status: 400, code: 1008 }],
  ['an https URL in a text part returns 400 / 1005', { body: withMessage({ parts: [text('see https://example.com')] }), status: 400, code: 1005 }],
  ['a www. host in a text part returns 400 / 1005', { body: withMessage({ parts: [text('see www.example.com today')] }), status: 400, code: 1005 }],
  ['a `from` not assigned to the tenant returns 403 / 2006', { body: { ...base(), from: '+15555550199' }, status: 403, code: 2006 }],
  ["the other tenant's line returns 403 / 2006", { body: { ...base(), from: MOCK_DEFAULTS.tenantB.from }, status: 403, code: 2006 }],
  // The order: required → types → phones → recipient count → part rules → `from` assignment.
  ['a missing field wins over a wrong type: 1001', { body: { from: 5, message: { parts: [text('a')] } }, status: 400, code: 1001 }],
  ['a wrong type wins over a bad phone: 1002', { body: { ...base(), from: 'abc', message: 'x' }, status: 400, code: 1002 }],
  ['a bad phone wins over too many recipients: 1003', { body: { ...base(), to: [...recipients(32), 'abc'] }, status: 400, code: 1003 }],
  ['too many recipients win over the part rules: 422 / 1006', { body: { ...base(), to: recipients(32), message: { parts: [media] } }, status: 422, code: 1006 }],
  ['a part rule wins over an unassigned `from`: 1008', { body: { ...base(), from: '+15555550199', message: { parts: [text('a'), text('b')] } }, status: 400, code: 1008 }],
  ['a bad `from` number is 1003, not 2006', { body: { ...base(), from: '+1555' + 'x' }, status: 400, code: 1003 }],
];

let mock: RunningMock;
let client: MockClient;

before(async () => ({ mock, client } = await probeMock()));
after(() => mock.close());

describe('create: validation codes', () => {
  for (const [title, { body, status, code }] of cases) {
    it(title, async () => {
      const res = await client.create(body);
      assert.deepEqual({ status: res.status, code: errorOf(res)?.code, retryable: errorOf(res)?.retryable }, { status, code, retryable: false });
    });
  }

  it('no rejected request creates a chat', () => {
    assert.equal(mock.stats().chatsCreated, 0);
  });
});

describe('create: accepted edge cases', () => {
  it('URLs outside text parts (a 1:1 rich_link) and text with no URL are accepted', async () => {
    const res = await client.create(createBody(tenant, { parts: [text('example dot com, www and http are just words'), link] }));
    assert.equal(res.status, 201);
  });

  it('exactly 10 parts are accepted', async () => {
    const parts = Array.from({ length: 10 }, (_, i) => (i % 2 ? media : text(`t${i}`)));
    assert.equal((await client.create(createBody(tenant, { parts }))).status, 201);
  });

  it('unknown extra fields are ignored', async () => {
    assert.equal((await client.create({ ...base(), extra: { nested: [1, 2] } })).status, 201);
  });
});
