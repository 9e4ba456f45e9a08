// The fault catalog: every fault names a real requirement, and every fault changes behaviour. Each
// probe states one contract fact; it holds on the clean mock and fails on the mock with its fault.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nowSeconds, signatureHeader } from '../../src/domain/hmac.ts';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { loadCatalog } from '../../src/contract/requirements.ts';
import { FAULTS, type FaultName } from '../../src/mock/faults.ts';
import { createBody, createdOf, errorOf, historyOf, probeMock, recipients, sentOf, type Exchange, type MockClient } from './support/mock-probe.ts';
import type { MockOptions, RunningMock } from '../../src/mock/server.ts';
import { isEdgeFault, type EdgeFault } from './edge-faults.ts';
import { isLifeFault, type LifeFault } from './life-faults.ts';

const A = MOCK_DEFAULTS.tenant;
const B = MOCK_DEFAULTS.tenantB;
const text = (value: string) => ({ type: 'text', value });
const media = { type: 'media', attachment_id: 'att_1' };
const link = { type: 'rich_link', url: 'https://example.com/demo' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when the answer has this status and, if given, this error code. */
const is = (res: Exchange, status: number, code?: number) => res.status === status && (code === undefined || errorOf(res)?.code === code);
const body = (overrides: Parameters<typeof createBody>[1] = {}) => createBody(A, overrides);

type Probe = (client: MockClient, mock: RunningMock) => Promise<boolean>;

/** Creating with this body gets this status (and code). */
const createGets = (payload: unknown, status: number, code?: number): Probe => async (c) => is(await c.create(payload), status, code);

const probes = {
  bearerWrongRejected: async (c) => is(await c.create(body(), { kind: 'bearer', tenant: A, token: 'f'.repeat(32) }), 401, 2004),
  noCredentials2012: async (c) => is(await c.create(body(), { kind: 'none' }), 401, 2012),
  prettyBodyAccepted: async (c) => is(await c.create(JSON.stringify(body(), null, 2), { kind: 'hmac', tenant: A }), 201),
  timestampOnlySignatureRejected: async (c) => is(await c.create(body(), { kind: 'hmac', tenant: A, signedBody: '' }), 401, 2004),
  tailAlteredSignatureRejected: async (c) => {
    const raw = JSON.stringify(body());
    const header = signatureHeader(A.secret, raw);
    return is(await c.create(raw, { kind: 'hmac', tenant: A, header: header.slice(0, -1) + (header.endsWith('0') ? '1' : '0') }), 401);
  },
  staleRejected2013: async (c) => is(await c.create(body(), { kind: 'hmac', tenant: A, timestamp: nowSeconds() - 400 }), 401, 2013),
  futureRejected2013: async (c) => is(await c.create(body(), { kind: 'hmac', tenant: A, timestamp: nowSeconds() + 400 }), 401, 2013),
  skew240Accepted: async (c) => is(await c.create(body(), { kind: 'hmac', tenant: A, timestamp: nowSeconds() - 240 }), 201),
  signatureWithoutTenantRejected: async (c) => {
    const res = await c.create(body(), { kind: 'hmac', tenant: A, tenantHeader: null });
    return res.status >= 400 && res.status < 500;
  },
  malformedSignature401: async (c) => is(await c.create(body(), { kind: 'hmac', tenant: A, header: 'v2,1700000000' }), 401),
  otherTenantHeaderRejected: async (c) => is(await c.create(body(), { kind: 'hmac', tenant: A, tenantHeader: B.slug }), 401),
  bothHeadersNo5xx: async (c) => {
    const headers = { authorization: `Bearer ${A.secret}` };
    return (await c.send({ body: body(), auth: { kind: 'hmac', tenant: A, signedBody: 'tampered' }, headers })).status < 500;
  },
  hmacValidAccepted: async (c) => is(await c.create(body(), { kind: 'hmac', tenant: A }), 201),
  rejectedSendsNothing: async (c, mock) => {
    await c.create(body({ key: 'probe-key' }), { kind: 'bearer', tenant: A, token: 'wrong' });
    const later = await c.create(body({ key: 'probe-key', to: ['+14155550177'] }));
    return later.status === 201 && mock.stats().chatsCreated === 1;
  },
  thirtyTwoRecipients422: createGets(body({ to: recipients(32) }), 422, 1006),
  thirtyOneRecipientsGroup: async (c) => {
    const res = await c.create(body({ to: recipients(31) }));
    return res.status === 201 && createdOf(res).chat.is_group;
  },
  emptyTo1001: createGets({ ...body(), to: [] }, 400, 1001),
  handlesAreToInOrder: async (c) => {
    const to = ['+14155550150', '+14155550120'];
    return createdOf(await c.create(body({ to }))).chat.handles.map((h) => h.address).join() === to.join();
  },
  twoRecipientsGroup: async (c) => createdOf(await c.create(body({ to: recipients(2) }))).chat.is_group,
  displayNameIsSubject: async (c) => createdOf(await c.create(body({ to: recipients(2), subject: 'Team' }))).chat.display_name === 'Team',
  groupRichLink501: async (c) => {
    const res = await c.create(body({ to: recipients(2), parts: [text('a'), link] }));
    return is(res, 501, 4099) && errorOf(res)?.retryable === false;
  },
  directRichLinkAccepted: createGets(body({ parts: [text('a'), link] }), 201),
  missingParts1001: createGets({ ...body(), message: { subject: 'x' } }, 400, 1001),
  stringTo1002: createGets({ ...body(), to: '+14155550100' }, 400, 1002),
  unknownPart1002: createGets(body({ parts: [{ type: 'sticker', sticker_id: 'x' }] }), 400, 1002),
  invalidJson1004: async (c) => is(await c.create('{"from":'), 400, 1004),
  textUrl1005: createGets(body({ parts: [text('see https://example.com')] }), 400, 1005),
  consecutiveText1008: createGets(body({ parts: [text('a'), text('b')] }), 400, 1008),
  elevenParts1006: createGets(body({ parts: Array.from({ length: 11 }, (_, i) => (i % 2 ? media : text(`t${i}`))) }), 400, 1006),
  oversized413: async (c) => is(await c.create(Buffer.alloc(2 * 1024 * 1024, 0x20)), 413),
  noPlus1003: createGets(body({ to: ['14155550100'] }), 400, 1003),
  sixteenDigits1003: createGets(body({ to: ['+1415555010012345'] }), 400, 1003),
  laterRecipient1003: createGets(body({ to: ['+14155550100', 'abc'] }), 400, 1003),
  lastOfThreeRecipients1003: createGets(body({ to: ['+14155550100', '+14155550101', 'abc'] }), 400, 1003),
  bearerTextUrl1005: async (c) => is(await c.create(body({ parts: [text('see https://example.com')] }), { kind: 'bearer', tenant: A }), 400, 1005),
  ukAccepted: createGets(body({ to: ['+447700900123'] }), 201),
  badFrom1003: createGets({ ...body(), from: '5555550100' }, 400, 1003),
  unassignedFrom403: createGets({ ...body(), from: '+15555550199' }, 403, 2006),
  otherTenantsLine403: createGets({ ...body(), from: B.from }, 403, 2006),
  formattedNormalisedOrRejected: async (c) => {
    const res = await c.create(body({ to: ['+1 415-555-0100'] }));
    return is(res, 400, 1003) || (res.status === 201 && createdOf(res).chat.handles[0]?.address === '+14155550100');
  },
  envelopeHasSuccessFalse: async (c) => ((await c.create(body(), { kind: 'none' })).json as { success?: unknown }).success === false,
  envelopeStatusMatches: async (c) => errorOf(await c.create(body({ to: recipients(32) })))?.status === 422,
  successHasTraceId: async (c) => Boolean((await c.create(body())).traceId),
  markReadHasTraceId: async (c) => Boolean((await c.send({ path: `/api/v1/chats/${createdOf(await c.create(body())).chat.id}/mark-read` })).traceId),
  traceIdMatches: async (c) => {
    const res = await c.create(body(), { kind: 'none' });
    return (res.json as { trace_id?: string }).trace_id === res.traceId;
  },
  lifeRouteTraceIdMatches: async (c) => {
    const res = await c.send({ path: `/api/v1/chats/${createdOf(await c.create(body())).chat.id}/typing`, body: { state: 'dancing' } });
    return res.status === 400 && (res.json as { trace_id?: string }).trace_id === res.traceId;
  },
  retryablePresent: async (c) => typeof errorOf(await c.create(body(), { kind: 'none' }))?.retryable === 'boolean',
  retryAfterMirrored: async (c) => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => c.create(body())));
    const limited = answers.find((a) => a.status === 429);
    return limited !== undefined && limited.headers.get('retry-after') === String(errorOf(limited)?.retry_after);
  },
  replayIdentical: async (c) => {
    const first = await c.create(body({ key: 'replay' }));
    const again = await c.create(body({ key: 'replay' }));
    return first.text === again.text;
  },
  concurrentOneChat: async (c, mock) => {
    const raw = JSON.stringify(body({ key: 'concurrent' }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => c.create(raw)));
    return mock.stats().chatsCreated === 1 && new Set(answers.filter((a) => a.status === 201).map((a) => createdOf(a).chat.id)).size === 1;
  },
  otherBodyNoNewChat: async (c, mock) => {
    const first = await c.create(body({ key: 'mismatch' }));
    const other = await c.create(body({ key: 'mismatch', to: ['+14155550177'] }));
    const sameChat = other.status === 201 && createdOf(other).chat.id === createdOf(first).chat.id;
    return (sameChat || (other.status >= 400 && other.status < 500)) && mock.stats().chatsCreated === 1;
  },
  otherBodyRejected: async (c) => {
    await c.create(body({ key: 'mismatch' }));
    const other = await c.create(body({ key: 'mismatch', to: ['+14155550177'] }));
    return other.status >= 400 && other.status < 500;
  },
  keysPerTenant: async (c) => {
    const a = createdOf(await c.create(body({ key: 'shared' })));
    const b = await c.create(createBody(B, { key: 'shared' }), { kind: 'bearer', tenant: B });
    return b.status === 201 && createdOf(b).chat.id !== a.chat.id;
  },
  replaysSendOnce: async (c) => {
    let chatId = '';
    for (let i = 0; i < 3; i++) chatId = createdOf(await c.create(body({ key: 'thrice' }))).chat.id;
    return historyOf(await c.history(chatId)).messages.length === 1;
  },
  noSuccessWrapper: async (c) => {
    const json = (await c.create(body())).json as Record<string, unknown>;
    return 'chat' in json && 'message' in json && !('success' in json);
  },
  messageChatIdIsChatId: async (c) => {
    const { chat, message } = createdOf(await c.create(body()));
    return message.chat_id === chat.id;
  },
  timestampsUtc: async (c) => createdOf(await c.create(body())).chat.created_at.endsWith('Z'),
  chatIdUuid: async (c) => UUID.test(createdOf(await c.create(body())).chat.id),
  allTextPartsEchoed: async (c) => {
    const parts = [text('one'), media, text('two')];
    return JSON.stringify(createdOf(await c.create(body({ parts }))).message.parts) === JSON.stringify(parts);
  },
  outbound: async (c) => createdOf(await c.create(body())).message.direction === 'outbound',
  otherTenantChat404: async (c) => {
    const { chat } = createdOf(await c.create(body()));
    return is(await c.followup(chat.id, { message: { parts: [text('x')] } }, { kind: 'bearer', tenant: B }), 404, 2002);
  },
  unknownChat404: async (c) => is(await c.followup('no-such-chat', { message: { parts: [text('x')] } }), 404, 2002),
  topLevelParts400: async (c) => {
    const { chat } = createdOf(await c.create(body()));
    return is(await c.followup(chat.id, { parts: [text('x')] }), 400);
  },
  groupFollowupRichLink: async (c) => {
    const { chat } = createdOf(await c.create(body({ to: recipients(2) })));
    return is(await c.followup(chat.id, { message: { parts: [link] } }), 201);
  },
  followupChatId: async (c) => {
    const { chat } = createdOf(await c.create(body()));
    return sentOf(await c.followup(chat.id, { message: { parts: [text('x')] } })).message.chat_id === chat.id;
  },
  historyOldestFirst: async (c) => {
    const { chat, message } = createdOf(await c.create(body()));
    const second = sentOf(await c.followup(chat.id, { message: { parts: [text('x')] } })).message;
    return historyOf(await c.history(chat.id)).messages.map((m) => m.id).join() === [message.id, second.id].join();
  },
  createIs2xx: async (c) => {
    const status = (await c.create(body())).status;
    return status >= 200 && status < 300;
  },
  directHasOneHandle: async (c) => createdOf(await c.create(body({ to: recipients(1) }))).chat.handles.length === 1,
  bearerWithoutTenantAccepted: async (c) => (await c.create(body(), { kind: 'bearer', tenant: A })).status === 201,
  unknownTenantRejected: async (c) => {
    const res = await c.create(body(), { kind: 'hmac', tenant: A, tenantHeader: 'nobody' });
    return is(res, 401, 2004) || is(res, 404, 2001);
  },
  historyOfThisChatOnly: async (c) => {
    await c.create(body());
    const { chat } = createdOf(await c.create(body()));
    return historyOf(await c.history(chat.id)).messages.every((m) => m.chat_id === chat.id);
  },
  nullSubjectNo5xx: async (c) => {
    const res = await c.create({ ...body(), message: { parts: [text('hi')], subject: null } });
    return res.status < 500;
  },
  numericTitle1002: createGets({ ...body(), message: { parts: [text('hi'), { ...link, title: 42 }] } }, 400, 1002),
  elevenFollowUpParts1006: async (c) => {
    const { chat } = createdOf(await c.create(body()));
    const parts = Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? text(`t${i}`) : link));
    return is(await c.followup(chat.id, { message: { parts } }), 400, 1006);
  },
  mismatchNamesNoSignature: async (c) => {
    const raw = JSON.stringify(body());
    const res = await c.create(raw, { kind: 'hmac', tenant: A, signedBody: `${raw} ` });
    return is(res, 401, 2004) && !/[0-9a-f]{64}/.test(res.text);
  },
  rejectedTokenNotEchoed: async (c) => {
    const res = await c.create(body(), { kind: 'bearer', tenant: A, token: `${A.secret}0` });
    return is(res, 401, 2004) && !res.text.includes(A.secret);
  },
  historyKeepsWhiteSpace: async (c) => {
    const { chat } = createdOf(await c.create(body({ parts: [text(' padded \n')] })));
    return (historyOf(await c.history(chat.id)).messages[0]?.parts[0] as { value?: string } | undefined)?.value === ' padded \n';
  },
  zeroWidthKept: async (c) => (createdOf(await c.create(body({ parts: [text('a\u200bb')] }))).message.parts[0] as { value: string }).value === 'a\u200bb',
  longTextKept: async (c) => (createdOf(await c.create(body({ parts: [text('x'.repeat(5000))] }))).message.parts[0] as { value: string }).value.length === 5000,
  historyInSendOrder: async (c) => {
    const { chat, message } = createdOf(await c.create(body()));
    const ids = [message.id];
    for (let i = 0; i < 6; i++) ids.push((sentOf(await c.followup(chat.id, { message: { parts: [text(`m${i}`)] } })) as { message: { id: string } }).message.id);
    return JSON.stringify(historyOf(await c.history(chat.id)).messages.map((m) => m.id)) === JSON.stringify(ids);
  },
  historyNeedsCredentials: async (c) => {
    const { chat } = createdOf(await c.create(body()));
    return is(await c.history(chat.id, { kind: 'none' }), 401, 2012);
  },
  staleHistoryRejected2013: async (c) => {
    const { chat } = createdOf(await c.create(body()));
    return is(await c.history(chat.id, { kind: 'hmac', tenant: A, timestamp: nowSeconds() - 3600 }), 401, 2013);
  },
  historySignedOverEmpty: async (c) => {
    const { chat } = createdOf(await c.create(body()));
    return is(await c.history(chat.id, { kind: 'hmac', tenant: A }), 200);
  },
} satisfies Record<string, Probe>;

