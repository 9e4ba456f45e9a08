// POST /api/v1/chats/{id}/messages (send a follow-up) and GET (list the history, oldest first).
import type { Tenant } from '../../config/settings.ts';
import type { Outcome } from '../idempotency.ts';
import { newMessage, timestamp } from '../resources.ts';
import type { MockState } from '../state.ts';
import type { ChatRecord } from '../store.ts';
import type { Message, MessageList, MessagePart, Reply, SendMessageResponse } from '../types.ts';
import { readFollowup } from '../validation.ts';
import { findChat } from './find-chat.ts';
import { replyOf, sendOnce, type Sender } from './send-once.ts';

class FollowUp implements Sender {
  constructor(
    private readonly state: MockState,
    private readonly record: ChatRecord,
    private readonly parts: MessagePart[],
  ) {}

  send(): Outcome {
    const { state, record } = this;
    const { id } = record.chat;
    const message = newMessage(state.fault === 'followup-wrong-chat-id' ? id.replaceAll('-', '') : id, this.parts, timestamp(state.fault), state.fault);
    state.store.send(record, message);
    const body: SendMessageResponse = { message };
    return { status: 201, body, chatId: id, messageId: message.id };
  }

  resend(): Outcome {
    return this.send();
  }
}

export function postMessage(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply | Promise<Reply> {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const read = readFollowup(body, record.chat.is_group, state.fault);
  if (!read.ok) return { error: read.error };
  const { parts, idempotency_key: key } = read.value;
  const sender = new FollowUp(state, record, parts);
  // followup-replay-resends: the key is read on create only, so a follow-up replay sends again.
  if (key === undefined || state.fault === 'followup-replay-resends') return replyOf(sender.send());
  const scope = `${tenant.slug}\nmessage\n${record.chat.id}\n${key}`;
  return sendOnce(state, scope, JSON.stringify(read.value), sender);
}

/** history-trims-text: the history's read model strips white space around each text. */
function trimmedText(message: Message): Message {
  return { ...message, parts: message.parts.map((p) => (p.type === 'text' ? { ...p, value: p.value.trim() } : p)) };
}

export function listMessages(state: MockState, tenant: Tenant, chatId: string): Reply {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const { sent } = found.value;
  // history-tenant-wide: the query filters by tenant and forgets the chat.
  const messages = state.fault === 'history-tenant-wide' ? state.store.tenantMessages(tenant.slug) : found.value.messages;
  let listed = state.fault === 'history-trims-text' ? messages.map(trimmedText) : messages;
  // history-order-by-id: the query orders by the primary key, a random id, not by time.
  if (state.fault === 'history-order-by-id') listed = [...listed].sort((a, b) => a.id.localeCompare(b.id));
  const body: MessageList = {
    messages: state.fault === 'history-newest-first' ? [...listed].reverse() : listed,
    has_more: sent > messages.length,
  };
  return { status: 200, body };
}
