// Bad input never crashes the mock or yields a 5xx: every answer is documented and, for errors,
// the envelope (CHAT-BAD-INPUT-NO-5XX). The client judges each answer against the spec.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { contractProblems, createBody, createdOf, errorOf, probeMock, type MockClient } from './support/mock-probe.ts';
import type { RunningMock } from '../../src/mock/server.ts';

const A = MOCK_DEFAULTS.tenant;
const bearer = { authorization: `Bearer ${A.secret}` };
const deep = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const validJson = JSON.stringify(createBody(A));

let mock: RunningMock;
let client: MockClient;

before(async () => ({ mock, client } = await probeMock()));
after(() => mock.close());

type Case = [string, { body?: string | Buffer; path?: string; method?: string; headers?: Record<string, string>; status: number; code?: number; allow?: string }];

const cases: Case[] = [
  ['malformed JSON returns 400 / 1004', { body: '{"from": +1555}', status: 400, code: 1004 }],
  ['an empty body returns 400 / 1004', { body: '', status: 400, code: 1004 }],
  ['a UTF-8 byte order mark returns 400 / 1004', { body: '\ufeff' + validJson, status: 400, code: 1004 }],
  ['invalid UTF-8 bytes return 400 / 1004', { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), status: 400, code: 1004 }],
  ['a JSON null body returns 400 / 1002', { body: 'null', status: 400, code: 1002 }],
  ['a JSON string body returns 400 / 1002', { body: '"hello"', status: 400, code: 1002 }],
  ['10,000-deep nested arrays return 400 / 1002', { body: deep(10_000), status: 400, code: 1002 }],
  ['10,000-deep nested objects return 400 / 1001', { body: deepObject(10_000), status: 400, code: 1001 }],
  ['a 10,000-deep `from` returns 400 / 1002', { body: validJson.replace('"+15555550100"', deep(10_000, '"x"')), status: 400, code: 1002 }],
  ['a 10,000-deep unknown field is ignored: 201', { body: validJson.replace('{', `{"extra":${deepObject(10_000)},`), status: 201 }],
  ['a valid body sent as text/plain is accepted (lenient): 201', { body: validJson, headers: { 'content-type': 'text/plain' }, status: 201 }],
  ['a valid body without a content type is accepted: 201', { body: validJson, headers: { 'content-type': '' }, status: 201 }],
  ['a form-encoded body returns 400 / 1004', { body: 'from=%2B15555550100', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 400, code: 1004 }],
  ['an astral-plane recipient returns 400 / 1003', { body: validJson.replace('+14155550100', '+1415555😀100'), status: 400, code: 1003 }],
  ['a `__proto__` holding `from` is not `from`: 400 / 1001', { body: validJson.replace('"from"', '"__proto__":{"from":"+15555550100"},"x"'), status: 400, code: 1001 }],
  ['GET /api/v1/chats returns 405 with Allow: POST', { method: 'GET', status: 405, code: 1002, allow: 'POST' }],
  ["DELETE on a chat's messages returns 405 with Allow: GET, POST", { method: 'DELETE', path: '/api/v1/chats/x/messages', status: 405, code: 1002, allow: 'GET, POST' }],
  ['an unknown route returns 404 / 1002', { path: '/api/v1/chat', status: 404, code: 1002 }],
  ['a trailing slash is another route: 404 / 1002', { path: '/api/v1/chats/', status: 404, code: 1002 }],
  ['a query string does not change the route: 201', { path: '/api/v1/chats?debug=1', body: validJson, status: 201 }],
];

describe('bad input over HTTP', () => {
  for (const [title, { body, path, method, headers, status, code, allow }] of cases) {
    it(title, async () => {
      const res = await client.send({ body, path, method, headers: { ...bearer, ...headers } });
      assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status, code });
      if (allow !== undefined) assert.equal(res.headers.get('allow'), allow);
    });
  }

  it('astral-plane text and keys are echoed intact', async () => {
    const value = 'Hi 😀 𝒳 — 漢字';
    const res = await client.create(createBody(A, { parts: [{ type: 'text', value }], key: '🔑-key' }));
    assert.deepEqual(createdOf(res).message.parts, [{ type: 'text', value }]);
  });

  it('`__proto__` keys anywhere pollute nothing and are not echoed', async () => {
    const part = '{"type":"text","value":"hi","__proto__":{"type":"media","polluted":true}}';
    const body = `{"__proto__":{"polluted":true},"from":"${A.from}","to":["+14155550100"],"message":{"__proto__":{"polluted":true},"parts":[${part}]}}`;
    const res = await client.create(body);
    assert.equal(res.status, 201);
    assert.deepEqual(createdOf(res).message.parts, [{ type: 'text', value: 'hi' }]);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });

  it('a 2 MB body returns the 413 envelope', async () => {
    const res = await client.send({ body: Buffer.alloc(2 * 1024 * 1024, 0x20) });
    assert.deepEqual({ status: res.status, code: errorOf(res)?.code }, { status: 413, code: 1002 });
  });

  it('a 2 MB chunked body without Content-Length returns the 413 envelope', async () => {
    const res = await new Promise<{ status: number; text: string; trace: string | undefined }>((resolve, reject) => {
      const req = request(`${mock.url}/api/v1/chats`, { method: 'POST', headers: bearer }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text, trace: response.headers['x-trace-id'] as string }));
      });
      req.on('error', reject);
      for (let i = 0; i < 32; i++) req.write(Buffer.alloc(64 * 1024, 0x20));
      req.end();
    });
    assert.equal(res.status, 413);
    const exchange = { method: 'POST', path: '/api/v1/chats', status: res.status, headers: new Headers({ 'x-trace-id': res.trace ?? '' }), text: res.text, json: JSON.parse(res.text), traceId: res.trace ?? null };
    assert.deepEqual(contractProblems(exchange), []);
  });

  it('bytes that are not HTTP get a 400 envelope and a closed connection', async () => {
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(mock.url).port), '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    assert.match(raw, /^HTTP\/1\.1 400 /);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { success: boolean; trace_id: string };
    assert.equal(body.success, false);
    assert.match(raw, new RegExp(`x-trace-id: ${body.trace_id}`));
  });

  it('the mock still answers after all of the above', async () => {
    assert.equal((await client.create(createBody(A))).status, 201);
  });
});

describe('bad input, generated (fast-check)', () => {
  const seed = Number(process.env.CHERT_SEED ?? Date.now() % 2 ** 31);

  it(`arbitrary JSON bodies never get a 5xx (seed ${seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        const res = await client.create(JSON.stringify(value));
        return res.status < 500;
      }),
      { seed, numRuns: 150 },
    );
  });

  it(`a valid body with one field replaced by anything never gets a 5xx (seed ${seed})`, async () => {
    const paths = ['from', 'to', 'message', 'message.parts', 'message.subject', 'message.idempotency_key', 'to.0', 'message.parts.0', 'message.parts.0.value', 'message.parts.0.type'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), async (path, value) => {
        const body = createBody(A) as Record<string, unknown>;
        const keys = path.split('.');
        let target = body as Record<string, unknown>;
        for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[keys.at(-1) as string] = value;
        const res = await client.create(body);
        return res.status < 500;
      }),
      { seed, numRuns: 200 },
    );
  });
});
