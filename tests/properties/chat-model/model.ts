// A model of the chat's life, for fc.commands: the chats each tenant created, every message id the
// run sent to each chat in order, and what each idempotency key first returned. Each command acts
// on the target and on the model, and the model predicts the set of answers the docs allow: the
// class, the ids, the roster and name, and each history judged on the run's own messages (once, in
// order, nothing of other chats). Where the docs leave a choice open the prediction is the set of
// every reading's answers; once an answer shows which reading a target takes for a chat (a chat
// it returned again from before the run, a group it lets the line act on after leaving), the model
// stops predicting what that reading leaves unknown. Commands live one per file in ./commands/ and
// are found there at run time (registry.ts), so a new route's commands are new files.
import type fc from 'fast-check';
import type { Call, ChertResponse } from '../../../src/client/chert-client.ts';
import type { Elsewhere, OwnMessage } from '../../../src/checks/history.ts';
import type { Part } from '../../fixtures/bodies.ts';
import { must, received } from '../checks.ts';

export type Who = 'A' | 'B';
export const OTHER: Record<Who, Who> = { A: 'B', B: 'A' };

export type ChatState = {
  id: string;
  owner: Who;
  isGroup: boolean;
  /** Every message id the run sent to the chat and the target accepted, oldest first. */
  messages: string[];
  /** The text each of those messages was sent with (unique to the run). */
  texts: Map<string, string>;
  /** What the group routes changed: the roster, whether the line left, the last name given. */
  life: ChatLife;
  /**
   * The roster and name are no longer the model's to predict: the chat was there before the run
   * (a target that returns an existing chat for the same recipients), or the target took a group
   * operation after the line left (group-ops-after-leave=record-updated).
   */
  unknownRoster: boolean;
  /** The chat held messages from before the run: a group may have been left by the line then. */
  fromBefore: boolean;
};

export type ChatLife = {
  /** Members besides the tenant's line, as the model predicts them (a 1:1 chat's one member). */
  members: string[];
  /** Addresses removed and not added back: removing one again is 400 / 1001. */
  former: string[];
  left: boolean;
  /** The last display name a rename set, trimmed; undefined until one does. */
  name?: string;
};

/** A chat a create returned, as the model first knows it; `before`: it held messages from before the run. */
export const newChat = (id: string, owner: Who, to: readonly string[], messageId: string, text: string, before = false): ChatState => ({
  id, owner, isGroup: to.length > 1, messages: [messageId], texts: new Map([[messageId, text]]), life: { members: [...to], former: [], left: false }, unknownRoster: before, fromBefore: before,
});

/** A message the target accepted for this chat. */
export function recordSent(c: ChatState, id: string, text: string): void {
  c.messages.push(id);
  c.texts.set(id, text);
}

/** The chat's own messages, for the history judgement (src/checks/history.ts). */
export const ownMessages = (c: ChatState): OwnMessage[] => c.messages.map((id) => ({ id, text: c.texts.get(id) }));

/** What the run sent to every other chat: none of it may show in this chat's history. */
export function elsewhere(m: Readonly<ChatModel>, c: ChatState): Elsewhere {
  const others = m.chats.filter((o) => o.id !== c.id);
  return { ids: new Set(others.flatMap((o) => o.messages)), texts: new Set(others.flatMap((o) => [...o.texts.values()])), chatId: c.id };
}

/** What a key first returned, and the body it was sent with (a replay sends the same). */
export type KeyRecord = { chat: number; messageId: string; call: Call };

export type ChatModel = {
  chats: ChatState[];
  /** `${who} ${key}` for creates; `${who} ${chat index} ${key}` for follow-ups. */
  keys: Map<string, KeyRecord>;
  /** Counter for unique texts and keys within one run. */
  next: number;
};

export type ChatReal = {
  send: (who: Who, call: Call) => Promise<ChertResponse>;
  from: Record<Who, string>;
  /** Unique per model run, so keys and texts never meet those of another run. */
  unique: string;
  /** Whether a second tenant is configured; commands naming B are not generated without it. */
  twoTenants: boolean;
};

export type ChatCommand = fc.AsyncCommand<ChatModel, ChatReal>;

/** One file of ./commands/: how to draw its commands, and whether they need the second tenant. */
export type CommandSpec = {
  name: string;
  /** Its commands always involve both tenants: left out when no second tenant is configured. */
  needsTwoTenants?: boolean;
  arbitrary: (ctx: { twoTenants: boolean }) => fc.Arbitrary<ChatCommand>;
};

export const emptyModel = (): ChatModel => ({ chats: [], keys: new Map(), next: 0 });

export const chatsOf = (m: Readonly<ChatModel>, who: Who) => m.chats.map((c, i) => ({ c, i })).filter(({ c }) => c.owner === who);

/** The n-th chat (modulo) of a tenant, or undefined when it has none. */
export function pickChat(m: Readonly<ChatModel>, who: Who, pick: number): { c: ChatState; i: number } | undefined {
  const mine = chatsOf(m, who);
  return mine.length === 0 ? undefined : mine[pick % mine.length];
}

export const uniqueText = (m: ChatModel, r: ChatReal, label: string) => `${label} ${r.unique} ${m.next++}`;
export const textParts = (value: string): Part[] => [{ type: 'text', value }];
export const chatPath = (id: string) => `/api/v1/chats/${encodeURIComponent(id)}/messages`;

/** Does the chat hold outbound messages the run did not send? Then it was there before the run. */
export async function heldBefore(m: Readonly<ChatModel>, r: ChatReal, who: Who, chatId: string, messageId: string): Promise<boolean> {
  const res = await r.send(who, { method: 'GET', path: chatPath(chatId) });
  const listed = (res.json as { messages?: { id?: unknown; chat_id?: unknown; direction?: unknown }[] } | undefined)?.messages;
  const known = new Set([messageId, ...m.chats.flatMap((c) => c.messages)]);
  // The history command judges the history (entries of another chat included); here it only shows a reuse.
  return Array.isArray(listed) && listed.some((e) => e?.direction === 'outbound' && !known.has(String(e.id)) && (e.chat_id === undefined || e.chat_id === chatId));
}

const codeOf = (res: ChertResponse) => (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;

/** The answer class the model predicts: a 2xx, or a documented rejection. */
export function expectAccepted(res: ChertResponse, what: string): void {
  must(res.status >= 200 && res.status < 300 ? undefined : `${what}: expected a 2xx, got ${received(res)}`);
}

export function expectNotFound(res: ChertResponse, what: string): void {
  must(res.status === 404 && codeOf(res) === 2002 ? undefined : `${what}: expected 404 / 2002 (not this tenant's chat), got ${received(res)}`);
}
