// The protocol-edge cases generated per operation (src/contract/generate/edge-cases.ts): what each
// operation and path is sent, what each profile may send, and the pure judge of an answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casesFor, edgeCases, edgeProblems, EDGE_METHODS, NO_OPERATION, READ_METHODS, type EdgeCase, type EdgeExpected } from '../../src/contract/generate/edge-cases.ts';
import { listOperations, requestSchemaOf, type Operation } from '../../src/contract/operations.ts';
import { loadCatalog } from '../../src/contract/requirements.ts';
import { loadSpec, type OpenApiDocument } from '../../src/contract/spec.ts';
import { specWithPresence } from './spec-fixtures.ts';

const casesOf = (spec: OpenApiDocument) => edgeCases(listOperations(spec), (op) => requestSchemaOf(spec, op)?.required ?? []);
const spec = loadSpec();
const operations = listOperations(spec);
const cases = casesOf(spec);
const envelope = (status: number, traceId = 't1', code = 1002) => ({ success: false, error: { status, code, message: 'No.', retryable: false }, trace_id: traceId });

test('every operation gets route and framing cases in both profiles', () => {
  for (const profile of ['full', 'safe'] as const) {
    for (const op of operations) {
      const mine = casesFor(cases, profile).filter((c) => c.operation === op.operationId);
      assert.ok(mine.some((c) => c.requirement === 'EDGE-ROUTE'), `${op.operationId} EDGE-ROUTE (${profile})`);
      assert.ok(mine.some((c) => c.requirement === 'EDGE-FRAMING'), `${op.operationId} EDGE-FRAMING (${profile})`);
      assert.ok(mine.some((c) => c.request.query !== undefined), `${op.operationId}: a query string (${profile})`);
      for (const p of op.pathParameters) {
        assert.ok(mine.some((c) => c.request.param?.name === p.name && c.request.param.value === 'malformed-escape'), `${op.operationId}: malformed {${p.name}}`);
        assert.ok(mine.some((c) => c.request.param?.name === p.name && c.request.param.value === 'over-long'), `${op.operationId}: over-long {${p.name}}`);
      }
    }
  }
});

test('every documented path is asked, once per profile, each method it does not document', () => {
  const paths = [...new Set(operations.map((o) => o.path))];
  for (const path of paths) {
    const documented = operations.filter((o) => o.path === path).map((o) => o.method as string);
    for (const profile of ['full', 'safe'] as const) {
      const asked = casesFor(cases, profile).filter((c) => c.requirement === 'EDGE-ROUTE' && c.request.path === path && !c.request.suffix && !c.request.query && !c.request.param);
      const methods = asked.map((c) => c.request.method).filter((m) => !documented.includes(m));
      const want = EDGE_METHODS.filter((m) => !documented.includes(m) && (profile === 'full' || READ_METHODS.includes(m)));
      assert.deepEqual([...methods].sort(), [...want].sort(), `${path} (${profile})`);
    }
  }
});

test('an undocumented write method is judged refused (SHOULD) in the full profile only', () => {
  const refused = cases.filter((c) => c.requirement === 'EDGE-METHOD-REFUSED');
  assert.ok(refused.length > 0);
  for (const c of refused) {
    assert.ok(!READ_METHODS.includes(c.request.method), c.rule);
    assert.deepEqual(c.profiles, ['full'], c.rule);
    assert.equal(c.request.ids, 'own', c.rule);
  }
});

test('the safe profile sends no write method off the documented routes and never the run\'s own ids', () => {
  const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
  for (const c of casesFor(cases, 'safe')) {
    assert.equal(c.request.ids, 'fabricated', c.rule);
    const offRoute = !documented.has(`${c.request.method} ${c.request.path}`) || c.request.suffix !== undefined;
    if (offRoute) assert.ok(READ_METHODS.includes(c.request.method), `${c.operation}: ${c.rule} (${c.request.method})`);
  }
});

test('every framing case is rejected under every reading: a made-up id, or a create without a required field', () => {
  for (const c of cases.filter((x) => x.requirement === 'EDGE-FRAMING')) {
    const op = operations.find((o) => o.operationId === c.operation) as Operation;
    if (c.request.ids === 'own') {
      // The one exception: JSON null on the run's own ids, in the full profile only; a body of null
      // names nothing to send or store, so it changes nothing under any reading.
      assert.deepEqual(c.profiles, ['full'], c.rule);
      assert.deepEqual(c.request.body, { kind: 'raw', text: 'null' }, c.rule);
      continue;
    }
    assert.equal(c.request.ids, 'fabricated', c.rule);
    if (op.pathParameters.length === 0 && op.requestSchema !== undefined && c.request.body.kind === 'example') assert.equal(c.request.body.without, 'from', c.rule);
    assert.ok(c.expected.statuses.kind === 'answers' && !c.expected.statuses.accepted, `${c.operation}: ${c.rule} may not be accepted`);
  }
});

test('paths of no operation: one under /api/v1 judged as the API, one beside it judged only for 5xx', () => {
  const none = cases.filter((c) => c.operation === NO_OPERATION);
  assert.deepEqual(none.map((c) => c.expected.envelope).sort(), ['api', 'none']);
});

test('every case names a catalog requirement of the protocol area', () => {
  const catalog = new Map(loadCatalog().requirements.map((r) => [r.id, r]));
  for (const c of cases) assert.equal(catalog.get(c.requirement)?.area, 'protocol', c.requirement);
  assert.equal(catalog.get('EDGE-METHOD-REFUSED')?.level, 'SHOULD');
});

