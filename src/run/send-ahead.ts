// Whether the generated checks may send the next tests' requests ahead (tests/generated/ahead.ts).
// Only when every test of the suite runs, once: a filtered run (--grep, a file or line, --last-failed,
// --only-changed, a shard...) or one that may stop early (--max-failures) could send for a test
// that never runs. Decided once, in the runner, from its command line; the workers inherit it.
import { isMutantRun } from '../config/settings.ts';

/** The environment variable that carries the runner's decision to its workers ("1@<runner pid>" or "0@<runner pid>"). */
export const SEND_AHEAD_ENV = 'CHERT_INTERNAL_SEND_AHEAD';

/** Options of `playwright test` that take a value and change no test's selection or count. */
const HARMLESS_WITH_VALUE = new Set(['--reporter', '--workers', '-j', '--retries', '--timeout', '--output', '--config', '-c', '--trace', '--global-timeout', '--project', '--tsconfig']);
/** Flags of `playwright test` that change no test's selection or count. */
const HARMLESS_FLAGS = new Set(['--quiet', '--forbid-only', '--pass-with-no-tests', '--fail-on-flaky-tests', '--fully-parallel', '--headed', '--no-deps']);

export type SendAhead = { ahead: boolean; why: string };

/**
 * Whether a runner started with `argv` runs every test once: anything but `playwright test` and
 * the options above (a positional filter, an option this list does not know) says no.
 */
export function sendAheadFromArgs(argv: readonly string[], env: Record<string, string | undefined>): SendAhead {
  // A generated-mutant run tags each request with its test's slot: a request sent ahead would carry the wrong one.
  if (isMutantRun(env)) return { ahead: false, why: 'a generated-mutant run' };
  const command = argv.findIndex((arg, i) => i >= 1 && arg === 'test');
  if (command === -1) return { ahead: false, why: 'not a `playwright test` run' };
  const args = argv.slice(command + 1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-')) return { ahead: false, why: `the run is filtered (${arg})` };
    const name = arg.split('=')[0] as string;
    if (HARMLESS_FLAGS.has(name)) continue;
    if (!HARMLESS_WITH_VALUE.has(name)) return { ahead: false, why: `${name} may leave tests out or repeat them` };
    if (!arg.includes('=')) i++; // its value
  }
  return { ahead: true, why: 'every test runs once' };
}

/**
 * The runner's decision, made once and marked with the runner's pid: its workers (its children,
 * which load the config again) keep it, while a run started by anything else, even one that
 * inherited the variable, decides for itself.
 */
export function decideSendAhead(argv: readonly string[], env: NodeJS.ProcessEnv, pid = process.pid, parentPid = process.ppid): boolean {
  const [decided, by] = (env[SEND_AHEAD_ENV] ?? '').split('@');
  if ((decided === '1' || decided === '0') && (Number(by) === pid || Number(by) === parentPid)) return decided === '1';
  const ahead = sendAheadFromArgs(argv, env).ahead;
  env[SEND_AHEAD_ENV] = `${ahead ? 1 : 0}@${pid}`;
  return ahead;
}

/** In a worker: the runner's decision. */
export function sendsAhead(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env[SEND_AHEAD_ENV] ?? '').startsWith('1@');
}
