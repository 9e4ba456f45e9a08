// RESP-NO-SECRETS per operation: the first auth case of each rule (no credentials, a near-miss
// token, a signature with another secret, a malformed, stale or valid one, a valid token…) is sent, and no answer may carry the secret, the token or signature sent, or a digest of the
// secret (src/contract/secret-scan.ts). The same scan runs on every exchange of every other test
// too (tests/fixtures/leaks.ts), the generated auth checks' included.
import { authCases, type AuthCase } from '../../src/contract/generate/auth-cases.ts';
import type { Operation } from '../../src/contract/operations.ts';
import { describeLeak } from '../../src/contract/secret-scan.ts';
import { drainLeaks } from '../fixtures/leaks.ts';
import { sendAuthCase } from './auth-request.ts';
import { bodyFor, expect, generated, operations, pathForCases, test, unlessSkipped, type SendContext } from './fixtures.ts';

const cases = authCases(operations);
/** One case per requirement and operation is enough here: the hook scans every other one. */
const firsts = new Set<string>();
const firstOfRequirement = (c: (typeof cases)[number]) => {
  const key = `${c.operation} ${c.requirement}`;
  if (firsts.has(key)) return false;
  firsts.add(key);
  return true;
};

type Item = { operation: Operation; mine: AuthCase[] };
const items: Item[] = operations
  .map((operation) => ({ operation, mine: cases.filter((c) => c.operation === operation.operationId && firstOfRequirement(c)) }))
  .filter(({ mine }) => mine.length > 0);

async function send({ operation, mine }: Item, ctx: SendContext) {
  const { resources } = ctx;
  // Safe profile: what a correct server would accept runs only on a fabricated resource.
  const runnable = mine.filter((c) => !(c.positive && !resources.real && operation.pathParameters.length === 0));
  const path = await pathForCases(operation, runnable.some((c) => c.positive), ctx, resources);
  if (typeof path !== 'string') return path;
  return { answers: await Promise.all(runnable.map((c) => sendAuthCase(ctx.chert, ctx.settings, operation, path, bodyFor(operation, ctx.settings), c.request))) };
}

for (const item of items) {
  const { operation, mine } = item;
  test(`${operation.operationId}: no answer to ${mine.length} credential variants carries secret material @RESP-NO-SECRETS`, generated('RESP-NO-SECRETS', operation.operationId), async ({ chert, settings, runResources }) => {
    const { answers } = unlessSkipped(await send(item, { chert, settings, resources: runResources }));
    expect(answers.filter((a) => !('skipped' in a)).length, 'answers scanned').toBeGreaterThan(0);
    const leaks = drainLeaks();
    for (const { exchange } of leaks.slice(0, 12)) chert.exchanges.push(exchange);
    expect(leaks.map((l) => describeLeak(l.leak)), 'responses carrying secret material').toEqual([]);
  });
}
