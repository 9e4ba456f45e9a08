// The Playwright config of `npm run mutation`'s one run: the suite's own config, with one project
// per round of the fault plan (and the control), each running the tests of its requirements
// (plan.ts) with this run's test hooks (test-hooks.ts). The plan comes from the runner through
// CHERT_FAULT_PROJECTS; the workers load this file again and read the same variable.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import suite from '../../playwright.config.ts';
import type { ChertOptions } from '../../tests/fixtures/index.ts';
import { grepFor, type ProjectSpec } from './plan.ts';
import { faultCatalogHooks } from './test-hooks.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const specs = JSON.parse(process.env.CHERT_FAULT_PROJECTS ?? '[]') as ProjectSpec[];
// Every project runs as the suite's only one does (signed), with this run's hooks; only its name and tests differ.
const projectUse = { ...suite.projects?.[0]?.use, testHooks: faultCatalogHooks };

export default defineConfig<ChertOptions>({
  ...suite,
  // The suite's paths are relative to its own config, in the repository root.
  testDir: here('../../tests'),
  globalSetup: here('../../src/run/global-setup.ts'),
  // From where the run was started, as the report directory is (Playwright would take a relative
  // path from this file's folder, and failed tests wrote their results under scripts/).
  outputDir: resolve(process.env.CHERT_REPORT_DIR ?? 'reports', 'test-results'),
  reporter: [[here('./reporter.ts')]],
  // A file's tests run in one worker, in order: fewer hand-overs between runner and workers (most
  // tests here are skipped at once, so those dominate), and a fault caught early in a file skips
  // the rest of its tests there. Each test is self-contained in this run (isMutantRun).
  fullyParallel: false,
  projects: specs.map(({ project, requirements }) => ({ name: project, use: projectUse, grep: grepFor(requirements) })),
});
