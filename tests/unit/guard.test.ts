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

// Beyond the documented routes (the protocol-edge checks): a method a path does not list.
test('a write method a path does not list reaches only a chat or message this run created', () => {
  for (const [method, suffix] of [['PATCH', ''], ['DELETE', ''], ['POST', ''], ['PUT', '/typing'], ['DELETE', '/leave'], ['PUT', '/participants/%2B14155550123'], ['PATCH', '/messages']] as const) {
    const path = (id: string) => `/api/v1/chats/${id}${suffix}`;
    assert.doesNotThrow(() => assertSafeRequest(method, path('known'), undefined, lifeCtx()), `${method} ${suffix}`);
    assert.throws(() => assertSafeRequest(method, path('made-up'), undefined, lifeCtx()), UnsafeRequestError, `${method} ${suffix} on a made-up id`);
    assert.throws(() => assertSafeRequest(method, path('someone-elses'), undefined, lifeCtx()), UnsafeRequestError, `${method} ${suffix}`);
  }
  assert.doesNotThrow(() => assertSafeRequest('DELETE', '/api/v1/messages/msg-known/react', undefined, lifeCtx()));
  assert.throws(() => assertSafeRequest('DELETE', '/api/v1/messages/msg-made-up/react', undefined, lifeCtx()), UnsafeRequestError);
  assert.throws(() => assertSafeRequest('PUT', '/api/v1/messages/msg-of-someone/edit', undefined, lifeCtx()), UnsafeRequestError);
});

test('a read a path does not list (GET, HEAD, OPTIONS) goes only to ids this run created or made up', () => {
  for (const method of ['GET', 'HEAD', 'OPTIONS']) {
    assert.doesNotThrow(() => assertSafeRequest(method, '/api/v1/chats/known/typing', undefined, lifeCtx()), method);
    assert.doesNotThrow(() => assertSafeRequest(method, '/api/v1/chats/made-up/chert-conformance/no-such-route', undefined, lifeCtx()), method);
    assert.throws(() => assertSafeRequest(method, '/api/v1/chats/someone-elses', undefined, lifeCtx()), UnsafeRequestError, method);
    assert.throws(() => assertSafeRequest(method, '/api/v1/messages/msg-of-someone/react', undefined, lifeCtx()), UnsafeRequestError, method);
  }
  // The documented read stays a read of anything: history changes nothing.
  assert.doesNotThrow(() => assertSafeRequest('GET', '/api/v1/chats/someone-elses/messages', undefined, lifeCtx()));
  assert.doesNotThrow(() => assertSafeRequest('OPTIONS', '/api/v1/chats', undefined, lifeCtx()));
});

test('the safe profile sends no write method the docs do not list to the API, even to its own chat', () => {
  const safe = { ...lifeCtx(), profile: 'safe' as const };
  for (const [method, path] of [['PATCH', '/api/v1/chats/known'], ['PUT', '/api/v1/chats'], ['DELETE', '/api/v1/chats/known/typing'], ['POST', '/api/v1/chert-conformance/no-such-route'], ['DELETE', '/api/v1/messages/msg-known/react']] as const) {
    assert.throws(() => assertSafeRequest(method, path, undefined, safe), UnsafeRequestError, `${method} ${path}`);
  }
  // Documented writes and reads anywhere off the API are judged as before.
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats/known/typing', json({ state: 'typing' }), safe));
  assert.doesNotThrow(() => assertSafeRequest('GET', '/api/v1/chats/made-up', undefined, safe));
  assert.doesNotThrow(() => assertSafeRequest('POST', '/__mock/clock', json({}), safe));
});

test('a write method on the create path is judged on its recipients, whatever the method', () => {
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    assert.throws(() => assertSafeRequest(method, '/api/v1/chats', body(['+14155551234']), ctx()), UnsafeRequestError, method);
    assert.doesNotThrow(() => assertSafeRequest(method, '/api/v1/chats', body(['+14155550123']), ctx()), method);
  }
});

test('a path is judged as a lenient server routes it: dot segments, encoded slashes, letter case, doubled slashes', () => {
  for (const path of ['/api/v1/chats/known/../someone-elses/leave', '/api/v1/chats/known/%2E%2E/someone-elses/leave', '/api/v1/chats%2Fsomeone-elses%2Fleave', '/API/V1/CHATS/someone-elses/leave', '//api//v1/chats/someone-elses/leave', '/api/v1/chats/./someone-elses/leave']) {
    assert.throws(() => assertSafeRequest('POST', path, undefined, lifeCtx()), UnsafeRequestError, path);
  }
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats/someone-elses/../known/leave', undefined, lifeCtx()));
});

test('an id that is not valid %-encoding is judged as sent: the run made it up, or it is refused', () => {
  const made = { ...lifeCtx(), fabricatedChatIds: new Set(['made-up%zz']) };
  assert.doesNotThrow(() => assertSafeRequest('POST', '/api/v1/chats/made-up%zz/typing', json({ state: 'typing' }), made));
  assert.throws(() => assertSafeRequest('POST', '/api/v1/chats/someone%zz/typing', json({ state: 'typing' }), made), UnsafeRequestError);
});
