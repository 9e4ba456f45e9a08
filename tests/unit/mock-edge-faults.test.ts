// The faults at the protocol's edges: each probe states one fact every correct server shares (an
// answer in time, no 5xx, the envelope from the API), holds on the clean mock and fails on the mock
// with its fault. Raw node:http, so a body can go chunked and a method be anything.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { MOCK_DEFAULTS } from '../../src/config/settings.ts';
import { FAULTS, type FaultName } from '../../src/mock/faults.ts';
import { createBody, createdOf, probeMock } from './support/mock-probe.ts';
import { lastResort, type RunningMock } from '../../src/mock/server.ts';
import { EDGE_FAULTS, isEdgeFault, type EdgeFault } from './edge-faults.ts';

const A = MOCK_DEFAULTS.tenant;
type Answer = { status: number; text: string; traceId: string | undefined; json: { success?: unknown; error?: { status?: unknown } } | undefined } | 'no answer';

/** One request as given; 'no answer' when none comes within a second. */
function send(mock: RunningMock, method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const length = options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) };
    const headers = { authorization: `Bearer ${A.secret}`, ...(options.headers?.['transfer-encoding'] ? {} : length), ...options.headers };
    const req = request(`${mock.url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, traceId: res.headers['x-trace-id'] as string | undefined, json });
      });
    });
    req.setTimeout(1_000, () => {
      req.destroy();
      resolve('no answer');
    });
    req.on('error', () => resolve('no answer'));
    req.end(options.body);
  });
}

/** A 4xx in the documented envelope, with X-Trace-ID equal to trace_id. */
const enveloped4xx = (a: Answer) => a !== 'no answer' && a.status >= 400 && a.status < 500 && a.json?.success === false && a.json.error?.status === a.status && a.traceId !== undefined && (a.json as { trace_id?: unknown }).trace_id === a.traceId;

async function ownChat(mock: RunningMock): Promise<string> {
  const res = await fetch(`${mock.url}/api/v1/chats`, { method: 'POST', headers: { authorization: `Bearer ${A.secret}`, 'content-type': 'application/json' }, body: JSON.stringify(createBody(A, { to: ['+14155550101', '+14155550102'] })) });
  return createdOf({ json: await res.json() } as Parameters<typeof createdOf>[0]).chat.id;
}

type Probe = (mock: RunningMock) => Promise<boolean>;

const probes = {
  unknownPath404: async (m) => enveloped4xx(await send(m, 'GET', '/api/v1/chert-conformance/no-such-route')),
  malformedId4xx: async (m) => enveloped4xx(await send(m, 'POST', '/api/v1/chats/abc%E0%A4%zz/typing', { body: '{"state":"typing"}', headers: { 'content-type': 'application/json' } })),
  wrongMethodEnveloped: async (m) => enveloped4xx(await send(m, 'PATCH', `/api/v1/chats/${await ownChat(m)}/typing`)),
  queryIgnored: async (m) => {
    const a = await send(m, 'GET', `/api/v1/chats/${await ownChat(m)}/messages?chert-conformance=1`);
    return a !== 'no answer' && a.status === 200;
  },
  otherMethodRefused: async (m) => {
    const a = await send(m, 'DELETE', `/api/v1/chats/${await ownChat(m)}/typing`, { body: '{"state":"typing"}', headers: { 'content-type': 'application/json' } });
    return a !== 'no answer' && a.status >= 400 && a.status < 500;
  },
  chunkedPastLimitAnswered: async (m) => {
    const body = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1024) });
    const a = await send(m, 'POST', '/api/v1/chats', { body, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    return a !== 'no answer' && a.status === 413;
  },
  textPlainEnveloped: async (m) => enveloped4xx(await send(m, 'POST', '/api/v1/chats', { body: JSON.stringify({ to: ['+14155550101'] }), headers: { 'content-type': 'text/plain' } })),
} satisfies Record<string, Probe>;

const EDGE_FAULT_PROBES: Record<EdgeFault, keyof typeof probes> = {
  'unknown-route-500': 'unknownPath404',
  'path-decode-500': 'malformedId4xx',
  'wrong-method-bare-405': 'wrongMethodEnveloped',
  'query-breaks-route': 'queryIgnored',
  'any-method-served': 'otherMethodRefused',
  'chunked-past-limit-hangs': 'chunkedPastLimitAnswered',
  'content-type-bare-415': 'textPlainEnveloped',
};

async function holds(probe: keyof typeof probes, fault: FaultName | undefined): Promise<boolean> {
  const { mock } = await probeMock(fault === undefined ? {} : { fault }, false);
  try {
    return await probes[probe](mock);
  } finally {
    await mock.close();
  }
}

describe('each fault at the protocol\'s edges changes behaviour', () => {
  it('every such fault is in the catalog and has a probe here', () => {
    assert.deepEqual(EDGE_FAULTS.filter((name) => !FAULTS.some((f) => f.name === name)), []);
    assert.deepEqual(FAULTS.filter((f) => isEdgeFault(f.name) && !(f.name in EDGE_FAULT_PROBES)).map((f) => f.name), []);
  });
  for (const [fault, probe] of Object.entries(EDGE_FAULT_PROBES) as [EdgeFault, keyof typeof probes][]) {
    it(`${fault} breaks "${probe}"`, async () => {
      assert.equal(await holds(probe, undefined), true, `${probe} holds on the clean mock`);
      assert.equal(await holds(probe, fault), false, `${probe} fails under ${fault}`);
    });
  }
});

describe('the mock at the protocol\'s edges', () => {
  it('ends a request whose answer could not be written with a bare 500, and keeps serving', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/broken') lastResort(res, new TypeError('the writer threw'));
      else res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = () => true; // the logged stack is expected here
    try {
      const broken = await fetch(`${base}/broken`);
      assert.equal(broken.status, 500);
      assert.equal(await (await fetch(`${base}/fine`)).text(), 'ok');
    } finally {
      process.stderr.write = stderr;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
