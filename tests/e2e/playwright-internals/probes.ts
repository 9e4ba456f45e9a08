// What both canary specs measure inside a Playwright worker.
import { readFileSync } from 'node:fs';
import type { test as playwrightTest } from '@playwright/test';

/** Counts set-ups of two of Playwright's browser-context option fixtures, overridden to count. */
export function countOptionFixtures(test: Pick<typeof playwrightTest, 'use'>): { count: () => number } {
  let count = 0;
  test.use({
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    contextOptions: async ({}, use) => {
      count++;
      await use({});
    },
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    viewport: async ({}, use) => {
      count++;
      await use(null);
    },
  });
  return { count: () => count };
}

/** Where in `file` (TypeScript source) the first `marker` stands, as a stack frame names it: `file:line:column`. */
export function sourcePosition(file: string, marker: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  return `${file}:${line + 1}:${(lines[line] as string).indexOf(marker) + 1}`;
}
