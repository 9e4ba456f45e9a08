// POST /api/v1/chats/{id}/mark-read (/api/chats/mark-read): bodyless and idempotent.
import type { Tenant } from '../../../config/settings.ts';
import { apiError } from '../../errors.ts';
import type { MockState } from '../../state.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';
import { leftGroupRefusal, lineUnavailable } from './rules.ts';

type MarkReadResponse = components['schemas']['MarkReadResponse'];

/** Chats already marked read, for the mark-read-twice-error fault only (the real route keeps no state to judge). */
const markedOnce = new WeakSet<object>();

export function markRead(state: MockState, tenant: Tenant, chatId: string): Reply {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const unavailable = leftGroupRefusal(state, record, 'mark-read') ?? lineUnavailable(state, record, 'mark-read');
  if (unavailable) return { error: unavailable };
  // mark-read-in-groups=no-single-recipient: a read receipt goes to one recipient, and a group has none.
  if (record.chat.is_group && state.readings.is('mark-read-in-groups', 'no-single-recipient')) return { error: apiError(1002, 'No resolvable recipient: read receipts go to 1:1 chats.', { status: 422 }) };
  // mark-read-twice-error: "nothing to mark" treated as an error instead of a no-op.
  if (state.fault === 'mark-read-twice-error' && markedOnce.has(record)) return { error: apiError(1002, 'The chat is already read.') };
  markedOnce.add(record);
  const response: MarkReadResponse = { chat_id: record.chat.id, status: 'read' };
  return { status: 200, body: response };
}
