// Before any test: read settings, start the built-in mock when no target is set, preflight, and
// write the run context the workers read (run-context.ts). Any of these failing ends the run with
// one line and exit code 2 (the run could not judge).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { isMutantRun, loadSettings, SettingsError, type Settings } from '../config/settings.ts';
import { loadCatalog } from '../contract/requirements.ts';
import { catalogIds, ExpectationsError, loadExpectations } from '../report/expectations-file.ts';
import { deadTargetReason } from '../client/target-health.ts';
import { preflight } from './preflight.ts';
import { RUN_CONTEXT_ENV, runContext, writeRunContext } from './run-context.ts';
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

function settingsOrCannotJudge(): Settings {
  try {
    return loadSettings();
  } catch (error) {
    if (error instanceof SettingsError) cannotJudge(error.message);
    throw error;
  }
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

/** CHERT_MOCK_SETTLE_MS: how long the built-in mock's settling readings take (the false-alarm gate sets it). */
function mockSettleMs(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) cannotJudge(`CHERT_MOCK_SETTLE_MS must be a whole number of milliseconds, got "${raw}".`);
  return value;
}

type Target = { settings: Settings; stop: () => Promise<void> };

/** The user's target, or the built-in mock when CHERT_BASE_URL is unset (its tenants are then the mock's). */
async function target(settings: Settings): Promise<Target> {
  if (settings.baseUrl !== undefined) return { settings, stop: async () => {} };
  const fault = process.env.CHERT_MOCK_FAULT;
  if (fault && !isFaultName(fault)) cannotJudge(`CHERT_MOCK_FAULT names no known fault ("${fault}"); npm run mock -- --list-faults lists them.`);
  const readings = mockReadings(process.env.CHERT_MOCK_READINGS);
  // In this process, not a child: saves a Node start-up on every run; the runner is idle meanwhile.
  const tenants = settings.tenantB ? [settings.tenant, settings.tenantB] : [settings.tenant];
  const settleMs = mockSettleMs(process.env.CHERT_MOCK_SETTLE_MS);
  const mock = await startMock({ port: 0, tenants, fault: fault && isFaultName(fault) ? fault : undefined, readings, ...(settleMs === undefined ? {} : { settleMs }) }).catch((error: Error) => cannotJudge(`the built-in mock did not start: ${error.message}`));
  return { settings: { ...settings, baseUrl: mock.url, builtinMock: true }, stop: mock.close };
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  // No request of this run is signed earlier than this (src/client/signature-clock.ts).
  const started = Math.floor(Date.now() / 1000);
  const settings = settingsOrCannotJudge();
  checkExpectations(settings.expectationsFile);
  const { settings: resolved, stop } = await target(settings);
  const result = await preflight(resolved);
  if (!result.ok) {
    await stop();
    cannotJudge(result.message);
  }
  const runDir = mkdtempSync(join(tmpdir(), 'chert-run-'));
  const context = runContext({ settings: resolved, runDir, workers: config.workers, mutantRun: isMutantRun(), startedAt: started });
  // The one variable a worker reads (Playwright starts them after this, with this environment).
  process.env[RUN_CONTEXT_ENV] = writeRunContext(context);
  return async () => {
    await stop();
    // The one line of a run that gave up on a silent target (the verdict follows: exit 2).
    const dead = deadTargetReason(runDir);
    if (dead !== undefined) console.error(`chert-conformance: ${dead.replace(/^\[inconclusive\] /, '')}`);
    rmSync(runDir, { recursive: true, force: true });
  };
}
