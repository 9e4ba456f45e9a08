// POST /api/v1/chats/{id}/messages (send a follow-up) and GET (list the history, oldest first).
import type { Tenant } from '../../config/settings.ts';
import type { Outcome } from '../idempotency.ts';
import { newMessage } from '../resources.ts';
import type { MockState } from '../state.ts';
import type { ChatRecord } from '../store.ts';
import type { MessageList, MessagePart, Reply, SendMessageResponse } from '../types.ts';
import { readFollowup } from '../validation.ts';
import { findChat } from './find-chat.ts';
import { replyOf, sendOnce } from './send-once.ts';

function sendFollowup(state: MockState, record: ChatRecord, parts: MessagePart[]): Outcome {
  const { id } = record.chat;
  const message = newMessage(state.fault === 'followup-wrong-chat-id' ? id.replaceAll('-', '') : id, parts, state.fault);
  state.store.send(record, message);
  const body: SendMessageResponse = { message };
  return { status: 201, body, chatId: id, messageId: message.id };
}

export function postMessage(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply | Promise<Reply> {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const read = readFollowup(body, record.chat.is_group, state.fault);
  if (!read.ok) return { error: read.error };
  const { parts, idempotency_key: key } = read.value;
  const send = (): Outcome => sendFollowup(state, record, parts);
  if (key === undefined) return replyOf(send());
  const scope = `${tenant.slug}\nmessage\n${record.chat.id}\n${key}`;
  return sendOnce(state, scope, JSON.stringify(read.value), { send, resend: send });
}

export function listMessages(state: MockState, tenant: Tenant, chatId: string): Reply {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const { messages, sent } = found.value;
  const body: MessageList = {
    messages: state.fault === 'history-newest-first' ? [...messages].reverse() : messages,
    has_more: sent > messages.length,
  };
  return { status: 200, body };
}
