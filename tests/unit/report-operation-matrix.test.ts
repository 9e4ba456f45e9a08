// The operation × rule matrix: built from each test's `operation`, a cell per pair, judged like a requirement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operationMatrix, operationMatrixSection } from '../../src/report/operation-matrix.ts';
import { renderReport } from '../../src/report/html.ts';
import { observed, report } from './report-data.ts';

const run = report([
  observed('AUTH-MUST', 'passed', { operation: 'createChat' }),
  observed('AUTH-MUST', 'failed', { operation: 'listMessages' }),
  observed('ROUTE-MUST', 'passed', { operation: 'createChat' }),
  observed('ROUTE-SHOULD', 'failed'),
]);

test('each operation and requirement pair gets the status of the tests naming both', () => {
  const m = operationMatrix(run);
  assert.deepEqual(m.operations, ['createChat', 'listMessages']);
  assert.deepEqual(m.requirements, ['ROUTE-MUST', 'AUTH-MUST']);
  assert.equal(m.cells.createChat?.['AUTH-MUST'], 'passed');
  assert.equal(m.cells.listMessages?.['AUTH-MUST'], 'failed');
  assert.equal(m.cells.listMessages?.['ROUTE-MUST'], undefined);
});

test('the HTML report shows the matrix only when a test names an operation', () => {
  assert.match(renderReport(run), /operation × rule/);
  assert.equal(operationMatrixSection(report([observed('AUTH-MUST', 'passed')])), '');
});
