// Whether the generated checks may send the next tests' requests ahead (tests/generated/ahead.ts).
// Only when every test of the suite runs, once: a filtered run (--grep, a file or line, --last-failed,
// --only-changed, a shard...) or one that may stop early (--max-failures) could send for a test
// that never runs. Decided once, in the runner, from its command line; the workers inherit it.

/** The environment variable that carries the runner's decision to its workers ("1" or "0"). */
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
  if (env.CHERT_INTERNAL_MUTANT_RUN === '1') return { ahead: false, why: 'a generated-mutant run' };
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

/** The runner's decision, made once: the workers, which load the config again, find it set. */
export function decideSendAhead(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (env[SEND_AHEAD_ENV] === undefined) env[SEND_AHEAD_ENV] = sendAheadFromArgs(argv, env).ahead ? '1' : '0';
  return env[SEND_AHEAD_ENV] === '1';
}
