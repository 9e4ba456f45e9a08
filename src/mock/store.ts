// The chats the mock has created and the messages it has "sent", per tenant, bounded in memory.
import { BoundedMap } from './bounded-map.ts';
import type { MockClock } from './clock.ts';
import type { Chat, Message } from './types.ts';

/** The history route lists at most this many, the most recent (/api/chats/list-messages). */
export const HISTORY_LIMIT = 200;

export type ChatRecord = {
  /** Slug of the tenant that created the chat: the only tenant that may see it. */
  tenant: string;
  chat: Chat;
  /** The most recent messages, oldest first, at most HISTORY_LIMIT. */
  messages: Message[];
  /** Messages ever sent to the chat, for `has_more`. */
  sent: number;
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
};

/** A message's own record, for the routes that take a message id (react, edit). */
export type MessageRecord = {
  chatId: string;
  tenant: string;
  /** On the mock clock: when the 15-minute edit window opened. */
  sentAtMs: number;
  reactions: string[];
  /** Earlier texts of the edited part, oldest first. */
  edits: { text: string; replaced_at: string }[];
};

export type Stats = { chatsCreated: number; messagesSent: number; requests: number };

export class ChatStore {
  private readonly chats: BoundedMap<string, ChatRecord>;
  private readonly messageRecords: BoundedMap<string, MessageRecord>;
  chatsCreated = 0;
  messagesSent = 0;

  constructor(
    capacity: number,
    private readonly clock?: MockClock,
  ) {
    this.chats = new BoundedMap(capacity);
    this.messageRecords = new BoundedMap(capacity);
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
    const life: ChatLife = { line, participants: [...members], left: false, icon: null, pinned: true };
    const record: ChatRecord = { tenant, chat, messages: [], sent: 0, life };
    this.chats.set(chat.id, record);
    this.chatsCreated++;
    return record;
  }

  /** Every message of a tenant's chats, oldest first (only the history-tenant-wide fault asks). */
  tenantMessages(tenant: string): Message[] {
    const all = [...this.chats.values()].filter((r) => r.tenant === tenant).flatMap((r) => r.messages);
    return all.sort((a, b) => a.created_at.localeCompare(b.created_at)).slice(-HISTORY_LIMIT);
  }

  /** Records a message as sent: the mock's stand-in for a real iMessage. */
  send(record: ChatRecord, message: Message): void {
    record.messages.push(message);
    if (record.messages.length > HISTORY_LIMIT) record.messages.shift();
    record.sent++;
    this.messagesSent++;
    const sentAtMs = this.clock?.now() ?? Date.now();
    this.messageRecords.set(message.id, { chatId: record.chat.id, tenant: record.tenant, sentAtMs, reactions: [], edits: [] });
  }
}
