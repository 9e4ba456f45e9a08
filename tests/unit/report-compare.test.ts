// report:compare puts targets side by side, marks drift, and turns bad input into one line and exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { comparisonRows, isDrift, loadReport, renderComparison, ReportInputError } from '../../src/report/compare.ts';
import { esc } from '../../src/report/html-kit.ts';
import type { ConformanceReport } from '../../src/report/types.ts';
import { HOSTILE, observed, report } from './report-data.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const mock = report([observed('ROUTE-MUST', 'passed'), observed('ROUTE-SHOULD', 'passed'), observed('AUTH-MUST', 'passed')]);
const staging: ConformanceReport = { ...report([observed('ROUTE-MUST', 'failed'), observed('ROUTE-SHOULD', 'passed'), observed('AUTH-MUST', 'passed')]), target: `https://staging.example ${HOSTILE}` };

describe('comparison', () => {
  const labelled = [{ file: 'mock.json', report: mock }, { file: 'staging.json', report: staging }];

  test('rows are requirements, cells each target\'s status', () => {
    const rows = comparisonRows(labelled);
    assert.deepEqual(rows.map((r) => [r.requirement.id, ...r.cells]), [
      ['ROUTE-MUST', 'passed', 'failed'],
      ['ROUTE-SHOULD', 'passed', 'passed'],
      ['AUTH-MUST', 'passed', 'passed'],
      ['AUTH-UNTESTABLE', 'skipped', 'skipped'],
    ]);
    assert.deepEqual(rows.filter(isDrift).map((r) => r.requirement.id), ['ROUTE-MUST']);
  });

  test('columns of same-named files are told apart by their folder', () => {
    const html = renderComparison([{ file: join('mock', 'conformance.json'), report: mock }, { file: join('faulty', 'conformance.json'), report: mock }]);
    assert.ok(html.includes('mock/conformance.json') && html.includes('faulty/conformance.json'));
  });

  test('a requirement one report lacks shows as missing and counts as drift', () => {
    const older = { ...mock, requirements: mock.requirements.slice(1) };
    const row = comparisonRows([{ file: 'old.json', report: older }, { file: 'mock.json', report: mock }]).find((r) => r.requirement.id === 'ROUTE-MUST');
    assert.deepEqual(row?.cells, ['missing', 'passed']);
  });

  test('the page highlights drift rows only, names each target and escapes them', () => {
    const html = renderComparison(labelled);
    assert.match(html, /<tr id="req-ROUTE-MUST" class="drift"/);
    assert.doesNotMatch(html, /<tr id="req-AUTH-MUST" class="drift"/);
    assert.match(html, /1 of 4 requirements differs between targets/);
    assert.ok(html.includes(esc(`https://staging.example ${HOSTILE}`)));
    assert.ok(!/<script|<img/i.test(html));
  });
});

describe('loadReport and the command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chert-compare-'));
  const good = join(dir, 'mock.json');
  const other = join(dir, 'staging.json');
  writeFileSync(good, JSON.stringify(mock));
  writeFileSync(other, JSON.stringify(staging));
  writeFileSync(join(dir, 'junk.json'), '{"hello": "world"}');
  writeFileSync(join(dir, 'text.json'), 'not json');

  const bad: [string, { file: string; message: RegExp }][] = [
    ['a missing file', { file: join(dir, 'nope.json'), message: /^Cannot read .*nope\.json \(ENOENT\)/ }],
    ['a file that is not JSON', { file: join(dir, 'text.json'), message: /text\.json is not JSON/ }],
    ['JSON that is not a report', { file: join(dir, 'junk.json'), message: /junk\.json is not a conformance report \(\/: must have required property/ }],
  ];
  for (const [name, { file, message }] of bad) {
    test(`loadReport rejects ${name} with one line`, () => {
      assert.throws(() => loadReport(file), (e: unknown) => e instanceof ReportInputError && message.test(e.message) && !e.message.includes('\n'));
    });
  }

  const cli = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/report-compare.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

  test('the command writes one page for two reports and exits 0', () => {
    const out = join(dir, 'compare.html');
    const result = cli(good, other, '--out', out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Compared 2 reports: 1 of 4 requirements differs between targets/);
    assert.match(readFileSync(out, 'utf8'), /<table id="comparison">/);
  });

  test('the command exits 2 with one line on bad input', () => {
    const result = cli(good, join(dir, 'junk.json'));
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /junk\.json is not a conformance report/);
  });

  test('the command exits 2 with usage when given no report', () => {
    const result = cli();
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^No report given\. Usage: npm run report:compare/);
  });
});
