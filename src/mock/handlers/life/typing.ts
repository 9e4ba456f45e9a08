// POST /api/v1/chats/{id}/typing (/api/chats/typing): show or clear the dots; nothing is stored.
import type { Tenant } from '../../../config/settings.ts';
import { apiError, type ApiError } from '../../errors.ts';
import { field, isObject } from '../../parts.ts';
import type { MockState } from '../../state.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';
import { leftGroupRefusal, lineUnavailable } from './rules.ts';

type TypingState = components['schemas']['TypingResponse']['state'];
const STATES: readonly unknown[] = ['typing', 'stopped'] satisfies TypingState[];

/** typing-invalid-state: 400 / 1001 or 1002 (the default), 422 / 1002 (rejected-other), or none (lenient). */
function badState(state: MockState, value: unknown): ApiError | undefined {
  if (STATES.includes(value) || state.readings.is('typing-invalid-state', 'lenient')) return undefined;
  if (state.readings.is('typing-invalid-state', 'rejected-other')) return apiError(1002, '`state` must be "typing" or "stopped".', { status: 422 });
  if (value === undefined || value === null) return apiError(1001, '`state` is required: "typing" or "stopped".');
  return apiError(1002, '`state` must be "typing" or "stopped".');
}

export function sendTyping(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply {
  const found = findChat(state, tenant, chatId);
  // typing-any-chat: a fire-and-forget signal that never looks the chat up.
  if (!found.ok && state.fault !== 'typing-any-chat') return { error: found.error };
  const record = found.ok ? found.value : undefined;
  // typing-in-groups=direct-only: the indicator is offered in 1:1 chats only.
  const directOnly = record?.chat.is_group && state.readings.is('typing-in-groups', 'direct-only') ? apiError(1006, 'Typing indicators are available in 1:1 chats only.', { status: 400 }) : undefined;
  const refused = record && (leftGroupRefusal(state, record, 'typing') ?? directOnly);
  if (refused) return { error: refused };
  const value = isObject(body) ? field(body, 'state') : undefined;
  const invalid = badState(state, value);
  // typing-any-state: whatever comes is taken for "typing".
  if (invalid && state.fault !== 'typing-any-state') return { error: invalid };
  const unavailable = record && lineUnavailable(state, record, 'typing');
  if (unavailable) return { error: unavailable };
  const echoed: TypingState = !STATES.includes(value) || state.fault === 'typing-state-not-echoed' ? 'typing' : (value as TypingState);
  const response: components['schemas']['TypingResponse'] = { status: 'sent', chat_id: record ? record.chat.id : chatId, state: echoed };
  return { status: 200, body: response };
}
