// The chats the mock has created and the messages it has "sent", per tenant, bounded in memory.
import { BoundedMap } from './bounded-map.ts';
import type { MockClock } from './clock.ts';
import { DEFAULT_READINGS, type MockReadings } from './readings.ts';
import type { Chat, Message } from './types.ts';

/** The history route lists at most this many, the most recent (/api/chats/list-messages). */
export const HISTORY_LIMIT = 200;
/** history-read-after-write=eventual: how long after its send a message's conversation row appears. */
export const APPEND_DELAY_MS = 400;
/** history-read-after-write=best-effort: one outbound append in this many is missed for good. */
export const MISSED_APPEND_EVERY = 3;
/** line-ready-after-create=ready-after-delivery: how long after the create the line is pinned. */
export const LINE_READY_DELAY_MS = 250;
/**
 * The choices whose readings take time to settle (a row appended, a line pinned). The false-alarm
 * gate runs them once more with CHERT_MOCK_SETTLE_MS far past the run's length, so a check that
 * meets the unsettled state only when a request comes early (a loaded machine) meets it every time.
 */
export const SETTLING_CHOICES: readonly string[] = ['history-read-after-write', 'line-ready-after-create'];

export type ChatRecord = {
  /** Slug of the tenant that created the chat: the only tenant that may see it. */
  tenant: string;
  chat: Chat;
  /** The conversation rows the history lists: the most recent messages, oldest first, at most HISTORY_LIMIT. */
  messages: Message[];
  /** Rows ever appended, for `has_more`. */
  sent: number;
  /** history-read-after-write=eventual: messages sent whose rows are not appended yet. */
  pending: { message: Message; dueMs: number }[];
  /** What the routes after creation change: the roster, the line's membership, name and icon. */
  life: ChatLife;
};

export type ChatLife = {
  /** The tenant's line pinned to the chat (the create's `from`). */
  line: string;
  /** The other members, in the order they joined; the line is not listed (see README). */
  participants: string[];
  /** The line has left the group. */
  left: boolean;
  icon: string | null;
  /** False once a test unpins the line (`POST /__mock/unpin-line`): line operations get 4099. */
  pinned: boolean;
  /** On the mock clock: when the line is pinned (line-ready-after-create; at once, 0, by default). */
  readyAtMs: number;
};

/** A message's own record, for the routes that take a message id (react, edit). */
export type MessageRecord = {
  chatId: string;
  tenant: string;
  /** On the mock clock: when the 15-minute edit window opened. */
  sentAtMs: number;
  /** The message as it stands now (edits replace it), listed or not. */
  message: Message;
  reactions: string[];
  /** Earlier texts of the edited part, oldest first. */
  edits: { text: string; replaced_at: string }[];
};

export type Stats = { chatsCreated: number; messagesSent: number; requests: number };

/** A create's recipients as a set, for chat-reuse-same-recipients. */
const membersKey = (tenant: string, line: string, to: readonly string[]) => `${tenant}\n${line}\n${[...to].sort().join(',')}`;

export class ChatStore {
  private readonly chats: BoundedMap<string, ChatRecord>;
  private readonly messageRecords: BoundedMap<string, MessageRecord>;
  private readonly chatsByMembers: BoundedMap<string, string>;
  /** Outbound appends so far: best-effort misses every MISSED_APPEND_EVERY-th. */
  private appends = 0;
  chatsCreated = 0;
  messagesSent = 0;

  constructor(
    capacity: number,
    private readonly clock?: MockClock,
    private readonly readings: MockReadings = DEFAULT_READINGS,
    /** Overrides APPEND_DELAY_MS and LINE_READY_DELAY_MS (CHERT_MOCK_SETTLE_MS). */
    private readonly settleMs?: number,
  ) {
    this.chats = new BoundedMap(capacity);
    this.messageRecords = new BoundedMap(capacity);
    this.chatsByMembers = new BoundedMap(capacity);
  }

  private now(): number {
    return this.clock?.now() ?? Date.now();
  }

  message(id: string): MessageRecord | undefined {
    return this.messageRecords.get(id);
  }

  get size(): number {
    return this.chats.size;
  }

  get(id: string): ChatRecord | undefined {
    return this.chats.get(id);
  }

