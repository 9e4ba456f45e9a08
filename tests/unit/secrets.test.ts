// RESP-NO-SECRETS as a pure check: what counts as secret material, found in headers and bodies
// in any case or encoding the material is written in; ordinary answers pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signatureHeader } from '../../src/domain/hmac.ts';
import { findLeaks, scanningTransport, type Leak } from '../../src/checks/secrets.ts';
import type { WireRequest, WireResponse } from '../../src/client/transport.ts';

const SECRET = '0123456789abcdef0123456789abcdef';
const body = '{"from":"+15555550100"}';
const ts = 1_700_000_000;
const signed: WireRequest = { method: 'POST', url: 'http://127.0.0.1/api/v1/chats', headers: { 'x-chert-signature': signatureHeader(SECRET, body, ts) }, body: Buffer.from(body), timeoutMs: 1000 };
const answer = (text: string, headers: Record<string, string> = {}): WireResponse => ({ status: 401, headers: { 'x-trace-id': 'abc', ...headers }, text });
const labels = (leaks: Leak[]) => leaks.map((l) => `${l.where}: ${l.label}`);

test('an ordinary error envelope carries no secret material', () => {
  assert.deepEqual(findLeaks(signed, answer('{"success":false,"error":{"code":2004}}'), [SECRET]), []);
});

test('the secret, in the body or a header, in any letter case, is a leak', () => {
  assert.deepEqual(labels(findLeaks(signed, answer(`secret ${SECRET.toUpperCase()}`), [SECRET])), ['body: signing secret 1']);
  assert.deepEqual(labels(findLeaks(signed, answer('{}', { 'x-debug': SECRET }), [SECRET])), ['header x-debug: signing secret 1']);
});

test('the signature the server expected, the one sent, and HMACs of the body are leaks', () => {
  const expected = createHmac('sha256', SECRET).update(`${ts}.${body}`).digest();
  const tampered = { ...signed, headers: { 'x-chert-signature': `v1,${ts},${'0'.repeat(64)}` } };
  assert.ok(labels(findLeaks(tampered, answer(`expected ${expected.toString('hex')}`), [SECRET])).includes('body: signature expected under signing secret 1 (hex)'));
  assert.ok(labels(findLeaks(tampered, answer(`expected ${expected.toString('base64')}`), [SECRET])).includes('body: signature expected under signing secret 1 (base64)'));
  assert.ok(labels(findLeaks(tampered, answer(`got ${'0'.repeat(64)}`), [SECRET])).includes('body: the signature sent'));
  const bodyMac = createHmac('sha256', SECRET).update(body).digest('hex');
  assert.ok(labels(findLeaks(signed, answer(bodyMac), [SECRET])).includes('body: HMAC of the body under signing secret 1 (hex)'));
});

test('the bearer token sent, echoed back, is a leak', () => {
  const bearer = { ...signed, headers: { authorization: `Bearer ${SECRET}0` } };
  assert.ok(labels(findLeaks(bearer, answer(`bad token "${SECRET}0"`), [SECRET])).includes('body: the bearer token sent'));
});

test('the scanning transport reports each leak and passes the answer through unchanged', async () => {
  const found: Leak[] = [];
  const transport = scanningTransport(async () => answer(SECRET), [SECRET], (leak) => found.push(leak));
  const res = await transport(signed);
  assert.equal(res.text, SECRET);
  assert.equal(found.length, 1);
});

test('the digests are looked for only where a run long enough to be one stands, and found there', () => {
  // A 44-character base64 digest beside ordinary text: found. Ordinary ids and envelopes hold no
  // 43-character run, so their scan computes no HMAC at all (and cannot miss one).
  const bodyMac = createHmac('sha256', SECRET).update(body).digest('base64');
  assert.ok(labels(findLeaks(signed, answer(`{"id":"0c6f1e4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f","mac":"${bodyMac}"}`), [SECRET])).includes('body: HMAC of the body under signing secret 1 (base64)'));
  assert.deepEqual(findLeaks(signed, answer('{"chat":{"id":"0c6f1e4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"},"trace_id":"tr_0123456789abcdef"}'), [SECRET]), []);
  const hexInHeader = createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex').toUpperCase();
  assert.ok(labels(findLeaks(signed, answer('{}', { 'x-expected': hexInHeader }), [SECRET])).includes('header x-expected: signature expected under signing secret 1 (hex)'));
});
