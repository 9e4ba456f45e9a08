// The canary of tests/fixtures/playwright-internals.ts: two projects, so each runs in a worker of
// its own (the stack formatter is installed per process): `adapted` uses the suite's adapter, and
// `control` plain Playwright, which shows what the adapter's checks would see without it.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  workers: 1,
  reporter: [['list']],
  projects: [
    { name: 'adapted', testMatch: 'adapted.spec.ts' },
    { name: 'control', testMatch: 'control.spec.ts' },
  ],
});
