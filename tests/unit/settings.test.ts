// Settings: defaults for the built-in mock, one clear message per bad value, profile defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings, SettingsError, MOCK_DEFAULTS, isLoopback } from '../../src/config/settings.ts';

const TARGET = { CHERT_BASE_URL: 'https://staging.example.test', CHERT_SIGNING_SECRET: 'a'.repeat(32), CHERT_TENANT: 'acme', CHERT_FROM: '+15555550100' };

function rejects(env: Record<string, string>, variable: string): void {
  assert.throws(() => parseSettings(env), (error: unknown) => error instanceof SettingsError && error.message.includes(variable));
}

test('no target means the built-in mock with both default tenants and the full profile', () => {
  const s = parseSettings({});
  assert.equal(s.baseUrl, undefined);
  assert.deepEqual(s.tenant, MOCK_DEFAULTS.tenant);
  assert.deepEqual(s.tenantB, MOCK_DEFAULTS.tenantB);
  assert.equal(s.profile, 'full');
});

test('a remote target defaults to the safe profile with no sends', () => {
  const s = parseSettings(TARGET);
  assert.equal(s.profile, 'safe');
  assert.equal(s.maxSends, 0);
  assert.equal(s.tenantB, undefined);
});

test('a loopback target defaults to the full profile', () => {
  assert.equal(parseSettings({ ...TARGET, CHERT_BASE_URL: 'http://127.0.0.1:4010' }).profile, 'full');
  assert.ok(isLoopback('http://localhost:1'));
  assert.ok(isLoopback('http://[::1]:1'));
  assert.ok(!isLoopback('http://10.0.0.1:1'));
});

test('a trailing slash on the base URL is dropped', () => {
  assert.equal(parseSettings({ ...TARGET, CHERT_BASE_URL: 'https://x.example.test/' }).baseUrl, 'https://x.example.test');
});

test('each bad setting is named in one clear message', () => {
  rejects({ ...TARGET, CHERT_BASE_URL: 'ftp://x' }, 'CHERT_BASE_URL');
  rejects({ ...TARGET, CHERT_BASE_URL: 'not a url' }, 'CHERT_BASE_URL');
  rejects({ ...TARGET, CHERT_SIGNING_SECRET: '' }, 'CHERT_SIGNING_SECRET');
  rejects({ ...TARGET, CHERT_SIGNING_SECRET: ' ' }, 'CHERT_SIGNING_SECRET');
  rejects({ CHERT_BASE_URL: TARGET.CHERT_BASE_URL }, 'CHERT_SIGNING_SECRET');
  rejects({ ...TARGET, CHERT_FROM: '5555550100' }, 'CHERT_FROM');
  rejects({ ...TARGET, CHERT_TENANT_B: 'other' }, 'CHERT_SIGNING_SECRET_B');
  rejects({ ...TARGET, CHERT_PROFILE: 'live' }, 'CHERT_PROFILE');
  rejects({ ...TARGET, CHERT_MAX_SENDS: '-1' }, 'CHERT_MAX_SENDS');
  rejects({ ...TARGET, CHERT_LIVE_RECIPIENTS: '+14155550123,0800' }, 'CHERT_LIVE_RECIPIENTS');
  rejects({ ...TARGET, CHERT_STRICT: 'maybe' }, 'CHERT_STRICT');
});

test('a secret never appears in a settings error', () => {
  const secret = 'deadbeef'.repeat(4);
  try {
    parseSettings({ ...TARGET, CHERT_SIGNING_SECRET: secret, CHERT_FROM: 'bad' });
    assert.fail('expected a SettingsError');
  } catch (error) {
    assert.ok(!(error as Error).message.includes(secret));
  }
});

test('the safe profile runs fewer property cases unless told otherwise', () => {
  assert.equal(parseSettings(TARGET).propertyRuns, 25);
  assert.equal(parseSettings({ ...TARGET, CHERT_PROFILE: 'full' }).propertyRuns, 100);
  assert.equal(parseSettings({ ...TARGET, CHERT_PROPERTY_RUNS: '7' }).propertyRuns, 7);
});

test('CHERT_EXPECTATIONS names the known-deviations file; unset means none', () => {
  assert.equal(parseSettings({}).expectationsFile, undefined);
  assert.equal(parseSettings({ CHERT_EXPECTATIONS: ' ci/known.yaml ' }).expectationsFile, 'ci/known.yaml');
});
