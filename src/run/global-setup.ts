// Before any test: read settings, start the built-in mock when no target is set, then preflight.
// Any of these failing ends the run with one line and exit code 2 (the run could not judge).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMutantRun, loadSettings, SettingsError } from '../config/settings.ts';
import { loadCatalog } from '../contract/requirements.ts';
import { catalogIds, ExpectationsError, loadExpectations } from '../report/expectations-file.ts';
import { deadTargetReason } from '../client/target-health.ts';
import { BROKER_ENV } from '../client/run-wide-slots.ts';
import { startInflightBroker } from './inflight-broker.ts';
import { preflight } from './preflight.ts';
import { isFaultName } from '../mock/faults.ts';
import { parseReadings, ReadingsError, type MockReadings } from '../mock/readings.ts';
import { startMock } from '../mock/server.ts';

/** Thrown to end the run before any test: the reporter records it, prints it, and exits 2. */
export class CannotJudgeError extends Error {
  // Playwright prints "<name>: <message>"; the name says who speaks.
  override name = 'chert-conformance';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`; // One line for the user, not a stack trace.
  }
}

function cannotJudge(message: string): never {
  throw new CannotJudgeError(message);
}

/** A bad known-deviations file would misjudge the whole run: refuse it before any test. */
function checkExpectations(file: string | undefined): void {
  if (file === undefined) return;
  try {
    loadExpectations(file, catalogIds(loadCatalog()));
  } catch (error) {
    if (error instanceof ExpectationsError) cannotJudge(error.message);
    throw error;
  }
}

/** CHERT_MOCK_READINGS: the built-in mock's readings of the open choices (specs/open-choices.yaml). */
function mockReadings(raw: string | undefined): MockReadings {
  try {
    return parseReadings([raw ?? '']);
  } catch (error) {
    if (error instanceof ReadingsError) cannotJudge(`CHERT_MOCK_READINGS: ${error.message}`);
    throw error;
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof SettingsError) cannotJudge(error.message);
    throw error;
  }
  checkExpectations(settings.expectationsFile);
  const runDir = mkdtempSync(join(tmpdir(), 'chert-run-'));
  process.env.CHERT_RUN_DIR = runDir;
  let stop = async () => {};
  if (settings.baseUrl === undefined) {
    const fault = process.env.CHERT_MOCK_FAULT;
    if (fault && !isFaultName(fault)) cannotJudge(`CHERT_MOCK_FAULT names no known fault ("${fault}"); npm run mock -- --list-faults lists them.`);
    const readings = mockReadings(process.env.CHERT_MOCK_READINGS);
    // In this process, not a child: saves a Node start-up on every run; the runner is idle meanwhile.
    const tenants = settings.tenantB ? [settings.tenant, settings.tenantB] : [settings.tenant];
    const mock = await startMock({ port: 0, tenants, fault: fault && isFaultName(fault) ? fault : undefined, readings }).catch((error: Error) => cannotJudge(`the built-in mock did not start: ${error.message}`));
    process.env.CHERT_BASE_URL = mock.url;
    process.env.CHERT_INTERNAL_BUILTIN_MOCK = '1';
    const taken = readings.describe();
    process.env.CHERT_TARGET_LABEL = ['built-in mock', ...(fault ? [`fault ${fault}`] : []), ...(taken.length > 0 ? [`readings ${taken.join(', ')}`] : [])].join(' · ');
    stop = mock.close;
    settings = loadSettings();
  }
  const result = await preflight(settings);
  if (!result.ok) {
    await stop();
    cannotJudge(result.message);
  }
  // A target of the user's with several workers: the in-flight cap is one pool the workers draw
  // from (inflight-broker.ts). The built-in mock is bound by this machine's CPU, not by the window.
  const pooled = process.env.CHERT_INTERNAL_BUILTIN_MOCK !== '1' && !isMutantRun() && settings.workers > 1;
  const broker = pooled ? await startInflightBroker(settings.maxInflight) : undefined;
  if (broker) process.env[BROKER_ENV] = broker.address;
  return async () => {
    await broker?.close();
    await stop();
    // The one line of a run that gave up on a silent target (the verdict follows: exit 2).
    const dead = deadTargetReason(runDir);
    if (dead !== undefined) console.error(`chert-conformance: ${dead.replace(/^\[inconclusive\] /, '')}`);
    rmSync(runDir, { recursive: true, force: true });
  };
}
