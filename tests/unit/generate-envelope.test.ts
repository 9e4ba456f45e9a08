// The envelope cases generated per operation, the pure checks they apply, and the spec path every
// request path falls under (so toMatchSpec and the mock's judge know every route).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envelopeCases, problemsFor } from '../../src/contract/generate/envelope-cases.ts';
import { listOperations, type Operation } from '../../src/contract/operations.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import { specPathFor } from '../../src/contract/validators.ts';

const operations = listOperations(loadSpec());
const envelope = (status: number, traceId = 't1') => ({ success: false, error: { status, code: 2012, message: 'No credentials.', retryable: false }, trace_id: traceId });

test('every operation gets an envelope and a trace-id test, each sending what it can be sent', () => {
  const cases = envelopeCases(operations);
  for (const op of operations) {
    for (const requirement of ['ERR-ENVELOPE', 'ERR-TRACE-ID']) {
      const rules = cases.filter((c) => c.operation === op.operationId && c.requirement === requirement).map((c) => c.rule);
      assert.ok(rules.includes('no credentials'), `${op.operationId} ${requirement}`);
      assert.equal(rules.includes('a JSON array as the body'), op.requestSchema !== undefined, `${op.operationId}: a body case only with a body`);
      assert.equal(rules.includes('an id that does not exist'), op.pathParameters.length > 0, `${op.operationId}: an unknown id only with a path id`);
    }
  }
});

test('an operation added to the spec adds its envelope cases', () => {
  const added: Operation = { ...operations.find((o) => o.operationId === 'markRead')!, operationId: 'archiveChat', path: '/api/v1/chats/{id}/archive' };
  assert.equal(envelopeCases([...operations, added]).filter((c) => c.operation === 'archiveChat').length, 4);
});

const cases: [string, { status: number; headers: Record<string, string>; json: unknown }, { envelope: number; trace: number }][] = [
  ['a documented envelope with its trace id passes both', { status: 401, headers: { 'x-trace-id': 't1' }, json: envelope(401) }, { envelope: 0, trace: 0 }],
  ['success: false missing fails the envelope', { status: 401, headers: { 'x-trace-id': 't1' }, json: { error: envelope(401).error, trace_id: 't1' } }, { envelope: 1, trace: 0 }],
  ['error.status other than the HTTP status fails the envelope', { status: 404, headers: { 'x-trace-id': 't1' }, json: envelope(401) }, { envelope: 1, trace: 0 }],
  ['a trace_id other than X-Trace-ID fails the trace id', { status: 401, headers: { 'x-trace-id': 't2' }, json: envelope(401) }, { envelope: 0, trace: 1 }],
  ['no X-Trace-ID fails the trace id', { status: 401, headers: {}, json: envelope(401) }, { envelope: 0, trace: 1 }],
];
for (const [name, answer, want] of cases) {
  test(name, () => {
    assert.equal(problemsFor['ERR-ENVELOPE'](answer).length > 0, want.envelope > 0, problemsFor['ERR-ENVELOPE'](answer).join('; '));
    assert.equal(problemsFor['ERR-TRACE-ID'](answer).length, want.trace);
  });
}

test('every request path falls under its spec template', () => {
  assert.equal(specPathFor('/api/v1/chats'), '/api/v1/chats');
  assert.equal(specPathFor('/api/v1/chats/abc/messages?limit=2'), '/api/v1/chats/{id}/messages');
  assert.equal(specPathFor('/api/v1/chats/abc'), '/api/v1/chats/{id}');
  assert.equal(specPathFor('/api/v1/chats/abc/typing'), '/api/v1/chats/{id}/typing');
  assert.match(specPathFor('/api/v1/chats/abc/participants/%2B12015550100'), /^\/api\/v1\/chats\/\{[^}]+\}\/participants\/\{[^}]+\}$/);
  assert.match(specPathFor('/api/v1/messages/m1/react'), /^\/api\/v1\/messages\/\{[^}]+\}\/react$/);
  assert.equal(specPathFor('/api/v1/unknown'), '/api/v1/unknown');
});
