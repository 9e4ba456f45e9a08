// Auth on every operation of the spec, generated (src/contract/generate/auth-cases.ts): each
// rejection class of /api/authentication and the positive paths, per operation. This file only
// loops; an operation added to the spec gets its cases here with no new code. One test per
// requirement sends its cases on every operation side by side; the report's matrix shows each
// operation's outcome.
import { authCases, authCaseTitle, mayAuthenticate, type AuthCase } from '../../src/contract/generate/auth-cases.ts';
import { allows, anyOf, describeExpected } from '../../src/checks/expected.ts';
import { lifeAnswers } from '../../src/checks/life.ts';
import { sendAuthCase } from './auth-request.ts';
import { bodyFor, generated, groupByRequirement, judgeEveryOperation, operationById, operations, pathForCases, test, type CaseGroup, type OperationFindings, type SendContext } from './fixtures.ts';

const SENDS = 'safe profile: an accepted create sends a message';

type Verdict = { c: AuthCase; skipped: string } | { c: AuthCase; ok: boolean; received: string };

/** One operation's cases of a requirement: what they got wrong, or why none could be judged. */
async function send(group: CaseGroup<AuthCase>, ctx: SendContext): Promise<OperationFindings> {
  const operation = operationById.get(group.operation)!;
  const { resources } = ctx;
  // Safe profile: what may authenticate runs only on a fabricated resource, which no server can deliver to.
  const runnable = group.cases.filter((c) => !(mayAuthenticate(c) && !resources.real && operation.pathParameters.length === 0));
  if (runnable.length === 0) return { skip: SENDS };
  const path = await pathForCases(operation, runnable.some(mayAuthenticate), ctx, resources);
  if (typeof path !== 'string') return path;
  const verdicts = await Promise.all(runnable.map(async (c): Promise<Verdict> => {
    const answer = await sendAuthCase(ctx.chert, ctx.settings, operation, path, bodyFor(operation, ctx.settings), c.request);
    if ('skipped' in answer) return { c, skipped: answer.skipped };
    const received = `HTTP ${answer.status}${answer.code === undefined ? '' : ` with code ${answer.code}`}: ${answer.text.slice(0, 300)}`;
    // A request that is, or under some reading may be, authenticated may then meet the route's open
    // choices (src/checks/life.ts: 501 / 4099 on a group's mark-read, say); a certain rejection may not.
    return { c, ok: allows(mayAuthenticate(c) ? anyOf(c.expected, lifeAnswers(operation.operationId)) : c.expected, answer), received };
  }));
  if (verdicts.every((v) => 'skipped' in v)) return { skip: [...new Set(verdicts.map((v) => ('skipped' in v ? v.skipped : '')))].join('; ') };
  return verdicts.flatMap((v) => ('skipped' in v || v.ok ? [] : [`${authCaseTitle(v.c, describeExpected)}\n  received ${v.received}`]));
}

for (const rule of groupByRequirement(authCases(operations))) {
  const title = rule.title((c: AuthCase) => c.rule, (c: AuthCase) => (c.positive ? 'is authenticated' : `returns ${describeExpected(c.expected)}`));
  test(title, generated(rule.requirement, rule.operations), async ({ chert, settings, runResources }) => {
    await judgeEveryOperation(rule, (group) => send(group, { chert, settings, resources: runResources }), 'cases answered otherwise than the docs allow');
  });
}
