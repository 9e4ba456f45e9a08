// POST /api/v1/chats/{id}/leave (/api/group-chats/leave): the tenant's line leaves the group.
import type { Tenant } from '../../../config/settings.ts';
import type { MockState } from '../../state.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';
import { listEvent } from './events.ts';
import { echoedChatId } from './ids.ts';
import { belowFloor, groupOnly, groupSize, lineUnavailable, MIN_GROUP_SIZE } from './rules.ts';

type LeaveChatResponse = components['schemas']['LeaveChatResponse'];

export function leaveChat(state: MockState, tenant: Tenant, chatId: string): Reply {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const wasLeft = record.life.left;
  // leave-twice-succeeds: the "already left" state is never consulted.
  if (state.fault === 'leave-twice-succeeds') record.life.left = false;
  const refused = groupOnly(state, record, 'leave', state.fault === 'leave-direct-accepted') ?? lineUnavailable(state, record, 'leave');
  if (refused) return { error: refused };
  // The docs: at least 4 participants so that 3 remain (the line counted or not, see rules.ts).
  const tooSmall = state.fault === 'leave-floor-five' ? record.life.participants.length <= 4 : groupSize(state, record) < MIN_GROUP_SIZE + 1;
  if (tooSmall && !wasLeft && state.fault !== 'leave-floor-ignored') return { error: belowFloor() };
  record.life.left = true;
  listEvent(state, record, 'left the conversation');
  const response: LeaveChatResponse = { chat_id: echoedChatId(state, record.chat.id), status: 'left' };
  return { status: 200, body: response };
}
