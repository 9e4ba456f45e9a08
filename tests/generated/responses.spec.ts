// The response rules (src/checks/response-rules.ts) on every cell of their domains: each
// operation the rule governs, under each auth mode, read from one sample of answers per worker
// (./response-sample.ts). The same rules judge every answer of every other test too
// (tests/fixtures/responses.ts); here each cell gets a verdict of its own, shown in the report's
// context matrix: passed, failed, or not judged when the sample held no answer the rule reads
// there (a run never throttled has no Retry-After to judge).
import { cellKey, cellsOf, domainOf, type Cell } from '../../src/contract/domain.ts';
import { requirementById } from '../../src/contract/requirements.ts';
import { RESPONSE_RULES, type ResponseRule } from '../../src/checks/response-rules.ts';
import type { TestStatus } from '../../src/report/types.ts';
import { responseSample, SAMPLE_AUTH } from './response-sample.ts';
import { expect, generated, operations, test } from './fixtures.ts';

/** The rule's cells the sample can reach: its domain's, in the auth modes the sample uses. */
function cellsOfRule(rule: ResponseRule): Cell[] {
  return cellsOf(domainOf(requirementById(rule), operations)).filter((c) => SAMPLE_AUTH.includes(c.auth));
}

const worst = (statuses: TestStatus[]): TestStatus => (statuses.includes('failed') ? 'failed' : statuses.includes('passed') ? 'passed' : 'skipped');

for (const rule of RESPONSE_RULES) {
  const cells = cellsOfRule(rule);
  const ops = [...new Set(cells.map((c) => c.operation))];
  const modes = [...new Set(cells.map((c) => c.auth))];
  const details = generated(rule, ops, modes);
  test(`every answer on ${ops.length === 1 ? ops[0] : `${ops.length} operations`} under ${modes.join(' and ')} keeps ${rule} @${rule}`, details, async ({ chert, settings, testHooks }, testInfo) => {
    const sample = await responseSample(chert, settings, JSON.stringify(testHooks.requestHeaders?.(testInfo) ?? {}));
    const failures: string[] = [];
    const statusOf = new Map<string, TestStatus>();
    for (const cell of cells) {
      const key = cellKey(cell);
      const read = sample.filter((j) => cellKey(j.cell) === key && j.rules[rule] !== undefined).flatMap((j) => j.rules[rule] ?? []);
      const judged = sample.some((j) => cellKey(j.cell) === key && j.rules[rule] !== undefined);
      statusOf.set(key, !judged ? 'skipped' : read.length > 0 ? 'failed' : 'passed');
      failures.push(...read.map((p) => `${key}: ${p.message}`));
      testInfo.annotations.push({ type: 'context', description: `${key}: ${statusOf.get(key)}` });
    }
    for (const op of ops) testInfo.annotations.push({ type: 'operation', description: `${op}: ${worst(cells.filter((c) => c.operation === op).map((c) => statusOf.get(cellKey(c)) ?? 'skipped'))}` });
    expect(failures, `answers breaking ${rule} (${failures.length})`).toEqual([]);
    test.skip(![...statusOf.values()].some((s) => s === 'passed'), `no answer of the sample is one ${rule} reads`);
  });
}
