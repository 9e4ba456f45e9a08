// The spec-walking layer: every operation of the spec, its path resources, auth modes and a safe
// example body; an operation added to an in-memory copy of the spec appears with no code change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFictional } from '../../src/domain/phones.ts';
import { exampleBody, minimalInstance } from '../../src/contract/example-body.ts';
import { fillPath, listOperations, requestSchemaOf } from '../../src/contract/operations.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import { specWithPresence } from './spec-fixtures.ts';
import { validate } from '../../src/contract/validators.ts';

const spec = loadSpec();
const binding = { senderLine: '+15555550100', recipients: ['+12025550101', '+12025550102', '+12025550103'], uniqueKey: () => 'fresh-key' };

test('every operation of the spec is listed with its method, path and operationId', () => {
  const ops = listOperations(spec).map((o) => `${o.operationId} ${o.method} ${o.path}`);
  assert.ok(ops.includes('createChat POST /api/v1/chats'));
  assert.ok(ops.includes('sendMessage POST /api/v1/chats/{id}/messages'));
  assert.ok(ops.includes('listMessages GET /api/v1/chats/{id}/messages'));
});

test('path parameters resolve to the run resource x-chert-resource names', () => {
  const list = listOperations(spec).find((o) => o.operationId === 'listMessages');
  assert.deepEqual(list?.pathParameters, [{ name: 'id', resource: 'chat' }]);
  assert.equal(fillPath(list!, { chat: 'a/b c' }), '/api/v1/chats/a%2Fb%20c/messages');
  assert.throws(() => fillPath(list!, {}), /needs a chat id/);
});

test('a path parameter without x-chert-resource is a spec defect named in one line', () => {
  const copy = structuredClone(spec);
  copy.paths['/api/v1/things/{thing}'] = { get: { operationId: 'getThing', parameters: [{ name: 'thing', in: 'path', required: true }], responses: {} } };
  assert.throws(() => listOperations(copy), /path parameter "thing" needs `x-chert-resource/);
});

test('every operation authenticates by bearer token or HMAC (the spec-wide security)', () => {
  for (const op of listOperations(spec)) assert.deepEqual(op.authModes, ['bearer', 'hmac'], op.operationId);
});

test('request schemas and example bodies are read from the spec; a GET has neither', () => {
  const byId = Object.fromEntries(listOperations(spec).map((o) => [o.operationId, o]));
  assert.equal(byId.createChat?.requestSchemaName, 'CreateChatRequest');
  assert.equal(byId.sendMessage?.requestSchemaName, 'SendMessageRequest');
  assert.equal(byId.listMessages?.requestSchema, undefined);
  assert.deepEqual(byId.createChat?.successStatuses, [200, 201]);
  assert.equal(requestSchemaOf(spec, byId.createChat!)?.type, 'object');
});

test('example bodies are bound to the run: sender line, fictional recipients, fresh keys; and still valid', () => {
  for (const op of listOperations(spec).filter((o) => o.requestSchemaName)) {
    const body = exampleBody(spec, op, binding) as Record<string, unknown>;
    assert.deepEqual(validate(op.requestSchemaName!, body), { valid: true }, op.operationId);
    const text = JSON.stringify(body);
    for (const phone of text.match(/\+\d{8,15}/g) ?? []) assert.ok(phone === binding.senderLine || isFictional(phone), phone);
    if (text.includes('idempotency_key')) assert.ok(text.includes('"idempotency_key":"fresh-key"'));
  }
  const create = listOperations(spec).find((o) => o.operationId === 'createChat')!;
  const body = exampleBody(spec, create, binding) as { from: string; to: string[] };
  assert.equal(body.from, binding.senderLine);
  assert.deepEqual(body.to, binding.recipients.slice(0, 2));
});

test('without an example, the smallest valid instance of the schema is used', () => {
  const create = listOperations(spec).find((o) => o.operationId === 'createChat')!;
  const minimal = minimalInstance(spec, create.requestSchema!);
  assert.deepEqual(validate('CreateChatRequest', minimal), { valid: true });
});

test('adding an operation to the spec adds it to the list, with its resource and a body', () => {
  const before = listOperations(spec).length;
  const ops = listOperations(specWithPresence());
  assert.equal(ops.length, before + 1);
  const typing = ops.find((o) => o.operationId === 'setPresence')!;
  assert.deepEqual(typing.pathParameters, [{ name: 'id', resource: 'chat' }]);
  assert.deepEqual(exampleBody(specWithPresence(), typing, binding), { state: 'typing' });
});
