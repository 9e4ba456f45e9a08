// The rooms of src/ form layers (docs/architecture.md): a file imports only from its own layer or
// lower ones, src/ never imports tests/ or scripts/, and the mock never judges with the suite's
// eyes (no import of the client or the checks). Type-only imports count too: an arrow up is an
// arrow up, erased at run time or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Lowest first. A room's position is its layer. */
const LAYERS = ['src/domain', 'src/config', 'src/contract', 'src/checks', 'src/contract/generate', 'src/client', 'src/mock', 'src/report', 'src/run'];
const FORBIDDEN: [from: string, to: string, why: string][] = [
  ['src/mock', 'src/client', 'the mock is one server among many: it does not judge with the suite\'s client'],
  ['src/mock', 'src/checks', 'the mock is one server among many: it does not judge with the suite\'s checks'],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The deepest room holding a path (src/contract/generate before src/contract). */
function roomOf(path: string): string | undefined {
  return [...LAYERS].sort((a, b) => b.length - a.length).find((room) => path === room || path.startsWith(`${room}/`));
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s+'(\.[^']+)'/g), ...source.matchAll(/import\('(\.[^']+)'\)/g)]
    .map((m) => relative('.', resolve(dirname(file), m[1] as string)).replaceAll('\\', '/'));
}

test('no file of src/ imports from a higher layer, from tests/ or scripts/, and the mock imports neither client nor checks', () => {
  const wrong: string[] = [];
  for (const file of files('src')) {
    const from = roomOf(file.replaceAll('\\', '/'));
    if (from === undefined) {
      wrong.push(`${file}: in no room of docs/architecture.md (add the folder to LAYERS and the doc)`);
      continue;
    }
    for (const target of importsOf(file)) {
      if (target.startsWith('tests/') || target.startsWith('scripts/')) wrong.push(`${file} imports ${target}: src/ never imports tests/ or scripts/`);
      const to = roomOf(target);
      if (to === undefined) continue; // schemas/ types, package files
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) wrong.push(`${file} imports ${target}: ${to} is above ${from}`);
      for (const [a, b, why] of FORBIDDEN) if (from === a && to === b) wrong.push(`${file} imports ${target}: ${why}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the layer check sees an arrow up', () => {
  assert.equal(roomOf('src/contract/generate/edge-cases.ts'), 'src/contract/generate');
  assert.ok(LAYERS.indexOf(roomOf('src/run/run-context.ts') as string) > LAYERS.indexOf(roomOf('src/client/chert-client.ts') as string));
  assert.deepEqual(importsOf('src/run/run-services.ts').filter((p) => p.startsWith('src/client/')).length > 0, true);
});
