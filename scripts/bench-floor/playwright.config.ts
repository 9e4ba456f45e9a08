// `npm run bench -- --only floor`: what a run of the suite's size costs before any test does
// anything. As many tests as the suite has, each empty but for the suite's own fixtures, in the
// same workers, after the same global setup (the built-in mock or the target, and preflight).
// Whatever the real run takes beyond this is the tests' own work.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { processEnv, workersFor } from '../../src/config/settings.ts';
import type { ChertOptions } from '../../tests/fixtures/index.ts';

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const workers = workersFor(processEnv());

export default defineConfig<ChertOptions>({
  testDir: fileURLToPath(new URL('.', import.meta.url)),
  testMatch: 'floor.spec.ts',
  outputDir: fromRoot('reports/bench-floor'),
  fullyParallel: true,
  workers,
  globalSetup: fromRoot('src/run/global-setup.ts'),
  reporter: [['line']],
  use: { trace: 'off' },
  projects: [{ name: 'hmac', use: { authMode: 'hmac' } }],
});
