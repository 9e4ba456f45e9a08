// Shared by the lifecycle-*.spec.ts files: a chat made for the test, the documented success
// shapes, and the gates for the safe profile and for the built-in mock's test controls.
import type { TestInfo } from '@playwright/test';
import type { ChertClient, ChertResponse } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { validate } from '../../src/contract/validators.ts';
import { unjudgedReason } from '../../src/report/observe.ts';
import { expect } from '../fixtures/index.ts';
import { createBody, fictionalTo } from '../fixtures/bodies.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];

export type LifeChat = { id: string; to: string[]; messageId: string };

/** Each of these routes acts on a real conversation, so the safe profile never sends one that could succeed. */
export function skipInSafeProfile(settings: Settings, testInfo: TestInfo): void {
  testInfo.skip(settings.profile === 'safe', 'safe profile: this request acts on a real conversation; only requests rejected before any effect are sent');
}

/** The mock-only controls (`/__mock/clock`, `/__mock/inbound`, `/__mock/unpin-line`) exist on the built-in mock alone. */
export function skipUnlessBuiltinMock(settings: Settings, testInfo: TestInfo, why: string): void {
  testInfo.skip(!settings.builtinMock, `needs the built-in mock: ${why}`);
}

/** A chat this test creates: `members` fictional recipients (1 is a 1:1 chat), with its first message. */
export async function lifeChat(chert: ChertClient, settings: Settings, testInfo: TestInfo, members: number): Promise<LifeChat> {
  skipInSafeProfile(settings, testInfo);
  const to = fictionalTo(members);
  const res = await chert.create(createBody(settings.tenant.from, to, members > 1 ? { subject: 'lifecycle' } : {}));
  // A create that fails leaves this test's own rule unjudged (the create tests judge the create).
  testInfo.skip(res.status >= 300, unjudgedReason(`the create this test needs got HTTP ${res.status} ${res.text.slice(0, 200)}`));
  const { chat, message } = res.json as Created;
  return { id: chat.id, to, messageId: message.id };
}

/** A fictional number that is not among `members`, to add to a group. */
export function newcomer(members: readonly string[]): string {
  for (;;) {
    const [candidate] = fictionalTo(1) as [string];
    if (!members.includes(candidate)) return candidate;
  }
}

/** A 2xx whose body is the component schema the spec documents for the route's success. */
export function expectSuccess<T>(res: ChertResponse, schema: string): T {
  expect(res.status, `expected a 2xx\n  received HTTP ${res.status}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
  expect(res.status, `expected a 2xx\n  received HTTP ${res.status}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
  const result = validate(schema, res.json);
  expect(result.valid ? [] : result.errors, `the body does not match ${schema}: ${res.text.slice(0, 300)}`).toEqual([]);
  return res.json as T;
}

/** Every response a 2xx with the documented body: one check (one reported step) for a batch of them. */
export function expectAllSuccess(responses: readonly ChertResponse[], schema: string): void {
  const offenders = responses.flatMap((res, i) => {
    const ok = res.status >= 200 && res.status < 300 && validate(schema, res.json).valid;
    return ok ? [] : [`#${i + 1}: HTTP ${res.status} ${res.text.slice(0, 200)}`];
  });
  expect(offenders, `expected every answer a 2xx matching ${schema}`).toEqual([]);
}

/** The mock's test controls; the client's guard lets them through (they touch no Chert route). */
export async function mockControl(chert: ChertClient, control: 'clock' | 'inbound' | 'unpin-line', body: unknown): Promise<unknown> {
  const res = await chert.send({ method: 'POST', path: `/__mock/${control}`, body });
  expect(res.status, `mock control ${control}: HTTP ${res.status} ${res.text.slice(0, 200)}`).toBe(200);
  return res.json;
}
