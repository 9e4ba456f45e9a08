// `npm run conformance` = `npx playwright test`: the conformance suite against CHERT_BASE_URL,
// or against the built-in mock (started by globalSetup) when it is unset.
import { defineConfig } from '@playwright/test';
import { processEnv } from './src/config/settings.ts';
import { decideSendAhead } from './src/run/send-ahead.ts';
import { chooseWorkers } from './src/run/workers.ts';
import type { ChertOptions } from './tests/fixtures/index.ts';

const env = processEnv();
const reportDir = env.CHERT_REPORT_DIR?.trim() || 'reports';
// Chosen once, in the runner; workers inherit it (each takes its share of CHERT_MAX_INFLIGHT).
const workers = chooseWorkers(env);
if (env.CHERT_WORKERS?.trim() === undefined || env.CHERT_WORKERS.trim() === '') process.env.CHERT_WORKERS = String(workers);
// Also once, in the runner: may the generated checks send the next tests' requests ahead? Only
// when every test runs once (tests/generated/ahead.ts).
decideSendAhead(process.argv, process.env);

export default defineConfig<ChertOptions>({
  testDir: './tests',
  testMatch: ['conformance/**/*.spec.ts', 'properties/**/*.spec.ts', 'generated/**/*.spec.ts'],
  outputDir: `${reportDir}/test-results`,
  fullyParallel: true,
  forbidOnly: !!env.CI,
  // A failed test runs again only when a request it could not safely resend lost its connection
  // (tests/fixtures/lost-connections.ts); any other repeat is skipped at once, and the first
  // failure stands (src/report/observe.ts).
  // Four: a test with two requests that cannot be resent meets a reset on one of them about one
  // time in five against a target resetting 1 connection in 10; five tries all meeting one is
  // about 1 in 3,000. A real failure costs no more: its one repeat is skipped at once.
  retries: 4,
  workers,
  timeout: 60_000,
  globalSetup: './src/run/global-setup.ts',
  // CHERT_REPORTERS=line keeps only a line of progress and conformance.json/html (for the
  // suite's own end-to-end and mutation runs, which need no more).
  // kept-workers.ts comes first: a failed test keeps its worker, and this reporter shows it failed
  // to every reporter after it (src/report/kept-workers.ts).
  reporter: env.CHERT_REPORTERS === 'line'
    ? [['./src/report/kept-workers.ts'], ['line'], ['./src/report/conformance-reporter.ts']]
    : [
        ['./src/report/kept-workers.ts'],
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
