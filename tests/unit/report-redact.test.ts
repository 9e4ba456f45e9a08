// Nothing written under reports/ holds a signing secret or a signature.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knownSecrets, redactDeep, redactString } from '../../src/client/redact.ts';

const SECRET = '5eC7e7a11ce0b0b5eC7e7a11ce0b0b99';
const SECRET_B = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';
const SIGNATURE = 'e4d24d416f4a6ce8887bfe7e2e18b550bf208fd5b9b5ec0a3b5c2a69e2ad8933';
const secrets = knownSecrets({ CHERT_SIGNING_SECRET: SECRET, CHERT_SIGNING_SECRET_B: SECRET_B });

const cases: [string, { given: string; want: string }][] = [
  ['a bearer secret becomes its variable', { given: `Bearer ${SECRET}`, want: 'Bearer $CHERT_SIGNING_SECRET' }],
  ['the second tenant keeps its own variable', { given: `Bearer ${SECRET_B}`, want: 'Bearer $CHERT_SIGNING_SECRET_B' }],
  ['a signature becomes a placeholder', { given: `v1,1700000000,${SIGNATURE}`, want: 'v1,1700000000,<signature>' }],
  ['a signature glued to other text is caught', { given: `sig=x${SIGNATURE}y`, want: 'sig=x<signature>y' }],
  ['an upper-case signature is caught', { given: SIGNATURE.toUpperCase(), want: '<signature>' }],
  ['ordinary text is kept', { given: 'chat 3f2a-11 created', want: 'chat 3f2a-11 created' }],
];

for (const [name, { given, want }] of cases) test(`redactString: ${name}`, () => assert.equal(redactString(given, secrets), want));

test('redactDeep reaches every string, keys included, and keeps other values', () => {
  const given = { [SECRET]: [{ header: `Bearer ${SECRET}`, status: 401, ok: false, none: null }] };
  assert.deepEqual(redactDeep(given, secrets), { $CHERT_SIGNING_SECRET: [{ header: 'Bearer $CHERT_SIGNING_SECRET', status: 401, ok: false, none: null }] });
});

test('knownSecrets ignores unset and too short values', () => {
  assert.deepEqual(knownSecrets({ CHERT_SIGNING_SECRET: 'abc', CHERT_SIGNING_SECRET_B: undefined }), []);
});
