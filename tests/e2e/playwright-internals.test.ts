// The canary of tests/fixtures/playwright-internals.ts, the one file that reaches past Playwright's
// public API: in real Playwright workers, the adapter keeps every browser-context option fixture
// from being set up and formats step stacks while still mapping TypeScript frames; the control
// project shows both checks fail without it. After a Playwright upgrade that breaks either, this
// test fails: mend the adapter or drop that part of it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, run } from './fixture-project.ts';

test('the Playwright adapter still skips the browser-option fixtures and source maps where none apply', { timeout: 120_000 }, async () => {
  const config = join(REPO_ROOT, 'tests/e2e/playwright-internals/playwright.config.ts');
  const r = await run('npx', ['playwright', 'test', '-c', config, '--output', join(REPO_ROOT, 'reports/playwright-internals-results')], REPO_ROOT, {});
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /4 passed/, r.stdout);
});
