// What the model knows of the routes of a chat's life (contract 1c) beyond create, follow-up and
// history: their paths, the size floor as both readings of the docs judge it, and the answer
// classes the commands in ./commands/ predict. Where the docs are silent, each accepts the set
// every reading allows (specs/open-choices.yaml).
import fc from 'fast-check';
import type { ChertResponse } from '../../../src/client/chert-client.ts';
import { unjudgedAnswer } from '../../../src/checks/life.ts';
import { rosterProblem as judgeRoster } from '../../../src/checks/roster.ts';
import { must, received, type Problem } from '../checks.ts';
import type { ChatModel, ChatState, Who } from './model.ts';

/** Either tenant when a second is configured. */
export const tenant = (twoTenants: boolean) => fc.constantFrom<Who>(...(twoTenants ? (['A', 'B'] as const) : (['A'] as const)));
/**
 * The n-th chat (modulo) of either tenant: the life commands act on whichever chat exists, so
 * none is wasted on a tenant that has created nothing yet. `among` narrows the choice when any fits.
 */
export function pickAnyChat(m: Readonly<ChatModel>, pick: number, among?: (c: ChatState) => boolean): { c: ChatState; i: number } | undefined {
  const all = m.chats.map((c, i) => ({ c, i }));
  const fitting = among ? all.filter(({ c }) => among(c)) : [];
  const from = fitting.length > 0 ? fitting : all;
  return from.length === 0 ? undefined : from[pick % from.length];
}

/** The other tenant acts, when there is one. */
export const asOther = (twoTenants: boolean) => (twoTenants ? fc.boolean() : fc.constant(false));

const enc = encodeURIComponent;
export const chatRoute = (id: string, action?: string) => `/api/v1/chats/${enc(id)}${action ? `/${action}` : ''}`;
export const participantPath = (id: string, address: string) => `${chatRoute(id, 'participants')}/${enc(address)}`;
export const messageRoute = (id: string, action: 'react' | 'edit') => `/api/v1/messages/${enc(id)}/${action}`;

const codeOf = (res: ChertResponse) => (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
export const bodyOf = (res: ChertResponse) => (res.json ?? {}) as Record<string, unknown>;
export const isSuccess = (res: ChertResponse) => res.status >= 200 && res.status < 300;

/** A documented rejection: this status and one of these codes. */
export function expectError(res: ChertResponse, what: string, status: number, codes: readonly number[]): void {
  const ok = res.status === status && codes.includes(Number(codeOf(res)));
  must(ok ? undefined : `${what}: expected ${status} / ${codes.join(' or ')}, got ${received(res)}`);
}

/** The docs allow either a success or this rejection (a judgement the docs leave open). */
export function isSuccessOr(res: ChertResponse, what: string, status: number, code: number): boolean {
  if (isSuccess(res)) return true;
  expectError(res, `${what} (a 2xx or ${status} / ${code} allowed)`, status, [code]);
  return false;
}

/**
 * A documented refusal that leaves the command without effect and its rule unjudged: iMessage
 * refusing (502 / 4001, undeliverable-recipient), or a line not pinned yet (4099 at 422 or 501,
 * line-ready-after-create) on the routes whose pages name it.
 */
export const unjudged = (res: ChertResponse, lineRoute = true): boolean => unjudgedAnswer(res, lineRoute) !== undefined;

/** Every answer some reading of group-ops-after-leave gives: a 2xx, any 4xx, 4099, 502 / 4001; never another 5xx. */
export function judgedAfterLeaveAnswer(res: ChertResponse, what: string): void {
  must(res.status < 500 || unjudged(res) ? undefined : `${what}: expected a 2xx, a 4xx, 4099 or 502 / 4001, got ${received(res)}`);
}

/**
 * After the line left a group, the docs say nothing of what any route answers there but a second
 * leave (group-ops-after-leave): every reading's answer passes, and a success leaves the roster and
 * name unknown (the target updated its own record). A group from before the run may have been left
 * then: a refusal there passes the same way. Returns whether the answer was judged so.
 */
export function judgedAfterLeave(c: ChatState, res: ChertResponse, what: string): boolean {
  if (c.life.left) {
    judgedAfterLeaveAnswer(res, `${what} in a group the line left`);
    if (isSuccess(res)) c.unknownRoster = true;
    return true;
  }
  if (!(c.fromBefore && c.isGroup) || isSuccess(res)) return false;
  judgedAfterLeaveAnswer(res, `${what} in a group from before the run`);
  return true;
}

/** Could the history be gone with the line (group-ops-after-leave=chat-gone)? */
export const mayBeGone = (c: ChatState): boolean => c.isGroup && (c.life.left || c.fromBefore);

/**
 * A group operation (rename, add, remove) on a 1:1 chat is 400 / 1006 (contract 1c; `also` the
 * codes of a bad body where the body may be judged first, refusal-order=body-first);
 * on a group the line left, any after-leave answer; on a group from before the run, whatever it
 * has become, any answer but a 5xx. Returns whether the answer was judged so.
 */
export function judgedAsNotAGroup(c: ChatState, res: ChertResponse, what: string, also: readonly number[] = []): boolean {
  if (!c.isGroup) {
    expectError(res, `${what} on a 1:1 chat`, 400, [1006, ...also]);
    return true;
  }
  if (judgedAfterLeave(c, res, what)) return true;
  if (!c.unknownRoster) return false;
  judgedAfterLeaveAnswer(res, `${what} on a group from before the run`);
  return true;
}

export type FloorVerdict = 'allowed' | 'refused' | 'either';

/**
 * Whether a removal or a leave keeps Apple's minimum of 3, for a group of `members` besides the
 * line. The docs do not say whether the line counts: with it, 3 members are enough; without it,
 * 4 are needed. Only where both agree is the answer judged (specs/requirements.yaml notes).
 */
export const floorVerdict = (members: number): FloorVerdict => (members >= 4 ? 'allowed' : members <= 2 ? 'refused' : 'either');

/** A roster answer lists each predicted member once, none of the former, and nobody else but the line (in any form). */
export function rosterProblem(what: string, listed: unknown, members: readonly string[], former: readonly string[] = []): Problem {
  return judgeRoster('CHAT-LIFE-CONSISTENT', what, listed, members, former)?.message;
}

/** A success body whose fields hold these values. */
export function fieldsProblem(what: string, res: ChertResponse, want: Record<string, unknown>): Problem {
  const body = bodyOf(res);
  const wrong = Object.entries(want).filter(([k, v]) => body[k] !== v);
  return wrong.length === 0 ? undefined : `${what}: ${wrong.map(([k, v]) => `${k} ${JSON.stringify(body[k])}, expected ${JSON.stringify(v)}`).join('; ')}`;
}

/** An id the answer names (id-echo-form: the path's form or the route's own), never empty. */
export function idProblem(what: string, res: ChertResponse, key: string): Problem {
  const id = bodyOf(res)[key];
  return typeof id === 'string' && id !== '' ? undefined : `${what}: ${key} ${JSON.stringify(id)} is not a non-empty id`;
}
