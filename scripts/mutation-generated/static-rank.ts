// Which tests to try first on a static mutant. A static mutant (a module-level constant, regex or
// arrow function) is switched on when its module loads, so per-test coverage says nothing about
// it: every test might see it. Trying all of them in any order made static mutants the bulk of a
// full run. But the value it changes is read somewhere, and the code that reads it has ordinary
// runtime mutants whose coverage and kills are known:
//   1. the tests that reach the lines naming the declared binding (its users), those reaching
//      more of those lines' mutants first;
//   2. the tests that killed runtime mutants of the same file;
//   3. the tests that reach the same file;
//   4. everything else, in the order given.
import type { GeneratedMutant } from './instrument.ts';

export type StaticRankInput = {
  /** Every mutant of the build (runtime ones carry the coverage the ranking reads). */
  mutants: readonly GeneratedMutant[];
  /** Source of each mutated file, by repository-relative path. */
  sources: Readonly<Record<string, string>>;
  /** Mutant id → test key → hits, from the coverage run. */
  coverage: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Mutant id → the tests that killed it so far. */
  killedBy: ReadonlyMap<string, readonly string[]>;
};

const DECLARATION = /^\s*(?:export\s+)?(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/;
const escape = (name: string) => name.replace(/\$/g, '\\$');

/** The name a module-level line declares, if it declares one. */
export function declaredName(source: string, line: number): string | undefined {
  const lines = source.split('\n');
  // A declaration may span lines: the mutant sits inside it, so look up to its first line.
  for (let n = line - 1; n >= 0 && n >= line - 15; n--) {
    const text = lines[n] ?? '';
    const match = DECLARATION.exec(text);
    if (match) return match[1];
    if (n < line - 1 && /^\S/.test(text)) return undefined;
  }
  return undefined;
}

/** Lines (from 1) of each file that name `name` as a whole word, the declaration itself left out. */
function useLines(sources: Readonly<Record<string, string>>, file: string, declLine: number, name: string): Map<string, Set<number>> {
  const word = new RegExp(`(^|[^\\w$])${escape(name)}([^\\w$]|$)`);
  const uses = new Map<string, Set<number>>();
  for (const [path, source] of Object.entries(sources)) {
    // Another file can only use it if it is imported there by that name.
    if (path !== file && !new RegExp(`import[^;]*\\b${escape(name)}\\b[^;]*from`).test(source)) continue;
    source.split('\n').forEach((text, i) => {
      if (path === file && i + 1 === declLine) return;
      if (/^\s*import\b/.test(text) || !word.test(text)) return;
      (uses.get(path) ?? uses.set(path, new Set()).get(path))?.add(i + 1);
    });
  }
  return uses;
}

function add(scores: Map<string, number>, test: string, amount: number): void {
  scores.set(test, (scores.get(test) ?? 0) + amount);
}

/** `tests` by each score in turn, highest first; ties keep the order given. */
function byScores(tests: readonly string[], scores: readonly ReadonlyMap<string, number>[]): string[] {
  const position = new Map(tests.map((t, i) => [t, i]));
  return [...tests].sort((a, b) => {
    for (const score of scores) {
      const diff = (score.get(b) ?? 0) - (score.get(a) ?? 0);
      if (diff !== 0) return diff;
    }
    return (position.get(a) as number) - (position.get(b) as number);
  });
}

/** `tests` reordered for one static mutant, most likely killers first; the same set of keys. */
export function rankForStatic(mutant: GeneratedMutant, tests: readonly string[], input: StaticRankInput): string[] {
  const users = new Map<string, number>();
  const fileKills = new Map<string, number>();
  const fileCover = new Map<string, number>();
  const source = input.sources[mutant.file] ?? '';
  const name = declaredName(source, mutant.location.start.line);
  const uses = name ? useLines(input.sources, mutant.file, mutant.location.start.line, name) : new Map<string, Set<number>>();
  for (const other of input.mutants) {
    const hits = input.coverage.get(other.id);
    if (!hits || other.id === mutant.id) continue;
    const onUseLine = uses.get(other.file)?.has(other.location.start.line) ?? false;
    for (const [test, count] of hits) {
      if (onUseLine) add(users, test, 1 + Math.min(count, 99) / 100);
      if (other.file === mutant.file) add(fileCover, test, 1);
    }
    if (other.file === mutant.file) for (const test of input.killedBy.get(other.id) ?? []) add(fileKills, test, 1);
  }
  return byScores(tests, [users, fileKills, fileCover]);
}

/**
 * `tests` (a runtime mutant's covering tests) reordered by what killed its neighbours: first the
 * tests that killed mutants of the same function, then of the same file; otherwise the order given.
 * Mutants of one function tend to fall to the same test, so a survivor of its first tries meets the
 * likely killers next instead of the rest of a long list.
 */
export function rankByNeighbours(mutant: GeneratedMutant, tests: readonly string[], input: Pick<StaticRankInput, 'mutants' | 'killedBy'>): string[] {
  const sameScope = new Map<string, number>();
  const sameFile = new Map<string, number>();
  for (const other of input.mutants) {
    if (other.file !== mutant.file || other.id === mutant.id) continue;
    for (const test of input.killedBy.get(other.id) ?? []) {
      add(sameFile, test, 1);
      if (other.scope === mutant.scope) add(sameScope, test, 1);
    }
  }
  return byScores(tests, [sameScope, sameFile]);
}

