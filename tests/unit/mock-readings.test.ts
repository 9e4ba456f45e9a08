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

test('"alternate" takes the first other judgeable reading of every combinable choice at once', () => {
  const alternate = parseReadings(['alternate']);
  for (const choice of register.choices.filter((c) => c.combinable !== false)) {
    const first = choice.readings.slice(1).find((r) => r.unjudged === undefined) ?? choice.readings[0];
    assert.equal(alternate.of(choice.id), first?.id, choice.id);
  }
});

test('a reading that leaves checks unjudged runs alone, asking for no failure', () => {
  const alone = gateConfigurations().filter((g) => g.readings.length === 1 && g.expect === 'no-failure').map((g) => g.readings[0]?.join('='));
  const unjudging = register.choices.flatMap((c) => c.readings.filter((r) => r.unjudged !== undefined).map((r) => `${c.id}=${r.id}`));
  assert.ok(unjudging.length > 0);
  assert.deepEqual(alone.sort(), unjudging.sort());
  for (const g of gateConfigurations().filter((c) => c.readings.length > 1)) {
    for (const [id, reading] of g.readings) assert.ok(!unjudging.includes(`${id}=${reading}`), `${g.label} takes ${id}=${reading}`);
  }
});

test('a choice or reading the register does not have is refused', () => {
  assert.throws(() => new MockReadings([['no-such-choice', 'x']]), ReadingsError);
  assert.throws(() => DEFAULT_READINGS.is('text-empty', 'maybe'), ReadingsError);
  assert.throws(() => parseReadings(['text-empty']), ReadingsError);
});
