// Auth on every operation of the spec, generated (src/contract/generate/auth-cases.ts): each
// rejection class of /api/authentication and the positive paths, per operation. This file only
// loops; an operation added to the spec gets its cases here with no new code. One test per
// operation and requirement (a cell of the report's matrix) sends its cases side by side.
import { authCases, authCaseTitle, type AuthCase } from '../../src/contract/generate/auth-cases.ts';
import { allows, describeExpected } from '../../src/contract/generate/expected.ts';
import { sendAuthCase } from './auth-request.ts';
import { bodyFor, expect, generated, groupCases, operationById, operations, pathForCases, test } from './fixtures.ts';

const SENDS = 'safe profile: an accepted create sends a message';

for (const group of groupCases(authCases(operations))) {
  const operation = operationById.get(group.operation)!;
  test(group.title((c: AuthCase) => c.rule, (c: AuthCase) => (c.positive ? 'is authenticated' : `returns ${describeExpected(c.expected)}`)), generated(group.requirement, group.operation), async ({ chert, settings, pathFor, runResources }) => {
    // Safe profile: positives run only on a fabricated resource, which no server can deliver to.
    const runnable = group.cases.filter((c) => !(c.positive && !runResources.real && operation.pathParameters.length === 0));
    test.skip(runnable.length === 0, SENDS);
    const path = await pathForCases(operation, runnable.some((c) => c.positive), { chert, settings, runResources, pathFor });
    const verdicts = await Promise.all(runnable.map(async (c) => {
      const answer = await sendAuthCase(chert, settings, operation, path, bodyFor(operation, settings), c.request);
      if ('skipped' in answer) return { c, skipped: answer.skipped };
      const received = `HTTP ${answer.status}${answer.code === undefined ? '' : ` with code ${answer.code}`}: ${answer.text.slice(0, 300)}`;
      return { c, ok: allows(c.expected, answer), received };
    }));
    const judged = verdicts.filter((v) => !('skipped' in v));
    test.skip(judged.length === 0, verdicts.map((v) => ('skipped' in v ? v.skipped : '')).join('; '));
    for (const v of judged) {
      if ('skipped' in v) continue;
      expect.soft(v.ok, `${authCaseTitle(v.c, describeExpected)}\n  received ${v.received}`).toBe(true);
    }
  });
}
