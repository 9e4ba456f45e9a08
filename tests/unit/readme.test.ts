// The README stays true: its first lines are the two commands, its tables name every setting the
// code reads and every fault of the mock's catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FAULTS } from '../../src/mock/faults.ts';

const readme = readFileSync('README.md', 'utf8');

test('the README opens with the install-and-run and the test commands', () => {
  const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.match(firstBlock, /^npm ci && npm run conformance/m);
  assert.match(firstBlock, /^npm test/m);
});

test('the fault table lists every fault of the catalog', () => {
  for (const fault of FAULTS) assert.ok(readme.includes(`| \`${fault.name}\` |`), `${fault.name} is missing from the README's fault table`);
});

test('the settings table names every CHERT_ variable the settings module reads', () => {
  const source = readFileSync('src/config/settings.ts', 'utf8');
  const read = new Set([...source.matchAll(/'(CHERT_[A-Z_]+)'/g)].map((m) => m[1] as string));
  read.delete('CHERT_INTERNAL_BUILTIN_MOCK'); // set by the suite itself, not by users
  for (const name of read) assert.ok(readme.includes(`\`${name}\``), `${name} is not in the README's settings table`);
});
