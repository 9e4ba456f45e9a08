// Without the adapter, plain Playwright: its option fixtures are set up and no formatter is
// installed. This is what the adapted project's checks would see should the adapter stop working.
import { test, expect } from '@playwright/test';
import { fastStacksInstalled } from '../../fixtures/playwright-internals.ts';
import { countOptionFixtures } from './probes.ts';

const options = countOptionFixtures(test);

test('plain Playwright sets the option fixtures up', () => {
  expect(options.count(), 'set-ups of contextOptions and viewport').toBeGreaterThan(0);
});

test('plain Playwright installs no formatter of ours', () => {
  expect(fastStacksInstalled()).toBe(false);
});
