// A seeded random sample of mutants, drawn by a hash of each mutant's identity rather than by its
// position: leaving a mutant out (a new exclusion in config.ts) or adding one elsewhere changes no
// other mutant's chance, so the CI sample stays the same set unless its own members change.
import { createHash } from 'node:crypto';

/** Where `seed` ranks the item named `key`: uniform, and the same on every machine. */
const rankOf = (seed: number, key: string): string => createHash('sha256').update(`${seed}\u0000${key}`).digest('hex');

/**
 * The `size` items of `items` (all of them if fewer) whose keys rank lowest under `seed`, in their
 * original order. Keys must be unique; `identities` makes them so for mutants.
 */
export function sample<T>(items: readonly T[], size: number, seed: number, keyOf: (item: T, index: number) => string): T[] {
  if (size >= items.length) return [...items];
  const ranked = items.map((item, index) => ({ index, rank: rankOf(seed, keyOf(item, index)) }));
  ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return ranked.slice(0, size).map((r) => r.index).sort((a, b) => a - b).map((i) => items[i] as T);
}

type Identifiable = { file: string; scope: string; mutator: string; original: string; replacement: string };

/**
 * A key per mutant that survives edits elsewhere in its file (no line numbers): what it changes and
 * where, plus its rank among identical changes in the same function.
 */
export function identities(mutants: readonly Identifiable[]): string[] {
  const seen = new Map<string, number>();
  return mutants.map((m) => {
    const base = [m.file, m.scope, m.mutator, m.original, m.replacement].join('\u0000');
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return `${base}\u0000${occurrence}`;
  });
}

/** A fresh seed when none is given (printed by the runner, so the sample can be replayed). */
export const newSeed = (): number => Math.floor(Math.random() * 2 ** 31);
