// Payload checks on every operation that takes a body, generated from its request schema
// (src/contract/generate/payload-cases.ts). This file only loops; one test per operation and
// requirement sends its cases a few at a time. Safe profile: only what the docs reject before
// delivery, and only on routes that need no chat.
import { randomUUID } from 'node:crypto';
import { describeExpected, allows } from '../../src/contract/generate/expected.ts';
import { payloadBody, payloadCases, type PayloadCase } from '../../src/contract/generate/payload-cases.ts';
import { fictionalTo } from '../fixtures/bodies.ts';
import { createResources, expect, generated, groupCases, operationById, operations, spec, test } from './fixtures.ts';
import { fillPath, requestSchemaOf, type Operation } from '../../src/contract/operations.ts';

/** Requests in flight per test: enough to keep the mock busy, few enough for a real target. */
const CONCURRENCY = 8;

async function eachLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await run(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** A body with a `message` is a send: accepted twice, it could deliver twice (unless keyed, which a case may undo). */
const sends = (operation: Operation) => requestSchemaOf(spec, operation)?.properties?.message !== undefined;

for (const group of groupCases(payloadCases(spec, operations))) {
  const operation = operationById.get(group.operation)!;
  const title = group.title((c: PayloadCase) => c.rule, (c: PayloadCase) => (c.expected.kind === 'accepted' ? 'is accepted' : `returns ${describeExpected(c.expected)}`));
  test(title, generated(group.requirement, group.operation), async ({ chert, settings, pathFor }) => {
    const safe = settings.profile === 'safe';
    test.skip(safe && operation.pathParameters.length > 0, 'safe profile: needs a chat the run created');
    const runnable = group.cases.filter((c) => !(safe && c.mayBeAccepted));
    test.skip(runnable.length === 0, 'safe profile: a correct server may accept these bodies, which would send');
    // Bodies a server accepts go to a chat of this test's own, which other tests' writes cannot have changed.
    const fresh = operation.pathParameters.length > 0 && runnable.some((c) => c.mayBeAccepted);
    const path = fresh ? fillPath(operation, (await createResources(settings, chert)).ids) : pathFor(operation);
    const verdicts = await eachLimited(runnable, CONCURRENCY, async (c) => {
      const binding = { senderLine: settings.tenant.from, recipients: fictionalTo(40), uniqueKey: () => `gen-${randomUUID()}` };
      // A body the docs reject is rejected before any effect, however often it is sent; one they
      // may accept on a route that sends nothing (an edit, a reaction) is judged the same repeated.
      const res = await chert.send({ method: operation.method, path, body: payloadBody(spec, operation, c, binding), judgedAnyRepeat: !c.mayBeAccepted || !sends(operation) });
      const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
      const got = { status: res.status, code: typeof code === 'number' ? code : undefined };
      return { c, ok: allows(c.expected, got), received: `HTTP ${res.status}${got.code === undefined ? '' : ` with code ${got.code}`}: ${res.text.slice(0, 300)}` };
    });
    for (const v of verdicts) {
      const want = v.c.expected.kind === 'accepted' ? 'is accepted' : `returns ${describeExpected(v.c.expected)}`;
      expect.soft(v.ok, `${operation.operationId}: ${v.c.rule} ${want}\n  received ${v.received}`).toBe(true);
    }
  });
}
