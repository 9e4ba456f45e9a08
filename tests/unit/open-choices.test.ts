// The register of open choices is well-formed and agrees with the catalog it points into.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { choiceById, choicesOf, loadRegister } from '../../src/contract/open-choices.ts';
import { loadCatalog } from '../../src/contract/requirements.ts';

const register = loadRegister();

test('the register matches its JSON Schema', () => {
  const schema = JSON.parse(readFileSync('schemas/open-choices.schema.json', 'utf8')) as object;
  const check = new Ajv2020({ allErrors: true }).compile(schema);
  assert.ok(check(register), JSON.stringify(check.errors, null, 2));
});

test('choice ids are unique, and reading ids unique within a choice', () => {
  const ids = register.choices.map((c) => c.id);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  for (const choice of register.choices) {
    const readings = choice.readings.map((r) => r.id);
    assert.equal(new Set(readings).size, readings.length, `${choice.id}: a reading id repeats`);
  }
});

test('every requirement a choice touches is in the catalog', () => {
  const known = new Set(loadCatalog().requirements.map((r) => r.id));
  for (const choice of register.choices) {
    for (const id of choice.requirements) assert.ok(known.has(id), `${choice.id} names unknown requirement ${id}`);
  }
});

test('a choice is found by id and by the requirements it touches', () => {
  const [first] = register.choices;
  assert.ok(first);
  assert.equal(choiceById(first.id), first);
  assert.ok(choicesOf(first.requirements[0] as string).includes(first));
  assert.throws(() => choiceById('no-such-choice'), /specs\/open-choices\.yaml/);
});

test('a reading warns only SHOULD requirements (a MUST it broke would make it no correct reading)', () => {
  const levels = new Map(loadCatalog().requirements.map((r) => [r.id, r.level]));
  for (const choice of register.choices) {
    for (const reading of choice.readings) {
      for (const id of reading.warns ?? []) assert.equal(levels.get(id), 'SHOULD', `${choice.id}=${reading.id} warns ${id}`);
    }
  }
});