type ProbeName = keyof typeof probes;

/** Each fault, the probe that shows it, and options both runs need (a rate limit to observe). */
// The faults of a chat's life after creation have their probes in mock-life-faults.test.ts, those
// at the protocol's edges in mock-edge-faults.test.ts.
const FAULT_PROBES: Record<Exclude<FaultName, LifeFault | EdgeFault>, ProbeName | [ProbeName, Partial<MockOptions>]> = {
  'auth-bearer-accepts-any': 'bearerWrongRejected',
  'auth-missing-wrong-code': 'noCredentials2012',
  'auth-hmac-reserialized': 'prettyBodyAccepted',
  'auth-hmac-ignores-body': 'timestampOnlySignatureRejected',
  'auth-hmac-prefix-compare': 'tailAlteredSignatureRejected',
  'auth-skew-unchecked': 'staleRejected2013',
  'auth-skew-future-unchecked': 'futureRejected2013',
  'auth-skew-too-strict': 'skew240Accepted',
  'auth-skew-wrong-code': 'staleRejected2013',
  'auth-tenant-optional': 'signatureWithoutTenantRejected',
  'auth-malformed-500': 'malformedSignature401',
  'auth-tenant-mismatch': 'otherTenantHeaderRejected',
  'auth-both-headers-500': 'bothHeadersNo5xx',
  'auth-hex-decoded-key': 'hmacValidAccepted',
  'auth-rejected-records-key': 'rejectedSendsNothing',
  'auth-get-unauthenticated': 'historyNeedsCredentials',
  'auth-skew-get-unchecked': 'staleHistoryRejected2013',
  'null-optional-500': 'nullSubjectNo5xx',
  'history-order-by-id': 'historyInSendOrder',
  'history-trims-text': 'historyKeepsWhiteSpace',
  'text-zero-width-stripped': 'zeroWidthKept',
  'text-truncated-4096': 'longTextKept',
  'secret-in-error': 'mismatchNamesNoSignature',
  'bearer-token-echoed': 'rejectedTokenNotEchoed',
  'nested-type-unchecked': 'numericTitle1002',
  'followup-parts-max-unchecked': 'elevenFollowUpParts1006',
  'recipients-max-off-by-one': 'thirtyTwoRecipients422',
  'recipients-max-30': 'thirtyOneRecipientsGroup',
  'recipients-empty-wrong-code': 'emptyTo1001',
  'group-handles-include-from': 'handlesAreToInOrder',
  'group-handles-sorted': 'handlesAreToInOrder',
  'group-two-is-direct': 'twoRecipientsGroup',
  'group-display-name-null': 'displayNameIsSubject',
  'media-first-accepted': 'groupRichLink501',
  'media-first-position-0-only': 'groupRichLink501',
  'media-first-retryable': 'groupRichLink501',
  'rich-link-rejected-direct': 'directRichLinkAccepted',
  'missing-parts-wrong-code': 'missingParts1001',
  'wrong-type-500': 'stringTo1002',
  'unknown-part-accepted': 'unknownPart1002',
  'invalid-json-500': 'invalidJson1004',
  'text-url-accepted': 'textUrl1005',
  'consecutive-text-accepted': 'consecutiveText1008',
  'parts-max-unchecked': 'elevenParts1006',
  'oversized-body-500': 'oversized413',
  'phone-no-plus-accepted': 'noPlus1003',
  'phone-16-digits-accepted': 'sixteenDigits1003',
  'phone-first-recipient-only': 'laterRecipient1003',
  'phone-last-recipient-unchecked': 'lastOfThreeRecipients1003',
  'text-url-bearer-unchecked': 'bearerTextUrl1005',
  'trace-id-missing-mark-read': 'markReadHasTraceId',
  'chat-scope-bearer-any-tenant': 'otherTenantChat404',
  'phone-us-only': 'ukAccepted',
  'from-any-line': 'unassignedFrom403',
  'from-any-tenant-line': 'otherTenantsLine403',
  'phone-formatted-stored': 'formattedNormalisedOrRejected',
  'envelope-no-success-flag': 'envelopeHasSuccessFalse',
  'envelope-status-mismatch': 'envelopeStatusMatches',
  'trace-id-missing-on-success': 'successHasTraceId',
  'trace-id-mismatch': 'traceIdMatches',
  'trace-id-mismatch-life-routes': 'lifeRouteTraceIdMatches',
  'retryable-missing': 'retryablePresent',
  'rate-limit-no-retry-after': ['retryAfterMirrored', { rateLimit: 20 }],
  'idem-ignored': 'replayIdentical',
  'idem-new-message-id': 'replayIdentical',
  'idem-race': 'concurrentOneChat',
  'idem-body-mismatch-new-chat': 'otherBodyNoNewChat',
  'idem-body-mismatch-replays': 'otherBodyRejected',
  'idem-global-scope': 'keysPerTenant',
  'idem-replay-history-duplicate': 'replaysSendOnce',
  'idem-top-level-key': 'replayIdentical',
  'response-success-wrapper': 'noSuccessWrapper',
  'message-chat-id-mismatch': 'messageChatIdIsChatId',
  'timestamp-local': 'timestampsUtc',
  'chat-id-not-uuid': 'chatIdUuid',
  'parts-first-only': 'allTextPartsEchoed',
  'direction-inbound': 'outbound',
  'followup-cross-tenant': 'otherTenantChat404',
  'followup-unknown-500': 'unknownChat404',
  'followup-top-level-parts-accepted': 'topLevelParts400',
  'followup-group-rich-link-4099': 'groupFollowupRichLink',
  'followup-wrong-chat-id': 'followupChatId',
  'history-newest-first': 'historyOldestFirst',
  'history-tenant-wide': 'historyOfThisChatOnly',
  'create-redirects': 'createIs2xx',
  'direct-handles-include-from': 'directHasOneHandle',
  'auth-bearer-needs-tenant': 'bearerWithoutTenantAccepted',
  'auth-unknown-tenant-500': 'unknownTenantRejected',
  'history-signed-over-braces': 'historySignedOverEmpty',
};

