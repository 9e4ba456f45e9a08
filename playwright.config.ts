// `npm run conformance` = `npx playwright test`: the conformance suite against CHERT_BASE_URL,
// or against the built-in mock (started by globalSetup) when it is unset.
import { defineConfig } from '@playwright/test';
import { processEnv, workersFor } from './src/config/settings.ts';
import type { ChertOptions } from './tests/fixtures/index.ts';

const env = processEnv();
const reportDir = env.CHERT_REPORT_DIR?.trim() || 'reports';
// Global setup gives each worker its share of CHERT_MAX_INFLIGHT (src/run/run-context.ts).
const workers = workersFor(env);

export default defineConfig<ChertOptions>({
  testDir: './tests',
  testMatch: ['conformance/**/*.spec.ts', 'properties/**/*.spec.ts', 'generated/**/*.spec.ts'],
  outputDir: `${reportDir}/test-results`,
  fullyParallel: true,
  forbidOnly: !!env.CI,
  // No repeats: a test body that lost its connection on a request the client cannot resend runs
  // again from the start, inside the test (repeatOnLostConnection in tests/fixtures/index.ts).
  workers,
  timeout: 60_000,
  globalSetup: './src/run/global-setup.ts',
  // CHERT_REPORTERS=line keeps only a line of progress and conformance.json/html (for the
  // suite's own end-to-end and mutation runs, which need no more).
  reporter: env.CHERT_REPORTERS === 'line'
    ? [['line'], ['./src/report/conformance-reporter.ts']]
    : [
        ['list'],
        ['junit', { outputFile: `${reportDir}/junit.xml` }],
        ['html', { outputFolder: `${reportDir}/playwright-html`, open: 'never' }],
        // Last, so that it can set the exit code once the others have written their files.
        ['./src/report/conformance-reporter.ts'],
      ],
  use: {
    trace: 'off',
    extraHTTPHeaders: {},
  },
  projects: [
    // HMAC v1 is the documented recommendation, so every test runs signed; positive-path tests
    // (tagged @both-auth, declared with bothAuth) run again with a bearer token in the same
    // workers (tests/fixtures/index.ts).
    { name: 'hmac', use: { authMode: 'hmac' } },
  ],
});
