// The one place settings are read. Sources: the process environment, then `.env` (never overriding
// the environment). A bad value throws SettingsError naming the variable and what to do.
import { config as loadDotenv } from 'dotenv';
import { E164_PATTERN as E164 } from '../domain/phones.ts';

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export type Profile = 'full' | 'safe';

export type Tenant = {
  /** Value of `x-chert-tenant`. */
  slug: string;
  /** The signing secret; never printed, logged or written to a report. */
  secret: string;
  /** A sender line (E.164) assigned to this tenant. */
  from: string;
};

export type Settings = {
  /** Target base URL, no trailing slash; undefined means "start the built-in mock". */
  baseUrl: string | undefined;
  tenant: Tenant;
  tenantB: Tenant | undefined;
  profile: Profile;
  /** Accepted creates the suite may cause in the safe profile. */
  maxSends: number;
  /** Real numbers the user allows the suite to message, besides the fictional ranges. */
  liveRecipients: string[];
  /** Seed for property tests; undefined means a fresh random seed, printed in the report. */
  seed: number | undefined;
  propertyRuns: number;
  /** A failed SHOULD fails the run. */
  strict: boolean;
  reportDir: string;
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs: number;
  /** Path of the known-deviations file (read and checked by src/report/expectations-file.ts). */
  expectationsFile: string | undefined;
  /** The target is the suite's own mock, whose test controls (`/__mock/...`) may be used. */
  builtinMock: boolean;
  /** Requests in flight at once across the run's workers (CHERT_MAX_INFLIGHT); concurrency adapts below it. */
  maxInflight: number;
  /** Longest response body read (CHERT_MAX_BODY_BYTES); past it the exchange is recorded truncated. */
  maxBodyBytes: number;
  /** Playwright workers (CHERT_WORKERS). */
  workers: number;
};

/**
 * Defaults of the throughput and memory settings (see the README's settings table). Each worker
 * gets an even share of the in-flight cap, and its window only grows while answers come back (it
 * halves on a throttle), so the cap binds only a fast target far away. There the properties,
 * hundreds of independent requests each, wait on it: at 100 ms a run took 24.3 s with 64 (21 a
 * worker), 20.7 s with 128 and 19.6 s with 192 (BENCHMARKS.md). The docs name no request rate.
 */
export const DEFAULT_MAX_INFLIGHT = 192;
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Workers when CHERT_WORKERS is unset. A target on this machine (the built-in mock, or any
 * loopback address) shares its CPU, which 2 keep busy: a third cost 20 % more CPU and time
 * (npm run bench, clean). A target elsewhere is a round trip away, and a worker runs one test at a
 * time, so 3 keep more requests going (at 100 ms: 40 s with 2, 31 s with 3, 30 s with 4, which
 * passed 1 GB). No probe of the network decides it: Playwright fixes the count before global setup.
 */
export const DEFAULT_WORKERS = 2;
export const REMOTE_TARGET_WORKERS = 3;

/** The built-in mock's identities, used when no target is configured. */
export const MOCK_DEFAULTS = {
  tenant: { slug: 'acme', secret: '0123456789abcdef0123456789abcdef', from: '+15555550100' },
  tenantB: { slug: 'globex', secret: 'fedcba9876543210fedcba9876543210', from: '+15555550101' },
} as const satisfies { tenant: Tenant; tenantB: Tenant };

/** The CHERT_* settings naming the mock's tenants (the second unless `tenantB` is false), for the suite's runs of itself. */
export function mockTenantEnv({ tenantB = true } = {}): Record<string, string> {
  const { tenant, tenantB: b } = MOCK_DEFAULTS;
  return {
    CHERT_TENANT: tenant.slug, CHERT_SIGNING_SECRET: tenant.secret, CHERT_FROM: tenant.from,
    ...(tenantB ? { CHERT_TENANT_B: b.slug, CHERT_SIGNING_SECRET_B: b.secret, CHERT_FROM_B: b.from } : {}),
  };
}


type Env = Record<string, string | undefined>;

/**
 * Whether this process runs for the generated-mutant runner (scripts/mutation-generated), which
 * sets the flag for the runner and its workers: its target is a local mock that changes mutant from
 * test to test, so the suite judges each test on its own there.
 */
export const isMutantRun = (env: Env = process.env): boolean => env.CHERT_INTERNAL_MUTANT_RUN === '1';

let dotenvLoaded = false;