test('an operation added to the spec adds its cases', () => {
  const added = casesOf(specWithPresence()).filter((c) => c.operation === 'setPresence');
  assert.ok(added.some((c) => c.requirement === 'EDGE-ROUTE' && c.request.method === 'DELETE' && c.request.path === '/api/v1/chats/{id}/presence'));
  assert.ok(added.some((c) => c.requirement === 'EDGE-FRAMING' && c.request.chunked));
  assert.ok(added.some((c) => c.request.param?.name === 'id'));
  assert.equal(added.length, cases.filter((c) => c.operation === 'sendTyping').length);
});

test('no case allows a 5xx or a dropped answer in its place', () => {
  for (const c of cases) {
    for (const status of [500, 502, 503]) assert.ok(edgeProblems(c.expected, { status, headers: {}, json: undefined }).length > 0, `${c.rule}: ${status}`);
  }
});

const of = (rule: string): EdgeExpected => (cases.find((c: EdgeCase) => c.rule.startsWith(rule)) as EdgeCase).expected;
const answer = (status: number, json: unknown, headers: Record<string, string> = { 'x-trace-id': 't1' }) => ({ status, headers, json });

const judged: [string, EdgeExpected, ReturnType<typeof answer>, boolean][] = [
  ['a 405 in the envelope passes an undocumented method', of('PATCH, which /api/v1/chats/{id}/typing'), answer(405, envelope(405)), true],
  ['a 404 in the envelope passes too', of('PATCH, which /api/v1/chats/{id}/typing'), answer(404, envelope(404)), true],
  ['a 405 without the envelope fails', of('PATCH, which /api/v1/chats/{id}/typing'), answer(405, { error: 'Method Not Allowed' }), false],
  ['a 405 in plain text without a trace id fails (the API answers there)', of('PATCH, which /api/v1/chats/{id}/typing'), answer(405, undefined, {}), false],
  ['a success passes the MUST on an undocumented write', of('PATCH, which /api/v1/chats/{id}/typing'), answer(200, {}), true],
  ['a success fails the SHOULD on an undocumented write', (cases.find((c) => c.requirement === 'EDGE-METHOD-REFUSED') as EdgeCase).expected, answer(200, {}), false],
  ['a CORS 204 without a trace id passes OPTIONS', of('OPTIONS, which /api/v1/chats '), answer(204, undefined, {}), true],
  ['a plain-text 405 passes OPTIONS (judged only when JSON)', of('OPTIONS, which /api/v1/chats '), answer(405, undefined, {}), true],
  ['a HEAD answer with its trace id passes', of('HEAD, which /api/v1/chats '), answer(405, undefined), true],
  ['a HEAD answer without a trace id fails', of('HEAD, which /api/v1/chats '), answer(405, undefined, {}), false],
  ['401 / 2012 passes a query without credentials', of('a query string without credentials'), answer(401, envelope(401, 't1', 2012)), true],
  ['a 404 for the query alone fails', of('a query string without credentials'), answer(404, envelope(404)), false],
  ['401 with another code fails', of('a query string without credentials'), answer(401, envelope(401, 't1', 2004)), false],
  ['a bare 414 from a proxy passes an over-long id', of('{id} 4000 characters long'), answer(414, undefined, {}), true],
  ['a 401 fails a signed malformed id', of('a malformed %-escape as {id}'), answer(401, envelope(401)), false],
  ['a bare 431 passes an oversized header', of('a header of 20 KB'), answer(431, undefined, {}), true],
  ['a bare 413 passes a chunked body past the limit', of('a chunked body past'), answer(413, undefined, {}), true],
  ['a bare 400 fails a chunked body past the limit (the API answers 400s)', of('a chunked body past'), answer(400, undefined, {}), false],
  ['an HTML 404 under /api/v1 fails', of('GET /api/v1/chert-conformance'), answer(404, undefined, { 'content-type': 'text/html' }), false],
  ['a console page (200) beside /api/v1 passes', of('GET /chert-conformance'), answer(200, undefined, {}), true],
  ['a plain-text 404 beside /api/v1 passes', of('GET /chert-conformance'), answer(404, undefined, {}), true],
  ['a 415 in the envelope passes text/plain', of('Content-Type text/plain'), answer(415, envelope(415)), true],
  ['a trace_id other than X-Trace-ID fails', of('Content-Type text/plain'), answer(415, envelope(415, 't2')), false],
];
for (const [name, expected, got, ok] of judged) {
  test(`judge: ${name}`, () => assert.equal(edgeProblems(expected, got).length === 0, ok, edgeProblems(expected, got).join('; ')));
}

test('a 5xx the case names with its code (a line not ready: 501 / 4099) passes; another 5xx, or that status with another code, does not', () => {
  const expected = { statuses: { kind: 'answers' as const, answers: [{ status: 400 }, { status: 501, code: 4099 }] }, envelope: 'api' as const, proxy: [] };
  const answer = (status: number, code: number) => ({ status, headers: { 'x-trace-id': 't' }, json: { success: false, error: { status, code, message: 'm', retryable: false }, trace_id: 't' } });
  assert.deepEqual(edgeProblems(expected, answer(501, 4099)), []);
  assert.equal(edgeProblems(expected, answer(500, 3001)).length, 1);
  assert.equal(edgeProblems(expected, answer(501, 3001)).length, 1);
});
