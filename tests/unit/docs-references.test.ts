// The docs point only at files that exist: every repository path README.md and docs/*.md name
// (in backticks, in code blocks, or as a relative link) must be there. A glob (`*`, `**`) or a
// placeholder (`<name>`) must match at least one file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Folders of the repository a path in the docs may start with. */
const ROOTS = ['src', 'tests', 'scripts', 'specs', 'schemas', 'docs', 'examples', '.ci'];

type Reference = { path: string; line: number };

/** Paths named in backticks or fenced code (tokens starting with a root folder), and relative link targets. */
function references(markdown: string, file: string): Reference[] {
  const found: Reference[] = [];
  const lines = markdown.split('\n');
  let fenced = false;
  lines.forEach((text, index) => {
    const line = index + 1;
    if (/^\s*```/.test(text)) {
      fenced = !fenced;
      return;
    }
    const spans = fenced ? [text] : [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    for (const span of spans) {
      for (const raw of span.split(/[\s,;()]+/)) {
        const token = raw.replace(/^\.\//, '').replace(/:\d+$/, '').replace(/[.:'"]+$/, '');
        if (ROOTS.some((root) => token.startsWith(`${root}/`))) found.push({ path: token, line });
      }
    }
    if (fenced) return;
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = (match[1] as string).split('#')[0] as string;
      if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // an anchor, or http(s), mailto...
      found.push({ path: normalize(join(dirname(file), target)), line });
    }
  });
  return found;
}

function allFiles(dir = '.'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === '.git' || entry.name === 'reports') return [];
    const path = dir === '.' ? entry.name : join(dir, entry.name);
    return entry.isDirectory() ? [path, ...allFiles(path)] : [path];
  });
}

let files: string[] | undefined;

/** Does the path, or some file or folder its glob or placeholder stands for, exist? */
function exists(path: string): boolean {
  const bare = path.replace(/\/$/, '');
  if (!/[*<{]/.test(bare)) return existsSync(bare) && (path.endsWith('/') ? statSync(bare).isDirectory() : true);
  const pattern = bare
    .split(/(\*\*\/?|\*|<[^>]*>|\{[^}]*\})/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*' || part.startsWith('<')) return '[^/]+';
      if (part.startsWith('{')) return `(?:${part.slice(1, -1).split(',').map((p) => p.replace(/[.+?^$()|[\]\\]/g, '\\$&')).join('|')})`;
      return part.replace(/[.+?^$()|[\]\\]/g, '\\$&');
    })
    .join('');
  const regex = new RegExp(`^${pattern}$`);
  files ??= allFiles();
  return files.some((f) => regex.test(f));
}

const documents = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

test('every file or folder README.md and docs/*.md name exists', () => {
  const dangling = documents.flatMap((doc) =>
    references(readFileSync(doc, 'utf8'), doc)
      .filter((ref) => !exists(ref.path))
      .map((ref) => `${doc}:${ref.line}: ${ref.path}`),
  );
  assert.deepEqual(dangling, [], `references to files that do not exist:\n${dangling.join('\n')}`);
});

test('a reference to a missing file, glob or link is found; existing ones and URLs are not', () => {
  const sample = [
    'See `src/client/transport.ts`, `src/mock/**`, `src/checks/<area>.ts` and `src/nowhere/gone.ts`, `tests/conformance/sharper-*.spec.ts`.',
    'Run `npx tsx scripts/test-cost.ts` or `node --test tests/e2e/no-such.test.ts`; read [the plan](missing.md),',
    '[robustness](robustness.md), [the docs](https://docs.trychert.com/api) and [above](#layout).',
    '```bash',
    'npx playwright merge-reports --reporter ./src/report/conformance-reporter.ts,junit,html ./blobs',
    'npx tsx scripts/not-here.ts',
    '```',
  ].join('\n');
  const missing = references(sample, 'docs/sample.md').filter((ref) => !exists(ref.path)).map((ref) => relative('.', ref.path));
  assert.deepEqual(missing, ['src/nowhere/gone.ts', 'tests/conformance/sharper-*.spec.ts', 'tests/e2e/no-such.test.ts', 'docs/missing.md', 'scripts/not-here.ts']);
});
