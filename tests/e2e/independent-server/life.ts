// The routes of a chat's life after creation (contract section 1c), for the independent server,
// written from shared/chert-contract.md alone. Where the docs are silent it takes the other
// allowed answer than the obvious one: the roster lists the tenant's line first; the line does
// not count toward Apple's minimum of 3 (so a removal needs 4 members, a leave 4 besides the
// line); an inbound edit is 502 / 4001 ("no longer editable"); `edit_history` is null; a missing
// reaction is 1001; a blank name is 1001; group operations check the body before the chat kind;
// successes carry extra undocumented fields (`updated_at`, `sent_at`).
import { err, normalisePhone, type ApiError } from './validate.ts';

type Json = Record<string, unknown>;
export type LifeChat = { tenant: string; line: string; json: Json; messages: (Json & { id: string })[] };
export type LifeReply = { status: number; body: Json };

export type LifeRoute =
  | { op: 'typing' | 'mark-read' | 'rename' | 'add' | 'leave'; chatId: string }
  | { op: 'remove'; chatId: string; address: string }
  | { op: 'react' | 'edit'; messageId: string };

const APPLE_MIN_GROUP = 3;
const EDIT_WINDOW_MS = 15 * 60 * 1000;
const REACTIONS = new Set(['love', 'like', 'dislike', 'laugh', 'emphasize', 'question']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

const CHAT_ACTION = /^\/api\/v1\/chats\/([^/]+)\/(typing|mark-read|participants|leave)$/;
const CHAT = /^\/api\/v1\/chats\/([^/]+)$/;
const PARTICIPANT = /^\/api\/v1\/chats\/([^/]+)\/participants\/([^/]+)$/;
const MESSAGE_ACTION = /^\/api\/v1\/messages\/([^/]+)\/(react|edit)$/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/** The route a path names and the one method it takes, or null when it is none of these. */
export function matchLife(path: string): { method: string; route: LifeRoute } | null {
  let m = CHAT_ACTION.exec(path);
  if (m) {
    const op = m[2] === 'participants' ? 'add' : (m[2] as 'typing' | 'mark-read' | 'leave');
    return { method: 'POST', route: { op, chatId: decode(m[1] as string) } };
  }
  if ((m = CHAT.exec(path))) return { method: 'PUT', route: { op: 'rename', chatId: decode(m[1] as string) } };
  if ((m = PARTICIPANT.exec(path))) return { method: 'DELETE', route: { op: 'remove', chatId: decode(m[1] as string), address: decode(m[2] as string) } };
  if ((m = MESSAGE_ACTION.exec(path))) return { method: 'POST', route: { op: m[2] as 'react' | 'edit', messageId: decode(m[1] as string) } };
  return null;
}

export const bodylessLife = (route: LifeRoute): boolean => route.op === 'mark-read' || route.op === 'leave' || route.op === 'remove';

type GroupState = { roster: string[]; left: boolean; icon: string | null };
type MessageState = { sentAt: number; edits: number };

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ok = (body: Json): LifeReply => ({ status: 200, body });
const notAGroup = (why: string) => err(400, 1006, why);

export class LifeRoutes {
  private readonly groups = new WeakMap<LifeChat, GroupState>();
  private readonly sent = new Map<string, MessageState>();

  constructor(private readonly chats: ReadonlyMap<string, LifeChat>) {}

  /** Called for every message the server sends, so the edit window starts at the send. */
  recordSend(messageId: string): void {
    this.sent.set(messageId, { sentAt: Date.now(), edits: 0 });
  }

  answer(tenant: string, route: LifeRoute, body: unknown): LifeReply | ApiError {
    if ('messageId' in route) {
      const found = this.message(tenant, route.messageId);
      if (!found) return err(404, 2003, 'Message not found.');
      return route.op === 'react' ? react(found.message, body) : this.edit(found.message, body);
    }
    const chat = this.chats.get(route.chatId);
    if (!chat || chat.tenant !== tenant) return err(404, 2002, 'Chat not found.');
    switch (route.op) {
      case 'typing': return typing(chat, body);
      case 'mark-read': return ok({ status: 'read', chat_id: chat.json.id, read_at: new Date().toISOString() });
      case 'rename': return this.rename(chat, body);
      case 'add': return this.add(chat, body);
      case 'remove': return this.remove(chat, route.address);
      case 'leave': return this.leave(chat);
    }
  }

  private group(chat: LifeChat): GroupState {
    let state = this.groups.get(chat);
    if (!state) {
      const members = (chat.json.handles as { address: string }[]).map((h) => h.address);
      state = { roster: [chat.line, ...members], left: false, icon: null };
      this.groups.set(chat, state);
    }
    return state;
  }

  /** Members besides the tenant's line: what this server counts toward Apple's 3. */
  private members(chat: LifeChat): number {
    return this.group(chat).roster.filter((a) => a !== chat.line).length;
  }

  private refuseNonGroup(chat: LifeChat): ApiError | null {
    if (chat.json.is_group !== true) return notAGroup('Only group chats support this operation.');
    if (this.group(chat).left) return notAGroup('This line is no longer in the group.');
    return null;
  }

  private rename(chat: LifeChat, body: unknown): LifeReply | ApiError {
    if (!isRecord(body)) return err(400, 1002, 'The body must be a JSON object.');
    const { display_name: name, group_chat_icon: icon } = body;
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) return err(400, 1001, 'display_name must not be empty.');
    if (icon !== undefined && (typeof icon !== 'string' || !icon.startsWith('https://'))) return err(400, 1002, 'group_chat_icon must be an https URL.');
    const refused = this.refuseNonGroup(chat);
    if (refused) return refused;
    const state = this.group(chat);
    if (typeof name === 'string') chat.json.display_name = name.trim();
    if (typeof icon === 'string') state.icon = icon;
    return ok({ chat: { id: chat.json.id, display_name: chat.json.display_name, group_chat_icon: state.icon, is_group: true, updated_at: new Date().toISOString() } });
  }

  private add(chat: LifeChat, body: unknown): LifeReply | ApiError {
    const raw = isRecord(body) ? (body.address ?? body.handle) : undefined;
    if (raw === undefined || raw === null || raw === '') return err(400, 1001, 'address is required.');
    if (typeof raw !== 'string') return err(400, 1002, 'address must be a string.');
    const address = raw.includes('@') ? (EMAIL.test(raw.trim()) ? raw.trim() : null) : normalisePhone(raw);
    if (address === null) return err(400, 1002, 'address must be an E.164 number or an email address.');
    const refused = this.refuseNonGroup(chat);
    if (refused) return refused;
    const { roster } = this.group(chat);
    if (!roster.includes(address)) roster.push(address);
    return ok({ chat_id: chat.json.id, added: address, participants: [...roster] });
  }

  private remove(chat: LifeChat, raw: string): LifeReply | ApiError {
    const refused = this.refuseNonGroup(chat);
    if (refused) return refused;
    const address = normalisePhone(raw) ?? raw.trim();
    const { roster } = this.group(chat);
    const at = roster.indexOf(address);
    if (at < 0 || address === chat.line) return err(400, 1001, 'That address is not a participant of this group.');
    if (this.members(chat) - 1 < APPLE_MIN_GROUP) return err(400, 1002, 'A group must keep at least 3 participants.');
    roster.splice(at, 1);
    return ok({ chat_id: chat.json.id, removed: address, participants: [...roster] });
  }

  private leave(chat: LifeChat): LifeReply | ApiError {
    const refused = this.refuseNonGroup(chat);
    if (refused) return refused;
    // "at least 4 participants so 3 remain", the line not among them.
    if (this.members(chat) < APPLE_MIN_GROUP + 1) return err(400, 1002, 'Leaving needs at least 4 participants.');
    const state = this.group(chat);
    state.left = true;
    state.roster = state.roster.filter((a) => a !== chat.line);
    return ok({ chat_id: chat.json.id, status: 'left' });
  }

  private message(tenant: string, id: string): { chat: LifeChat; message: Json & { id: string } } | null {
    for (const chat of this.chats.values()) {
      if (chat.tenant !== tenant) continue;
      const message = chat.messages.find((m) => m.id === id);
      if (message) return { chat, message };
    }
    return null;
  }

  private edit(message: Json & { id: string }, body: unknown): LifeReply | ApiError {
    const text = isRecord(body) ? body.new_text : undefined;
    if (typeof text !== 'string' || text === '') return err(400, 1002, 'new_text is required and must not be empty.');
    const index = isRecord(body) && body.edited_part_index !== undefined ? body.edited_part_index : 0;
    const parts = message.parts as { type: string; value?: string }[];
    const texts = parts.filter((p) => p.type === 'text');
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= texts.length) return err(400, 1002, 'edited_part_index names no text part.');
    const sent = this.sent.get(message.id);
    if (message.direction !== 'outbound' || !sent) return err(502, 4001, 'This bubble is no longer editable.');
    if (Date.now() - sent.sentAt > EDIT_WINDOW_MS) return err(502, 4001, 'The edit window has expired.');
    // New part objects: answers already given (a stored idempotent reply) keep the old text.
    const target = texts[index as number];
    message.parts = parts.map((p) => (p === target ? { ...p, value: text } : p));
    sent.edits += 1;
    return ok({ status: 'edited', message_id: message.id, new_text: text, date_edited: new Date().toISOString(), edit_history: null });
  }
}

function typing(chat: LifeChat, body: unknown): LifeReply | ApiError {
  const state = isRecord(body) ? body.state : undefined;
  if (state !== 'typing' && state !== 'stopped') return err(400, 1002, 'state must be "typing" or "stopped".');
  return ok({ status: 'sent', chat_id: chat.json.id, state, sent_at: new Date().toISOString() });
}

function react(message: Json & { id: string }, body: unknown): LifeReply | ApiError {
  const reaction = isRecord(body) ? body.reaction : undefined;
  if (reaction === undefined || reaction === null) return err(400, 1001, 'reaction is required.');
  if (typeof reaction !== 'string' || !REACTIONS.has(reaction)) return err(400, 1002, 'reaction must be one of love, like, dislike, laugh, emphasize, question.');
  return ok({ status: 'sent', message_id: message.id, reaction });
}
