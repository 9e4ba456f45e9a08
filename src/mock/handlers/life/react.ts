// POST /api/v1/messages/{id}/react (/api/messages/react): a tapback; not idempotent, each call sends.
import type { Tenant } from '../../../config/settings.ts';
import { apiError } from '../../errors.ts';
import { field, isObject } from '../../parts.ts';
import type { MockState } from '../../state.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { listEvent, tapbackText } from './events.ts';
import { findMessage } from './find-message.ts';
import { echoedMessageId } from './ids.ts';
import { leftGroupRefusal } from './rules.ts';

type Reaction = components['schemas']['Reaction'];
type ReactResponse = components['schemas']['ReactResponse'];

export const REACTIONS: readonly Reaction[] = ['love', 'like', 'dislike', 'laugh', 'emphasize', 'question'];

export function reactToMessage(state: MockState, tenant: Tenant, messageId: string, body: unknown): Reply {
  const found = findMessage(state, tenant, messageId, state.fault === 'react-cross-tenant');
  if (!found.ok) return { error: found.error };
  const gone = leftGroupRefusal(state, found.value.chat, 'react');
  if (gone) return { error: gone };
  const reaction = isObject(body) ? field(body, 'reaction') : undefined;
  if (!REACTIONS.includes(reaction as Reaction) && state.fault !== 'react-any-reaction') {
    return { error: apiError(1002, `\`reaction\` must be one of ${REACTIONS.join(', ')}.`) };
  }
  const { reactions } = found.value.record;
  // react-repeat-409: a repeated tapback is taken for a duplicate request.
  if (state.fault === 'react-repeat-409' && reactions.includes(String(reaction))) {
    return { error: apiError(1002, 'This reaction was already sent.', { status: 409 }) };
  }
  reactions.push(String(reaction));
  listEvent(state, found.value.chat, tapbackText(String(reaction), found.value.message.parts));
  const response: ReactResponse = { status: 'sent', message_id: echoedMessageId(state, found.value.message.id), reaction: reaction as Reaction };
  return { status: 200, body: response };
}
