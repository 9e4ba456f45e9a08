// Requirement domains (src/contract/domain.ts), the coverage of their cells
// (src/contract/domain-coverage.ts), the response rules over one exchange
// (src/checks/response-rules.ts) and the report's context statuses (src/report/context-matrix.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellKey, cellsOf, domainOf, type Domain } from '../../src/contract/domain.ts';
import { cellsCovered } from '../../src/contract/domain-coverage.ts';
import { listOperations } from '../../src/contract/operations.ts';
import { loadCatalog, requirementById, type Requirement } from '../../src/contract/requirements.ts';
import { judgeExchange } from '../../src/checks/response-rules.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import type { WireRequest, WireResponse } from '../../src/client/transport.ts';
import { contextStatuses } from '../../src/report/context-matrix.ts';

const operations = listOperations(loadSpec());
const all = operations.map((o) => o.operationId);
const rule = (fields: Partial<Requirement>): Requirement => ({ id: 'X-RULE', level: 'MUST', area: 'route', statement: 'A rule.', source: 'https://docs.trychert.com/api/errors', ...fields });

describe('requirement domains', () => {
  it('every catalog requirement has a domain the spec can hold', () => {
    for (const r of loadCatalog().requirements) assert.doesNotThrow(() => domainOf(r, operations), r.id);
  });

  it('derives operations from the method and path a statement names, not from a path that merely starts the same', () => {
    assert.deepEqual(domainOf(rule({ area: 'followup', statement: 'POST /api/v1/chats/{id}/typing with a state returns 2xx.' }), operations).operations, ['sendTyping']);
  });

  it('derives every operation from "on every operation", and the area\'s route otherwise', () => {
    assert.deepEqual(domainOf(rule({ statement: 'Returns 401 on every operation.' }), operations).operations, all);
    assert.deepEqual(domainOf(rule({ area: 'edit' }), operations).operations, ['editMessage']);
  });

  it('gives the HMAC rules the HMAC mode, the others every mode the spec allows', () => {
    assert.deepEqual(domainOf(rule({ id: 'AUTH-HMAC-X', statement: 'to any operation' }), operations).auth, ['hmac']);
    assert.deepEqual(domainOf(rule({}), operations).auth, ['bearer', 'hmac']);
  });

  it('refuses a written operation the spec does not have', () => {
    assert.throws(() => domainOf(rule({ domain: { operations: ['noSuchOperation'] } }), operations), /noSuchOperation/);
  });

  it('spans each list rule over first, middle and last, per operation and auth mode', () => {
    const cells = cellsOf(domainOf(requirementById('PHONE-TO-E164'), operations)).map(cellKey);
    assert.deepEqual(cells, ['createChat bearer to[first]', 'createChat bearer to[middle]', 'createChat bearer to[last]', 'createChat hmac to[first]', 'createChat hmac to[middle]', 'createChat hmac to[last]']);
  });
});

describe('cells a test covers', () => {
  const domain: Domain = { operations: ['sendMessage', 'listMessages'], auth: ['bearer', 'hmac'], lists: [] };
  const listed = (fields: Partial<Parameters<typeof cellsCovered>[1][number]>) => ({ title: 't', requirements: ['X'], operations: [], auth: [], contexts: [], ...fields });

  it('counts a test under the project\'s HMAC unless it names its auth modes', () => {
    assert.deepEqual([...cellsCovered(domain, [listed({ operations: ['sendMessage'] })], all)], ['sendMessage hmac']);
    assert.deepEqual([...cellsCovered(domain, [listed({ operations: ['sendMessage'], auth: ['hmac', 'bearer'] })], all)], ['sendMessage hmac', 'sendMessage bearer']);
  });

  it('counts nothing for a test of a several-operation rule that names no operation', () => {
    assert.deepEqual([...cellsCovered(domain, [listed({})], all)], []);
  });

  it('counts a list rule\'s positions only from the cells a test names', () => {
    const list: Domain = { operations: ['createChat'], auth: ['hmac'], lists: ['to'] };
    assert.deepEqual([...cellsCovered(list, [listed({ operations: ['createChat'] })], all)], []);
    assert.deepEqual([...cellsCovered(list, [listed({ contexts: ['createChat hmac to[last]'] })], all)], ['createChat hmac to[last]']);
  });
});