/** Reads `.env` once (quietly) and returns the merged environment. */
export function processEnv(): Env {
  if (!dotenvLoaded) {
    loadDotenv({ quiet: true });
    dotenvLoaded = true;
  }
  return process.env;
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SettingsError(`CHERT_BASE_URL is not a URL ("${raw}"). Set it to the target's base, e.g. https://console.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SettingsError(`CHERT_BASE_URL must be an http(s) URL, got ${url.protocol}. Set it to the target's base, e.g. https://console.example.com.`);
  }
  if (url.username || url.password) {
    throw new SettingsError('CHERT_BASE_URL must not carry credentials; use CHERT_SIGNING_SECRET instead.');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function parseTenant(env: Env, suffix: '' | '_B', fallback: Tenant | undefined): Tenant | undefined {
  const names = { slug: `CHERT_TENANT${suffix}`, secret: `CHERT_SIGNING_SECRET${suffix}`, from: `CHERT_FROM${suffix}` };
  const slug = text(env, names.slug);
  const secret = env[names.secret];
  const from = text(env, names.from);
  if (slug === undefined && secret === undefined && from === undefined) return fallback;
  if (secret !== undefined && secret.trim() === '') {
    throw new SettingsError(`${names.secret} is empty. Set it to the tenant's signing secret (32 hex characters).`);
  }
  const missing = Object.entries({ slug, secret, from })
    .filter(([, value]) => value === undefined)
    .map(([key]) => names[key as keyof typeof names]);
  if (missing.length > 0) {
    throw new SettingsError(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. Set ${Object.values(names).join(', ')} together.`);
  }
  if (!E164.test(from as string)) {
    throw new SettingsError(`${names.from} is not an E.164 number ("${from}"). Set it to a sender line of the tenant, e.g. +15555550100.`);
  }
  if (/\s/.test(secret as string)) {
    throw new SettingsError(`${names.secret} contains white space. Set it to the tenant's signing secret exactly.`);
  }
  return { slug: slug as string, secret: secret as string, from: from as string };
}

function parseCount(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function parseFlag(env: Env, name: string): boolean {
  const raw = text(env, name);
  if (raw === undefined) return false;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new SettingsError(`${name} must be 1 or 0, got "${raw}".`);
}

/** True for 127.0.0.0/8, ::1 and localhost: targets where accepted creates reach nobody. */
export function isLoopback(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function parseProfile(env: Env, baseUrl: string | undefined): Profile {
  const raw = text(env, 'CHERT_PROFILE');
  if (raw === undefined) return baseUrl === undefined || isLoopback(baseUrl) ? 'full' : 'safe';
  if (raw === 'full' || raw === 'safe') return raw;
  throw new SettingsError(`CHERT_PROFILE must be "full" or "safe", got "${raw}".`);
}

function parseRecipients(env: Env): string[] {
  const raw = text(env, 'CHERT_LIVE_RECIPIENTS');
  if (raw === undefined) return [];
  const numbers = raw.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const bad = numbers.find((n) => !E164.test(n));
  if (bad !== undefined) {
    throw new SettingsError(`CHERT_LIVE_RECIPIENTS holds "${bad}", which is not E.164. List numbers as +14155550123,+447700900123.`);
  }
  return numbers;
}

export function parseSettings(env: Env): Settings {
  const rawBase = text(env, 'CHERT_BASE_URL');
  const baseUrl = rawBase === undefined ? undefined : parseBaseUrl(rawBase);
  // No target: global setup starts the built-in mock. CHERT_INTERNAL_BUILTIN_MOCK marks a target
  // that is one of the suite's own mocks all the same (the mutation tools start theirs).
  const mock = baseUrl === undefined || env.CHERT_INTERNAL_BUILTIN_MOCK === '1';
  const tenant = parseTenant(env, '', mock ? MOCK_DEFAULTS.tenant : undefined);
  if (!tenant) {
    throw new SettingsError('CHERT_SIGNING_SECRET, CHERT_TENANT and CHERT_FROM are not set. A target in CHERT_BASE_URL needs all three (in the environment or .env).');
  }
  const tenantB = parseTenant(env, '_B', mock ? MOCK_DEFAULTS.tenantB : undefined);
  if (tenantB && tenantB.slug === tenant.slug) {
    throw new SettingsError('CHERT_TENANT_B names the same tenant as CHERT_TENANT. Set it to a second tenant, or unset all CHERT_*_B settings.');
  }
  const profile = parseProfile(env, baseUrl);
  return {
    baseUrl,
    tenant,
    tenantB,
    profile,
    maxSends: parseCount(env, 'CHERT_MAX_SENDS', profile === 'safe' ? 0 : 1_000_000, 0, 1_000_000),
    liveRecipients: parseRecipients(env),
    seed: text(env, 'CHERT_SEED') === undefined ? undefined : parseCount(env, 'CHERT_SEED', 0, -(2 ** 31), 2 ** 31 - 1),
    // Gentler on a live tenant: its own traffic shares the rate limit with these rejected requests.
    propertyRuns: parseCount(env, 'CHERT_PROPERTY_RUNS', profile === 'safe' ? 25 : 100, 1, 100_000),
    strict: parseFlag(env, 'CHERT_STRICT'),
    reportDir: text(env, 'CHERT_REPORT_DIR') ?? 'reports',
    requestTimeoutMs: parseCount(env, 'CHERT_TIMEOUT_MS', 10_000, 100, 600_000),
    expectationsFile: text(env, 'CHERT_EXPECTATIONS'),
    builtinMock: mock,
    maxInflight: parseCount(env, 'CHERT_MAX_INFLIGHT', DEFAULT_MAX_INFLIGHT, 1, 1_000),
    maxBodyBytes: parseCount(env, 'CHERT_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 64 * 1024, 256 * 1024 * 1024),
    workers: parseCount(env, 'CHERT_WORKERS', baseUrl === undefined || isLoopback(baseUrl) ? DEFAULT_WORKERS : REMOTE_TARGET_WORKERS, 1, 64),
  };
}

/** Settings from the environment and `.env`. */
export function loadSettings(): Settings {
  return parseSettings(processEnv());
}

/** The run's Playwright workers for a config: CHERT_WORKERS or the default for its target; a bad setting gets the default here and is reported by global setup. */
export function workersFor(env: Env): number {
  try {
    return parseSettings(env).workers;
  } catch {
    return DEFAULT_WORKERS;
  }
}
