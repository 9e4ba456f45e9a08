// Payload checks on every operation that takes a body, generated from its request schema
// (src/contract/generate/payload-cases.ts). This file only loops; one test per requirement sends
// its cases on every operation side by side, within the worker's in-flight window. Safe profile:
// only what the docs reject before delivery, and only on routes that need no chat.
import { InconclusiveError, NotRetriedError } from '../../src/client/chert-client.ts';
import { allows, anyOf, describeExpected, mustSucceed } from '../../src/checks/expected.ts';
import { lifeAnswers } from '../../src/checks/life.ts';
import { payloadBody, payloadCases, type PayloadCase } from '../../src/contract/generate/payload-cases.ts';
import { fictionalTo, uniqueKey } from '../fixtures/bodies.ts';
import { createResources, generated, groupByRequirement, judgeEveryOperation, operationById, operations, spec, test, type CaseGroup, type OperationFindings, type SendContext } from './fixtures.ts';
import { fillPath, requestSchemaOf, type Operation } from '../../src/contract/operations.ts';

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

/**
 * Cases of an operation also sent with a bearer token (the project signs every request): a few,
 * spread over the list, so each rule meets both auth paths at the cost of a few requests, not of
 * every case twice.
 */
const BEARER_SAMPLE = 4;
function bearerSample<T>(cases: readonly T[]): T[] {
  if (cases.length <= BEARER_SAMPLE) return [...cases];
  return Array.from({ length: BEARER_SAMPLE }, (_, i) => cases[Math.floor((i * cases.length) / BEARER_SAMPLE)] as T);
}

/** One operation's cases of a requirement: what they got wrong, or why none could be judged. */
async function send(group: CaseGroup<PayloadCase>, ctx: SendContext): Promise<OperationFindings> {
  const { chert, settings } = ctx;
  const operation = operationById.get(group.operation)!;
  const safe = settings.profile === 'safe';
  if (safe && operation.pathParameters.length > 0) return { skip: 'safe profile: needs a chat the run created' };
  const runnable = group.cases.filter((c) => !(safe && c.mayBeAccepted));
  if (runnable.length === 0) return { skip: 'safe profile: a correct server may accept these bodies, which would send' };
  // Bodies a server accepts go to a chat of this test's own, which other tests' writes cannot have changed.
  const path = needsOwnChat(operation, runnable) ? fillPath(operation, (await createResources(chert)).ids) : fillPath(operation, ctx.resources.ids);
  // As many at once as the client's in-flight cap; its window adapts below it.
  const tries = [...runnable.map((c) => ({ c, bearer: false })), ...bearerSample(runnable).map((c) => ({ c, bearer: true }))];
  const verdicts = await eachLimited(tries, chert.inflightCap, async ({ c, bearer }) => {
    const binding = { senderLine: settings.tenant.from, recipients: fictionalTo(40), uniqueKey: () => uniqueKey('gen') };
    // A body the docs reject is rejected before any effect, however often it is sent; one they
    // may accept on a route that sends nothing (an edit, a reaction) is judged the same repeated.
    let res;
    try {
      const auth = bearer ? { auth: { mode: 'bearer' as const, tenant: settings.tenant } } : {};
      res = await chert.send({ method: operation.method, path, body: payloadBody(spec, operation, c, binding), judgedAnyRepeat: !c.mayBeAccepted || !sends(operation), ...auth });
    } catch (error) {
      // A send that lost its connection and could not be resent judged nothing: that case alone is left out.
      if (error instanceof NotRetriedError) return { c, bearer, unjudged: error.message };
      throw error;
    }
    const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
    const got = { status: res.status, code: typeof code === 'number' ? code : undefined };
    // The routes after creation may also answer as their open choices allow (src/checks/life.ts).
    const field = typeof c.request.mutation.path[0] === 'string' ? c.request.mutation.path[0] : undefined;
    return { c, bearer, ok: allows(anyOf(c.expected, lifeAnswers(c.operation, field)), got), received: `HTTP ${res.status}${got.code === undefined ? '' : ` with code ${got.code}`}: ${res.text.slice(0, 300)}` };
  });
  const unjudged = verdicts.flatMap((v) => ('unjudged' in v ? [`${v.c.rule}: ${v.unjudged}`] : []));
  if (unjudged.length === verdicts.length) throw new InconclusiveError(`every case lost its connection: ${unjudged[0]}`);
  if (unjudged.length > 0) test.info().annotations.push({ type: 'not judged', description: `${operation.operationId}:\n${unjudged.join('\n')}` });
  return verdicts.flatMap((v) => {
    if ('unjudged' in v || v.ok) return [];
    const want = mustSucceed(v.c.expected) ? 'is accepted' : `returns ${describeExpected(v.c.expected)}`;
    return [`${operation.operationId}: ${v.c.rule}${v.bearer ? ' with a bearer token' : ''} ${want}\n  received ${v.received}`];
  });
}

for (const rule of groupByRequirement(payloadCases(spec, operations))) {
  const title = rule.title((c: PayloadCase) => c.rule, (c: PayloadCase) => (mustSucceed(c.expected) ? 'is accepted' : `returns ${describeExpected(c.expected)}`));
  test(title, generated(rule.requirement, rule.operations, ['hmac', 'bearer']), async ({ chert, settings, runResources }) => {
    await judgeEveryOperation(rule, (group) => send(group, { chert, settings, resources: runResources }), 'cases answered otherwise than the docs allow');
  });
}
