// The YAML files of specs/, parsed once per content. Every Playwright worker (and the runner) reads
// the OpenAPI document and the requirement catalog; parsing them took about a third of a second per
// process, reading the same data as JSON a few milliseconds. The first process to meet a version
// writes its JSON to node_modules/.cache/chert-conformance/, named by a hash of the YAML text, so
// an edited file is parsed afresh and a stale entry is never read.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/chert-conformance/', import.meta.url));

/** The `yaml` package, loaded only when a file must be parsed (loading it costs a worker time too). */
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

export function readYamlFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  const cached = join(CACHE_DIR, `${createHash('sha256').update(text).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    // Not cached yet (or unreadable): parse it.
  }
  const value = parseYaml(text);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, cached); // atomic: a process reading at the same time sees all or nothing
  } catch {
    // A read-only checkout: every process parses, as before.
  }
  return value;
}
