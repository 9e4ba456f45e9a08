// The built-in mock's reading of each open choice (specs/open-choices.yaml). By default it takes
// the first reading listed; `--reading <id>=<reading>` (repeatable) or `--readings alternate`
// (every choice's first other reading at once) make it another correct server, which is how the
// suite proves it accepts every reading (the false-alarm gate in `npm test`).
import { loadRegister } from '../contract/open-choices.ts';

export class ReadingsError extends Error {
  override name = 'ReadingsError';
}

type Known = { readings: ReadonlySet<string>; byDefault: string };

let known: ReadonlyMap<string, Known> | undefined;

/** The register's choices, each with its readings and default, read once (a lookup per switch a request meets). */
function register(): ReadonlyMap<string, Known> {
  known ??= new Map(loadRegister().choices.map((c) => [c.id, { readings: new Set(c.readings.map((r) => r.id)), byDefault: c.readings[0]?.id as string }]));
  return known;
}

function choice(id: string): Known {
  const found = register().get(id);
  if (!found) throw new ReadingsError(`no open choice "${id}" (npm run mock -- --list-readings lists them)`);
  return found;
}

function checkReading(id: string, of: Known, reading: string): void {
  if (!of.readings.has(reading)) throw new ReadingsError(`open choice "${id}" has no reading "${reading}" (it has ${[...of.readings].join(', ')})`);
}

/** Which reading the mock takes of each choice. */
export class MockReadings {
  private readonly chosen: ReadonlyMap<string, string>;

  constructor(chosen: Iterable<[string, string]> = []) {
    const map = new Map(chosen);
    for (const [id, reading] of map) checkReading(id, choice(id), reading);
    this.chosen = map;
  }

  /** The reading taken of a choice (its first, unless another was chosen). */
  of(choiceId: string): string {
    return this.chosen.get(choiceId) ?? choice(choiceId).byDefault;
  }

  /** Does the mock take this reading? Throws on a choice or reading the register does not have. */
  is(choiceId: string, reading: string): boolean {
    const of = choice(choiceId);
    checkReading(choiceId, of, reading);
    return (this.chosen.get(choiceId) ?? of.byDefault) === reading;
  }

  /** The choices taken away from their default, as `id=reading` (empty by default). */
  describe(): string[] {
    return [...this.chosen].filter(([id, reading]) => choice(id).byDefault !== reading).map(([id, reading]) => `${id}=${reading}`);
  }
}

export const DEFAULT_READINGS = new MockReadings();

/**
 * One run of the false-alarm gate: a label, the readings the mock takes, and whether the run must
 * pass outright (exit 0) or, where the readings leave checks unjudged, fail and warn nothing.
 */
export type GateConfiguration = { label: string; readings: [string, string][]; expect: 'conformant' | 'no-failure' };

/**
 * The mock configurations that together take every reading of every choice: every combinable
 * choice's first other reading at once ("alternate"), then its second other reading where it has
 * one, all at once ("alternate-2"), and so on; a reading that cannot be combined, or that leaves
 * checks unjudged (its `unjudged`), runs on its own.
 */
export function gateConfigurations(): GateConfiguration[] {
  const choices = loadRegister().choices;
  const combinable = choices.filter((c) => c.combinable !== false);
  // A reading that leaves checks unjudged would hide what the others do to them: it runs alone.
  const others = new Map(combinable.map((c) => [c.id, c.readings.slice(1).filter((r) => r.unjudged === undefined)]));
  const rounds = Math.max(0, ...[...others.values()].map((readings) => readings.length));
  const together = Array.from({ length: rounds }, (_, i): GateConfiguration => ({
    label: i === 0 ? 'alternate' : `alternate-${i + 1}`,
    readings: [...others].filter(([, readings]) => readings.length > i).map(([id, readings]): [string, string] => [id, readings[i]?.id as string]),
    expect: 'conformant' as const,
  }));
  const alone = choices.flatMap((c) =>
    c.readings
      .slice(1)
      .filter((r) => c.combinable === false || r.unjudged !== undefined)
      .map((r): GateConfiguration => ({ label: `${c.id}=${r.id}`, readings: [[c.id, r.id]], expect: r.unjudged !== undefined ? 'no-failure' : 'conformant' })),
  );
  return [...together, ...alone];
}

/**
 * Readings from the command line or CHERT_MOCK_READINGS: `alternate`, or `<id>=<reading>` items
 * (repeated flags, or one comma-separated value).
 */
export function parseReadings(items: readonly string[]): MockReadings {
  const pairs: [string, string][] = [];
  for (const item of items.flatMap((i) => i.split(',')).map((i) => i.trim()).filter((i) => i !== '')) {
    if (item === 'alternate') {
      pairs.push(...(gateConfigurations()[0]?.readings ?? []));
      continue;
    }
    const [id, reading, extra] = item.split('=');
    if (!id || !reading || extra !== undefined) throw new ReadingsError(`a reading is written <choice>=<reading> or "alternate", got "${item}"`);
    pairs.push([id, reading]);
  }
  return new MockReadings(pairs);
}

/** `--list-readings`: every choice, its question, and its readings (the default first, marked). */
export function listReadings(): string {
  return loadRegister()
    .choices.map((c) => {
      const readings = c.readings.map((r, i) => `    ${i === 0 ? '*' : ' '} ${r.id}: ${r.says}`);
      return [`${c.id}: ${c.question}`, ...readings].join('\n');
    })
    .join('\n');
}
