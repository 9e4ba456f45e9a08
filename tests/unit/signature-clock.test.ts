// No signature leaves the run twice on the same request (open choice signature-replay): repeats
// step back, workers sign on lanes of their own, and every timestamp stays near the one asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSignatureHeader, verifySignature } from '../../src/domain/hmac.ts';
import { SignatureClock } from '../../src/client/signature-clock.ts';

const SECRET = '0123456789abcdef0123456789abcdef';
const NOW = 1_700_000_000;

test('the same request signed many times in one second gets a distinct, valid signature each time', () => {
  const clock = new SignatureClock(0, 3);
  const headers = Array.from({ length: 20 }, () => clock.sign(SECRET, '', NOW, 'GET /api/v1/chats/x/messages', NOW));
  assert.equal(new Set(headers).size, headers.length);
  for (const header of headers) {
    const { timestamp } = parseSignatureHeader(header)!;
    assert.ok(NOW - timestamp < 61, `${timestamp} is ${NOW - timestamp} s back`);
    assert.equal(verifySignature(SECRET, header, '', timestamp), 'valid');
  }
});

test('another request (method and path) may use the same signature: only an exact repeat steps back', () => {
  const clock = new SignatureClock(0, 1);
  assert.equal(clock.sign(SECRET, '', NOW, 'GET /a', NOW), clock.sign(SECRET, '', NOW, 'GET /b', NOW));
  assert.notEqual(clock.sign(SECRET, '', NOW, 'GET /a', NOW), clock.sign(SECRET, '', NOW, 'GET /a', NOW));
});

test('two lanes never sign the same timestamp', () => {
  const lanes = [new SignatureClock(0, 3), new SignatureClock(1, 3), new SignatureClock(2, 3)];
  const stamps = lanes.map((clock) => new Set(Array.from({ length: 10 }, () => parseSignatureHeader(clock.sign(SECRET, '{}', NOW, 'POST /x', NOW))!.timestamp)));
  for (const [i, a] of stamps.entries()) for (const b of stamps.slice(i + 1)) assert.deepEqual([...a].filter((t) => b.has(t)), []);
});

test('a lane outside the lane count is refused', () => {
  assert.throws(() => new SignatureClock(3, 3), RangeError);
  assert.throws(() => new SignatureClock(0, 0), RangeError);
});

test('no request is signed before the run started while a later second within reach is free', () => {
  const start = NOW - 5;
  const run = new SignatureClock(1, 2, start);
  const stamps = Array.from({ length: 12 }, () => parseSignatureHeader(run.sign(SECRET, '', NOW, 'GET /unknown', NOW))!.timestamp);
  assert.equal(new Set(stamps).size, stamps.length);
  assert.ok(stamps.every((t) => t >= start && t % 2 === 1), `${stamps.join(' ')}`);
  // The first sign at a wanted second below the floor after rounding down to the lane goes up, not down.
  const edge = new SignatureClock(0, 2, NOW + 1);
  assert.ok(parseSignatureHeader(edge.sign(SECRET, '', NOW + 1, 'GET /a', NOW))!.timestamp >= NOW + 1);
});

test('a short run signs its repeats ahead; the run after, told what it signed, repeats none of them', () => {
  const T = Math.floor(Date.now() / 1000); // handed on only while in the window of the real clock
  // A run of a few seconds that sends one refused body fifty times: most go ahead of the clock,
  // into the seconds the next run signs in.
  const first = new SignatureClock(0, 1, T);
  const before = Array.from({ length: 50 }, () => first.sign(SECRET, '[]', T + 2, 'POST /api/v1/chats'));
  assert.ok(before.some((header) => parseSignatureHeader(header)!.timestamp > T + 10));
  const next = new SignatureClock(0, 1, T + 10, first.signedHere());
  const after = Array.from({ length: 50 }, () => next.sign(SECRET, '[]', T + 10, 'POST /api/v1/chats'));
  assert.deepEqual(after.filter((header) => before.includes(header)), []);
  assert.equal(new Set(after).size, after.length);
  // Without the history the next run would have met the first run's signatures.
  const forgetful = new SignatureClock(0, 1, T + 10);
  assert.ok(Array.from({ length: 50 }, () => forgetful.sign(SECRET, '[]', T + 10, 'POST /api/v1/chats')).some((header) => before.includes(header)));
});

test('every signature stays within reach of the wanted second, back before the run\'s start once ahead is full', () => {
  const run = new SignatureClock(0, 1, NOW);
  const stamps = Array.from({ length: 400 }, () => parseSignatureHeader(run.sign(SECRET, '', NOW, 'GET /a', NOW))!.timestamp);
  assert.equal(new Set(stamps).size, stamps.length);
  assert.ok(stamps.every((t) => Math.abs(t - NOW) <= 240), `${Math.min(...stamps)} to ${Math.max(...stamps)}`);
  assert.ok(stamps.some((t) => t < NOW), 'past the reach ahead, earlier than the run started');
});

test('what a clock hands on is hashed: no signature, no request line', () => {
  const run = new SignatureClock(0, 1);
  const header = run.sign(SECRET, '{}', Math.floor(Date.now() / 1000), 'POST /api/v1/chats');
  const handed = JSON.stringify(run.signedHere());
  assert.equal(run.signedHere().length, 1);
  assert.ok(!handed.includes(header.split(',')[2]!) && !handed.includes('/api/v1/chats'), handed);
});

test('a repeated stale signature stays stale, and a repeated skewed one stays inside the window', () => {
  const run = new SignatureClock(0, 2, NOW);
  const stamps = (skew: number) => Array.from({ length: 150 }, () => parseSignatureHeader(run.sign(SECRET, '', NOW + skew, 'GET /a', NOW))!.timestamp - NOW);
  assert.ok(stamps(-310).every((t) => t <= -310));
  assert.ok(stamps(310).every((t) => t >= 310));
  const skewed = stamps(-290);
  assert.ok(skewed.every((t) => t >= -295 && t <= 0), `${Math.min(...skewed)} to ${Math.max(...skewed)}`);
});

test('a deliberately stale signature is still signed where asked: the floor holds only for the run\'s own seconds', () => {
  const run = new SignatureClock(0, 1, NOW);
  assert.equal(parseSignatureHeader(run.sign(SECRET, '', NOW - 400, 'GET /a', NOW))!.timestamp, NOW - 400);
});
