// Fixtures of the generated checks: the spec's operations, ids this run created for their paths
// (one chat per worker; a fabricated id in the safe profile, which sends nothing), a run-bound
// example body per operation, and test details naming the requirement and the operation.
import { randomUUID } from 'node:crypto';
import { InconclusiveError, OversizedAnswerError, type ChertClient } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { exampleBody } from '../../src/contract/example-body.ts';
import { fillPath, listOperations, type Operation, type ResourceKind } from '../../src/contract/operations.ts';
import { requirementById } from '../../src/contract/requirements.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import { unjudgedReason } from '../../src/report/observe.ts';
import { fictionalTo, senderLines, uniqueKey } from '../fixtures/bodies.ts';
import { expect, test as base } from '../fixtures/index.ts';

export { expect };

/** What a generated test's requests use: the test's client, the settings, and the ids its paths may name. */
export type SendContext = { chert: ChertClient; settings: Settings; resources: RunResources };

/** A test that cannot judge its rule, and why (applied as test.skip in its body). */
export type Skip = { skip: string };


export const spec = loadSpec();
export const operations = listOperations(spec);
export const operationById = new Map(operations.map((o) => [o.operationId, o]));

/** Ids for every resource kind a path may name, and whether the target holds them. */
export type RunResources = { ids: Record<ResourceKind, string>; real: boolean };

/** Recipients of the generated bodies: fictional, enough for any example the spec gives. */
const EXAMPLE_RECIPIENTS = 31;

/** A valid body for the operation, bound to this run (fictional recipients, fresh keys). */
export function bodyFor(operation: Operation, settings: Settings): unknown {
  return exampleBody(spec, operation, { senderLine: settings.tenant.from, recipients: fictionalTo(EXAMPLE_RECIPIENTS, senderLines(settings)), uniqueKey: () => uniqueKey('gen') });
}

/** One chat (with its first message and a participant) created through the create example. */
export async function createResources(client: ChertClient): Promise<RunResources> {
  const create = operationById.get('createChat');
  if (!create) throw new Error('The spec has no createChat operation: generated checks need it to create the ids their paths use.');
  const res = await client.create(bodyFor(create, client.settings));
  const body = res.json as { chat?: { id?: string; handles?: { address?: string }[] }; message?: { id?: string } } | undefined;
  const chat = body?.chat?.id;
  if (res.status >= 300 || typeof chat !== 'string') throw new Error(`Creating the chat the generated checks use failed: HTTP ${res.status} ${res.text.slice(0, 200)}`);
  return { ids: { chat, message: body?.message?.id ?? '', participant: body?.chat?.handles?.[0]?.address ?? '' }, real: true };
}

function fabricatedResources(): RunResources {
  return { ids: { chat: randomUUID(), message: randomUUID().replaceAll('-', ''), participant: fictionalTo(1)[0] as string }, real: false };
}

/** This worker's resources (or why they could not be made), made by its first generated test, through that test's client. */
let workerResources: Promise<RunResources | { failed: string }> | undefined;

/**
 * This worker's resources. In a mutation run each test meets a mutant of its own, some on a mock
 * process of their own (scripts/mutation-generated): a chat made under one test's mutant must not
 * serve the next test, or a kill would rest on another mutant's damage or on a chat the other mock
 * never saw, so each test makes its own there.
 */
function resourcesOf(chert: ChertClient): Promise<RunResources | { failed: string }> {
  const make = () => chert.settings.profile === 'full'
    ? createResources(chert).catch((error: Error) => ({ failed: error.message }))
    : Promise.resolve(fabricatedResources());
  if (chert.mutantRun) return make();
  workerResources ??= make();
  return workerResources;
}

// Test-scoped fixtures only: a worker-scoped one would give the generated tests workers of their
// own (Playwright starts a worker per set of worker fixtures), a start-up each on the critical path.
export const test = base.extend<{ runResources: RunResources }>({
  // The resources every generated test acts on, registered with its client's live-safety guard.
  runResources: async ({ chert }, use, testInfo) => {
    const resources = await resourcesOf(chert);
    // The chat these checks act on could not be made: their own rule is not judged (the create
    // tests judge the create), and a skip costs no worker restart per test.
    if ('failed' in resources) testInfo.skip(true, unjudgedReason(resources.failed));
    const { real, ids } = resources as RunResources;
    (real ? chert.knownChatIds : chert.fabricatedChatIds).add(ids.chat);
    if (ids.message !== '') (real ? chert.knownMessageIds : chert.fabricatedMessageIds).add(ids.message);
    await use(resources as RunResources);
  },
});

/**
 * The path for a test's cases. Cases a correct server accepts on a writing operation (a leave, a
 * removal, a rename) may change the chat, so they get a chat of the test's own and the worker's
 * shared chat stays as created for every other test.
 */
export async function pathForCases(operation: Operation, mayWrite: boolean, ctx: SendContext, resources: RunResources): Promise<string | Skip> {
  const writes = mayWrite && resources.real && operation.method !== 'GET' && operation.pathParameters.length > 0;
  if (!writes) return fillPath(operation, resources.ids);
  try {
    return fillPath(operation, (await createResources(ctx.chert)).ids);
  } catch (error) {
    return { skip: unjudgedReason((error as Error).message) };
  }
}

