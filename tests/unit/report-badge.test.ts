// badge.svg names the verdict and passed/total MUST in the verdict's colour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeText, renderBadge } from '../../src/report/badge.ts';
import { observed, report } from './report-data.ts';

const cases: [string, { given: ReturnType<typeof report>; text: string; colour: string }][] = [
  ['conformant is green', { given: report([observed('ROUTE-MUST', 'passed'), observed('AUTH-MUST', 'passed')]), text: 'conformant 2/3 MUST', colour: '#1a7f37' }],
  ['non-conformant is red', { given: report([observed('ROUTE-MUST', 'failed'), observed('AUTH-MUST', 'passed')]), text: 'non-conformant 1/3 MUST', colour: '#cf222e' }],
  ['known deviations are counted', { given: report([observed('ROUTE-MUST', 'failed'), observed('AUTH-MUST', 'passed')], { expectations: [{ id: 'ROUTE-MUST', status: 'failed', reason: 'CH-12' }] }), text: 'conformant · 1 known · 1/3 MUST', colour: '#1a7f37' }],
  ['inconclusive is purple', { given: report([observed('ROUTE-MUST', 'inconclusive')]), text: 'inconclusive 0/3 MUST', colour: '#8250df' }],
];

for (const [name, { given, text, colour }] of cases) {
  test(`badge: ${name}`, () => {
    const svg = renderBadge(given);
    assert.equal(badgeText(given), text);
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(svg.includes(`>${text}</text>`));
    assert.ok(svg.includes(`fill="${colour}"`));
    assert.ok(svg.includes(`aria-label="conformance: ${text}"`));
  });
}

test('badge: wider text gets a wider badge', () => {
  const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1]);
  const short = renderBadge(report([observed('ROUTE-MUST', 'passed')]));
  const long = renderBadge(report([observed('ROUTE-MUST', 'failed')]));
  assert.ok(width(long) > width(short));
});
