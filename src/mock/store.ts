// The chats the mock has created and the messages it has "sent", per tenant, bounded in memory.
import { BoundedMap } from './bounded-map.ts';
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
};

export type Stats = { chatsCreated: number; messagesSent: number; requests: number };

export class ChatStore {
  private readonly chats: BoundedMap<string, ChatRecord>;
  chatsCreated = 0;
  messagesSent = 0;

  constructor(capacity: number) {
    this.chats = new BoundedMap(capacity);
  }

  get size(): number {
    return this.chats.size;
  }

  get(id: string): ChatRecord | undefined {
    return this.chats.get(id);
  }

  add(tenant: string, chat: Chat): ChatRecord {
    const record: ChatRecord = { tenant, chat, messages: [], sent: 0 };
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
  }
}