  /** `members`: the create's `to`, the roster the participant routes start from. */
  add(tenant: string, chat: Chat, line: string, members: readonly string[]): ChatRecord {
    const readyAtMs = this.readings.is('line-ready-after-create', 'ready-after-delivery') ? this.now() + (this.settleMs ?? LINE_READY_DELAY_MS) : 0;
    const life: ChatLife = { line, participants: [...members], left: false, icon: null, pinned: true, readyAtMs };
    const record: ChatRecord = { tenant, chat, messages: [], sent: 0, pending: [], life };
    this.chats.set(chat.id, record);
    this.chatsByMembers.set(membersKey(tenant, line, members), chat.id);
    this.chatsCreated++;
    return record;
  }

  /**
   * chat-reuse-same-recipients: the chat a create to these recipients returns instead of a new
   * one, when the reading reuses it (reuse-direct: 1:1 chats; reuse-any: groups too).
   */
  reusable(tenant: string, line: string, to: readonly string[]): ChatRecord | undefined {
    const reuse = to.length === 1 ? !this.readings.is('chat-reuse-same-recipients', 'new-chat') : this.readings.is('chat-reuse-same-recipients', 'reuse-any');
    if (!reuse) return undefined;
    const id = this.chatsByMembers.get(membersKey(tenant, line, to));
    return id === undefined ? undefined : this.chats.get(id);
  }

  /** Every message of a tenant's chats, oldest first (only the history-tenant-wide fault asks). */
  tenantMessages(tenant: string): Message[] {
    const all = [...this.chats.values()].filter((r) => r.tenant === tenant).flatMap((r) => this.rows(r));
    return all.sort((a, b) => a.created_at.localeCompare(b.created_at)).slice(-HISTORY_LIMIT);
  }

  /** Every message record of a chat, listed or not (the mock's clock control ages them). */
  messagesOf(chatId: string): MessageRecord[] {
    return [...this.messageRecords.values()].filter((r) => r.chatId === chatId);
  }

  /** Records a message as sent: the mock's stand-in for a real iMessage. */
  send(record: ChatRecord, message: Message): void {
    this.messagesSent++;
    const sentAtMs = this.now();
    this.messageRecords.set(message.id, { chatId: record.chat.id, tenant: record.tenant, sentAtMs, message, reactions: [], edits: [] });
    this.append(record, message, sentAtMs);
  }

  /** The conversation row of a message (history-read-after-write: at once, later, or never). */
  private append(record: ChatRecord, message: Message, sentAtMs: number): void {
    if (this.readings.is('history-read-after-write', 'eventual')) {
      record.pending.push({ message, dueMs: sentAtMs + (this.settleMs ?? APPEND_DELAY_MS) });
      return;
    }
    if (this.readings.is('history-read-after-write', 'best-effort')) {
      // Inbound rows are durable (the docs recover them); an outbound append may be missed.
      if (message.direction === 'outbound' && ++this.appends % MISSED_APPEND_EVERY === 0) return;
    }
    this.appendRow(record, message);
  }

  private appendRow(record: ChatRecord, message: Message): void {
    record.messages.push(message);
    // A message past the 200 the mock keeps per chat is forgotten, its record too.
    if (record.messages.length > HISTORY_LIMIT) this.messageRecords.delete((record.messages.shift() as Message).id);
    record.sent++;
  }

  /** The chat's conversation rows as the history lists them now (rows that came due appended first). */
  rows(record: ChatRecord): Message[] {
    const now = this.now();
    while (record.pending.length > 0 && (record.pending[0] as { dueMs: number }).dueMs <= now) {
      this.appendRow(record, (record.pending.shift() as { message: Message }).message);
    }
    return record.messages;
  }

  /** A message edited: its record holds the new form; its row too, unless the history keeps what was sent (history-after-edit). */
  revise(record: MessageRecord, message: Message): void {
    record.message = message;
    if (!this.readings.is('history-after-edit', 'new-text-in-place')) return;
    const chat = this.chats.get(record.chatId);
    if (!chat) return;
    const at = chat.messages.findIndex((m) => m.id === message.id);
    if (at >= 0) chat.messages[at] = message;
    const waiting = chat.pending.find((p) => p.message.id === message.id);
    if (waiting) waiting.message = message;
  }
}
