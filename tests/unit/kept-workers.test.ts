// When a failed test may keep its worker, and how its failure is shown failed again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Exchange } from '../../src/client/exchange.ts';
import { isFirstReporter, KEPT_WORKER, restoreFailure, restoreUnrepeated } from '../../src/report/kept-workers.ts';
import { NOT_REPEATED } from '../../src/report/observe.ts';
import { writeOutlivingTest } from '../fixtures/kept-workers.ts';

const BASE = 'http://127.0.0.1:4010';
const CHAT = '0b6c1a52-8f0e-4a53-9d1e-2f1b7e0c9a11';
const OTHER = '5d7e9f10-1111-4222-8333-944455556666';
const MESSAGE = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';

function exchange(method: string, path: string, status: number | null, body: unknown = {}): Exchange {
  return {
    request: { method, url: `${BASE}${path}`, headers: {}, body: null },
    response: status === null ? null : { status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) },
    curl: '',
  };
}

const created = exchange('POST', '/api/v1/chats', 201, { chat: { id: CHAT }, message: { id: MESSAGE } });

const cases: [string, { given: Exchange[]; want: string | undefined }][] = [
  ['no request', { given: [], want: undefined }],
  ['a failed create changes nothing', { given: [exchange('POST', '/api/v1/chats', 500, '<html>')], want: undefined }],
  ['reads of a chat the test did not create', { given: [exchange('GET', `/api/v1/chats/${OTHER}/messages`, 200)], want: undefined }],
  ['a refused write to a chat the test did not create', { given: [exchange('POST', `/api/v1/chats/${OTHER}/leave`, 401)], want: undefined }],
  ['writes to the chat and message the test created', { given: [created, exchange('POST', `/api/v1/chats/${CHAT}/leave`, 200), exchange('POST', `/api/v1/messages/${MESSAGE}/react`, 200)], want: undefined }],
  ['an accepted write to a chat the test did not create', { given: [created, exchange('POST', `/api/v1/chats/${OTHER}/leave`, 200)], want: `POST ${BASE}/api/v1/chats/${OTHER}/leave (HTTP 200)` }],
  ['a write to another chat that got a 500 (it may have acted)', { given: [exchange('PUT', `/api/v1/chats/${OTHER}`, 500)], want: `PUT ${BASE}/api/v1/chats/${OTHER} (HTTP 500)` }],
  ['a write to another chat that got no answer', { given: [exchange('DELETE', `/api/v1/chats/${OTHER}/participants/%2B15555550123`, null)], want: `DELETE ${BASE}/api/v1/chats/${OTHER}/participants/%2B15555550123 (no answer)` }],
  ['an accepted edit of a message the test did not send', { given: [created, exchange('POST', '/api/v1/messages/abc123/edit', 200)], want: `POST ${BASE}/api/v1/messages/abc123/edit (HTTP 200)` }],
  ['a path that is not valid percent-encoding is judged, not thrown on', { given: [exchange('POST', '/api/v1/chats/%E0%A4%A/typing', 200)], want: `POST ${BASE}/api/v1/chats/%E0%A4%A/typing (HTTP 200)` }],
  ['a created id read from an answer that is not JSON counts as not created', { given: [exchange('POST', '/api/v1/chats', 201, `{"chat":{"id":"${CHAT}"`), exchange('POST', `/api/v1/chats/${CHAT}/typing`, 200)], want: `POST ${BASE}/api/v1/chats/${CHAT}/typing (HTTP 200)` }],
];

for (const [name, { given, want }] of cases) {
  test(`writeOutlivingTest: ${name}`, () => assert.equal(writeOutlivingTest(given), want));
}

test('restoreFailure makes a marked failure unexpected again and removes the mark', () => {
  const mark = { type: KEPT_WORKER, description: 'kept' };
  const requirement = { type: 'requirement', description: 'CHAT-GROUP-CREATED' };
  const testCase = { expectedStatus: 'failed' as const, annotations: [requirement, mark] };
  const result = { annotations: [requirement, mark] };
  assert.equal(restoreFailure(testCase, result), true);
  assert.equal(testCase.expectedStatus, 'passed');
  assert.deepEqual(testCase.annotations, [requirement]);
  assert.deepEqual(result.annotations, [requirement]);
});

test('restoreFailure leaves a test without the mark alone (a test.fail() stays expected)', () => {
  const testCase = { expectedStatus: 'failed' as const, annotations: [] };
  assert.equal(restoreFailure(testCase, { annotations: [{ type: 'fail' }] }), false);
  assert.equal(testCase.expectedStatus, 'failed');
});

test('restoreUnrepeated: a repeat skipped as not repeated leaves the test expected to pass, so its failure reads unexpected', () => {
  const testCase: { expectedStatus: 'skipped' | 'passed' } = { expectedStatus: 'skipped' };
  assert.equal(restoreUnrepeated(testCase, { status: 'skipped', annotations: [{ type: 'skip', description: NOT_REPEATED }] }), true);
  assert.equal(testCase.expectedStatus, 'passed');
});

test('restoreUnrepeated leaves any other skip alone (the safe profile, a missing second tenant)', () => {
  const testCase = { expectedStatus: 'skipped' as const };
  assert.equal(restoreUnrepeated(testCase, { status: 'skipped', annotations: [{ type: 'skip', description: 'needs a second tenant' }] }), false);
  assert.equal(testCase.expectedStatus, 'skipped');
});

test('isFirstReporter: only when the config lists it first, by whatever path', () => {
  assert.equal(isFirstReporter({ reporter: [['/repo/src/report/kept-workers.ts', undefined], ['list', undefined]] }), true);
  assert.equal(isFirstReporter({ reporter: [['./src/report/kept-workers.ts', {}]] }), true);
  assert.equal(isFirstReporter({ reporter: [['list', undefined], ['/repo/src/report/kept-workers.ts', undefined]] }), false);
  assert.equal(isFirstReporter({ reporter: [] }), false);
});
