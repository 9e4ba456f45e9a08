// POST /api/v1/chats/{id}/typing (/api/chats/typing): show or clear the dots; nothing is stored.
import type { Tenant } from '../../../config/settings.ts';
import { apiError, type ApiError } from '../../errors.ts';
import { field, isObject } from '../../parts.ts';
import type { MockState } from '../../state.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';

type TypingState = components['schemas']['TypingResponse']['state'];
const STATES: readonly unknown[] = ['typing', 'stopped'] satisfies TypingState[];

function badState(value: unknown): ApiError | undefined {
  if (value === undefined || value === null) return apiError(1001, '`state` is required: "typing" or "stopped".');
  return STATES.includes(value) ? undefined : apiError(1002, '`state` must be "typing" or "stopped".');
}

export function sendTyping(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply {
  const found = findChat(state, tenant, chatId);
  // typing-any-chat: a fire-and-forget signal that never looks the chat up.
  if (!found.ok && state.fault !== 'typing-any-chat') return { error: found.error };
  const value = isObject(body) ? field(body, 'state') : undefined;
  const invalid = badState(value);
  // typing-any-state: whatever comes is taken for "typing".
  if (invalid && state.fault !== 'typing-any-state') return { error: invalid };
  const echoed: TypingState = invalid || state.fault === 'typing-state-not-echoed' ? 'typing' : (value as TypingState);
  const response: components['schemas']['TypingResponse'] = { status: 'sent', chat_id: found.ok ? found.value.chat.id : chatId, state: echoed };
  return { status: 200, body: response };
}
