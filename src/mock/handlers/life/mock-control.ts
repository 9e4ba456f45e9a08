// Test controls of the mock only (never part of the Chert API, no credentials): move the edit
// window's clock, receive an inbound message, unpin a chat's line. They let the suite prove
// rules it could not reach on a real target without waiting 15 minutes or a real reply.
import { apiError } from '../../errors.ts';
import { field, isObject } from '../../parts.ts';
import { newMessage, timestamp } from '../../resources.ts';
import type { MockState } from '../../state.ts';
import type { ChatRecord } from '../../store.ts';
import type { Reply } from '../../types.ts';
import type { RouteName } from '../../router.ts';

function chatOf(state: MockState, body: Record<string, unknown>): ChatRecord | undefined {
  const id = field(body, 'chat_id');
  return typeof id === 'string' ? state.store.get(id) : undefined;
}

/** `{ seconds, chat_id? }`: with a chat, ages its messages only (safe beside parallel tests); without, moves the whole clock. */
function moveClock(state: MockState, body: Record<string, unknown>): Reply {
  const seconds = field(body, 'seconds');
  if (typeof seconds !== 'number' || !(seconds > 0)) return { error: apiError(1002, '`seconds` must be a positive number.') };
  const ms = seconds * 1000;
  if (field(body, 'chat_id') === undefined) {
    state.clock.advance(ms);
  } else {
    const chat = chatOf(state, body);
    if (!chat) return { error: apiError(2002) };
    for (const record of state.store.messagesOf(chat.chat.id)) record.sentAtMs -= ms;
  }
  return { status: 200, body: { now: new Date(state.clock.now()).toISOString() } };
}

/** `{ chat_id, text }`: the chat's first member writes to the line. */
function receive(state: MockState, body: Record<string, unknown>): Reply {
  const chat = chatOf(state, body);
  if (!chat) return { error: apiError(2002) };
  const text = field(body, 'text');
  const message = newMessage(chat.chat.id, [{ type: 'text', value: typeof text === 'string' && text !== '' ? text : 'Hi!' }], timestamp(undefined), undefined);
  message.direction = 'inbound';
  message.status = 'received';
  state.store.send(chat, message);
  return { status: 200, body: { message } };
}

/** `{ chat_id }`: the chat loses its pinned line, so line operations answer 4099. */
function unpinLine(state: MockState, body: Record<string, unknown>): Reply {
  const chat = chatOf(state, body);
  if (!chat) return { error: apiError(2002) };
  chat.life.pinned = false;
  return { status: 200, body: { chat_id: chat.chat.id, pinned: false } };
}

export function mockControl(state: MockState, route: RouteName, body: unknown): Reply {
  if (!isObject(body)) return { error: apiError(1002, 'The body must be a JSON object.') };
  if (route === 'mock-clock') return moveClock(state, body);
  if (route === 'mock-inbound') return receive(state, body);
  return unpinLine(state, body);
}
