// The routes of a chat's life after creation (contract section 1c), for the independent server,
// written from shared/chert-contract.md alone. Where the docs are silent it takes another allowed
// answer than the built-in mock (specs/open-choices.yaml, the chat-life entries): the roster lists
// the tenant's line first (roster-lists-line=listed-as-from); the line does not count toward
// Apple's minimum of 3 (group-floor-line-counts); the group and message routes answer their own
// `ch_…` / `msg_…` ids and take them in a path (id-echo-form); typing and read receipts are for 1:1
// chats only (typing-in-groups, mark-read-in-groups); a PUT replaces both fields and the icon is
// answered as a rehosted copy (rename-partial-update, rename-icon-handling); only spaces are
// trimmed from a name (rename-trim-characters); a group the line left has no pinned line (4099 at
// the catalog's 422, group-ops-after-leave, lifecycle-4099-status); a tapback is listed in the
// history as an entry of its own (history-extra-entries); an edit keeps the history's text as sent
// (history-after-edit) and `edited_part_index` indexes `parts` (edited-part-index); a part that
// is not there, an inbound message or a sixth edit are "no longer editable" (502 / 4001); a chat id
// where a message id goes is 409 / 1011 (wrong-kind-of-id); the window past 15 minutes is the
// catalog's 4099 (edit-window-code); a missing reaction is 1001; a blank name is 1001; group
// operations check the body before the chat kind; successes carry extra fields (`updated_at`, `sent_at`).
import { createHash, randomBytes } from 'node:crypto';
import { err, normalisePhone, type ApiError } from './validate.ts';
import type { OtherReadings } from './readings.ts';

type Json = Record<string, unknown>;
export type LifeChat = { tenant: string; line: string; json: Json; messages: (Json & { id: string })[] };
export type LifeReply = { status: number; body: Json };

export type LifeRoute =
  | { op: 'typing' | 'mark-read' | 'rename' | 'add' | 'leave'; chatId: string }
  | { op: 'remove'; chatId: string; address: string }
  | { op: 'react' | 'edit'; messageId: string };