/** The requirement a generated test proves and the operations it exercises (the report's matrix, each operation's outcome added as the test runs). */
export function generated(requirementId: string, operationIds: readonly string[], authModes: readonly string[] = []) {
  const { id } = requirementById(requirementId);
  return {
    annotation: [
      { type: 'requirement', description: id },
      ...operationIds.map((operation) => ({ type: 'operation', description: operation })),
      // The auth modes its requests use, when not only the project's (the coverage of the requirement's domain).
      ...authModes.map((mode) => ({ type: 'auth', description: mode })),
    ],
    tag: [`@${id}`, '@generated'],
  };
}

/** Beyond this, a title names the first rules and the count; failures name every case. */
const MAX_RULES_IN_TITLE = 4;

type GeneratedCase = { operation: string; requirement: string };

/** One requirement's cases on one operation. */
export type CaseGroup<C extends GeneratedCase> = { operation: string; requirement: string; cases: C[] };

/** One requirement's cases on every operation: one test, whose cases go out side by side. */
export type RuleGroup<C extends GeneratedCase> = {
  requirement: string;
  groups: CaseGroup<C>[];
  operations: string[];
  /** `what is sent (each way) on N operations returns what the docs allow @REQ`, from the cases' own words (`expected` reads "returns …"). */
  title: (rule: (c: C) => string, expected: (c: C) => string) => string;
};

/**
 * Cases grouped per requirement (one test each), and within it per operation (a cell of the
 * report's operation × rule matrix each). Playwright's cost per test is about that of ten requests
 * to the mock, and a test waits for its answers: against a distant target the cases of every
 * operation share the round trips of one test instead of one test per operation.
 */
export function groupByRequirement<C extends GeneratedCase>(cases: readonly C[]): RuleGroup<C>[] {
  const byRequirement = new Map<string, Map<string, C[]>>();
  for (const c of cases) {
    const byOperation = byRequirement.get(c.requirement) ?? new Map<string, C[]>();
    byOperation.set(c.operation, [...(byOperation.get(c.operation) ?? []), c]);
    byRequirement.set(c.requirement, byOperation);
  }
  return [...byRequirement].map(([requirement, byOperation]) => {
    const groups = [...byOperation].map(([operation, list]) => ({ operation, requirement, cases: list }));
    const all = groups.flatMap((g) => g.cases);
    return {
      requirement,
      groups,
      operations: groups.map((g) => g.operation),
      title: (rule, expected) => {
        const wants = [...new Set(all.map(expected))];
        const answer = wants.length === 1 ? wants[0] : 'each gets its documented answer';
        const rules = [...new Set(all.map(rule))];
        const named = rules.length <= MAX_RULES_IN_TITLE ? rules.join('; ') : `${rules.slice(0, MAX_RULES_IN_TITLE).join('; ')}; … (${rules.length} ways)`;
        const where = groups.length === 1 ? (groups[0] as CaseGroup<C>).operation : `${groups.length} operations`;
        return `${named} on ${where} ${answer} @${requirement}`;
      },
    };
  });
}

/** What one operation's cases showed: what they got wrong (nothing: an empty list), or why they could not be judged. */
export type OperationFindings = string[] | Skip;

/**
 * Judges a rule on every operation at once: `judge` sends one operation's cases and says what they
 * got wrong. Each operation's outcome goes to the report's matrix; one check names every failure
 * (each check is a reported step with a captured stack). As with a test per operation, a failure
 * anywhere fails the test, else an operation the target left unanswered makes it inconclusive, and
 * it is skipped only when no operation could be judged.
 */
export async function judgeEveryOperation<C extends GeneratedCase>(rule: RuleGroup<C>, judge: (group: CaseGroup<C>) => Promise<OperationFindings>, what: string): Promise<void> {
  const outcomes = await Promise.all(rule.groups.map(async ({ operation, ...group }) => {
    try {
      return { operation, findings: await judge({ operation, ...group }) };
    } catch (error) {
      // What a test per operation would have made inconclusive or failed, that operation alone is here.
      if (error instanceof InconclusiveError) return { operation, inconclusive: error.message };
      if (error instanceof OversizedAnswerError) return { operation, findings: [error.message] };
      throw error;
    }
  }));
  const info = test.info();
  const wrong: string[] = [];
  const unanswered: string[] = [];
  const skipped: string[] = [];
  for (const outcome of outcomes) {
    const status = 'inconclusive' in outcome ? 'inconclusive' : 'skip' in outcome.findings ? 'skipped' : outcome.findings.length > 0 ? 'failed' : 'passed';
    info.annotations.push({ type: 'operation', description: `${outcome.operation}: ${status}` });
    if ('inconclusive' in outcome) unanswered.push(`${outcome.operation}: ${outcome.inconclusive}`);
    else if ('skip' in outcome.findings) skipped.push(`${outcome.operation}: ${outcome.findings.skip}`);
    else wrong.push(...outcome.findings);
  }
  const judged = outcomes.length - unanswered.length - skipped.length;
  expect(wrong, `${what} (${wrong.length}, on ${judged} operation(s) judged)`).toEqual([]);
  if (unanswered.length > 0) throw new InconclusiveError(`not judged on ${unanswered.length} operation(s): ${unanswered.join('; ')}`);
  test.skip(judged === 0, skipped.join('; '));
}
