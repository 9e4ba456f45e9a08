// The Playwright config of a generated-mutant run (runner.ts): the suite's own config, with this
// run's reporter and its test hooks (test-hooks.ts) in every project.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import suite from '../../playwright.config.ts';
import type { ChertOptions } from '../../tests/fixtures/index.ts';
import { generatedMutantHooks } from './test-hooks.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig<ChertOptions>({
  ...suite,
  // The suite's paths are relative to its own config, in the repository root.
  testDir: here('../../tests'),
  globalSetup: here('../../src/run/global-setup.ts'),
  // From where the run was started, as the report directory is (a relative path here would be taken from this file's folder).
  outputDir: resolve(process.env.CHERT_REPORT_DIR ?? 'reports', 'test-results'),
  reporter: [[here('./reporter.ts')]],
  projects: (suite.projects ?? []).map((project) => ({ ...project, use: { ...project.use, testHooks: generatedMutantHooks } })),
});
