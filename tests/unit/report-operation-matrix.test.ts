// The operation × rule matrix: built from each test's `operations`, a cell per pair, judged like a requirement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operationMatrix, operationMatrixSection } from '../../src/report/operation-matrix.ts';
import { operationOutcomes } from '../../src/report/observe.ts';
import { renderReport } from '../../src/report/html.ts';
import { observed, report } from './report-data.ts';

const run = report([
  observed('AUTH-MUST', 'failed', { operations: { createChat: 'passed', listMessages: 'failed' } }),
  observed('ROUTE-MUST', 'passed', { operations: { createChat: 'passed' } }),
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

test("a test's operations: each declared one takes the outcome the test added for it, else the test's own status", () => {
  assert.equal(operationOutcomes([], 'passed'), undefined);
  assert.deepEqual(operationOutcomes(['createChat', 'leaveChat'], 'skipped'), { createChat: 'skipped', leaveChat: 'skipped' });
  assert.deepEqual(operationOutcomes(['createChat', 'leaveChat', 'createChat: passed', 'leaveChat: failed'], 'failed'), { createChat: 'passed', leaveChat: 'failed' });
});
