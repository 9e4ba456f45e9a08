// What the model knows of the routes of a chat's life (contract 1c) beyond create, follow-up and
// history: their paths, the size floor as both readings of the docs judge it, and the answer
// classes the commands in ./commands/ predict. Where the docs are silent, each accepts the set.
import fc from 'fast-check';
import type { ChertResponse } from '../../../src/client/chert-client.ts';
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
 * Group operations on a 1:1 chat or a group the line left are 400 / 1006 (rename, add, remove,
 * leave pages; "leaving twice gives 1006"). Returns whether it was such a chat.
 */
export function refusedAsNotAGroup(c: ChatState, res: ChertResponse, what: string): boolean {
  if (c.isGroup && !c.life.left) return false;
  expectError(res, `${what} on ${c.isGroup ? 'a group the line left' : 'a 1:1 chat'}`, 400, [1006]);
  return true;
}

/**
 * After the line left a group, the docs say nothing of typing, mark-read, reactions or edits there:
 * a 2xx or any 4xx passes (never a 5xx). Returns whether the answer was already judged so.
 */
export function judgedAfterLeave(c: ChatState, res: ChertResponse, what: string): boolean {
  if (!c.life.left) return false;
  must(res.status < 500 ? undefined : `${what} in a group the line left: expected a 2xx or a 4xx, got ${received(res)}`);
  return true;
}

export type FloorVerdict = 'allowed' | 'refused' | 'either';

/**
 * Whether a removal or a leave keeps Apple's minimum of 3, for a group of `members` besides the
 * line. The docs do not say whether the line counts: with it, 3 members are enough; without it,
 * 4 are needed. Only where both agree is the answer judged (specs/requirements.yaml notes).
 */
export const floorVerdict = (members: number): FloorVerdict => (members >= 4 ? 'allowed' : members <= 2 ? 'refused' : 'either');

/** A roster answer lists each predicted member once and nobody else but, possibly, the line. */
export function rosterProblem(what: string, listed: unknown, members: readonly string[], line: string): Problem {
  if (!Array.isArray(listed)) return `${what}: \`participants\` is not a list: ${JSON.stringify(listed)}`;
  const others = listed.filter((a) => a !== line).map(String);
  const twice = others.find((a, i) => others.indexOf(a) !== i);
  if (twice) return `${what}: the roster lists ${twice} more than once: ${JSON.stringify(listed)}`;
  const missing = members.filter((a) => !others.includes(a));
  const extra = others.filter((a) => !members.includes(a));
  if (missing.length === 0 && extra.length === 0) return undefined;
  return `${what}: roster ${JSON.stringify(listed)}, expected ${JSON.stringify(members)} (and possibly the line ${line})${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not a member: ${extra.join(', ')}` : ''}`;
}

/** A success body whose fields hold these values. */
export function fieldsProblem(what: string, res: ChertResponse, want: Record<string, unknown>): Problem {
  const body = bodyOf(res);
  const wrong = Object.entries(want).filter(([k, v]) => body[k] !== v);
  return wrong.length === 0 ? undefined : `${what}: ${wrong.map(([k, v]) => `${k} ${JSON.stringify(body[k])}, expected ${JSON.stringify(v)}`).join('; ')}`;
}
