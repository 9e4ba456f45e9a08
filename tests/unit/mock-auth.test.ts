// The mock's authentication (contract §3): bearer and HMAC v1 over the raw body bytes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nowSeconds, signatureHeader, verifySignature } from '../../src/domain/hmac.ts';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { authenticate } from '../../src/mock/auth.ts';
import { createBody, createdOf, errorOf, probeMock, type MockClient, type ProbeAuth } from './support/mock-probe.ts';
import type { RunningMock } from '../../src/mock/server.ts';

const A = MOCK_DEFAULTS.tenant;
const B = MOCK_DEFAULTS.tenantB;
const body = JSON.stringify(createBody(A));
const flipLast = (header: string) => header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');

type Case = [string, { auth: ProbeAuth; headers?: Record<string, string>; status: number; code?: number }];

const accepted: Case[] = [
  ['a bearer secret authenticates without x-chert-tenant', { auth: { kind: 'bearer', tenant: A }, status: 201 }],
  ['a bearer secret authenticates with its x-chert-tenant', { auth: { kind: 'bearer', tenant: A, tenantHeader: A.slug }, status: 201 }],
  ["a lowercase 'bearer' scheme authenticates", { auth: { kind: 'none' }, headers: { authorization: `bearer ${A.secret}` }, status: 201 }],
  ['an HMAC v1 signature with the tenant header authenticates', { auth: { kind: 'hmac', tenant: A }, status: 201 }],
  ['a signature 240 s old is accepted', { auth: { kind: 'hmac', tenant: A, timestamp: nowSeconds() - 240 }, status: 201 }],
  ['a signature 240 s ahead is accepted', { auth: { kind: 'hmac', tenant: A, timestamp: nowSeconds() + 240 }, status: 201 }],
  ['a valid signature beside a wrong bearer token is accepted (signature first)', { auth: { kind: 'hmac', tenant: A }, headers: { authorization: 'Bearer wrong' }, status: 201 }],
];

