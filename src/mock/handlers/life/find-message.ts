// A message as its tenant sees it, for the routes that take a message id: another tenant's
// message, or a chat id sent in its place, does not exist for it (404 / 2003; or, where the mock
// takes wrong-kind-of-id=type-mismatch, a chat id is 409 / 1011 "resource type mismatch").
import type { Tenant } from '../../../config/settings.ts';
import { apiError, failed, ok, type Result } from '../../errors.ts';
import type { MockState } from '../../state.ts';
import type { ChatRecord, MessageRecord } from '../../store.ts';
import type { Message } from '../../types.ts';
import { findChat } from '../find-chat.ts';
import { fromCanonicalId } from './ids.ts';

export type FoundMessage = { record: MessageRecord; chat: ChatRecord; message: Message };

/** `anyTenant`: the fault that looks messages up by id alone. */
export function findMessage(state: MockState, tenant: Tenant, messageId: string, anyTenant: boolean): Result<FoundMessage> {
  const id = fromCanonicalId(state, messageId);
  const record = state.store.message(id);
  if (!record || (record.tenant !== tenant.slug && !anyTenant)) return failed(notAMessage(state, tenant, id));
  // A message past the 200 the mock keeps per chat is forgotten like any old record.
  const chat = state.store.get(record.chatId);
  if (!chat) return failed(apiError(2003));
  return ok({ record, chat, message: record.message });
}

function notAMessage(state: MockState, tenant: Tenant, id: string) {
  const isChat = state.readings.is('wrong-kind-of-id', 'type-mismatch') && findChat(state, tenant, id).ok;
  return isChat ? apiError(1011, 'That id names a chat, not a message.') : apiError(2003);
}
