// conformance.html in a real browser: the verdict and counts are on screen, the page logs no
// errors, fetches nothing, and a hostile response body stays text; known deviations and the history
// site read the same way. Leaves screenshots in reports/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { loadCatalog } from '../../src/contract/requirements.ts';
import { createFixtureProject, HOSTILE_BODY, REPO_ROOT, run, runFixture } from './fixture-project.ts';

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
    // Out of every MUST of the catalog, which grows with the routes the suite covers.
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

test('known deviations in conformance.html, and the history site of two runs, in a real browser', { skip, timeout: 120_000 }, async () => {
  const project = createFixtureProject();
  const expectations = join(project, 'known.yaml');
  writeFileSync(expectations, [
    'expectations:',
    '  - { id: CHAT-RESPONSE-SCHEMA, status: failed, reason: "Wrapped in data until CH-7 ships", link: "https://tickets.example/CH-7" }',
    '  - { id: AUTH-MISSING, status: inconclusive, reason: "The gateway drops unauthenticated requests" }',
    '  - { id: CHAT-CREATE-2XX, status: failed, reason: "Answered 303 before the fix" }',
    '',
  ].join('\n'));
  const label = { CHERT_TARGET_LABEL: 'staging' };
  const before = await runFixture(project, ['--grep', '@pass|@should'], label);
  assert.equal(before.code, 0, before.stdout + before.stderr);
  const after = await runFixture(project, [], { ...label, CHERT_EXPECTATIONS: expectations });
  assert.equal(after.code, 0, after.stdout + after.stderr);
  const site = join(project, 'site');
  const built = await run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts/report-site.ts'), before.reportDir, after.reportDir, '--out', site], REPO_ROOT, {});
  assert.equal(built.code, 0, built.stderr);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watch(page);
    await page.goto(pathToFileURL(join(after.reportDir, 'conformance.html')).href);
    assert.match(await page.locator('#verdict').innerText(), /Conformant with 2 known deviations/);
    const known = page.locator('#known-deviations + p + table');
    assert.match(await known.locator('tr[data-requirement="CHAT-RESPONSE-SCHEMA"]').innerText(), /Wrapped in data until CH-7 ships/);
    assert.equal(await known.locator('tr[data-requirement="CHAT-RESPONSE-SCHEMA"] a[href="https://tickets.example/CH-7"]').count(), 1);
    assert.ok(await known.locator('tr[data-requirement="AUTH-MISSING"]').isVisible());
    assert.ok(await page.locator('#unexpected-passes + p + table tr[data-requirement="CHAT-CREATE-2XX"]').isVisible(), 'the unexpected pass is listed');
    assert.doesNotMatch(await page.locator('.attention').first().innerText(), /CHAT-RESPONSE-SCHEMA/, 'a known deviation is not a new failure');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'conformance-known-deviations.png'), fullPage: true });

    await page.goto(pathToFileURL(join(site, 'index.html')).href);
    const row = page.locator('#targets tr[data-target="staging"]');
    assert.equal(await row.locator('.run-square').count(), 2);
    assert.equal(await row.locator('svg.sparkline circle').count(), 2);
    await page.screenshot({ path: join(SCREENSHOTS, 'site-index.png') });
    await row.locator('td a').first().click();
    const runs = page.locator('#runs tr[data-run]');
    assert.equal(await runs.count(), 2);
    assert.match(await runs.first().locator('td.newly-failed').innerText(), /CHAT-RESPONSE-SCHEMA/);
    await page.screenshot({ path: join(SCREENSHOTS, 'site-target.png'), fullPage: true });
    await runs.first().locator('td a').first().click();
    assert.match(await page.locator('#verdict').innerText(), /Conformant with 2 known deviations/, 'the run\'s own report opens from the site');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
