// `npm run mock`: the built-in Chert mock on 127.0.0.1. The first stdout line is always
// CHERT_MOCK_URL=<base url> (a parent process reads it); secrets are never printed.
import { MOCK_DEFAULTS, parseSettings, processEnv, SettingsError, type Tenant } from '../config/settings.ts';
import { HELP, parseCli, UsageError, type CliCommand } from './cli-args.ts';
import { FAULTS, faultByName } from './faults.ts';
import { listReadings } from './readings.ts';
import { startMock, type RunningMock } from './server.ts';

type Serve = Extract<CliCommand, { kind: 'serve' }>;

function listFaults(): void {
  const width = Math.max(...FAULTS.map((f) => f.name.length));
  const lines = FAULTS.map((f) => `${f.name.padEnd(width)}  ${f.requirement.padEnd(28)}  ${f.description}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The suite's tenants, read as for a mock run: CHERT_BASE_URL names a target, not this mock. */
function tenants(): Tenant[] {
  const settings = parseSettings({ ...processEnv(), CHERT_BASE_URL: undefined });
  return settings.tenantB ? [settings.tenant, settings.tenantB] : [settings.tenant];
}

function describeTenant(tenant: Tenant): string {
  const isDefault = Object.values(MOCK_DEFAULTS).some((d) => d.slug === tenant.slug && d.secret === tenant.secret);
  const secret = isDefault ? 'the built-in default secret (src/config/settings.ts)' : 'the signing secret from your settings';
  return `tenant ${tenant.slug}: sender line ${tenant.from}, ${secret}`;
}

function printBanner(mock: RunningMock, command: Serve, accepted: Tenant[]): void {
  const lines = [
    `CHERT_MOCK_URL=${mock.url}`,
    `Chert mock listening on ${mock.url} (POST /api/v1/chats; stats at GET /__mock/stats; Ctrl-C stops it)`,
    ...accepted.map(describeTenant),
    command.fault ? `fault: ${command.fault} (violates ${faultByName(command.fault).requirement})` : 'fault: none',
    `readings: ${command.readings.describe().join(', ') || 'the default of every open choice (--list-readings)'}`,
  ];
  if (command.rateLimit !== undefined) lines.push(`rate limit: ${command.rateLimit} requests/s per tenant`);
  if (command.flaky !== undefined) lines.push(`flaky: ${command.flaky} of requests get 503 / 3002`);
  if (command.network) lines.push(`network faults: ${JSON.stringify(command.network)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function stopOnSignals(mock: RunningMock): void {
  const stop = (): void => {
    // A stuck connection must not keep a stopped mock alive.
    setTimeout(() => process.exit(0), 2000).unref();
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function serve(command: Serve): Promise<void> {
  const accepted = tenants();
  let mock: RunningMock;
  try {
    mock = await startMock({ port: command.port, tenants: accepted, fault: command.fault, readings: command.readings, rateLimit: command.rateLimit, flaky: command.flaky, network: command.network });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`chert mock: port ${command.port} is in use; pass --port 0 for a free port or another --port N.\n`);
    process.exit(1);
  }
  printBanner(mock, command, accepted);
  stopOnSignals(mock);
}

async function main(): Promise<void> {
  try {
    const command = parseCli(process.argv.slice(2), processEnv());
    if (command.kind === 'help') process.stdout.write(`${HELP}\n`);
    else if (command.kind === 'list-faults') listFaults();
    else if (command.kind === 'list-readings') process.stdout.write(`${listReadings()}\n`);
    else await serve(command);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof SettingsError)) throw error;
    process.stderr.write(`chert mock: ${error.message}\n`);
    process.exit(2);
  }
}

await main();
