// The payload generator: every field of every request schema gets its wrong types, null, missing,
// empty and out-of-bound values with the documented answers; bounds get both sides; an operation
// added to the spec gets its cases; every generated body is valid but for its one change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { couldReachSomeone } from '../../src/domain/phones.ts';
import { undeliverable } from '../../src/contract/generate/contract-rules.ts';
import { applyMutation, misspell } from '../../src/contract/generate/mutation.ts';
import { payloadBody, payloadCases } from '../../src/contract/generate/payload-cases.ts';
import { listOperations } from '../../src/contract/operations.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import { validate } from '../../src/contract/validators.ts';
import { describeExpected, mustSucceed } from '../../src/checks/expected.ts';
import { fictionalRecipients } from '../../src/domain/phones.ts';
import { specWithPresence } from './spec-fixtures.ts';

const spec = loadSpec();
const operations = listOperations(spec);
const cases = payloadCases(spec, operations);
const binding = { senderLine: '+15555550100', recipients: fictionalRecipients(40), uniqueKey: () => 'k-1' };
const rules = (op: string) => cases.filter((c) => c.operation === op).map((c) => c.rule);

test('nested fields, array items and each part type of the examples are walked', () => {
  for (const rule of ['from as a number', 'to[0] null', 'message.parts[0].value empty', 'message.parts[0].type outside its const', 'message.parts[1].url not a URL', 'message.subject as an array', 'message.idempotency_key null']) {
    assert.ok(rules('createChat').includes(rule), rule);
  }
  assert.ok(rules('sendMessage').includes('message.parts[0].url missing'));
  assert.equal(cases.filter((c) => c.operation === 'listMessages').length, 0, 'a bodyless operation has no payload');
});

test('documented codes: 1001 missing, 1002 wrong type or value, 1003 phone, the bound answers from the spec', () => {
  const expectedOf = (op: string, rule: string) => { const found = cases.find((c) => c.operation === op && c.rule === rule); assert.ok(found, rule); return found.expected; };
  assert.equal(describeExpected(expectedOf('createChat', 'from missing')), '400 / 1001');
  assert.equal(describeExpected(expectedOf('createChat', 'message.parts[0].value as a number')), '400 / 1002');
  assert.equal(describeExpected(expectedOf('createChat', 'to[0] no plus')), '400 / 1003');
  assert.equal(describeExpected(expectedOf('createChat', 'to with 32 items')), '422 / 1006 or 400 / 1006', 'the route page and the catalog give 1006 a status each');
  assert.equal(describeExpected(expectedOf('createChat', 'message.subject null')), '400 / 1002 or a 2xx', 'null on an optional field may read as absent');
});

test('both sides of every bound the readings agree on, on every route it applies to', () => {
  for (const op of ['createChat', 'sendMessage']) {
    // 10 parts are accepted only under some readings (parts-cap, rich-link-count, text-parts-nonadjacent): not judged.
    assert.ok(!rules(op).includes('message.parts with 10 items'), op);
    assert.ok(rules(op).includes('message.parts with 11 items'), op);
  }
  assert.ok(rules('createChat').includes('to with 31 items'));
  assert.ok(rules('createChat').includes('to with 1 item(s)'));
});

test('every body the docs may accept is one they would deliver, and reaches only fictional numbers', () => {
  for (const c of cases) {
    const op = operations.find((o) => o.operationId === c.operation)!;
    const body = payloadBody(spec, op, c, binding);
    const to = (body as { to?: unknown }).to;
    for (const n of Array.isArray(to) ? to : to === undefined ? [] : [to]) {
      if (typeof n === 'string' || typeof n === 'number') assert.ok(!couldReachSomeone(String(n), []), `${c.rule}: ${String(n)}`);
    }
    if (c.mayBeAccepted && mustSucceed(c.expected)) {
      assert.equal(undeliverable(body), undefined, c.rule);
      assert.deepEqual(validate(op.requestSchemaName!, body), { valid: true }, c.rule);
    }
  }
});

test('a case changes only its own field: the rest of the body stays the valid example', () => {
  const op = operations.find((o) => o.operationId === 'createChat')!;
  const c = cases.find((x) => x.operation === 'createChat' && x.rule === 'message.subject as a number')!;
  const body = payloadBody(spec, op, c, binding) as { message: { subject: unknown } };
  assert.equal(body.message.subject, 1);
  const fixed = applyMutation(spec, op.requestSchema!, body, { action: 'set', path: ['message', 'subject'], value: 'Launch' }, binding);
  assert.deepEqual(validate('CreateChatRequest', fixed), { valid: true });
});

test('misspelt numbers keep a fictional number underneath', () => {
  assert.equal(misspell('+14155550123', 'no-plus'), '14155550123');
  assert.equal(misspell('+14155550123', 'zero-country-code'), '+014155550123');
  assert.equal(misspell('+14155550123', 'sixteen-digits').replace(/\D/g, '').length, 16);
  assert.match(misspell('+14155550123', 'letter-inside'), /[a-z]/);
});

test('an open choice on a field (x-chert-open) widens the cases it names, and only those', () => {
  const expectedOf = (op: string, rule: string) => cases.find((c) => c.operation === op && c.rule === rule)?.expected;
  const empty = expectedOf('createChat', 'message.parts[0].value empty')!;
  assert.equal(describeExpected(empty), '400 / 1002 or 400 / 1001 or a 2xx');
  assert.deepEqual(empty.choices, ['text-empty']);
  assert.ok(cases.find((c) => c.rule === 'message.parts[0].value empty')?.mayBeAccepted, 'an empty text may be sent: not in the safe profile');
  assert.equal(describeExpected(expectedOf('createChat', 'message.parts[0].value as a number')!), '400 / 1002');
  assert.match(describeExpected(expectedOf('createChat', 'from no plus')!), /400 \/ 1003 or 400 \/ 2006 or 403 \/ 2006/);
});

test('a missing field gets 1001 where the operation documents it, 1001 or 1002 where it does not', () => {
  assert.ok(operations.find((o) => o.operationId === 'createChat')!.documentedCodes.includes(1001));
  const typing = payloadCases(specWithPresence(), listOperations(specWithPresence())).find((c) => c.operation === 'setPresence' && c.rule === 'state missing');
  assert.equal(describeExpected(typing!.expected), '400 / 1001 or 400 / 1002');
});

test('adding an operation to the spec adds its payload cases', () => {
  const grown = payloadCases(specWithPresence(), listOperations(specWithPresence()));
  const typing = grown.filter((c) => c.operation === 'setPresence').map((c) => c.rule);
  assert.ok(typing.includes('state missing'));
  assert.ok(typing.includes('state outside its enum'));
  assert.ok(typing.includes('state as a number'));
  assert.equal(grown.length - cases.length, typing.length);
});
