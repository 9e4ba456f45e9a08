// What the report needs to know about the run besides test results: where to write, strictness,
// the target's name, the suite's version and the secrets to keep out of every file.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { loadSettings, processEnv, type Settings } from '../config/settings.ts';
import { knownSecrets, type Secret } from '../client/redact.ts';

export type ReportContext = {
  reportDir: string;
  strict: boolean;
  profile: string;
  target: string;
  suiteVersion: string;
  secrets: Secret[];
  /** CHERT_EXPECTATIONS, when set: the known deviations to judge the run against. */
  expectationsFile?: string;
  /** Set when the settings could not be read: the run could not judge. */
  settingsError?: string;
};

const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

export function suiteVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}

/**
 * CHERT_TARGET_LABEL, else the target's origin and path only (a query or user info could carry a
 * token); with no CHERT_BASE_URL the run's target is the built-in mock global setup starts.
 */
export function describeTarget(env: Record<string, string | undefined>): string {
  const label = env.CHERT_TARGET_LABEL?.trim();
  if (label) return label;
  const raw = env.CHERT_BASE_URL?.trim();
  if (!raw) {
    const fault = env.CHERT_MOCK_FAULT?.trim();
    const readings = env.CHERT_MOCK_READINGS?.trim();
    const taken = [...(fault ? [`fault ${fault}`] : []), ...(readings ? [`readings ${readings}`] : [])];
    return taken.length > 0 ? `built-in mock (${taken.join(' · ')})` : 'built-in mock';
  }
  try {
    const url = new URL(raw);
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return 'invalid CHERT_BASE_URL';
  }
}

function settingsOrError(): Settings | Error {
  try {
    return loadSettings();
  } catch (e) {
    return e as Error;
  }
}

/** Relative report directories resolve against `baseDir` (the Playwright config's folder). */
export function reportContext(baseDir: string): ReportContext {
  const env = processEnv();
  const settings = settingsOrError();
  const common = { target: describeTarget(env), suiteVersion: suiteVersion() };
  if (settings instanceof Error) {
    // The report must still land somewhere to say why the run could not judge; this mirrors
    // settings.ts's rule for CHERT_REPORT_DIR, the one setting that cannot fail to parse.
    const dir = env.CHERT_REPORT_DIR?.trim() || 'reports';
    const reportDir = isAbsolute(dir) ? dir : resolve(baseDir, dir);
    return { ...common, reportDir, strict: false, profile: 'unknown', secrets: knownSecrets(env), settingsError: settings.message };
  }
  const tenants = [settings.tenant, settings.tenantB].filter((t) => t !== undefined);
  const secrets = knownSecrets(env, tenants.map((t, i) => ({ value: t.secret, variable: i === 0 ? 'CHERT_SIGNING_SECRET' : 'CHERT_SIGNING_SECRET_B' })));
  const reportDir = isAbsolute(settings.reportDir) ? settings.reportDir : resolve(baseDir, settings.reportDir);
  const expectations = settings.expectationsFile === undefined ? {} : { expectationsFile: settings.expectationsFile };
  return { ...common, reportDir, strict: settings.strict, profile: settings.profile, secrets, ...expectations };
}
