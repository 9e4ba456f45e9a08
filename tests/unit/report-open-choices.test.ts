// A requirement whose checks span an open choice says so in conformance.json and the HTML report,
// with the readings accepted: there the docs, not the target, are the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpenChoice } from '../../src/contract/open-choices.ts';
import { collect } from '../../src/report/collect.ts';
import { renderReport } from '../../src/report/html.ts';
import { CATALOG, META, evidence } from './report-data.ts';

const CHOICE: OpenChoice = {
  id: 'success-status',
  question: 'Which 2xx status does a successful create answer?',
  sources: [{ url: 'https://docs.trychert.com/api/chats/create', quote: 'no status shown' }],
  readings: [{ id: 'created-201', says: 'Created.' }, { id: 'ok-200', says: 'OK.' }],
  requirements: ['ROUTE-MUST'],
};

const report = collect({ catalog: CATALOG, tests: [{ requirementIds: ['ROUTE-MUST'], evidence: evidence('passed') }], runErrors: [], meta: META, openChoices: [CHOICE] });

test('the requirement an open choice touches lists it, with every reading accepted; the others list none', () => {
  const route = report.requirements.find((r) => r.id === 'ROUTE-MUST');
  assert.deepEqual(route?.openChoices, [{ id: 'success-status', question: CHOICE.question, readings: [{ id: 'created-201', says: 'Created.' }, { id: 'ok-200', says: 'OK.' }] }]);
  assert.equal(report.requirements.find((r) => r.id === 'AUTH-MUST')?.openChoices, undefined);
});

test('the HTML report names the choice and the readings it accepts beside the requirement', () => {
  const html = renderReport(report);
  assert.match(html, /Open in the docs: 1 choice, every reading accepted/);
  assert.match(html, /<code>success-status<\/code> Which 2xx status/);
  assert.match(html, /<code>created-201<\/code>, <code>ok-200<\/code>/);
});
