// The HMAC v1 signer against the contract's test vectors, and the verifier's verdicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureHex, signatureHeader, verifySignature, parseSignatureHeader } from '../../src/domain/hmac.ts';

const SECRET = '0123456789abcdef0123456789abcdef';
const TS = 1700000000;
const GROUP = '{"from":"+15555550100","to":["+14155551234","+14155559876"],"message":{"subject":"Launch follow-up","parts":[{"type":"text","value":"Starting this group here."}],"idempotency_key":"group-launch-follow-up-001"}}';

const VECTORS: [string, string, string][] = [
  ['a short JSON body', '{"phone":"+14155551234","body":"Hi"}', '7dd8898239a65b5b2ccb163f8faddb1c24c6d269baadddaf322e74dff9e78422'],
  ['an empty body', '', '6d033471ca61b72c721ec8c18ea70b31ea9ee2c7aab01ae0fa01bc68c1579648'],
  ['the docs group create', GROUP, 'e4d24d416f4a6ce8887bfe7e2e18b550bf208fd5b9b5ec0a3b5c2a69e2ad8933'],
];

for (const [name, body, hex] of VECTORS) {
  test(`signs ${name} as the contract's test vector`, () => {
    assert.equal(signatureHex(SECRET, TS, body), hex);
    assert.equal(signatureHex(SECRET, TS, Buffer.from(body)), hex);
  });
}

test('a re-serialised body does not verify against the original signature', () => {
  const header = signatureHeader(SECRET, GROUP, TS);
  const reserialised = JSON.stringify(JSON.parse(GROUP), null, 2);
  assert.equal(verifySignature(SECRET, header, GROUP, TS), 'valid');
  assert.equal(verifySignature(SECRET, header, reserialised, TS), 'mismatch');
});

test('the key is the secret as ASCII, not hex-decoded', () => {
  assert.notEqual(signatureHex(Buffer.from(SECRET, 'hex').toString('latin1'), TS, ''), VECTORS[1]?.[2]);
});

test('the verifier tells malformed, stale and mismatched headers apart', () => {
  const header = signatureHeader(SECRET, '{}', TS);
  assert.equal(verifySignature(SECRET, header, '{}', TS + 300), 'valid');
  assert.equal(verifySignature(SECRET, header, '{}', TS - 300), 'valid');
  assert.equal(verifySignature(SECRET, header, '{}', TS + 301), 'stale');
  assert.equal(verifySignature(SECRET, header, '{} ', TS), 'mismatch');
  assert.equal(verifySignature(SECRET, header.replace('v1,', 'v2,'), '{}', TS), 'malformed');
  assert.equal(verifySignature(SECRET, header.slice(0, -1), '{}', TS), 'malformed');
  assert.equal(verifySignature(SECRET, 'v1,abc,' + 'a'.repeat(64), '{}', TS), 'malformed');
});

test('the header reads v1,<unix_seconds>,<64 lowercase hex>', () => {
  assert.match(signatureHeader(SECRET, '', TS), /^v1,1700000000,[0-9a-f]{64}$/);
  assert.deepEqual(parseSignatureHeader(`v1,${TS},${VECTORS[1]?.[2]}`), { timestamp: TS, hex: VECTORS[1]?.[2] });
});
