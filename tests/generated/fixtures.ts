// Fixtures of the generated checks: the spec's operations, ids this run created for their paths
// (one chat per worker; a fabricated id in the safe profile, which sends nothing), a run-bound
// example body per operation, and test details naming the requirement and the operation.
import { randomUUID } from 'node:crypto';
import type { ChertClient } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { exampleBody } from '../../src/contract/example-body.ts';
import { fillPath, listOperations, type Operation, type ResourceKind } from '../../src/contract/operations.ts';
import { requirementById } from '../../src/contract/requirements.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import { unjudgedReason } from '../../src/report/observe.ts';
import { fictionalTo } from '../fixtures/bodies.ts';
import { test as base } from '../fixtures/index.ts';

export { expect } from '../fixtures/index.ts';

/** What a generated test's requests use: the test's client, the settings, and the ids its paths may name. */
export type SendContext = { chert: ChertClient; settings: Settings; resources: RunResources };

/** A test that cannot judge its rule, and why (applied as test.skip in its body). */
export type Skip = { skip: string };

/** What a test judges; a skip (test.skip ends the test) when its sends found it cannot judge. */
export function unlessSkipped<A extends object>(outcome: A | Skip): A {
  if ('skip' in outcome) test.skip(true, outcome.skip);
  return outcome as A;
}

export const spec = loadSpec();
export const operations = listOperations(spec);
export const operationById = new Map(operations.map((o) => [o.operationId, o]));

/** Ids for every resource kind a path may name, and whether the target holds them. */
export type RunResources = { ids: Record<ResourceKind, string>; real: boolean };

/** Recipients of the generated bodies: fictional, enough for any example the spec gives. */
const EXAMPLE_RECIPIENTS = 31;

function bodyBinding() {
  return { senderLine: '', recipients: fictionalTo(EXAMPLE_RECIPIENTS), uniqueKey: () => `gen-${randomUUID()}` };
}

/** A valid body for the operation, bound to this run (fictional recipients, fresh keys). */
export function bodyFor(operation: Operation, settings: Settings): unknown {
  return exampleBody(spec, operation, { ...bodyBinding(), senderLine: settings.tenant.from });
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

/** The requirement a generated test proves and the operation it exercises (the report's matrix). */
export function generated(requirementId: string, operationId: string) {
  const { id } = requirementById(requirementId);
  return {
    annotation: [
      { type: 'requirement', description: id },
      { type: 'operation', description: operationId },
    ],
    tag: [`@${id}`, '@generated'],
  };
}

/** Beyond this, a title names the first cases and the count; failures name every case. */
const MAX_RULES_IN_TITLE = 4;

type GeneratedCase = { operation: string; requirement: string };

export type CaseGroup<C extends GeneratedCase> = {
  operation: string;
  requirement: string;
  cases: C[];
  /** `op: what is sent (each way) returns what the docs allow @REQ`, from the cases' own words (`expected` reads "returns …"). */
  title: (rule: (c: C) => string, expected: (c: C) => string) => string;
};

/**
 * Cases grouped per operation and requirement: one test each, a cell of the report's matrix.
 * Playwright's cost per test is about that of ten requests to the mock, so cases share tests.
 */
export function groupCases<C extends GeneratedCase>(cases: readonly C[]): CaseGroup<C>[] {
  const groups = new Map<string, C[]>();
  for (const c of cases) {
    const key = `${c.operation} ${c.requirement}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((list) => {
    const { operation, requirement } = list[0] as C;
    return {
      operation,
      requirement,
      cases: list,
      title: (rule, expected) => {
        const wants = [...new Set(list.map(expected))];
        const answer = wants.length === 1 ? wants[0] : 'each gets its documented answer';
        const rules = list.length <= MAX_RULES_IN_TITLE ? list.map(rule).join('; ') : `${list.slice(0, MAX_RULES_IN_TITLE).map(rule).join('; ')}; …`;
        return `${operation}: ${rules} ${list.length > 1 ? `(${list.length} cases) ` : ''}${answer} @${requirement}`;
      },
    };
  });
}
