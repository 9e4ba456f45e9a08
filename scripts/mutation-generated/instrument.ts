// Builds the mutant schemata: every mutated mock file rewritten by StrykerJS's instrumenter, where
// each mutant sits behind a switch (`__stryker__.activeMutant === id`) and a coverage counter, in a
// copy of src/ (with schemas/ and specs/ beside it) so the mock's relative imports and files
// resolve. One build holds every mutant.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Instrumenter, type File } from '@stryker-mutator/instrumenter';
import type { Logger } from '@stryker-mutator/api/logging';
import { FAULTS } from '../../src/mock/faults.ts';
import { loadRegister } from '../../src/contract/open-choices.ts';
import { EXCLUDED_CODE, EXCLUDED_FILES, MUTATE_DIR, type ExcludedCode } from './config.ts';
import { collapse, MockIgnorer } from './ignore.ts';

export type Location = { start: { line: number; column: number }; end: { line: number; column: number } };

/** One generated mutant, with what identifies it across edits of its file. */
export type GeneratedMutant = {
  id: string;
  /** Relative to the repository, e.g. src/mock/auth.ts. */
  file: string;
  mutator: string;
  /** The source it replaces (whitespace collapsed) and its replacement. */
  original: string;
  replacement: string;
  /** Enclosing function or method, `<module>` at top level. */
  scope: string;
  /** Lines and columns from 1, as the mutation report wants them. */
  location: Location;
  /** Set when the mutant is left out before any test runs. */
  ignoredBecause?: string;
};

export type Build = { dir: string; files: string[]; mutants: GeneratedMutant[]; sources: Record<string, string> };

const quiet: Logger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => true,
  isErrorEnabled: () => true,
  isFatalEnabled: () => true,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`stryker instrumenter: ${message}\n`),
  error: (message: string) => process.stderr.write(`stryker instrumenter: ${message}\n`),
  fatal: (message: string) => process.stderr.write(`stryker instrumenter: ${message}\n`),
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** The mock files to mutate: every .ts under MUTATE_DIR but the excluded ones. */
export function filesToMutate(root: string): string[] {
  const all = walk(join(root, MUTATE_DIR)).map((p) => relative(root, p).split('\\').join('/'));
  const missing = Object.keys(EXCLUDED_FILES).filter((f) => !all.includes(f));
  if (missing.length > 0) throw new Error(`config.ts excludes files that do not exist: ${missing.join(', ')}`);
  return all.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !(f in EXCLUDED_FILES)).sort();
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = source.indexOf('\n', offset) + 1;
  return offset + column;
}

function staleEntries(used: ReadonlySet<ExcludedCode>, files: readonly string[]): string[] {
  return EXCLUDED_CODE.filter((entry) => files.includes(entry.file) && !used.has(entry)).map((e) => `${e.file}: ${'function' in e ? e.function : e.code}`);
}

/** Instruments the mock into `outDir` (replaced whole) and lists its mutants. */
export async function instrument(root: string, outDir: string): Promise<Build> {
  const files = filesToMutate(root);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(join(root, 'src'), join(outDir, 'src'), { recursive: true });
  cpSync(join(root, 'schemas'), join(outDir, 'schemas'), { recursive: true });
  // The mock reads the register of open choices (specs/open-choices.yaml) for its readings.
  cpSync(join(root, 'specs'), join(outDir, 'specs'), { recursive: true });

  const sources = Object.fromEntries(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
  const defaults = new Map(loadRegister().choices.map((c) => [c.id, c.readings[0]?.id as string]));
  const ignorer = new MockIgnorer(new Set(FAULTS.map((f) => f.name)), EXCLUDED_CODE, (absolute) => relative(root, absolute).split('\\').join('/'), defaults);
  const input: File[] = files.map((f) => ({ name: resolve(root, f), content: sources[f] as string, mutate: true }));
  const result = await new Instrumenter(quiet).instrument(input, { plugins: null, excludedMutations: [], ignorers: [ignorer] });
  for (const file of result.files) {
    const target = join(outDir, relative(root, file.name));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  const stale = staleEntries(ignorer.used, files);
  if (stale.length > 0) throw new Error(`config.ts leaves out code that no longer exists (update it):\n  ${stale.join('\n  ')}`);

  const mutants = result.mutants.map((m): GeneratedMutant => {
    const file = relative(root, m.fileName).split('\\').join('/');
    const source = sources[file] as string;
    const { start, end } = m.location;
    const original = collapse(source.slice(offsetOf(source, start.line, start.column), offsetOf(source, end.line, end.column)));
    const key = `${start.line}:${start.column}-${end.line}:${end.column}`;
    const facts = ignorer.facts.get(file)?.get(key);
    // A fault or reading switch mutated to the value it has anyway in these runs changes nothing.
    const switchOff = facts?.offValue !== undefined && m.mutatorName === 'ConditionalExpression' && m.replacement === String(facts.offValue);
    const ignoredBecause = m.statusReason ?? (switchOff ? 'sets a fault or reading switch to the value it already has in these runs' : undefined);
    return {
      id: m.id,
      file,
      mutator: m.mutatorName,
      original,
      replacement: collapse(m.replacement),
      scope: facts?.scope ?? '<ignored>',
      location: { start: { line: start.line + 1, column: start.column + 1 }, end: { line: end.line + 1, column: end.column + 1 } },
      ...(ignoredBecause ? { ignoredBecause } : {}),
    };
  });
  return { dir: outDir, files, mutants, sources };
}
