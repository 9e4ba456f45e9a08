// The suite's idempotency keys stay within the tightest bound a server may set (idem-key-format):
// a key keeps its unique part whole and shortens the style before it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { boundedKey, SUITE_KEY_MAX_LENGTH } from '../../src/domain/idempotency-key.ts';
import { uniqueKey } from '../fixtures/bodies.ts';
import { withIdempotencyKey } from '../../src/client/replay-safety.ts';

test('a key fits the bound and keeps its unique part whole', () => {
  const unique = `-${randomUUID().slice(0, 8)}-12`;
  const key = boundedKey(randomUUID(), unique);
  assert.equal(key.length, SUITE_KEY_MAX_LENGTH);
  assert.ok(key.endsWith(unique));
  assert.equal(boundedKey('short-', 'u'), 'short-u');
});

test("the fixtures' and the client's keys fit the bound", () => {
  for (const label of ['conf', 'rejected', 'gen', 'a-label-longer-than-the-bound-allows-by-itself']) {
    assert.ok(uniqueKey(label).length <= SUITE_KEY_MAX_LENGTH, label);
  }
  const body = withIdempotencyKey({ method: 'POST', path: '/api/v1/chats', body: { message: { parts: [] } } }) as { message: { idempotency_key: string } };
  assert.ok(body.message.idempotency_key.length <= SUITE_KEY_MAX_LENGTH);
});
