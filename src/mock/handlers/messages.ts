// POST /api/v1/chats/{id}/messages (send a follow-up) and GET (list the history, oldest first).
import type { Tenant } from '../../config/settings.ts';
import { apiError, type ApiError } from '../errors.ts';
import type { Outcome } from '../idempotency.ts';
import { newMessage, timestamp } from '../resources.ts';
import type { MockState } from '../state.ts';
import type { ChatRecord } from '../store.ts';
import type { Message, MessageList, MessagePart, Reply, SendMessageResponse } from '../types.ts';
import { readFollowup } from '../validation.ts';
import { findChat } from './find-chat.ts';
import { leftGroupRefusal } from './life/rules.ts';
import { replyOf, sendOnce, type Sender } from './send-once.ts';

/** followup-keyless-duplicates=content-dedupe: an identical key-less follow-up within this time is a double submit. */
export const DOUBLE_SUBMIT_WINDOW_MS = 10_000;

/** success-status: 201 for a send (the default), 200 everywhere (ok-200), or 202 for a send accepted for delivery. */
function sendStatus(state: MockState): number {
  if (state.readings.is('success-status', 'ok-200')) return 200;
  return state.readings.is('success-status', 'accepted-202') ? 202 : 201;
}

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
    return { status: sendStatus(state), body, chatId: id, messageId: message.id };
  }

  resend(): Outcome {
    return this.send();
  }
}

/** The last key-less follow-up of each chat, for followup-keyless-duplicates=content-dedupe. */
const lastKeyless = new WeakMap<ChatRecord, { fingerprint: string; atMs: number; outcome: Outcome }>();

function sendKeyless(state: MockState, record: ChatRecord, fingerprint: string, sender: FollowUp): Reply {
  const now = state.clock.now();
  const last = lastKeyless.get(record);
  if (state.readings.is('followup-keyless-duplicates', 'content-dedupe') && last?.fingerprint === fingerprint && now - last.atMs <= DOUBLE_SUBMIT_WINDOW_MS) return replyOf(last.outcome);
  const outcome = sender.send();
  lastKeyless.set(record, { fingerprint, atMs: now, outcome });
  return replyOf(outcome);
}

/** followup-attachment-unuploaded=checked: no attachment was ever uploaded to the mock, so every media part names none. */
function unuploaded(state: MockState, parts: readonly MessagePart[]): ApiError | undefined {
  const media = parts.some((p) => p.type === 'media');
  return media && state.readings.is('followup-attachment-unuploaded', 'checked') ? apiError(5001, 'No uploaded attachment has that id.') : undefined;
}

/**
 * followup-idempotency-key: a replay returns the first answer, with the key scoped to the chat (the
 * default) or to the tenant across chats (dedupes-per-tenant, the chat then part of the body); or
 * the key is ignored and every request sends.
 */
function keyScope(state: MockState, tenant: Tenant, record: ChatRecord, key: string): string | undefined {
  switch (state.readings.of('followup-idempotency-key')) {
    case 'ignored':
      return undefined;
    case 'dedupes-per-tenant':
      return `${tenant.slug}\nmessage\n${key}`;
    default:
      return `${tenant.slug}\nmessage\n${record.chat.id}\n${key}`;
  }
}

export function postMessage(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply | Promise<Reply> {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const gone = leftGroupRefusal(state, record, 'follow-up');
  if (gone) return { error: gone };
  const read = readFollowup(body, record.chat.is_group, state.fault);
  if (!read.ok) return { error: read.error };
  const { parts, idempotency_key: key } = read.value;
  const refused = unuploaded(state, parts);
  if (refused) return { error: refused };
  const sender = new FollowUp(state, record, parts);
  const fingerprint = JSON.stringify({ chat: record.chat.id, ...read.value });
  const scope = key === undefined ? undefined : keyScope(state, tenant, record, key);
  return scope === undefined ? sendKeyless(state, record, fingerprint, sender) : sendOnce(state, scope, fingerprint, sender);
}

/** history-trims-text: the history's read model strips white space around each text. */
function trimmedText(message: Message): Message {
  return { ...message, parts: message.parts.map((p) => (p.type === 'text' ? { ...p, value: p.value.trim() } : p)) };
}

/**
 * history-order-ties=timestamp-order: conversation rows keep whole seconds and are listed by
 * them, messages of one second by id.
 */
function byWholeSeconds(messages: readonly Message[]): Message[] {
  const seconds = (m: Message) => `${m.created_at.slice(0, 19)}Z`;
  return messages.map((m) => ({ ...m, created_at: seconds(m) })).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

export function listMessages(state: MockState, tenant: Tenant, chatId: string): Reply {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  // group-ops-after-leave=chat-gone: the history leaves with the line.
  if (record.life.left && state.readings.is('group-ops-after-leave', 'chat-gone')) return { error: apiError(2002) };
  const rows = state.store.rows(record);
  // history-tenant-wide: the query filters by tenant and forgets the chat.
  const messages = state.fault === 'history-tenant-wide' ? state.store.tenantMessages(tenant.slug) : rows;
  let listed = state.fault === 'history-trims-text' ? messages.map(trimmedText) : messages;
  // history-order-by-id: the query orders by the primary key, a random id, not by time.
  if (state.fault === 'history-order-by-id') listed = [...listed].sort((a, b) => a.id.localeCompare(b.id));
  if (state.readings.is('history-order-ties', 'timestamp-order')) listed = byWholeSeconds(listed);
  const body: MessageList = {
    messages: state.fault === 'history-newest-first' ? [...listed].reverse() : listed,
    has_more: record.sent > rows.length,
  };
  return { status: 200, body };
}