const rejected: Case[] = [
  ['no credentials return 401 / 2012', { auth: { kind: 'none' }, status: 401, code: 2012 }],
  ['x-chert-tenant alone returns 401 / 2012', { auth: { kind: 'none' }, headers: { 'x-chert-tenant': A.slug }, status: 401, code: 2012 }],
  ['a wrong bearer token returns 401 / 2004', { auth: { kind: 'bearer', tenant: A, token: 'f'.repeat(32) }, status: 401, code: 2004 }],
  ['a non-ASCII token of the secret\'s length returns 401 / 2004', { auth: { kind: 'bearer', tenant: A, token: 'é'.repeat(32) }, status: 401, code: 2004 }],
  ["tenant B's secret with tenant A's header returns 401 / 2004", { auth: { kind: 'bearer', tenant: A, token: B.secret, tenantHeader: A.slug }, status: 401, code: 2004 }],
  ['a Basic scheme returns 401 / 2004', { auth: { kind: 'none' }, headers: { authorization: `Basic ${A.secret}` }, status: 401, code: 2004 }],
  ['a bearer token with an unknown x-chert-tenant returns 404 / 2001', { auth: { kind: 'bearer', tenant: A, tenantHeader: 'nobody' }, status: 404, code: 2001 }],
  ['a signature with an unknown x-chert-tenant returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, tenantHeader: 'nobody' }, status: 401, code: 2004 }],
  ['a signature without x-chert-tenant returns 401 / 2012', { auth: { kind: 'hmac', tenant: A, tenantHeader: null }, status: 401, code: 2012 }],
  ['a body changed by one byte after signing returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, signedBody: body.replace('Hello', 'Jello') }, status: 401, code: 2004 }],
  ['a signature over the timestamp alone returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, signedBody: '' }, status: 401, code: 2004 }],
  ['a signature with its last hex digit changed returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, header: flipLast(signatureHeader(A.secret, body)) }, status: 401, code: 2004 }],
  ['a truncated signature returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, header: signatureHeader(A.secret, body).slice(0, -2) }, status: 401, code: 2004 }],
  ['an uppercase-hex signature returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, header: signatureHeader(A.secret, body).toUpperCase().replace('V1', 'v1') }, status: 401, code: 2004 }],
  ['a v2 signature returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, header: signatureHeader(A.secret, body).replace('v1', 'v2') }, status: 401, code: 2004 }],
  ['a signature with missing parts returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, header: 'v1,1700000000' }, status: 401, code: 2004 }],
  ['a non-numeric signature time returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, header: `v1,soon,${'0'.repeat(64)}` }, status: 401, code: 2004 }],
  ['an empty signature header returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, header: '' }, status: 401, code: 2004 }],
  ['a signature 400 s old returns 401 / 2013', { auth: { kind: 'hmac', tenant: A, timestamp: nowSeconds() - 400 }, status: 401, code: 2013 }],
  ['a signature 400 s ahead returns 401 / 2013', { auth: { kind: 'hmac', tenant: A, timestamp: nowSeconds() + 400 }, status: 401, code: 2013 }],
  ["a signature by tenant A with tenant B's header returns 401 / 2004", { auth: { kind: 'hmac', tenant: A, tenantHeader: B.slug }, status: 401, code: 2004 }],
  ['a bad signature beside a valid bearer token returns 401 / 2004', { auth: { kind: 'hmac', tenant: A, signedBody: 'other' }, headers: { authorization: `Bearer ${A.secret}` }, status: 401, code: 2004 }],
  ['a forged, stale signature is reported as forged: 401 / 2004', { auth: { kind: 'hmac', tenant: A, signedBody: 'other', timestamp: nowSeconds() - 900 }, status: 401, code: 2004 }],
];

let mock: RunningMock;
let client: MockClient;

before(async () => ({ mock, client } = await probeMock()));
after(() => mock.close());

describe('auth over HTTP', () => {
  for (const [title, { auth, headers, status, code }] of [...accepted, ...rejected]) {
    it(title, async () => {
      const res = await client.send({ body, auth, headers });
      assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status, code });
    });
  }

  it('a pretty-printed body with reordered keys, signed as sent, is accepted', async () => {
    const { message, to, from } = createBody(A);
    const pretty = JSON.stringify({ message, to, from }, null, 2);
    const res = await client.send({ body: pretty, auth: { kind: 'hmac', tenant: A } });
    assert.equal(res.status, 201);
  });

  it("tenant B's signature creates tenant B's chat", async () => {
    const res = await client.send({ body: createBody(B), auth: { kind: 'hmac', tenant: B } });
    assert.equal(res.status, 201);
    assert.equal(createdOf(res).chat.handles.length, 1);
  });

  it('a GET signed over the empty body lists the history', async () => {
    const { chat } = createdOf(await client.create(createBody(A)));
    const res = await client.history(chat.id, { kind: 'hmac', tenant: A });
    assert.equal(res.status, 200);
  });

  it('rejected requests create no chat and send nothing', async () => {
    const before = mock.stats();
    for (const [, { auth, headers }] of rejected) await client.send({ body, auth, headers });
    const after = mock.stats();
    assert.deepEqual([after.chatsCreated, after.messagesSent], [before.chatsCreated, before.messagesSent]);
  });
});

describe('auth: the verifier', () => {
  const vectors: [string, string][] = [
    ['{"phone":"+14155551234","body":"Hi"}', '7dd8898239a65b5b2ccb163f8faddb1c24c6d269baadddaf322e74dff9e78422'],
    ['', '6d033471ca61b72c721ec8c18ea70b31ea9ee2c7aab01ae0fa01bc68c1579648'],
  ];
  const tenant = { slug: 'vector', secret: '0123456789abcdef0123456789abcdef', from: '+15555550100' };
  const credentials = (raw: string, signature: string) => ({ authorization: undefined, signature, tenantSlug: 'vector', method: 'POST', raw: Buffer.from(raw) });

  for (const [raw, hex] of vectors) {
    it(`accepts the contract's test vector over ${raw === '' ? 'the empty body' : raw}`, () => {
      const result = authenticate(credentials(raw, `v1,1700000000,${hex}`), [tenant], undefined, 1_700_000_000);
      assert.deepEqual(result, { ok: true, value: tenant });
    });
  }

  it('agrees with verifySignature from src/domain/hmac.ts on valid, stale, forged and malformed headers', () => {
    const now = 1_700_000_000;
    const headers = [signatureHeader(A.secret, body, now), signatureHeader(A.secret, body, now - 301), signatureHeader(A.secret, 'x', now), 'v1,x,y'];
    const codes = { valid: undefined, stale: 2013, mismatch: 2004, malformed: 2004 };
    for (const header of headers) {
      const result = authenticate({ ...credentials(body, header), tenantSlug: A.slug }, [A], undefined, now);
      assert.equal(result.ok ? undefined : result.error.code, codes[verifySignature(A.secret, header, body, now)], header);
    }
  });
});
