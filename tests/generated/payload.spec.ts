// Payload checks on every operation that takes a body, generated from its request schema
// (src/contract/generate/payload-cases.ts). This file only loops; one test per operation and
// requirement sends its cases side by side, within the worker's in-flight window. Safe profile:
// only what the docs reject before delivery, and only on routes that need no chat.
import { randomUUID } from 'node:crypto';
import { NotRetriedError } from '../../src/client/chert-client.ts';
import { describeExpected, allows } from '../../src/contract/generate/expected.ts';
import { payloadBody, payloadCases, type PayloadCase } from '../../src/contract/generate/payload-cases.ts';
import { fictionalTo } from '../fixtures/bodies.ts';
import { createResources, expect, generated, groupCases, operationById, operations, spec, test, unlessSkipped, type CaseGroup, type SendContext, type Skip } from './fixtures.ts';
import { fillPath, requestSchemaOf, type Operation } from '../../src/contract/operations.ts';
import { unjudgedReason } from '../../src/report/observe.ts';

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

const needsOwnChat = (operation: Operation, cases: readonly PayloadCase[]) => operation.pathParameters.length > 0 && cases.some((c) => c.mayBeAccepted);

const skip = (reason: string): Skip => ({ skip: reason });

async function send(group: CaseGroup<PayloadCase>, ctx: SendContext) {
  const { chert, settings } = ctx;
  const operation = operationById.get(group.operation)!;
  const safe = settings.profile === 'safe';
  if (safe && operation.pathParameters.length > 0) return skip('safe profile: needs a chat the run created');
  const runnable = group.cases.filter((c) => !(safe && c.mayBeAccepted));
  if (runnable.length === 0) return skip('safe profile: a correct server may accept these bodies, which would send');
  const { resources } = ctx;
  // Bodies a server accepts go to a chat of this test's own, which other tests' writes cannot have changed.
  const path = needsOwnChat(operation, runnable) ? fillPath(operation, (await createResources(chert)).ids) : fillPath(operation, resources.ids);
  // As many at once as the client's in-flight cap; its window adapts below it.
  const verdicts = await eachLimited(runnable, chert.inflightCap, async (c) => {
    const binding = { senderLine: settings.tenant.from, recipients: fictionalTo(40), uniqueKey: () => `gen-${randomUUID()}` };
    // A body the docs reject is rejected before any effect, however often it is sent; one they
    // may accept on a route that sends nothing (an edit, a reaction) is judged the same repeated.
    let res;
    try {
      res = await chert.send({ method: operation.method, path, body: payloadBody(spec, operation, c, binding), judgedAnyRepeat: !c.mayBeAccepted || !sends(operation) });
    } catch (error) {
      // A send that lost its connection and could not be resent judged nothing: that case alone is left out.
      if (error instanceof NotRetriedError) return { c, unjudged: error.message };
      throw error;
    }
    const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
    const got = { status: res.status, code: typeof code === 'number' ? code : undefined };
    return { c, ok: allows(c.expected, got), received: `HTTP ${res.status}${got.code === undefined ? '' : ` with code ${got.code}`}: ${res.text.slice(0, 300)}` };
  });
  return { verdicts };
}

for (const group of groupCases(payloadCases(spec, operations))) {
  const operation = operationById.get(group.operation)!;
  const title = group.title((c: PayloadCase) => c.rule, (c: PayloadCase) => (c.expected.kind === 'accepted' ? 'is accepted' : `returns ${describeExpected(c.expected)}`));
  test(title, generated(group.requirement, group.operation), async ({ chert, settings, runResources }) => {
    const { verdicts: all } = unlessSkipped(await send(group, { chert, settings, resources: runResources }));
    const unjudged = all.flatMap((v) => ('unjudged' in v ? [`${v.c.rule}: ${v.unjudged}`] : []));
    if (unjudged.length > 0) test.info().annotations.push({ type: 'not judged', description: unjudged.join('\n') });
    const verdicts = all.filter((v) => !('unjudged' in v));
    test.skip(verdicts.length === 0, unjudgedReason('every case lost its connection'));
    // One check for the group (each is a reported step with a captured stack), naming every case it failed.
    const wrong = verdicts.flatMap((v) => {
      const want = v.c.expected.kind === 'accepted' ? 'is accepted' : `returns ${describeExpected(v.c.expected)}`;
      return v.ok ? [] : [`${operation.operationId}: ${v.c.rule} ${want}\n  received ${v.received}`];
    });
    expect(wrong, `cases answered otherwise than the docs allow (${wrong.length} of ${verdicts.length})`).toEqual([]);
  });
}
