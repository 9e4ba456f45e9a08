// The expectations file: a valid one loads; each kind of bad one is refused with one line that
// names the file and what to fix (global setup turns it into exit 2 before any test).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExpectationsError, loadExpectations, parseExpectations, PLACEHOLDER_REASON } from '../../src/report/expectations-file.ts';

const IDS = new Set(['AUTH-MISSING', 'CHAT-ID-UUID', 'CHAT-RECIPIENTS-MAX']);
const parse = (text: string) => parseExpectations(text, 'known.yaml', IDS);

test('a valid file loads every field', () => {
  const text = `expectations:
  - id: AUTH-MISSING
    status: failed
    reason: The live API answers 2004; the docs say 2012 (CH-12).
    link: https://tickets.example/CH-12
    until: 2026-12-31
  - id: CHAT-ID-UUID
    status: warned
    reason: Ids are ULIDs until the migration.
`;
  assert.deepEqual(parse(text), [
    { id: 'AUTH-MISSING', status: 'failed', reason: 'The live API answers 2004; the docs say 2012 (CH-12).', link: 'https://tickets.example/CH-12', until: '2026-12-31' },
    { id: 'CHAT-ID-UUID', status: 'warned', reason: 'Ids are ULIDs until the migration.' },
  ]);
});

test('an empty list is valid: no known deviations', () => {
  assert.deepEqual(parse('expectations: []\n'), []);
});

const refused: [string, { text: string; message: RegExp }][] = [
  ['YAML that does not parse', { text: 'expectations: [\n', message: /not valid YAML/ }],
  ['a file without the expectations list', { text: 'known:\n  - AUTH-MISSING\n', message: /must have required property 'expectations'/ }],
  ['a missing reason', { text: 'expectations:\n  - id: AUTH-MISSING\n    status: failed\n', message: /entry 1 \(AUTH-MISSING\) must have required property 'reason'/ }],
  ['an empty reason', { text: 'expectations:\n  - id: AUTH-MISSING\n    status: failed\n    reason: "  "\n', message: /entry 1 \(AUTH-MISSING\) reason must match/ }],
  ['the baseline placeholder, naming every such entry', { text: `expectations:\n  - id: AUTH-MISSING\n    status: failed\n    reason: "${PLACEHOLDER_REASON}"\n  - id: CHAT-ID-UUID\n    status: warned\n    reason: "${PLACEHOLDER_REASON}"\n`, message: /fill in the reason of AUTH-MISSING, CHAT-ID-UUID/ }],
  ['an unknown requirement id', { text: 'expectations:\n  - id: CHAT-NOT-A-RULE\n    status: failed\n    reason: x\n', message: /CHAT-NOT-A-RULE is not in specs\/requirements\.yaml/ }],
  ['a status that is not a deviation', { text: 'expectations:\n  - id: AUTH-MISSING\n    status: passed\n    reason: x\n', message: /entry 1 \(AUTH-MISSING\) status must be equal to one of the allowed values: failed, warned, skipped, inconclusive/ }],
  ['an until that is not a date', { text: 'expectations:\n  - id: AUTH-MISSING\n    status: failed\n    reason: x\n    until: next week\n', message: /until must match format "date"/ }],
  ['a link that is not a URL', { text: 'expectations:\n  - id: AUTH-MISSING\n    status: failed\n    reason: x\n    link: CH-12\n', message: /link must match format "uri"/ }],
  ['an unknown field', { text: 'expectations:\n  - id: AUTH-MISSING\n    status: failed\n    reason: x\n    owner: me\n', message: /must NOT have additional properties/ }],
  ['the same id twice', { text: 'expectations:\n  - id: AUTH-MISSING\n    status: failed\n    reason: x\n  - id: AUTH-MISSING\n    status: inconclusive\n    reason: y\n', message: /AUTH-MISSING listed more than once/ }],
];

for (const [name, { text, message }] of refused) {
  test(`refused: ${name}`, () => {
    assert.throws(() => parse(text), (e: unknown) => {
      assert.ok(e instanceof ExpectationsError);
      assert.match(e.message, /^Expectations file known\.yaml: /);
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /\n/, 'one line');
      return true;
    });
  });
}

test('a path that cannot be read names the path and the setting', () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'chert-exp-')), 'nope.yaml');
  assert.throws(() => loadExpectations(missing, IDS), /CHERT_EXPECTATIONS names .*nope\.yaml, which cannot be read \(ENOENT\)/);
});

test('a file on disk loads', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'chert-exp-')), 'known.yaml');
  writeFileSync(file, 'expectations:\n  - id: CHAT-RECIPIENTS-MAX\n    status: inconclusive\n    reason: the gateway times out on 32 recipients\n');
  assert.equal(loadExpectations(file, IDS)[0]?.status, 'inconclusive');
});
