// report:site: runs grouped by target and ordered by time, what newly failed and what was fixed
// between consecutive runs, and self-contained pages that link each run's full report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { changesBetween, histories, runFolders, targetSlug, type SiteRun } from '../../src/report/site.ts';
import { renderIndex, renderTargetPage } from '../../src/report/site-html.ts';
import type { ConformanceReport, TestObservation } from '../../src/report/types.ts';
import { HOSTILE, observed, report } from './report-data.ts';

function runOf(target: string, startedAt: string, tests: TestObservation[], options: Parameters<typeof report>[1] = {}): ConformanceReport {
  return { ...report(tests, options), target, startedAt, endedAt: startedAt };
}

const passing = [observed('ROUTE-MUST', 'passed'), observed('ROUTE-SHOULD', 'passed'), observed('AUTH-MUST', 'passed')];
const monday = runOf('https://staging.example', '2025-01-06T05:00:00.000Z', passing);
const tuesday = runOf('https://staging.example', '2025-01-07T05:00:00.000Z', [observed('ROUTE-MUST', 'failed'), observed('ROUTE-SHOULD', 'failed'), observed('AUTH-MUST', 'passed')]);
const wednesday = runOf('https://staging.example', '2025-01-08T05:00:00.000Z', [observed('ROUTE-MUST', 'passed'), observed('ROUTE-SHOULD', 'failed'), observed('AUTH-MUST', 'skipped')], {
  expectations: [{ id: 'ROUTE-SHOULD', status: 'warned', reason: 'ULIDs' }],
});
const live = runOf('https://api.example', '2025-01-07T06:00:00.000Z', passing);

function siteRuns(reports: ConformanceReport[]): SiteRun[] {
  const folders = runFolders(reports);
  return reports.map((r, i) => ({ source: `in/${i}`, report: r, folder: folders[i]!, hasHtml: true }));
}

describe('history', () => {
  test('a requirement failing now and not before is newly failed; failing before and passing now is fixed', () => {
    assert.deepEqual(changesBetween(monday, tuesday), { newlyFailed: ['ROUTE-MUST', 'ROUTE-SHOULD'], fixed: [] });
    assert.deepEqual(changesBetween(tuesday, wednesday), { newlyFailed: [], fixed: ['ROUTE-MUST'] });
    assert.deepEqual(changesBetween(undefined, tuesday), { newlyFailed: [], fixed: [] }, 'the first run has nothing to compare with');
  });

  test('a requirement that stops running is neither fixed nor failed', () => {
    const before = runOf('t', '2025-01-01T00:00:00.000Z', [observed('AUTH-MUST', 'failed')]);
    const after = runOf('t', '2025-01-02T00:00:00.000Z', [observed('AUTH-MUST', 'skipped')]);
    assert.deepEqual(changesBetween(before, after), { newlyFailed: [], fixed: [] });
  });

  test('a requirement new in the catalog that fails is newly failed', () => {
    const before = { ...monday, requirements: monday.requirements.filter((q) => q.id !== 'ROUTE-MUST') };
    assert.deepEqual(changesBetween(before, tuesday).newlyFailed, ['ROUTE-MUST', 'ROUTE-SHOULD']);
  });

  test('runs group by target and order by start time, whatever the input order; the latest target first', () => {
    const targets = histories(siteRuns([wednesday, live, monday, tuesday]));
    assert.deepEqual(targets.map((t) => t.target), ['https://staging.example', 'https://api.example']);
    assert.deepEqual(targets[0]!.runs.map((r) => r.report.startedAt.slice(0, 10)), ['2025-01-06', '2025-01-07', '2025-01-08']);
    assert.deepEqual(targets[0]!.changes[1], { newlyFailed: ['ROUTE-MUST', 'ROUTE-SHOULD'], fixed: [] });
  });

  test('run folders are unique even for the same target and start time', () => {
    const folders = runFolders([monday, monday, live]);
    assert.equal(new Set(folders).size, 3);
    for (const f of folders) assert.match(f, /^runs\/[a-z0-9-]+-[0-9TZ-]+$/);
  });

  test('target slugs are file-name safe and tell apart targets that differ in punctuation only', () => {
    assert.match(targetSlug(HOSTILE), /^[a-z0-9-]+$/);
    assert.notEqual(targetSlug('https://a.example/x'), targetSlug('https://a.example-x'));
  });
});

describe('pages', () => {
  const targets = histories(siteRuns([monday, tuesday, wednesday, live, runOf(HOSTILE, '2025-01-01T00:00:00.000Z', passing)]));
  const index = renderIndex(targets);
  const staging = renderTargetPage(targets[0]!);

  test('the index lists each target with its latest verdict, a line over time and one linked square per run', () => {
    const row = index.slice(index.indexOf('data-target="https://staging.example"'), index.indexOf('</tr>', index.indexOf('data-target="https://staging.example"')));
    assert.ok(row.includes(`href="${targets[0]!.page}"`));
    assert.ok(row.includes('with 1 known deviation'));
    assert.equal((row.match(/<circle /g) ?? []).length, 3);
    assert.equal((row.match(/class="run-square"/g) ?? []).length, 3);
    assert.ok(row.includes(`href="${targets[0]!.runs[0]!.folder}/conformance.html"`));
  });

  test('a target page lists runs newest first with newly failed and fixed ids linked into that run\'s report', () => {
    const rows = staging.split('<tr data-run=').slice(1);
    assert.equal(rows.length, 3);
    assert.ok(rows[0]!.includes('2025-01-08'), 'newest first');
    const fixed = /<td class="fixed">(.*?)<\/td>/.exec(rows[0]!)?.[1] ?? '';
    assert.ok(fixed.includes(`${targets[0]!.runs[2]!.folder}/conformance.html#req-ROUTE-MUST`));
    const newlyFailed = /<td class="newly-failed">(.*?)<\/td>/.exec(rows[1]!)?.[1] ?? '';
    assert.ok(newlyFailed.includes('ROUTE-MUST') && newlyFailed.includes('ROUTE-SHOULD'));
  });

  test('pages are self-contained and keep a hostile target name as text', () => {
    for (const html of [index, ...targets.map(renderTargetPage)]) {
      assert.ok(!/<(script|img|iframe|object|embed)\b/i.test(html));
      assert.ok(!/(src|href)="(https?:)?\/\//i.test(html.replace(/href="https:\/\/docs\.trychert\.com[^"]*"/g, '')), 'no link leaves the site except to the docs');
      assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    }
  });
});

test('the command builds index, target pages and copies each run\'s report; a folder without a report exits 2', () => {
  const root = mkdtempSync(join(tmpdir(), 'chert-site-'));
  const dirs = [monday, tuesday].map((r, i) => {
    const dir = join(root, `run-${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'conformance.json'), JSON.stringify(r));
    writeFileSync(join(dir, 'conformance.html'), `<p>run ${i}</p>`);
    return dir;
  });
  const out = join(root, 'site');
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report-site.ts', ...dirs, '--out', out], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  assert.match(built.stdout, /Site of 2 runs of 1 target: .*index\.html/);
  const [target] = histories(siteRuns([monday, tuesday]));
  assert.ok(existsSync(join(out, target!.page)));
  assert.equal(readFileSync(join(out, target!.runs[1]!.folder, 'conformance.html'), 'utf8'), '<p>run 1</p>');
  const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report-site.ts', root, '--out', out], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr.trim(), /^\S+ holds no conformance\.json: pass the report folder of each run\.$/);
});
