// conformance.html in a real browser: the verdict and counts are on screen, the page logs no
// errors, fetches nothing, and a hostile response body stays text. Leaves screenshots in reports/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { createFixtureProject, HOSTILE_BODY, REPO_ROOT, runFixture } from './fixture-project.ts';
import { loadCatalog } from '../../src/contract/requirements.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = join(REPO_ROOT, 'reports');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: install it with "apt-get install -y chromium" (CI's .ci/run does).`;

/** Everything the page complains about or tries to fetch, collected while it loads. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
  });
  return problems;
}

const cell = (page: Page, level: string, column: string) =>
  page.locator(`#counts tr:has(th:text-is("${level}")) td[data-count="${column}"]`).innerText();

test('conformance.html shows verdict and counts, logs no errors, keeps hostile input as text', { skip, timeout: 120_000 }, async () => {
  const fixture = await runFixture(createFixtureProject());
  assert.equal(fixture.code, 1, fixture.stdout + fixture.stderr);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watch(page);
    await page.goto(pathToFileURL(join(fixture.reportDir, 'conformance.html')).href);

    const verdict = page.locator('#verdict');
    assert.ok(await verdict.isVisible(), 'the verdict banner is visible');
    assert.match(await verdict.innerText(), /Non-conformant/);
    // Every MUST of the catalog is counted; the fixture passes one of them.
    const musts = loadCatalog().requirements.filter((r) => r.level === 'MUST').length;
    assert.match(await verdict.innerText(), new RegExp(`1 of ${musts} MUST passed`));
    assert.equal(await cell(page, 'MUST', 'failed'), '1');
    assert.equal(await cell(page, 'SHOULD', 'warned'), '1');
    assert.equal(await cell(page, 'MUST', 'inconclusive'), '1');
    assert.equal(await page.locator('pre.response').first().innerText(), `HTTP 200\ncontent-type: text/html\n\n${HOSTILE_BODY}`);
    assert.notEqual(await page.title(), 'pwned');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'conformance-report.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'conformance-report-full.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