const APPLE_MIN_GROUP = 3;
const MAX_MEMBERS = 31;
const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** iMessage lets a message be edited this many times; later edits are "no longer editable". */
const APPLE_EDIT_LIMIT = 5;
const REACTIONS = new Set(['love', 'like', 'dislike', 'laugh', 'emphasize', 'question']);
const TAPBACK_VERBS: Record<string, string> = { love: 'Loved', like: 'Liked', dislike: 'Disliked', laugh: 'Laughed at', emphasize: 'Emphasized', question: 'Questioned' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
/** Icon hosts that serve no image, as a fetch of the icon finds (renameIconFetched). */
const UNFETCHABLE_HOST = /(^|\.)(example\.(com|org|net)|invalid|test|example|localhost)$/i;
/** C0 controls and DEL: tabs and line breaks among them (renameControlRefused). */
const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const CHAT_PREFIX = 'ch_';
const MESSAGE_PREFIX = 'msg_';

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
const noPinnedLine = () => err(422, 4099, 'This group has no pinned line: the line left it.');
const notEditable = (why: string) => err(502, 4001, why);
const withoutPrefix = (id: string, prefix: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);

export class LifeRoutes {
  private readonly groups = new WeakMap<LifeChat, GroupState>();
  private readonly sent = new Map<string, MessageState>();

  constructor(
    private readonly chats: ReadonlyMap<string, LifeChat>,
    private readonly readings: OtherReadings = {},
  ) {}

  /** Whether the tenant's line has left this group. */
  lineLeft(chat: LifeChat): boolean {
    return chat.json.is_group === true && this.group(chat).left;
  }

  /** afterLeave downstream-refused: the line is no longer a member, so iMessage refuses. */
  downstreamRefused(): ApiError {
    return err(502, 4001, 'Delivery failed: the line is no longer a member of this group.');
  }

  /** How the roster names the tenant's line: its `from` number, or its Apple ID (rosterLineAsHandle). */
  private lineHandle(chat: LifeChat): string {
    return this.readings.rosterLineAsHandle ? `line-${chat.line.replace(/\D/g, '')}@appleid.invalid` : chat.line;
  }

  /** A refusal of the line routes for a group the line left, when a reading says so. */
  private afterLeave(chat: LifeChat, chatRoute: boolean): ApiError | null {
    if (!this.lineLeft(chat)) return null;
    if (this.readings.afterLeave === 'chat-gone') return chatRoute ? err(404, 2002, 'Chat not found.') : err(404, 2003, 'Message not found.');
    if (this.readings.afterLeave === 'downstream-refused') return this.downstreamRefused();
    return null;
  }

  private notEditable(why: string): ApiError {
    // retryable-route-override: a bubble that cannot be edited will not become editable on a retry.
    return this.readings.editRefusalNotRetryable ? { ...notEditable(why), retryable: false } : notEditable(why);
  }

  /** Called for every message the server sends, so the edit window starts at the send. */
  recordSend(messageId: string): void {
    this.sent.set(messageId, { sentAt: Date.now(), edits: 0 });
  }

  answer(tenant: string, route: LifeRoute, body: unknown): LifeReply | ApiError {
    if ('messageId' in route) {
      const id = withoutPrefix(route.messageId, MESSAGE_PREFIX);
      const found = this.message(tenant, id);
      if (!found) return this.chat(tenant, id) ? err(409, 1011, 'That id names a chat, not a message.') : err(404, 2003, 'Message not found.');
      const refused = this.afterLeave(found.chat, false);
      if (refused) return refused;
      if (this.group(found.chat).left && found.chat.json.is_group === true) return noPinnedLine();
      return route.op === 'react' ? this.react(found.chat, found.message, body) : this.edit(found.message, body);
    }
    const chat = this.chat(tenant, withoutPrefix(route.chatId, CHAT_PREFIX));
    if (!chat) return err(404, 2002, 'Chat not found.');
    // "Not idempotent: leaving twice gives 1006", whatever else the line's leaving did.
    const refused = route.op === 'leave' ? null : this.afterLeave(chat, true);
    if (refused) return refused;
    switch (route.op) {
      case 'typing': return this.typing(chat, body);
      case 'mark-read': return this.markRead(chat);
      case 'rename': return this.rename(chat, body);
      case 'add': return this.add(chat, body);
      case 'remove': return this.remove(chat, route.address);
      case 'leave': return this.leave(chat);
    }
  }

  private chat(tenant: string, id: string): LifeChat | undefined {
    const chat = this.chats.get(id);
    return chat && chat.tenant === tenant ? chat : undefined;
  }

  private group(chat: LifeChat): GroupState {
    let state = this.groups.get(chat);
    if (!state) {
      const members = (chat.json.handles as { address: string }[]).map((h) => h.address);
      state = { roster: [this.lineHandle(chat), ...members], left: false, icon: null };
      this.groups.set(chat, state);
    }
    return state;
  }

  /** Members besides the tenant's line: what this server counts toward Apple's 3. */
  private members(chat: LifeChat): number {
    const line = this.lineHandle(chat);
    return this.group(chat).roster.filter((a) => a !== line).length;
  }

  private refuseNonGroup(chat: LifeChat): ApiError | null {
    if (chat.json.is_group !== true) return notAGroup('Only group chats support this operation.');
    if (this.group(chat).left) return noPinnedLine();
    return null;
  }

  private typing(chat: LifeChat, body: unknown): LifeReply | ApiError {
    const state = isRecord(body) ? body.state : undefined;
    if (state !== 'typing' && state !== 'stopped') return err(this.readings.typingStateStatus ?? 400, 1002, 'state must be "typing" or "stopped".');
    if (chat.json.is_group === true) {
      if (this.group(chat).left) return noPinnedLine();
      return this.readings.groupTyping === '422-4099' ? err(422, 4099, 'Typing indicators are not available in group chats.') : notAGroup('Typing indicators are sent in 1:1 chats only.');
    }
    return ok({ status: 'sent', chat_id: chat.json.id, state, sent_at: new Date().toISOString() });
  }

  private markRead(chat: LifeChat): LifeReply | ApiError {
    if (chat.json.is_group === true) {
      if (this.readings.groupMarkRead === '501-4099') return err(501, 4099, 'Read receipts are not available in group chats on this line.');
      return err(422, 1002, 'No resolvable recipient: read receipts are sent in 1:1 chats only.');
    }
    return ok({ status: 'read', chat_id: chat.json.id, read_at: new Date().toISOString() });
  }

  private rename(chat: LifeChat, body: unknown): LifeReply | ApiError {
    if (!isRecord(body)) return err(400, 1002, 'The body must be a JSON object.');
    const { display_name: name, group_chat_icon: icon } = body;
    // "Trimmed": the spaces around it; a name of spaces only is empty.
    const trimmed = typeof name === 'string' ? name.replace(/^ +| +$/g, '') : name;
    if (name !== undefined && (typeof trimmed !== 'string' || trimmed === '')) return err(400, 1001, 'display_name must not be empty.');
    if (this.readings.renameControlRefused && typeof trimmed === 'string' && hasControlCharacter(trimmed)) return err(400, 1002, 'display_name must not hold control characters.');
    if (icon !== undefined && (typeof icon !== 'string' || !icon.startsWith('https://'))) return err(400, 1002, 'group_chat_icon must be an https URL.');
    const refused = this.refuseNonGroup(chat);
    if (refused) return refused;
    if (this.readings.renameIconFetched && typeof icon === 'string' && !fetchable(icon)) return err(502, 4001, 'The icon could not be fetched, so the group icon was not updated.');
    const state = this.group(chat);
    // PUT replaces the settable fields: the one left out is cleared.
    if (typeof trimmed === 'string' || typeof icon === 'string') {
      chat.json.display_name = typeof trimmed === 'string' ? trimmed : null;
      state.icon = typeof icon === 'string' ? `https://cdn.independent.invalid/icons/${createHash('sha256').update(icon).digest('hex').slice(0, 20)}.png` : null;
    }
    return ok({ chat: { id: `${CHAT_PREFIX}${String(chat.json.id)}`, display_name: chat.json.display_name, group_chat_icon: state.icon, is_group: true, updated_at: new Date().toISOString() } });
  }

  private add(chat: LifeChat, body: unknown): LifeReply | ApiError {
    const raw = isRecord(body) ? (body.address ?? body.handle) : undefined;
    if (raw === undefined || raw === null || raw === '') return err(400, 1001, 'address is required.');
    // participant-address-invalid-code, missing: a value that is not a string is no address.
    if (typeof raw !== 'string') return this.readings.participantWrongTypeMissing ? err(400, 1001, 'address is required.') : err(400, 1002, 'address must be a string.');
    const address = raw.includes('@') ? (EMAIL.test(raw.trim()) ? raw.trim() : null) : normalisePhone(raw);
    if (address === null) return err(400, 1002, 'address must be an E.164 number or an email address.');
    const refused = this.refuseNonGroup(chat);
    if (refused) return refused;
    const { roster } = this.group(chat);
    if (!roster.includes(address)) {
      if (this.members(chat) >= MAX_MEMBERS) return err(400, 1002, `A group holds at most ${MAX_MEMBERS} recipients.`);
      roster.push(address);
    }
    return ok({ chat_id: `${CHAT_PREFIX}${String(chat.json.id)}`, added: address, participants: [...roster] });
  }

  private remove(chat: LifeChat, raw: string): LifeReply | ApiError {
    const refused = this.refuseNonGroup(chat);
    if (refused) return refused;
    const address = normalisePhone(raw) ?? raw.trim();
    const { roster } = this.group(chat);
    const at = roster.indexOf(address);
    if (at < 0 || address === chat.line || address === this.lineHandle(chat)) return err(400, 1001, 'That address is not a participant of this group.');
    if (this.members(chat) - 1 < APPLE_MIN_GROUP) return err(400, 1002, 'A group must keep at least 3 participants.');
    roster.splice(at, 1);
    return ok({ chat_id: `${CHAT_PREFIX}${String(chat.json.id)}`, removed: address, participants: [...roster] });
  }

  private leave(chat: LifeChat): LifeReply | ApiError {
    if (chat.json.is_group !== true) return notAGroup('Only group chats support this operation.');
    // "Not idempotent: leaving twice gives 1006."
    if (this.group(chat).left) return notAGroup('This line is no longer in the group.');
    // "at least 4 participants so 3 remain", the line not among them.
    if (this.members(chat) < APPLE_MIN_GROUP + 1) return err(400, 1002, 'Leaving needs at least 4 participants.');
    const state = this.group(chat);
    state.left = true;
    const line = this.lineHandle(chat);
    state.roster = state.roster.filter((a) => a !== line);
    return ok({ chat_id: `${CHAT_PREFIX}${String(chat.json.id)}`, status: 'left' });
  }

  private message(tenant: string, id: string): { chat: LifeChat; message: Json & { id: string } } | null {
    for (const chat of this.chats.values()) {
      if (chat.tenant !== tenant) continue;
      const message = chat.messages.find((m) => m.id === id);
      if (message) return { chat, message };
    }
    return null;
  }

  private react(chat: LifeChat, message: Json & { id: string }, body: unknown): LifeReply | ApiError {
    const reaction = isRecord(body) ? body.reaction : undefined;
    if (reaction === undefined || reaction === null) return err(400, 1001, 'reaction is required.');
    if (typeof reaction !== 'string' || !REACTIONS.has(reaction)) return err(400, 1002, 'reaction must be one of love, like, dislike, laugh, emphasize, question.');
    // The tapback is a conversation item of its own, as iMessage shows it.
    const quoted = (message.parts as { type: string; value?: string }[]).find((p) => p.type === 'text')?.value ?? 'an attachment';
    const at = new Date().toISOString();
    chat.messages.push({ id: randomBytes(16).toString('hex'), chat_id: chat.json.id, parts: [{ type: 'text', value: `${TAPBACK_VERBS[reaction]} “${quoted}”` }], status: 'sent', direction: 'outbound', created_at: at, delivered_at: at, read_at: null, service: 'imessage' });
    return ok({ status: 'sent', message_id: `${MESSAGE_PREFIX}${message.id}`, reaction });
  }

  private edit(message: Json & { id: string }, body: unknown): LifeReply | ApiError {
    const text = isRecord(body) ? body.new_text : undefined;
    if (typeof text !== 'string' || text === '') return err(400, 1002, 'new_text is required and must not be empty.');
    const index = isRecord(body) && body.edited_part_index !== undefined ? body.edited_part_index : 0;
    if (!Number.isInteger(index) || (index as number) < 0) return err(400, 1002, 'edited_part_index must be a whole number from 0.');
    const sent = this.sent.get(message.id);
    if (message.direction !== 'outbound' || !sent) return this.notEditable('This bubble is no longer editable.');
    if (Date.now() - sent.sentAt > EDIT_WINDOW_MS) return err(422, 4099, 'Edits past 15 minutes are not supported.');
    // `edited_part_index` indexes `parts`; the part there must be a text.
    if ((message.parts as { type: string }[])[index as number]?.type !== 'text') return this.notEditable(`Part ${String(index)} of the bubble is not editable text.`);
    if (sent.edits >= APPLE_EDIT_LIMIT) return this.notEditable('This bubble is no longer editable.');
    // The history keeps the message as sent; the edit lives in this answer and on the bubble.
    sent.edits += 1;
    return ok({ status: 'edited', message_id: `${MESSAGE_PREFIX}${message.id}`, new_text: text, date_edited: new Date().toISOString(), edit_history: null });
  }
}

/** Whether a fetch of the icon could find an image: not on a host that serves none. */
function fetchable(icon: string): boolean {
  try {
    return !UNFETCHABLE_HOST.test(new URL(icon).hostname);
  } catch {
    return false;
  }
}
