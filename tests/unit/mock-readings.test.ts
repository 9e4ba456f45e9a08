// The mock's readings of the open choices: every reading of the register is reachable, and a
// reading the register does not have is refused at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRegister } from '../../src/contract/open-choices.ts';
import { DEFAULT_READINGS, gateConfigurations, MockReadings, parseReadings, ReadingsError } from '../../src/mock/readings.ts';

const register = loadRegister();

test('by default the mock takes the first reading of every choice', () => {
  for (const choice of register.choices) assert.equal(DEFAULT_READINGS.of(choice.id), choice.readings[0]?.id);
  assert.deepEqual(DEFAULT_READINGS.describe(), []);
});

test('the gate configurations take every reading of every choice at least once', () => {
  const taken = new Set(gateConfigurations().flatMap((g) => g.readings.map(([id, reading]) => `${id}=${reading}`)));
  for (const choice of register.choices) {
    for (const reading of choice.readings.slice(1)) assert.ok(taken.has(`${choice.id}=${reading.id}`), `${choice.id}=${reading.id} is never taken`);
  }
});

test('"alternate" takes the first other reading of every combinable choice at once', () => {
  const alternate = parseReadings(['alternate']);
  for (const choice of register.choices.filter((c) => c.combinable !== false)) assert.equal(alternate.of(choice.id), choice.readings[1]?.id);
});

test('a choice or reading the register does not have is refused', () => {
  assert.throws(() => new MockReadings([['no-such-choice', 'x']]), ReadingsError);
  assert.throws(() => DEFAULT_READINGS.is('text-empty', 'maybe'), ReadingsError);
  assert.throws(() => parseReadings(['text-empty']), ReadingsError);
});
