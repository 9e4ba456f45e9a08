// The auth-case generator: every operation gets every rejection class and the positive paths,
// mapped to catalog requirements; an operation added to the spec adds its cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authCases, changedHex, changedToken, malformedHeader } from '../../src/contract/generate/auth-cases.ts';
import { allows, AUTHENTICATED } from '../../src/checks/expected.ts';
import { listOperations } from '../../src/contract/operations.ts';
import { requirementById } from '../../src/contract/requirements.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import { specWithPresence } from './spec-fixtures.ts';

const operations = listOperations(loadSpec());
const cases = authCases(operations);

test('every operation gets every auth rule, each mapped to a catalog requirement', () => {
  const rules = (op: string) => new Set(cases.filter((c) => c.operation === op).map((c) => c.requirement));
  for (const op of operations) {
    for (const id of ['AUTH-MISSING', 'AUTH-BEARER-INVALID', 'AUTH-BEARER-VALID', 'AUTH-HMAC-VALID', 'AUTH-HMAC-SIGNATURE-TAMPERED', 'AUTH-HMAC-MALFORMED', 'AUTH-HMAC-BODY-TAMPERED', 'AUTH-HMAC-SKEW-REJECTED', 'AUTH-HMAC-SKEW-ACCEPTED', 'AUTH-HMAC-TENANT-MISMATCH', 'AUTH-HMAC-TENANT-REQUIRED', 'AUTH-TENANT-UNKNOWN', 'AUTH-SIGNATURE-FIRST']) {
      assert.ok(rules(op.operationId).has(id), `${op.operationId} lacks ${id}`);
    }
  }
  for (const c of cases) assert.equal(requirementById(c.requirement).id, c.requirement);
});

test('a bodyless operation is signed over other bytes with "{}", an operation with a body with an empty body', () => {
  const over = (op: string) => cases.filter((c) => c.operation === op && c.request.kind === 'hmac' && c.request.signedOver).map((c) => (c.request as { signedOver: string }).signedOver);
  assert.deepEqual(over('listMessages'), ['braces']);
  assert.deepEqual(over('createChat'), ['empty-body', 'body-then-trailing-space']);
});

test('adding an operation to the spec adds its auth cases, and no other case changes', () => {
  const grown = authCases(listOperations(specWithPresence()));
  const typing = grown.filter((c) => c.operation === 'setPresence');
  assert.equal(typing.length, cases.filter((c) => c.operation === 'sendMessage').length);
  assert.deepEqual(grown.filter((c) => c.operation !== 'setPresence'), cases);
});

test('an operation the spec makes public (security: []) gets no auth cases', () => {
  const spec = specWithPresence();
  (spec.paths['/api/v1/chats/{id}/presence'] as { post: { security?: unknown[] } }).post.security = [];
  assert.equal(authCases(listOperations(spec)).filter((c) => c.operation === 'setPresence').length, 0);
});

test('near-miss tokens differ from the secret by one step each', () => {
  const secret = '0123456789abcdef0123456789abcdef';
  assert.equal(changedToken(secret, 'one-char-changed'), '0123456789abcdef0123456789abcde0');
  assert.equal(changedToken(secret, 'truncated'), secret.slice(0, -1));
  assert.equal(changedToken(secret, 'extra-char'), `${secret}0`);
  assert.equal(changedToken(secret, 'case-changed'), secret.toUpperCase());
  assert.equal(changedToken('0123456789', 'case-changed'), undefined, 'no letters: the change is a no-op, the case is skipped');
  assert.notEqual(changedToken('deadbeef'.repeat(4), 'unrelated'), 'deadbeef'.repeat(4));
});

test('signature changes always alter the hex or the header form', () => {
  const hex = 'a'.repeat(63) + '0';
  for (const change of ['first-digit', 'last-digit', 'truncated', 'altered-tail', 'upper-case-altered'] as const) assert.notEqual(changedHex(hex, change), hex, change);
  assert.equal(changedHex(hex, 'truncated').length, 32);
  assert.equal(malformedHeader(`v1,1700000000,${hex}`, 'version-v2'), `v2,1700000000,${hex}`);
  assert.equal(malformedHeader(`v1,1700000000,${hex}`, 'no-timestamp'), `v1,${hex}`);
});

test('expectations are sets: a rejection admits each documented answer and nothing else', () => {
  const unknownTenant = cases.find((c) => c.requirement === 'AUTH-TENANT-UNKNOWN')!.expected;
  assert.ok(allows(unknownTenant, { status: 401, code: 2004 }));
  assert.ok(allows(unknownTenant, { status: 404, code: 2001 }));
  assert.ok(!allows(unknownTenant, { status: 404, code: 2002 }));
  assert.ok(!allows(unknownTenant, { status: 500, code: 3001 }));
  assert.ok(allows(AUTHENTICATED, { status: 404, code: 2002 }), 'past auth, the chat may be missing');
  assert.ok(!allows(AUTHENTICATED, { status: 401, code: 2004 }));
  assert.ok(!allows(AUTHENTICATED, { status: 500, code: 3001 }));
});
