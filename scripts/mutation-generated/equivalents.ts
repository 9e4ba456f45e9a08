// The committed list of surviving mutants that no client can observe (equivalent mutants), and
// how a survivor is matched to it: by file, mutator, the original code and its replacement (and
// the enclosing function when given), never by line or id, which shift with every edit.
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { loadRegister } from '../../src/contract/open-choices.ts';
import type { GeneratedMutant } from './instrument.ts';

export const EQUIVALENTS_FILE = 'scripts/mutation-generated/equivalent-mutants.yaml';

export type EquivalentEntry = {
  file: string;
  scope?: string;
  mutator: string;
  original: string;
  replacement: string;
  /** One line: why no request can tell this mutant from the mock. */
  reason: string;
  /**
   * The open choice (specs/open-choices.yaml) this mutant only moves the mock along, to another
   * documented reading: the survivor is classed open choice, not equivalent, and no check may kill it.
   */
  openChoice?: string;
};

export function loadEquivalents(path: string): EquivalentEntry[] {
  const entries = (parse(readFileSync(path, 'utf8')) ?? []) as EquivalentEntry[];
  if (!Array.isArray(entries)) throw new Error(`${path}: expected a list of entries`);
  const choices = new Set(loadRegister().choices.map((c) => c.id));
  for (const [i, e] of entries.entries()) {
    const missing = (['file', 'mutator', 'original', 'replacement', 'reason'] as const).filter((k) => typeof e?.[k] !== 'string' || e[k].trim() === '');
    if (missing.length > 0) throw new Error(`${path}: entry ${i + 1} lacks ${missing.join(', ')}`);
    if (e.openChoice !== undefined && !choices.has(e.openChoice)) throw new Error(`${path}: entry ${i + 1} names open choice "${e.openChoice}", which specs/open-choices.yaml does not have`);
  }
  return entries;
}

export function matches(entry: EquivalentEntry, mutant: GeneratedMutant): boolean {
  return (
    entry.file === mutant.file &&
    entry.mutator === mutant.mutator &&
    entry.original === mutant.original &&
    entry.replacement === mutant.replacement &&
    (entry.scope === undefined || entry.scope === mutant.scope)
  );
}

export const findEquivalent = (entries: readonly EquivalentEntry[], mutant: GeneratedMutant): EquivalentEntry | undefined =>
  entries.find((entry) => matches(entry, mutant));

/**
 * Entries that match none of the mutants a run tries (`candidates`: every mutant config.ts does
 * not leave out): their code changed or is left out, so they vouch for nothing. Numbered from 1, as
 * the file's order counts them.
 */
export function deadEntries(entries: readonly EquivalentEntry[], candidates: readonly GeneratedMutant[]): { number: number; entry: EquivalentEntry }[] {
  return entries.flatMap((entry, i) => (candidates.some((m) => matches(entry, m)) ? [] : [{ number: i + 1, entry }]));
}

/** One line naming an entry, for messages: its number, file, scope and change. */
export const describeEntry = ({ number, entry }: { number: number; entry: EquivalentEntry }): string =>
  `#${number} ${entry.file}${entry.scope ? ` (${entry.scope})` : ''} ${entry.mutator}: ${entry.original.slice(0, 80)} -> ${entry.replacement.slice(0, 40)}`;

/** A survivor as a ready entry to paste into the list, with the reason left to write. */
export function entryFor(mutant: GeneratedMutant): string {
  const entry: EquivalentEntry = { file: mutant.file, scope: mutant.scope, mutator: mutant.mutator, original: mutant.original, replacement: mutant.replacement, reason: 'TODO: why no request can observe it' };
  return stringify([entry]);
}
