// The routes after creation get one area each in the catalog, so the reports group their
// requirements per route: the JSON report validates against its schema, and both the HTML report
// and the compare view show one heading per route family.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalog } from '../../src/contract/requirements.ts';
import { collect } from '../../src/report/collect.ts';
import { comparisonRows, renderComparison } from '../../src/report/compare.ts';
import { esc } from '../../src/report/html-kit.ts';
import { renderReport } from '../../src/report/html.ts';
import { reportProblems } from '../../src/report/schema.ts';
import { META, observed } from './report-data.ts';

const LIFE_AREAS = ['typing', 'mark-read', 'rename', 'participants', 'leave', 'react', 'edit', 'lifecycle'];
const catalog = loadCatalog();
const lifeIds = catalog.requirements.filter((r) => LIFE_AREAS.includes(r.area)).map((r) => r.id);
const reportOf = (failed: string[]) => collect({
  catalog,
  tests: catalog.requirements.map((r) => observed(r.id, failed.includes(r.id) ? 'failed' : 'passed')),
  runErrors: [],
  meta: META,
});

test('every route family after creation has its own titled area with requirements', () => {
  for (const area of LIFE_AREAS) {
    assert.ok(catalog.areas[area], `area ${area} has no title`);
    assert.ok(catalog.requirements.some((r) => r.area === area), `area ${area} has no requirement`);
  }
});

test('a report over the whole catalog validates and shows each route family as a heading', () => {
  const report = reportOf(['LEAVE-TWICE']);
  assert.deepEqual(reportProblems(report), []);
  assert.equal(report.verdict, 'non-conformant');
  const html = renderReport(report);
  for (const area of LIFE_AREAS) assert.ok(html.includes(esc(catalog.areas[area] as string)), `no heading for ${area}`);
});

test('the compare view groups the new requirements by route and marks their drift', () => {
  const labelled = [{ file: 'mock.json', report: reportOf([]) }, { file: 'staging.json', report: reportOf(['EDIT-WINDOW']) }];
  const rows = comparisonRows(labelled).filter((r) => lifeIds.includes(r.requirement.id));
  assert.equal(rows.length, lifeIds.length);
  assert.deepEqual(rows.filter((r) => r.cells[0] !== r.cells[1]).map((r) => r.requirement.id), ['EDIT-WINDOW']);
  const html = renderComparison(labelled);
  for (const area of LIFE_AREAS) assert.ok(html.includes(esc(catalog.areas[area] as string)), `no group for ${area}`);
});
