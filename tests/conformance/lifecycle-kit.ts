// Shared by the lifecycle-*.spec.ts files: a chat made for the test, the documented success
// shapes, the answers that leave a check unjudged, and the gates for the safe profile and for the
// built-in mock's test controls.
import type { TestInfo } from '@playwright/test';
import type { ChertClient, ChertResponse } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { describeProblems } from '../../src/checks/problem.ts';
import { judgeAnswer, type Expected } from '../../src/checks/expected.ts';
import { unjudgedAnswer } from '../../src/checks/life.ts';
import { validate } from '../../src/contract/validators.ts';
import { unjudgedReason } from '../../src/report/observe.ts';
import { expect } from '../fixtures/index.ts';
import { createBody, fictionalTo, uniqueText } from '../fixtures/bodies.ts';
import { freshChat } from '../fixtures/fresh-chat.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

/** A chat of the test's own: its id, recipients, first message and that message's (unique) text. */
type Created = components['schemas']['CreateChatResponse'];

export type LifeChat = { id: string; to: string[]; messageId: string; text: string };

/** Each of these routes acts on a real conversation, so the safe profile never sends one that could succeed. */
export function skipInSafeProfile(settings: Settings, testInfo: TestInfo): void {
  testInfo.skip(settings.profile === 'safe', 'safe profile: this request acts on a real conversation; only requests rejected before any effect are sent');
}

/** The mock-only controls (`/__mock/clock`, `/__mock/inbound`, `/__mock/unpin-line`) exist on the built-in mock alone. */
export function skipUnlessBuiltinMock(settings: Settings, testInfo: TestInfo, why: string): void {
  testInfo.skip(!settings.builtinMock, `needs the built-in mock: ${why}`);
}

/**
 * A chat this test creates and nothing else has touched: `members` fictional recipients (1 is a
 * 1:1 chat), with its first message. A target that returns an existing chat for the same
 * recipients gets other recipients (tests/fixtures/fresh-chat.ts).
 */
export async function lifeChat(chert: ChertClient, settings: Settings, testInfo: TestInfo, members: number): Promise<LifeChat> {
  skipInSafeProfile(settings, testInfo);
  const text = uniqueText('lifecycle');
  const { id, to, messageId } = await freshChat(chert, testInfo, () => fictionalTo(members), (to) => createBody(settings.tenant.from, to, { parts: [{ type: 'text', value: text }], ...(members > 1 ? { subject: 'lifecycle' } : {}) }));
  return { id, to, messageId, text };
}

/**
 * The chat a create made (or, on a target that reuses chats, returned) for a test that tolerates
 * either; a refused create leaves the test unjudged (the create tests judge it).
 */
export async function createdChat(chert: ChertClient, testInfo: TestInfo, body: unknown): Promise<Created> {
  const created = await chert.create(body);
  testInfo.skip(created.status >= 300, unjudgedReason(`the create this test needs got HTTP ${created.status} ${created.text.slice(0, 200)}`));
  return created.json as Created;
}

/** A fictional number that is not among `members`, to add to a group. */
export function newcomer(members: readonly string[]): string {
  for (;;) {
    const [candidate] = fictionalTo(1) as [string];
    if (!members.includes(candidate)) return candidate;
  }
}

/**
 * A documented refusal on a positive path (502 / 4001 from iMessage; 4099 while the line is not
 * pinned, on the routes that act through it: `lineRoute`, false for follow-ups and reactions,
 * whose pages name no 4099) says nothing of the rule: the test ends unjudged.
 */
export function skipIfUnjudged(testInfo: TestInfo, res: ChertResponse, what: string, lineRoute = true): void {
  const unjudged = unjudgedAnswer(res, lineRoute);
  testInfo.skip(unjudged !== undefined, unjudgedReason(`${what} got ${unjudged?.why} (${unjudged?.choice})`));
}

/** A 2xx whose body is the component schema the spec documents for the route's success. */
export function expectSuccess<T>(res: ChertResponse, schema: string): T {
  expect(res.status, `expected a 2xx\n  received HTTP ${res.status}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
  expect(res.status, `expected a 2xx\n  received HTTP ${res.status}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
  const result = validate(schema, res.json);
  expect(result.valid ? [] : result.errors, `the body does not match ${schema}: ${res.text.slice(0, 300)}`).toEqual([]);
  return res.json as T;
}

/** A positive step: unjudged on a documented refusal (skipIfUnjudged), else a 2xx of `schema`. */
export function judgedSuccess<T>(testInfo: TestInfo, res: ChertResponse, schema: string, what: string, lineRoute = true): T {
  skipIfUnjudged(testInfo, res, what, lineRoute);
  return expectSuccess<T>(res, schema);
}

/** Every response a 2xx with the documented body: one check (one reported step) for a batch of them. */
export function expectAllSuccess(responses: readonly ChertResponse[], schema: string): void {
  const offenders = responses.flatMap((res, i) => {
    const ok = res.status >= 200 && res.status < 300 && validate(schema, res.json).valid;
    return ok ? [] : [`#${i + 1}: HTTP ${res.status} ${res.text.slice(0, 200)}`];
  });
  expect(offenders, `expected every answer a 2xx matching ${schema}`).toEqual([]);
}

/** The answer falls in the set every reading allows (src/checks/expected.ts). */
export function expectAnswer(res: ChertResponse, requirement: string, expected: Expected, what?: string, soft = false): void {
  const found = judgeAnswer(requirement, expected, res, what);
  (soft ? expect.soft : expect)(found ? describeProblems([found]) : undefined, what).toBeUndefined();
}

/** The mock's test controls; the client's guard lets them through (they touch no Chert route). */
export async function mockControl(chert: ChertClient, control: 'clock' | 'inbound' | 'unpin-line', body: unknown): Promise<unknown> {
  const res = await chert.send({ method: 'POST', path: `/__mock/${control}`, body });
  expect(res.status, `mock control ${control}: HTTP ${res.status} ${res.text.slice(0, 200)}`).toBe(200);
  return res.json;
}
