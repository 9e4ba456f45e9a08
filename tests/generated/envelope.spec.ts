// The error envelope and X-Trace-ID on every operation of the spec, generated
// (src/contract/generate/envelope-cases.ts): requests each operation rejects before any effect,
// every rejection judged by the envelope rule and the trace-id rule, one test per rule sending to
// every operation side by side. Answers that are not rejections are not this rule's to judge (the
// auth and payload checks judge them); an operation with no rejection to judge is skipped there,
// never passed.
import { randomUUID } from 'node:crypto';
import type { Call, ChertClient } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { envelopeCases, problemsFor, type EnvelopeCase, type EnvelopeRequirement } from '../../src/contract/generate/envelope-cases.ts';
import { fillPath, type Operation } from '../../src/contract/operations.ts';
import { fictionalTo } from '../fixtures/bodies.ts';
import { bodyFor, generated, groupByRequirement, judgeEveryOperation, operationById, operations, test, type CaseGroup, type OperationFindings, type SendContext } from './fixtures.ts';

/** Ids no server holds, registered with the live-safety guard as fabricated. */
function unknownPath(operation: Operation, chert: ChertClient): string {
  const ids = { chat: randomUUID(), message: randomUUID().replaceAll('-', ''), participant: fictionalTo(1)[0] as string };
  chert.fabricatedChatIds.add(ids.chat);
  chert.fabricatedMessageIds.add(ids.message);
  return fillPath(operation, ids);
}

function callFor(c: EnvelopeCase, operation: Operation, settings: Settings, chert: ChertClient, runPath: string): Call {
  // Every rejection's envelope is judged, whatever a repeat after a lost connection did first.
  const base = { method: operation.method, noRetry: true, judgedAnyRepeat: true };
  const body = operation.requestSchema === undefined ? undefined : bodyFor(operation, settings);
  if (c.rule === 'no credentials') return { ...base, path: runPath, body, auth: { mode: 'none' } };
  if (c.rule === 'a JSON array as the body') return { ...base, path: runPath, body: '[]', headers: { 'content-type': 'application/json' } };
  return { ...base, path: unknownPath(operation, chert), body };
}

/** One operation's rejections: which lack the rule's envelope or header, or why none could be judged. */
async function send(group: CaseGroup<EnvelopeCase>, ctx: SendContext): Promise<OperationFindings> {
  const operation = operationById.get(group.operation)!;
  const runPath = fillPath(operation, ctx.resources.ids);
  const answers = await Promise.all(group.cases.map(async (c) => ({ c, res: await ctx.chert.send(callFor(c, operation, ctx.settings, ctx.chert, runPath)) })));
  const rejected = answers.filter(({ res }) => res.status >= 400 && res.status < 500);
  if (rejected.length === 0) return { skip: `no request was rejected: ${answers.map(({ c, res }) => `${c.rule} → HTTP ${res.status}`).join('; ')}` };
  return rejected.flatMap(({ c, res }) => {
    const problems = problemsFor[group.requirement as EnvelopeRequirement](res);
    return problems.length === 0 ? [] : [`${operation.operationId}: ${c.rule} (HTTP ${res.status}): ${problems.join('; ')}\n  received ${res.text.slice(0, 300)}`];
  });
}

for (const rule of groupByRequirement(envelopeCases(operations))) {
  const wanted = rule.requirement === 'ERR-ENVELOPE' ? 'the documented error envelope' : 'X-Trace-ID equal to trace_id';
  test(rule.title((c) => c.rule, () => `is rejected with ${wanted}`), generated(rule.requirement, rule.operations), async ({ chert, settings, runResources }) => {
    await judgeEveryOperation(rule, (group) => send(group, { chert, settings, resources: runResources }), `rejections without ${wanted}`);
  });
}
