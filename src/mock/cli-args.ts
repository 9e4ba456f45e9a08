// The mock's command line: flags first, then CHERT_MOCK_* from the environment, then defaults.
import { parseArgs } from 'node:util';
import { isFaultName, type FaultName } from './faults.ts';

export const DEFAULT_PORT = 4010;

export const USAGE = 'usage: npm run mock -- [--port N] [--fault NAME] [--rate-limit N] [--flaky P] [--list-faults]';

export class UsageError extends Error {
  override name = 'UsageError';
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list-faults' }
  | { kind: 'serve'; port: number; fault: FaultName | undefined; rateLimit: number | undefined; flaky: number | undefined };

type Env = Record<string, string | undefined>;

function integer(raw: string, what: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${what} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function probability(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !(value >= 0 && value <= 1)) throw new UsageError(`--flaky must be a probability from 0 to 1, got "${raw}".`);
  return value;
}

function fault(raw: string | undefined, source: string): FaultName | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!isFaultName(raw)) throw new UsageError(`${source} names no known fault ("${raw}"); npm run mock -- --list-faults lists them.`);
  return raw;
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
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (${USAGE})`);
  }
  if (values.help) return { kind: 'help' };
  if (values['list-faults']) return { kind: 'list-faults' };
  // An empty variable counts as unset, as it does for the suite's settings.
  const portRaw = values.port ?? (env.CHERT_MOCK_PORT?.trim() || undefined);
  return {
    kind: 'serve',
    port: portRaw === undefined ? DEFAULT_PORT : integer(portRaw, values.port === undefined ? 'CHERT_MOCK_PORT' : '--port', 0, 65535),
    fault: values.fault === undefined ? fault(env.CHERT_MOCK_FAULT, 'CHERT_MOCK_FAULT') : fault(values.fault, '--fault'),
    rateLimit: values['rate-limit'] === undefined ? undefined : integer(values['rate-limit'], '--rate-limit', 1, 1_000_000),
    flaky: values.flaky === undefined ? undefined : probability(values.flaky),
  };
}
