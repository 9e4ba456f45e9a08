// A seeded random sample of mutants: the same seed over the same mutants picks the same ones.

/** mulberry32: a small, well-mixed 32-bit PRNG; enough to pick a sample, and replayable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` items of `items` (all of them if fewer), in their original order. */
export function sample<T>(items: readonly T[], size: number, seed: number): T[] {
  if (size >= items.length) return [...items];
  const random = seededRandom(seed);
  const indexes = items.map((_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (indexes.length - i));
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  return indexes.slice(0, size).sort((a, b) => a - b).map((i) => items[i] as T);
}

/** A fresh seed when none is given (printed by the runner, so the sample can be replayed). */
export const newSeed = (): number => Math.floor(Math.random() * 2 ** 31);
