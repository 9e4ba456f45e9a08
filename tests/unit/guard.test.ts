// The live-safety guard and the fictional ranges it trusts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSafeRequest, UnsafeRequestError } from '../../src/client/guard.ts';
import { couldReachSomeone, fictionalRecipients, isFictional } from '../../src/domain/phones.ts';

const ctx = (allowlist: string[] = []) => ({ allowlist, knownChatIds: new Set(['known']), fabricatedChatIds: new Set(['made-up']) });
const body = (to: unknown) => Buffer.from(JSON.stringify({ from: '+15555550100', to, message: { parts: [{ type: 'text', value: 'x' }] } }));

test('fictional numbers pass, real ones are refused', () => {
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats', body(['+14155550123', '+447700900123']), ctx()));
  assert.throws(() => assertSafeRequest('POST', '/api/v1/chats', body(['+14155550123', '+14155551234']), ctx()), UnsafeRequestError);
  assert.throws(() => assertSafeRequest('POST', '/api/v1/chats', body(['+447911123456']), ctx()), UnsafeRequestError);
  // Nested arrays are judged too: a lenient server may flatten them into recipients.
  assert.throws(() => assertSafeRequest('POST', '/api/v1/chats', body([['+14155551234']]), ctx()), UnsafeRequestError);
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats', body([['+14155550123']]), ctx()));
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

// The routes of a chat's life after creation (contract 1c): each acts on a chat or a message.
const lifeCtx = (allowlist: string[] = []) => ({ ...ctx(allowlist), knownMessageIds: new Set(['msg-known']), fabricatedMessageIds: new Set(['msg-made-up']) });
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

test('every chat route acts only on chats this run created or made up', () => {
  const routes: [string, string, Buffer | undefined][] = [
    ['POST', 'typing', json({ state: 'typing' })],
    ['POST', 'mark-read', undefined],
    ['PUT', '', json({ display_name: 'x' })],
    ['POST', 'participants', json({ address: '+14155550123' })],
    ['DELETE', 'participants/%2B14155550123', undefined],
    ['POST', 'leave', undefined],
  ];
  for (const [method, suffix, body] of routes) {
    const path = (id: string) => `/api/v1/chats/${id}${suffix === '' ? '' : `/${suffix}`}`;
    assert.doesNotThrow(() => assertSafeRequest(method, path('known'), body, lifeCtx()), `${method} ${suffix}`);
    assert.doesNotThrow(() => assertSafeRequest(method, path('made-up'), body, lifeCtx()), `${method} ${suffix}`);
    assert.throws(() => assertSafeRequest(method, path('someone-elses'), body, lifeCtx()), UnsafeRequestError, `${method} ${suffix}`);
    assert.throws(() => assertSafeRequest(method, `${path('someone-elses')}?x=1`, body, lifeCtx()), UnsafeRequestError, `${method} ${suffix} with a query`);
  }
});

test('react and edit act only on messages this run sent or made up, never on a chat id', () => {
  for (const action of ['react', 'edit']) {
    const body = json(action === 'react' ? { reaction: 'love' } : { new_text: 'x' });
    assert.doesNotThrow(() => assertSafeRequest('POST', `/api/v1/messages/msg-known/${action}`, body, lifeCtx()));
    assert.doesNotThrow(() => assertSafeRequest('POST', `/api/v1/messages/msg-made-up/${action}`, body, lifeCtx()));
    assert.throws(() => assertSafeRequest('POST', `/api/v1/messages/msg-of-someone/${action}`, body, lifeCtx()), UnsafeRequestError);
    assert.throws(() => assertSafeRequest('POST', `/api/v1/messages/known/${action}`, body, lifeCtx()), UnsafeRequestError, 'a chat id is not a message id');
  }
});

test('an added participant must be fictional or allowlisted, judged on digits, under address or handle', () => {
  const add = (value: unknown, allowlist: string[] = []) => () => assertSafeRequest('POST', '/api/v1/chats/known/participants', json(value), lifeCtx(allowlist));
  assert.doesNotThrow(add({ address: '+14155550123' }));
  assert.doesNotThrow(add({ handle: '+447700900123' }));
  assert.doesNotThrow(add({ address: '+14155551234' }, ['+14155551234']));
  for (const unsafe of [{ address: '+14155551234' }, { handle: '+1 415-555-1234' }, { address: 14155551234 }, { address: ['+14155550123', '+447911123456'] }, { address: [['+14155551234']] }, { address: '+14155550123', handle: '+14155551234' }]) {
    assert.throws(add(unsafe), UnsafeRequestError, JSON.stringify(unsafe));
  }
});

test('an email participant is refused unless at a reserved top-level domain or allowlisted', () => {
  const add = (address: string, allowlist: string[] = []) => () => assertSafeRequest('POST', '/api/v1/chats/known/participants', json({ address }), lifeCtx(allowlist));
  assert.throws(add('sam@example.com'), UnsafeRequestError);
  assert.throws(add('nobody@nowhere'), UnsafeRequestError);
  assert.doesNotThrow(add('Sam@Example.com', ['sam@example.com']));
  for (const fictional of ['Chert.Conformance+x1@Fictional.Invalid', 'a@b.test', 'a@mail.example']) assert.doesNotThrow(add(fictional), fictional);
  // Anything a lenient server could read as a second, real address is refused.
  for (const unsafe of ['a@real.com,b@x.invalid', 'a@real.com b@x.invalid', 'a@real.com@x.invalid', 'a@x.invalid.com', 'a@invalid', ' a@x.invalid\nb@real.com']) {
    assert.throws(add(unsafe), UnsafeRequestError, unsafe);
  }
});

test('a create behind a trailing slash or another case is still judged on its recipients', () => {
  assert.throws(() => assertSafeRequest('POST', '/api/v1/chats/', body(['+14155551234']), ctx()), UnsafeRequestError);
  assert.throws(() => assertSafeRequest('POST', '/API/v1/Chats', body(['+14155551234']), ctx()), UnsafeRequestError);
});
