// conformance.html is one self-contained file and shows hostile target output as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { esc, safeHref } from '../../src/report/html-kit.ts';
import { renderReport } from '../../src/report/html.ts';
import type { ConformanceReport } from '../../src/report/types.ts';
import { CATALOG, HOSTILE, hostileExchange, observed, report } from './report-data.ts';

function failingReport(): ConformanceReport {
  const failing = observed('ROUTE-MUST', 'failed', {
    title: 'title <b>bold</b>',
    errors: [{ message: 'Error: got <script>', excerpt: 'Error: got <script>alert(1)</script>' }],
    seeds: ['-1288'],
    counterexamples: ['{"to":["<script>"]}'],
    exchanges: [hostileExchange()],
  });
  return report([failing, observed('ROUTE-SHOULD', 'failed'), observed('AUTH-MUST', 'passed')]);
}

describe('renderReport', () => {
  const html = renderReport(failingReport());

  test('a hostile response body appears as escaped text, never as markup', () => {
    assert.ok(html.includes(esc(HOSTILE)));
    // The page itself uses neither tag, so any raw one came from the target.
    assert.ok(!/<script|<img/i.test(html));
    assert.ok(html.includes('x-evil: &quot;&gt;&lt;script&gt;alert(3)'));
  });

  test('the page loads nothing from elsewhere: no script, external style, font or image', () => {
    assert.ok(!/<(script|img|iframe|object|embed|video|audio|source)\b/i.test(html));
    assert.deepEqual(html.match(/<link\b[^>]*>/gi), ['<link rel="icon" href="data:,">']);
    assert.ok(!/@import|url\(/i.test(html));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  test('verdict, counts per level and every requirement are shown', () => {
    assert.match(html, /<span class="word">Non-conformant<\/span>/);
    assert.match(html, /1 of 3 MUST passed · 0 of 1 SHOULD passed/);
    for (const { id } of CATALOG.requirements) assert.ok(html.includes(`id="req-${id}"`), id);
  });

  test('each requirement id links to its documentation page', () => {
    assert.ok(html.includes('<a href="https://docs.trychert.com/api/chats/create" rel="noopener noreferrer">ROUTE-MUST</a>'));
  });

  test('a failure shows its evidence: error, seed, counterexample, request, response and curl', () => {
    const evidence = html.slice(html.indexOf('id="evidence-ROUTE-MUST"'));
    for (const part of ['Error: got &lt;script&gt;alert(1)', '-1288', '{&quot;to&quot;:[&quot;&lt;script&gt;&quot;]}', 'Bearer $CHERT_SIGNING_SECRET', 'HTTP 400', 'curl -sS -X POST']) {
      assert.ok(evidence.includes(part), part);
    }
  });

  test('areas group the matrix under their catalog titles', () => {
    assert.ok(html.indexOf('Route and success body') < html.indexOf('Authentication'));
  });
});

describe('renderReport with known deviations', () => {
  const given = report([observed('ROUTE-MUST', 'failed'), observed('ROUTE-SHOULD', 'passed'), observed('AUTH-MUST', 'failed')], {
    expectations: [
      { id: 'ROUTE-MUST', status: 'failed', reason: 'Answers 200 <by design>', link: 'https://tickets.example/CH-12' },
      { id: 'ROUTE-SHOULD', status: 'warned', reason: 'ULIDs until the migration' },
    ],
  });
  const html = renderReport(given);
  const between = (from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)));

  test('the banner counts the known deviations', () => {
    assert.match(html, /<span class="word">Non-conformant with 1 known deviation<\/span>/);
  });

  test('new failures are listed apart from known deviations', () => {
    const attention = between('<div class="attention">', '</div></div>');
    assert.ok(attention.includes('AUTH-MUST'));
    assert.ok(!attention.includes('ROUTE-MUST'), 'a known deviation is not a new failure');
  });

  test('known deviations show reason (escaped) and ticket link', () => {
    const known = between('id="known-deviations"', '</table>');
    assert.ok(known.includes('data-requirement="ROUTE-MUST"'));
    assert.ok(known.includes('Answers 200 &lt;by design&gt;'));
    assert.ok(known.includes('<a href="https://tickets.example/CH-12" rel="noopener noreferrer">'));
    assert.ok(!known.includes('AUTH-MUST'));
  });

  test('unexpected passes are listed with a warning', () => {
    const passes = between('id="unexpected-passes"', '</table>');
    assert.ok(passes.includes('data-requirement="ROUTE-SHOULD"'));
    assert.ok(passes.includes('ULIDs until the migration'));
  });

  test('a report without an expectations file has none of these sections', () => {
    const plain = renderReport(report([observed('ROUTE-MUST', 'failed')]));
    for (const id of ['known-deviations', 'unexpected-passes']) assert.ok(!plain.includes(`id="${id}"`), id);
  });
});

describe('safeHref', () => {
  const cases: [string, { given: string; want: string | undefined }][] = [
    ['https is kept', { given: 'https://docs.trychert.com/api/errors', want: 'https://docs.trychert.com/api/errors' }],
    ['javascript: is dropped', { given: 'javascript:alert(1)', want: undefined }],
    ['data: is dropped', { given: 'data:text/html,<script>', want: undefined }],
    ['a non-URL is dropped', { given: 'not a url', want: undefined }],
  ];
  for (const [name, { given, want }] of cases) test(name, () => assert.equal(safeHref(given), want));
});