async function holds(probe: ProbeName, options: Partial<MockOptions>, judge: boolean): Promise<boolean> {
  const { mock, client } = await probeMock(options, judge);
  try {
    return await probes[probe](client, mock);
  } finally {
    await mock.close();
  }
}

describe('fault catalog', () => {
  const requirementIds = new Set(loadCatalog().requirements.map((r) => r.id));

  it('holds at least 20 faults with unique names', () => {
    assert.ok(FAULTS.length >= 20);
    assert.equal(new Set(FAULTS.map((f) => f.name)).size, FAULTS.length);
  });

  it('names only requirements of specs/requirements.yaml', () => {
    assert.deepEqual(FAULTS.filter((f) => !requirementIds.has(f.requirement)).map((f) => `${f.name} → ${f.requirement}`), []);
  });

  it('gives every fault a kebab-case name and a one-line description', () => {
    for (const fault of FAULTS) {
      assert.match(fault.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(fault.description.length > 10 && !fault.description.includes('\n'), fault.name);
    }
  });
});

describe('each fault changes behaviour', () => {
  for (const fault of FAULTS) {
    if (isLifeFault(fault.name) || isEdgeFault(fault.name)) continue;
    const entry = FAULT_PROBES[fault.name];
    const [probe, options] = typeof entry === 'string' ? [entry, {}] : entry;
    it(`${fault.name} breaks "${probe}" (${fault.requirement})`, async () => {
      assert.equal(await holds(probe, options, true), true, `${probe} holds on the clean mock`);
      assert.equal(await holds(probe, { ...options, fault: fault.name }, false), false, `${probe} fails under ${fault.name}`);
    });
  }
});
