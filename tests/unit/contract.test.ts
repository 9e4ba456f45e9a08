// The contract files: the catalog is well-formed, and the docs' own examples validate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadCatalog } from '../../src/contract/requirements.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import { validate } from '../../src/contract/validators.ts';

const catalog = loadCatalog();

test('the requirement catalog matches its JSON Schema', () => {
  const schema = JSON.parse(readFileSync('schemas/requirements.schema.json', 'utf8')) as object;
  const check = new Ajv2020({ allErrors: true }).compile(schema);
  assert.ok(check(catalog), JSON.stringify(check.errors, null, 2));
});

test('requirement ids are unique and every area is declared', () => {
  const ids = catalog.requirements.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of catalog.requirements) assert.ok(r.area in catalog.areas, `${r.id}: unknown area ${r.area}`);
});

type Examples = Record<string, { value: unknown }>;
type Operation = { requestBody: { content: Record<string, { examples: Examples }> } };

function requestExamples(): [string, unknown][] {
  const op = loadSpec().paths['/api/v1/chats']?.post as Operation;
  return Object.entries(op.requestBody.content['application/json']?.examples ?? {}).map(([k, v]) => [k, v.value]);
}

function responseExamples(): [string, unknown][] {
  const created = loadSpec().components.responses.ChatCreated as { content: Record<string, { examples: Examples }> };
  return Object.entries(created.content['application/json']?.examples ?? {}).map(([k, v]) => [k, v.value]);
}

test('the docs example requests validate against CreateChatRequest', () => {
  const examples = requestExamples();
  assert.equal(examples.length, 2);
  for (const [name, value] of examples) assert.deepEqual(validate('CreateChatRequest', value), { valid: true }, name);
});

test('the docs example responses validate against CreateChatResponse', () => {
  const examples = responseExamples();
  assert.equal(examples.length, 2);
  for (const [name, value] of examples) assert.deepEqual(validate('CreateChatResponse', value), { valid: true }, name);
});

const groupExample = () => structuredClone(requestExamples().find(([name]) => name === 'group')?.[1]) as {
  to: string[]; message: { parts: { type: string }[] };
};

test('a response without chat.id fails with a readable error', () => {
  const body = structuredClone(responseExamples()[0]?.[1]) as { chat: { id?: string } };
  delete body.chat.id;
  const result = validate('CreateChatResponse', body);
  assert.equal(result.valid, false);
  assert.match(result.valid ? '' : result.errors.join('\n'), /\/chat must have required property 'id'/);
});

test('a request with 32 recipients fails with a readable error', () => {
  const body = groupExample();
  body.to = Array.from({ length: 32 }, (_, i) => `+1415555${String(100 + i).padStart(4, '0')}`);
  const result = validate('CreateChatRequest', body);
  assert.equal(result.valid, false);
  assert.match(result.valid ? '' : result.errors.join('\n'), /\/to must NOT have more than 31 items/);
});

test('a part of type "video" fails with a readable error', () => {
  const body = groupExample();
  body.message.parts = [{ type: 'video' }];
  const result = validate('CreateChatRequest', body);
  assert.equal(result.valid, false);
  assert.match(result.valid ? '' : result.errors.join('\n'), /\/message\/parts\/0 .*type/);
});

test('an error envelope without retryable fails', () => {
  const result = validate('ErrorEnvelope', { success: false, error: { status: 400, code: 1001, message: 'x' }, trace_id: 't' });
  assert.equal(result.valid, false);
});
