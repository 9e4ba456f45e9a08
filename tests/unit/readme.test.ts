// The README stays true and short: its first lines are the two commands, its settings table names
// every setting the code reads; the generated fault table (docs/faults.md) lists every fault of the
// mock's catalog (scripts/check-generated.sh checks it is what `npm run docs:faults` makes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { FAULTS } from '../../src/mock/faults.ts';

const readme = readFileSync('README.md', 'utf8');

test('the README opens with the install-and-run and the test commands', () => {
  const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.match(firstBlock, /^npm ci && npm run conformance/m);
  assert.match(firstBlock, /^npm test/m);
});

test('the README is at most 200 lines: the rest lives in docs/', () => {
  const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
  assert.ok(lines <= 200, `README.md has ${lines} lines; move detail to docs/`);
});

test('the fault table lists every fault of the catalog', () => {
  const table = readFileSync('docs/faults.md', 'utf8');
  for (const fault of FAULTS) assert.ok(table.includes(`| \`${fault.name}\` |`), `${fault.name} is missing from docs/faults.md: run npm run docs:faults`);
});

test('the settings table names every CHERT_ variable the settings module reads', () => {
  const source = readFileSync('src/config/settings.ts', 'utf8');
  const read = new Set([...source.matchAll(/'(CHERT_[A-Z_]+)'/g)].map((m) => m[1] as string));
  read.delete('CHERT_INTERNAL_BUILTIN_MOCK'); // set by the suite itself, not by users
  for (const name of read) assert.ok(readme.includes(`\`${name}\``), `${name} is not in the README's settings table`);
});

test('the Layout table names every top-level folder and every folder of src/', () => {
  const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
  // Folders git ignores (installed or written by runs) are no part of the layout.
  const ignored = new Set(['.git', 'node_modules', 'reports', 'test-results', 'blob-report', 'playwright-report']);
  const folders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !ignored.has(e.name)).map((e) => (dir === '.' ? e.name : `${dir}/${e.name}`));
  for (const folder of [...folders('.'), ...folders('src')]) assert.ok(layout.includes(`\`${folder}/`), `${folder}/ is not in the README's Layout table`);
});
