// With the suite's adapter: no browser-context option fixture is set up, and step stacks go through
// the formatter that skips source maps, while a frame in this TypeScript file is still mapped.
import { test as base, expect } from '@playwright/test';
import { fastStacksInstalled, forApiTests } from '../../fixtures/playwright-internals.ts';
import { countOptionFixtures, sourcePosition } from './probes.ts';

const test = forApiTests(base);
const options = countOptionFixtures(test);

test('no browser-context option fixture is set up', () => {
  expect(options.count(), 'set-ups of contextOptions and viewport').toBe(0);
});

// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
test('step stacks go through the formatter, and a TypeScript frame is still source-mapped', ({}, testInfo) => {
  expect(fastStacksInstalled(), 'the formatter wraps the source mapping Playwright installed').toBe(true);
  const typed: Record<string, number> = { here: 1 }; const frame = new Error('probe').stack?.split('\n')[1] ?? ''; // probe marker
  expect(typed.here).toBe(1);
  expect(frame).toContain(sourcePosition(testInfo.file, "new Error('probe')"));
});
