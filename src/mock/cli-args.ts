// The mock's command line: flags first, then CHERT_MOCK_* from the environment, then defaults.
import { parseArgs } from 'node:util';
import { isFaultName, type FaultName } from './faults.ts';
import { FAIL_CLASSES, NETWORK_FAULT_HELP, type FailClass, type NetworkFaults } from './network-faults.ts';
import { parseReadings, ReadingsError, type MockReadings } from './readings.ts';

export const DEFAULT_PORT = 4010;

export const USAGE = 'usage: npm run mock -- [--port N] [--fault NAME] [--reading CHOICE=READING ...] [--readings alternate] [--rate-limit N] [--flaky P] [--list-faults] [--list-readings] [network faults]';

/** The full `--help` text: the usage line, then the hostile-network options. */
export const HELP = `${USAGE}\nnetwork faults (hostile targets, see src/mock/network-faults.ts):\n${NETWORK_FAULT_HELP}`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list-faults' }
  | { kind: 'list-readings' }
  | { kind: 'serve'; port: number; fault: FaultName | undefined; readings: MockReadings; rateLimit: number | undefined; flaky: number | undefined; network?: NetworkFaults };

type Env = Record<string, string | undefined>;

function integer(raw: string, what: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${what} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function probability(raw: string, what = '--flaky'): number {
  const value = Number(raw);
  if (raw.trim() === '' || !(value >= 0 && value <= 1)) throw new UsageError(`${what} must be a probability from 0 to 1, got "${raw}".`);
  return value;
}

type NetworkValues = Partial<Record<'latency' | 'hang-after' | 'reset' | 'garbage-after' | 'fail-class' | 'huge-every', string>> & {
  'error-html'?: boolean;
  redirect?: boolean;
};

function failClass(raw: string): FailClass {
  if (!(FAIL_CLASSES as readonly string[]).includes(raw)) throw new UsageError(`--fail-class takes one of ${FAIL_CLASSES.join(', ')}, got "${raw}".`);
  return raw as FailClass;
}

/** The hostile-network options given, or undefined when none is (the mock is then untouched). */
function networkFaults(v: NetworkValues): NetworkFaults | undefined {
  const faults: NetworkFaults = {};
  if (v.latency !== undefined) faults.latencyMs = integer(v.latency, '--latency', 0, 600_000);
  if (v['hang-after'] !== undefined) faults.hangAfter = integer(v['hang-after'], '--hang-after', 0, 1_000_000_000);
  if (v.reset !== undefined) faults.resetRate = probability(v.reset, '--reset');
  if (v['garbage-after'] !== undefined) faults.garbageAfter = integer(v['garbage-after'], '--garbage-after', 0, 1_000_000_000);
  if (v['error-html']) faults.errorHtml = true;
  if (v['fail-class'] !== undefined) faults.failClass = failClass(v['fail-class']);
  if (v['huge-every'] !== undefined) faults.hugeEvery = integer(v['huge-every'], '--huge-every', 1, 1_000_000_000);
  if (v.redirect) faults.redirect = true;
  return Object.keys(faults).length > 0 ? faults : undefined;
}

function fault(raw: string | undefined, source: string): FaultName | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!isFaultName(raw)) throw new UsageError(`${source} names no known fault ("${raw}"); npm run mock -- --list-faults lists them.`);
  return raw;
}

/** `--readings alternate` and `--reading id=reading` flags, else CHERT_MOCK_READINGS (the same words, comma-separated). */
function readingsOf(all: string | undefined, each: string[] | undefined, env: Env): MockReadings {
  if (all !== undefined && all !== 'alternate') throw new UsageError(`--readings takes "alternate", got "${all}" (--reading CHOICE=READING sets one).`);
  const flags = [...(all === undefined ? [] : [all]), ...(each ?? [])];
  try {
    return parseReadings(flags.length > 0 ? flags : [env.CHERT_MOCK_READINGS ?? '']);
  } catch (error) {
    if (error instanceof ReadingsError) throw new UsageError(`${flags.length > 0 ? '--reading' : 'CHERT_MOCK_READINGS'}: ${error.message}`);
    throw error;
  }
}

export function parseCli(argv: string[], env: Env): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        fault: { type: 'string' },
        'rate-limit': { type: 'string' },
        flaky: { type: 'string' },
        'list-faults': { type: 'boolean' },
        reading: { type: 'string', multiple: true },
        readings: { type: 'string' },
        'list-readings': { type: 'boolean' },
        latency: { type: 'string' },
        'hang-after': { type: 'string' },
        reset: { type: 'string' },
        'garbage-after': { type: 'string' },
        'error-html': { type: 'boolean' },
        'fail-class': { type: 'string' },
        'huge-every': { type: 'string' },
        redirect: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (${USAGE})`);
  }
  if (values.help) return { kind: 'help' };
  if (values['list-faults']) return { kind: 'list-faults' };
  if (values['list-readings']) return { kind: 'list-readings' };
  // An empty variable counts as unset, as it does for the suite's settings.
  const portRaw = values.port ?? (env.CHERT_MOCK_PORT?.trim() || undefined);
  const network = networkFaults(values);
  return {
    ...(network ? { network } : {}),
    kind: 'serve',
    port: portRaw === undefined ? DEFAULT_PORT : integer(portRaw, values.port === undefined ? 'CHERT_MOCK_PORT' : '--port', 0, 65535),
    fault: values.fault === undefined ? fault(env.CHERT_MOCK_FAULT, 'CHERT_MOCK_FAULT') : fault(values.fault, '--fault'),
    readings: readingsOf(values.readings, values.reading, env),
    rateLimit: values['rate-limit'] === undefined ? undefined : integer(values['rate-limit'], '--rate-limit', 1, 1_000_000),
    flaky: values.flaky === undefined ? undefined : probability(values.flaky),
  };
}
