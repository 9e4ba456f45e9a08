// The specs' YAML, read through the cache, is the data the YAML says: on a first read (parsed) and
// a second (from the cache), for both files of specs/; an edited file is parsed afresh.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { REQUIREMENTS_PATH, SPEC_PATH } from '../../src/contract/spec.ts';
import { readYamlFile } from '../../src/contract/yaml-file.ts';

test('the specs read through the cache equal their YAML, first read and second', () => {
  for (const path of [SPEC_PATH, REQUIREMENTS_PATH]) {
    const expected = parse(readFileSync(path, 'utf8')) as unknown;
    assert.deepStrictEqual(readYamlFile(path), expected);
    assert.deepStrictEqual(readYamlFile(path), expected);
  }
});

test('a changed file is read as changed', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'chert-yaml-')), 'x.yaml');
  writeFileSync(file, 'value: a\n');
  assert.deepStrictEqual(readYamlFile(file), { value: 'a' });
  writeFileSync(file, 'value: b\n');
  assert.deepStrictEqual(readYamlFile(file), { value: 'b' });
});
