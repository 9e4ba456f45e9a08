// The chat and message objects the mock returns, in the documented shape (/api/chats/create).
import { randomFillSync, randomUUID } from 'node:crypto';
import type { FaultName } from './faults.ts';
import type { Chat, Message, MessagePart } from './types.ts';

type Fault = FaultName | undefined;

/** A fixed score: the docs show an integer but never say how it moves. */
const HEALTH_SCORE = 87;

let sequentialId = 1000;

export function timestamp(fault: Fault): string {
  // No cache of the formatted time: it saved under a microsecond a create, and its mutants were
  // unobservable (the mutation run's one mock process always had the cache filled).
  const iso = new Date().toISOString();
  // timestamp-local: the zone designator dropped, as a naive datetime serialiser writes it.
  return fault === 'timestamp-local' ? iso.slice(0, -1) : iso;
}

function chatId(fault: Fault): string {
  return fault === 'chat-id-not-uuid' ? String(++sequentialId) : randomUUID();
}

// Message ids come from a pool of random bytes refilled 256 ids at a time: one crypto call per
// 256 messages instead of one per message.
const ID_BYTES = 16;
const idPool = Buffer.alloc(ID_BYTES * 256);
let idOffset = idPool.length;

/** 32 lowercase hex characters, like the docs' message ids. */
export function messageId(): string {
  if (idOffset === idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  idOffset += ID_BYTES;
  return idPool.toString('hex', idOffset - ID_BYTES, idOffset);
}

function handleAddresses(to: readonly string[], from: string, isGroup: boolean, fault: Fault): string[] {
  // direct-handles-include-from: a 1:1 chat lists both participants, the sender line first.
  if (!isGroup) return fault === 'direct-handles-include-from' ? [from, ...to] : [...to];
  if (fault === 'group-handles-include-from') return [from, ...to];
  if (fault === 'group-handles-sorted') return [...to].sort();
  return [...to];
}

export type ChatSpec = { from: string; to: readonly string[]; subject: string | undefined; isGroup: boolean };

export function newChat(spec: ChatSpec, createdAt: string, fault: Fault): Chat {
  const groupName = spec.isGroup && fault !== 'group-display-name-null' ? spec.subject : undefined;
  return {
    id: chatId(fault),
    display_name: groupName ?? null,
    handles: handleAddresses(spec.to, spec.from, spec.isGroup, fault).map((address) => ({ service: 'imessage', address })),
    is_group: spec.isGroup,
    service: 'imessage',
    health_score: HEALTH_SCORE,
    created_at: createdAt,
  };
}

export function newMessage(chatId: string, parts: MessagePart[], createdAt: string, fault: Fault): Message {
  return {
    id: messageId(),
    chat_id: chatId,
    parts,
    status: 'sent',
    direction: fault === 'direction-inbound' ? 'inbound' : 'outbound',
    created_at: createdAt,
    delivered_at: null,
    read_at: null,
    service: 'imessage',
  };
}
