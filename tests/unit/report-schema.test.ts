// The JSON Schema in schemas/ describes what collect() produces, and rejects what it does not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportProblems } from '../../src/report/schema.ts';
import { hostileExchange, observed, report } from './report-data.ts';

function fullReport() {
  const noAnswer = { ...hostileExchange(), response: null, error: 'connect ECONNREFUSED' };
  return report([
    observed('ROUTE-MUST', 'failed', { seeds: ['42'], counterexamples: ['{}'], exchanges: [hostileExchange(), noAnswer] }),
    observed('ROUTE-SHOULD', 'skipped', { skipReason: 'safe profile' }),
    observed('AUTH-MUST', 'inconclusive'),
    observed('UNKNOWN-ID', 'passed'),
    observed([], 'failed'),
  ], { strict: true, runErrors: ['global setup failed'] });
}

test('a report from collect() validates against the schema (ajv, draft 2020-12)', () => {
  assert.deepEqual(reportProblems(JSON.parse(JSON.stringify(fullReport()))), []);
});

const broken: [string, { mutate: (r: Record<string, unknown>) => void; path: RegExp }][] = [
  ['an unknown verdict', { mutate: (r) => { r.verdict = 'fine'; }, path: /^\/verdict:/ }],
  ['a missing summary', { mutate: (r) => { delete r.summary; }, path: /^\/: must have required property 'summary'/ }],
  ['an unknown requirement status', { mutate: (r) => { (r.requirements as { status: string }[])[0]!.status = 'ok'; }, path: /^\/requirements\/0\/status:/ }],
  ['a test without a location line', { mutate: (r) => { (r.requirements as { tests: { location: string }[] }[])[0]!.tests[0]!.location = 'a.spec.ts'; }, path: /^\/requirements\/0\/tests\/0\/location:/ }],
  ['an extra top-level field', { mutate: (r) => { r.secret = 'x'; }, path: /must NOT have additional properties/ }],
];

for (const [name, { mutate, path }] of broken) {
  test(`the schema rejects ${name}`, () => {
    const r = JSON.parse(JSON.stringify(fullReport())) as Record<string, unknown>;
    mutate(r);
    const problems = reportProblems(r);
    assert.ok(problems.some((p) => path.test(p)), problems.join('\n'));
  });
}
