// Rules tried in every context of their domains (src/contract/generate/context-cases.ts): a rule
// about a list at its first, a middle and its last position, and the rules of every route that
// takes a body under each auth mode. One test per requirement sends its cases side by side; each
// case's context (operation, auth mode, position) gets a verdict of its own in the report.
import { allows, anyOf, AUTHENTICATED, describeExpected, rejectedWith, spanning, type Expected } from '../../src/checks/expected.ts';
import { errorCode } from '../../src/checks/answer.ts';
import { lifeAnswers } from '../../src/checks/life.ts';
import type { Auth, ChertResponse } from '../../src/client/chert-client.ts';
import { cellKey } from '../../src/contract/domain.ts';
import { contextCases, indexAt, positionOf, type ContextCase } from '../../src/contract/generate/context-cases.ts';
import { misspell } from '../../src/contract/generate/mutation.ts';
import { loadCatalog } from '../../src/contract/requirements.ts';
import { createBody, fictionalTo, richLink, senderLines, text, uniqueText } from '../fixtures/bodies.ts';
import { bodyFor, generated, groupByRequirement, judgeEveryOperation, operationById, operations, pathForCases, test, type CaseGroup, type OperationFindings, type SendContext } from './fixtures.ts';

/** 4099 at the route page's 501 or the errors catalog's 422 (group-media-first-status). */
const GROUP_MEDIA_FIRST = spanning(rejectedWith([501, 422], 4099), 'group-media-first-status');
/** Texts on both sides of the link: a reading that takes one text per message may refuse that first. */
const OR_ONE_TEXT = spanning(anyOf(GROUP_MEDIA_FIRST, rejectedWith(400, [1008, 1002])), 'group-media-first-status', 'text-parts-nonadjacent');
const RECIPIENTS = 5;

const cellOf = (c: ContextCase) => cellKey({ operation: c.operation, auth: c.auth, ...(c.position === undefined ? {} : { position: c.position }) });

/** Keys in reverse order, at every depth: what a client's serializer may do, signed as sent. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

type Verdict = { c: ContextCase; ok: boolean; received: string; expected: string } | { c: ContextCase; skipped: string };

async function sendCase(c: ContextCase, ctx: SendContext, path: string): Promise<Verdict> {
  const { chert, settings } = ctx;
  const operation = operationById.get(c.operation)!;
  const auth: Auth = c.auth === 'bearer' ? { mode: 'bearer', tenant: settings.tenant } : { mode: 'hmac', tenant: settings.tenant };
  const position = positionOf(c.position) ?? 'first';
  const json = { 'content-type': 'application/json' };
  let res: ChertResponse;
  let expected: Expected | undefined;
  switch (c.probe) {
    case 'bad-recipient': {
      const to = fictionalTo(RECIPIENTS, senderLines(settings));
      const at = indexAt(position, RECIPIENTS);
      to[at] = misspell(to[at] as string, 'letter-inside');
      expected = rejectedWith(400, 1003);
      res = await chert.send({ method: 'POST', path, body: createBody(settings.tenant.from, to, { subject: 'context' }), auth, judgedAnyRepeat: true });
      break;
    }
    case 'link-in-group': {
      const parts = position === 'first' ? [richLink(), text(uniqueText())] : position === 'last' ? [text(uniqueText()), richLink()] : [text(uniqueText()), richLink(), text('after the link')];
      expected = position === 'middle' ? OR_ONE_TEXT : GROUP_MEDIA_FIRST;
      res = await chert.send({ method: 'POST', path, body: createBody(settings.tenant.from, fictionalTo(2, senderLines(settings)), { parts }), auth, judgedAnyRepeat: true });
      break;
    }
    case 'nested-body': {
      res = await chert.send({ method: operation.method, path, body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, headers: json, auth, judgedAnyRepeat: true });
      // Never a 5xx; a refusal in the envelope (a proxy's 413 may come bare). Only the create must
      // refuse it: the routes after creation may ignore a body they do not need (life-body-leniency).
      // A route after creation may also answer what it answers whatever the body: its line not
      // pinned yet (4099, line-ready-after-create) or iMessage's refusal, before it reads the body.
      const enveloped = (res.json as { success?: unknown } | undefined)?.success === false || res.status === 413;
      const lifeAnswer = c.operation !== 'createChat' && allows(lifeAnswers(c.operation), { status: res.status, code: errorCode(res) });
      const ok = lifeAnswer || (res.status < 500 && (res.status >= 400 ? enveloped : c.operation !== 'createChat'));
      return { c, ok, received: `HTTP ${res.status}: ${res.text.slice(0, 200)}`, expected: 'a 4xx in the error envelope, never a 5xx but a documented one' };
    }
    case 'pretty-printed': {
      if (!ctx.resources.real && operation.pathParameters.length === 0) return { c, skipped: 'safe profile: an accepted create sends a message' };
      expected = anyOf(AUTHENTICATED, lifeAnswers(c.operation));
      res = await chert.send({ method: operation.method, path, body: JSON.stringify(reversed(bodyFor(operation, settings)), null, 2), headers: json, auth, judgedAnyRepeat: true });
      break;
    }
  }
  const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  const got = { status: res.status, code: typeof code === 'number' ? code : undefined };
  return { c, ok: allows(expected, got), received: `HTTP ${res.status}${got.code === undefined ? '' : ` with code ${got.code}`}: ${res.text.slice(0, 200)}`, expected: describeExpected(expected) };
}

/** One operation's cases: what they got wrong, each context's verdict recorded for the report. */
async function send(group: CaseGroup<ContextCase>, ctx: SendContext): Promise<OperationFindings> {
  const operation = operationById.get(group.operation)!;
  // Bodies a correct server may take (the indented example) go to a chat of this test's own.
  const path = await pathForCases(operation, group.cases.some((c) => c.probe === 'pretty-printed'), ctx, ctx.resources);
  if (typeof path !== 'string') return path;
  const verdicts = await Promise.all(group.cases.map((c) => sendCase(c, ctx, path)));
  const info = test.info();
  for (const v of verdicts) info.annotations.push({ type: 'context', description: `${cellOf(v.c)}: ${'skipped' in v ? 'skipped' : v.ok ? 'passed' : 'failed'}` });
  if (verdicts.every((v) => 'skipped' in v)) return { skip: verdicts.map((v) => ('skipped' in v ? v.skipped : '')).join('; ') };
  return verdicts.flatMap((v) => ('skipped' in v || v.ok ? [] : [`${cellOf(v.c)}: ${v.c.rule} returns ${v.expected}\n  received ${v.received}`]));
}

for (const rule of groupByRequirement(contextCases(loadCatalog().requirements, operations))) {
  const all = rule.groups.flatMap((g) => g.cases);
  const details = generated(rule.requirement, rule.operations, [...new Set(all.map((c) => c.auth))]);
  details.annotation.push(...all.map((c) => ({ type: 'context', description: cellOf(c) })));
  test(rule.title((c) => c.rule.replace(/ with (a bearer token|an HMAC signature)$/, ''), () => 'in every context of its domain gets what the docs allow'), details, async ({ chert, settings, runResources }) => {
    await judgeEveryOperation(rule, (group) => send(group, { chert, settings, resources: runResources }), 'contexts answered otherwise than the docs allow');
  });
}
