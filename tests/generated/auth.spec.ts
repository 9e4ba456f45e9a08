// Auth on every operation of the spec, generated (src/contract/generate/auth-cases.ts): each
// rejection class of /api/authentication and the positive paths, per operation. This file only
// loops; an operation added to the spec gets its cases here with no new code. One test per
// operation and requirement (a cell of the report's matrix) sends its cases side by side.
import { authCases, authCaseTitle, type AuthCase } from '../../src/contract/generate/auth-cases.ts';
import { allows, describeExpected } from '../../src/contract/generate/expected.ts';
import { sendAuthCase } from './auth-request.ts';
import { bodyFor, expect, generated, groupCases, operationById, operations, pathForCases, test, unlessSkipped, type CaseGroup, type SendContext } from './fixtures.ts';

const SENDS = 'safe profile: an accepted create sends a message';

type Verdict = { c: AuthCase; skipped: string } | { c: AuthCase; ok: boolean; received: string };

async function send(group: CaseGroup<AuthCase>, ctx: SendContext) {
  const operation = operationById.get(group.operation)!;
  const { resources } = ctx;
  // Safe profile: positives run only on a fabricated resource, which no server can deliver to.
  const runnable = group.cases.filter((c) => !(c.positive && !resources.real && operation.pathParameters.length === 0));
  if (runnable.length === 0) return { skip: SENDS };
  const path = await pathForCases(operation, runnable.some((c) => c.positive), ctx, resources);
  if (typeof path !== 'string') return path;
  const verdicts = await Promise.all(runnable.map(async (c): Promise<Verdict> => {
    const answer = await sendAuthCase(ctx.chert, ctx.settings, operation, path, bodyFor(operation, ctx.settings), c.request);
    if ('skipped' in answer) return { c, skipped: answer.skipped };
    const received = `HTTP ${answer.status}${answer.code === undefined ? '' : ` with code ${answer.code}`}: ${answer.text.slice(0, 300)}`;
    return { c, ok: allows(c.expected, answer), received };
  }));
  return { verdicts };
}

for (const group of groupCases(authCases(operations))) {
  test(group.title((c: AuthCase) => c.rule, (c: AuthCase) => (c.positive ? 'is authenticated' : `returns ${describeExpected(c.expected)}`)), generated(group.requirement, group.operation), async ({ chert, settings, runResources }) => {
    const { verdicts } = unlessSkipped(await send(group, { chert, settings, resources: runResources }));
    const judged = verdicts.filter((v) => !('skipped' in v));
    test.skip(judged.length === 0, verdicts.map((v) => ('skipped' in v ? v.skipped : '')).join('; '));
    // One check for the group (each is a reported step with a captured stack), naming every case it failed.
    const wrong = judged.flatMap((v) => ('skipped' in v || v.ok ? [] : [`${authCaseTitle(v.c, describeExpected)}\n  received ${v.received}`]));
    expect(wrong, `cases answered otherwise than the docs allow (${wrong.length} of ${judged.length})`).toEqual([]);
  });
}
