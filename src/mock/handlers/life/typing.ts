// POST /api/v1/chats/{id}/typing (/api/chats/typing): show or clear the dots; nothing is stored.
import type { Tenant } from '../../../config/settings.ts';
import { apiError } from '../../errors.ts';
import { field, isObject } from '../../parts.ts';
import type { MockState } from '../../state.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';

type TypingResponse = components['schemas']['TypingResponse'];
const STATES = ['typing', 'stopped'] as const;

export function sendTyping(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply {
  const found = findChat(state, tenant, chatId);
  // typing-any-chat: a fire-and-forget signal that never looks the chat up.
  if (!found.ok && state.fault !== 'typing-any-chat') return { error: found.error };
  const value = isObject(body) ? field(body, 'state') : undefined;
  if (value === undefined || value === null) {
    if (state.fault !== 'typing-any-state') return { error: apiError(1001, '`state` is required: "typing" or "stopped".') };
  } else if (!STATES.includes(value as never) && state.fault !== 'typing-any-state') {
    return { error: apiError(1002, '`state` must be "typing" or "stopped".') };
  }
  const echoed = state.fault === 'typing-state-not-echoed' || !STATES.includes(value as never) ? 'typing' : (value as TypingResponse['state']);
  const response: TypingResponse = { status: 'sent', chat_id: found.ok ? found.value.chat.id : chatId, state: echoed };
  return { status: 200, body: response };
}