describe('response rules on one exchange', () => {
  const request = (method: string, path: string, headers: Record<string, string> = { 'x-chert-signature': 'v1,1,ab' }, body?: string): WireRequest =>
    ({ method, url: `http://127.0.0.1:1${path}`, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : Buffer.from(body), timeoutMs: 1000 });
  const answer = (status: number, json: unknown, headers: Record<string, string> = { 'x-trace-id': 't1' }): WireResponse => ({ status, headers, text: JSON.stringify(json) });
  const created = { chat: { id: 'c1', created_at: '2026-12-07T10:00:00Z' }, message: { chat_id: 'c1', created_at: '2026-12-07T10:00:00Z', direction: 'outbound', service: 'imessage' } };
  const found = (req: WireRequest, res: WireResponse) => Object.entries(judgeExchange(req, res, operations)?.rules ?? {}).flatMap(([r, p]) => (p.length > 0 ? [r] : []));

  it('passes a documented create and names its context', () => {
    const judged = judgeExchange(request('POST', '/api/v1/chats', { authorization: 'Bearer x' }, '{}'), answer(201, created), operations);
    assert.deepEqual(judged?.cell, { operation: 'createChat', auth: 'bearer' });
    assert.deepEqual(found(request('POST', '/api/v1/chats', undefined, '{}'), answer(201, created)), []);
  });

  it('finds a success without X-Trace-ID, a local timestamp, an inbound first message and a foreign chat_id', () => {
    assert.deepEqual(found(request('POST', '/api/v1/chats/c1/mark-read'), answer(200, { chat_id: 'c1', status: 'read' }, {})), ['ERR-TRACE-ID']);
    const bad = { chat: { id: 'c1', created_at: '2026-12-07T10:00:00' }, message: { chat_id: 'c2', created_at: '2026-12-07T10:00:00Z', direction: 'inbound', service: 'imessage' } };
    assert.deepEqual(found(request('POST', '/api/v1/chats', undefined, '{}'), answer(201, bad)).sort(), ['CHAT-MESSAGE-CHAT-ID', 'CHAT-MESSAGE-OUTBOUND', 'CHAT-TIMESTAMPS']);
  });

  it('finds an error whose trace_id differs from the header, or without the envelope', () => {
    const error = { success: false, error: { status: 404, code: 2002, message: 'no', retryable: false }, trace_id: 't2' };
    assert.deepEqual(found(request('GET', '/api/v1/chats/c1/messages'), answer(404, error)), ['ERR-TRACE-ID']);
    assert.deepEqual(found(request('GET', '/api/v1/chats/c1/messages'), answer(404, { message: 'no' })).sort(), ['ERR-ENVELOPE', 'ERR-RETRYABLE', 'ERR-TRACE-ID']);
  });

  it('judges nothing a proxy may answer bare, nor a request outside the documented shapes', () => {
    assert.equal(judgeExchange(request('POST', '/api/v1/chats', undefined, '{}'), answer(413, { message: 'too large' }, {}), operations), undefined);
    assert.equal(judgeExchange(request('GET', '/api/v1/chats/c1/messages?x=1'), answer(404, {}, {}), operations), undefined);
    assert.equal(judgeExchange(request('GET', `/api/v1/chats/${'a'.repeat(300)}/messages`), answer(404, {}, {}), operations), undefined);
    assert.equal(judgeExchange(request('GET', '/api/v1/chats/%zz/messages'), answer(400, {}, {}), operations), undefined);
    assert.equal(judgeExchange(request('DELETE', '/api/v1/chats'), answer(405, {}, {}), operations), undefined);
    assert.equal(judgeExchange(request('GET', '/api/v1/chats/c1/messages'), { status: 502, headers: {}, text: '<html>bad gateway</html>' }, operations), undefined);
  });
});

describe('context statuses in the report', () => {
  const evidence = (fields: object) => ({ title: 't', location: 'x:1', status: 'passed' as const, durationMs: 1, attempts: 1, errors: [], seeds: [], counterexamples: [], exchanges: [], ...fields });

  it('marks each domain context passed, failed or not checked', () => {
    const domain: Domain = { operations: ['sendMessage', 'listMessages'], auth: ['bearer', 'hmac'], lists: [] };
    const statuses = contextStatuses('X', domain, [
      evidence({ operations: { sendMessage: 'passed' }, auth: ['hmac', 'bearer'] }),
      evidence({ status: 'failed', contexts: { 'listMessages hmac': 'failed' } }),
    ]);
    assert.deepEqual(statuses, { 'sendMessage bearer': 'passed', 'sendMessage hmac': 'passed', 'listMessages bearer': 'not checked', 'listMessages hmac': 'failed' });
  });

  it('fails the context where another test\'s answer broke the rule, and only that one', () => {
    const domain: Domain = { operations: ['createChat', 'markRead'], auth: ['hmac'], lists: [] };
    const statuses = contextStatuses('ERR-TRACE-ID', domain, [evidence({ status: 'failed', operations: { createChat: 'failed' }, breaches: ['ERR-TRACE-ID markRead hmac'] })]);
    assert.deepEqual(statuses, { 'createChat hmac': 'not checked', 'markRead hmac': 'failed' });
  });
});
