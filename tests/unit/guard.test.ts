// The live-safety guard and the fictional ranges it trusts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSafeRequest, UnsafeRequestError } from '../../src/client/guard.ts';
import { couldReachSomeone, fictionalRecipients, isFictional } from '../../src/client/phones.ts';

const ctx = (allowlist: string[] = []) => ({ allowlist, knownChatIds: new Set(['known']), fabricatedChatIds: new Set(['made-up']) });
const body = (to: unknown) => Buffer.from(JSON.stringify({ from: '+15555550100', to, message: { parts: [{ type: 'text', value: 'x' }] } }));

test('fictional numbers pass, real ones are refused', () => {
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats', body(['+14155550123', '+447700900123']), ctx()));
  assert.throws(() => assertSafeRequest('POST', '/api/v1/chats', body(['+14155550123', '+14155551234']), ctx()), UnsafeRequestError);
  assert.throws(() => assertSafeRequest('POST', '/api/v1/chats', body(['+447911123456']), ctx()), UnsafeRequestError);
});

test('a real number passes only when allowlisted', () => {
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats', body(['+14155551234']), ctx(['+14155551234'])));
});

test('spellings a lenient server could normalise into a real number are refused', () => {
  for (const spelling of ['14155551234', '+1 415-555-1234', '(415) 555-1234 +1', 14155551234]) {
    assert.throws(() => assertSafeRequest('POST', '/api/v1/chats', body([spelling]), ctx()), UnsafeRequestError, String(spelling));
  }
});

test('spellings of fictional numbers and unroutable strings pass', () => {
  for (const spelling of ['14155550123', '+1 415-555-0123', '+1415555012a', '', '+04155550123', 'abc', '+1415']) {
    assert.equal(couldReachSomeone(spelling, []), false, spelling);
  }
});

test('a body that is not JSON or has no recipients passes', () => {
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats', Buffer.from('{"to":["+1415'), ctx()));
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats', undefined, ctx()));
  assert.doesNotThrow(() => assertSafeRequest('GET', '/api/v1/chats/anything/messages', undefined, ctx()));
});

test('follow-ups go only to chats this run created or made up', () => {
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats/known/messages', Buffer.from('{}'), ctx()));
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats/made-up/messages', Buffer.from('{}'), ctx()));
  assert.throws(() => assertSafeRequest('POST', '/api/v1/chats/someone-elses/messages', Buffer.from('{}'), ctx()), UnsafeRequestError);
});

test('generated recipients are distinct and fictional', () => {
  const numbers = fictionalRecipients(300);
  assert.equal(new Set(numbers).size, 300);
  assert.ok(numbers.every(isFictional));
});
