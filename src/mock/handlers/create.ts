// POST /api/v1/chats: create a 1:1 or group chat and send its first message.
import { randomUUID } from 'node:crypto';
import type { Tenant } from '../../config/settings.ts';
import type { Outcome } from '../idempotency.ts';
import { field, isObject } from '../parts.ts';
import { newChat, newMessage, timestamp } from '../resources.ts';
import type { MockState } from '../state.ts';
import type { ChatRecord } from '../store.ts';
import type { Chat, CreateChatRequest, CreateChatResponse, Message, Reply } from '../types.ts';
import { isGroupChat, readCreate } from '../validation.ts';
import { apiError } from '../errors.ts';
import { replyOf, sendOnce, type Sender } from './send-once.ts';

/** success-status: the status of an accepted create (201 Created, 200, or 202 Accepted). */
export function successStatus(state: MockState, created: number): number {
  if (state.readings.is('success-status', 'ok-200')) return 200;
  return state.readings.is('success-status', 'accepted-202') ? 202 : created;
}

/**
 * history-entry-shape=wider-entries: the recipient answers at once with a sticker and no caption,
 * over SMS: an inbound row outside the documented part shapes.
 */
function stickerReply(chatId: string): Message {
  const message = newMessage(chatId, [{ type: 'text', value: '' }], timestamp(undefined), undefined);
  const parts = [{ type: 'text', value: '' }, { type: 'sticker', attachment_id: `in_${message.id}`, mime_type: 'image/heic' }];
  return { ...message, parts, direction: 'inbound', status: 'received', service: 'sms' } as unknown as Message;
}

function createdBody(state: MockState, chat: Chat, message: Message): unknown {
  const body: CreateChatResponse = { chat, message };
  return state.fault === 'response-success-wrapper' ? { success: true, data: body } : body;
}

function firstMessage(state: MockState, chat: Chat, request: CreateChatRequest, createdAt: string): Message {
  const chatId = state.fault === 'message-chat-id-mismatch' ? randomUUID() : chat.id;
  const parts = state.fault === 'parts-first-only' ? request.message.parts.slice(0, 1) : request.message.parts;
  return newMessage(chatId, parts, createdAt, state.fault);
}

/** The create's send, as an object so the hot path builds no closures per request. */
class FirstMessage implements Sender {
  constructor(
    private readonly state: MockState,
    private readonly tenant: Tenant,
    private readonly request: CreateChatRequest,
  ) {}

  send(): Outcome {
    const { state, request } = this;
    const now = timestamp(state.fault);
    // chat-reuse-same-recipients: a create to recipients the line already has a chat with may return it.
    const record = state.store.reusable(this.tenant.slug, request.from, request.to) ?? this.newRecord(now);
    const { chat } = record;
    const message = firstMessage(state, chat, request, now);
    state.store.send(record, message);
    if (state.readings.is('history-entry-shape', 'wider-entries') && !chat.is_group) state.store.send(record, stickerReply(chat.id));
    return { status: successStatus(state, 201), body: createdBody(state, chat, message), chatId: chat.id, messageId: message.id };
  }

  private newRecord(now: string): ChatRecord {
    const { state, request } = this;
    const isGroup = isGroupChat(request.to.length, state.fault);
    const chat = newChat({ from: request.from, to: request.to, subject: request.message.subject, isGroup }, now, state.fault);
    // direct-chat-display-name derived: a 1:1 chat is named after its recipient, as a contact would be.
    if (!isGroup && state.readings.is('direct-chat-display-name', 'derived')) chat.display_name = `Contact ${request.to[0]?.slice(-4) ?? ''}`;
    return state.store.add(this.tenant.slug, chat, request.from, request.to);
  }

  /** idem-new-message-id: the original chat gets the same parts again as a new message. */
  resend(original: Outcome): Outcome {
    const record = this.state.store.get(original.chatId);
    if (!record) return this.send();
    const message = firstMessage(this.state, record.chat, this.request, timestamp(this.state.fault));
    this.state.store.send(record, message);
    return { status: successStatus(this.state, 201), body: createdBody(this.state, record.chat, message), chatId: record.chat.id, messageId: message.id };
  }
}

function topLevelKey(body: unknown): string | undefined {
  const key = isObject(body) ? field(body, 'idempotency_key') : undefined;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

function idempotencyKey(body: unknown, request: CreateChatRequest, state: MockState): string | undefined {
  if (state.fault === 'idem-ignored') return undefined;
  if (state.fault === 'idem-top-level-key') return topLevelKey(body);
  // idem-key-placement honoured: a top-level key works as well as message.idempotency_key.
  return request.message.idempotency_key ?? (state.readings.is('idem-key-placement', 'honoured') ? topLevelKey(body) : undefined);
}

export function createChat(state: MockState, tenant: Tenant, body: unknown, raw?: Buffer): Reply | Promise<Reply> {
  const reply = createOnce(state, tenant, body, raw);
  return state.fault === 'create-redirects' ? Promise.resolve(reply).then(redirectToChat) : reply;
}

/** create-redirects: POST-redirect-GET, as some frameworks do: 303 to the new chat, no body. */
function redirectToChat(reply: Reply): Reply {
  if (!('status' in reply) || reply.status >= 300) return reply;
  const id = (reply.body as { chat: { id: string } }).chat.id;
  return { status: 303, body: {}, headers: { location: `/api/v1/chats/${id}` } };
}

/** The key a request names before it is validated (idem-failed-first-attempt error-cached keeps refusals too). */
function claimedKey(body: unknown): string | undefined {
  const message = isObject(body) ? field(body, 'message') : undefined;
  const key = isObject(message) ? field(message, 'idempotency_key') : undefined;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

function createOnce(state: MockState, tenant: Tenant, body: unknown, raw?: Buffer): Reply | Promise<Reply> {
  const scopeOf = (key: string) => (state.fault === 'idem-global-scope' ? `chat\n${key}` : `${tenant.slug}\nchat\n${key}`);
  const cached = state.readings.is('idem-failed-first-attempt', 'error-cached') ? claimedKey(body) : undefined;
  const fingerprintOf = (canonical: string) => (state.readings.is('idem-same-body-meaning', 'raw-bytes') && raw ? raw.toString('utf8') : canonical);
  const refusal = cached === undefined ? undefined : state.refusedKeys.get(scopeOf(cached));
  if (refusal) return refusal.fingerprint === fingerprintOf(JSON.stringify(body)) ? { error: refusal.error } : { error: apiError(1002, 'This idempotency key was used with another body.', { status: 422 }) };
  const read = readCreate(body, tenant, state.fault, state.tenants.map((t) => t.from), state.readings);
  if (!read.ok) {
    if (cached !== undefined) state.refusedKeys.set(scopeOf(cached), { fingerprint: fingerprintOf(JSON.stringify(body)), error: read.error });
    return { error: read.error };
  }
  const request = read.value;
  // undeliverable-recipient refused-sync: iMessage reachability is checked before anything is stored.
  if (state.readings.is('undeliverable-recipient', 'refused-sync')) return { error: apiError(4001, 'No recipient can receive iMessage.') };
  const sender = new FirstMessage(state, tenant, request);
  const key = idempotencyKey(body, request, state);
  if (key === undefined) return replyOf(sender.send());
  const fingerprint = fingerprintOf(JSON.stringify(request));
  // idem-key-other-body new-request: the server dedupes on key and body together.
  const scope = state.readings.is('idem-key-other-body', 'new-request') ? `${scopeOf(key)}\n${fingerprint}` : scopeOf(key);
  return sendOnce(state, scope, fingerprint, sender);
}
