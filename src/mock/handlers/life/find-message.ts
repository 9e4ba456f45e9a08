// A message as its tenant sees it, for the routes that take a message id: another tenant's
// message, or a chat id sent in its place, does not exist for it (404 / 2003).
import type { Tenant } from '../../../config/settings.ts';
import { apiError, failed, ok, type Result } from '../../errors.ts';
import type { MockState } from '../../state.ts';
import type { ChatRecord, MessageRecord } from '../../store.ts';
import type { Message } from '../../types.ts';

export type FoundMessage = { record: MessageRecord; chat: ChatRecord; message: Message; index: number };

/** `anyTenant`: the fault that looks messages up by id alone. */
export function findMessage(state: MockState, tenant: Tenant, messageId: string, anyTenant: boolean): Result<FoundMessage> {
  const record = state.store.message(messageId);
  if (!record || (record.tenant !== tenant.slug && !anyTenant)) return failed(apiError(2003));
  const chat = state.store.get(record.chatId);
  const index = chat ? chat.messages.findIndex((m) => m.id === messageId) : -1;
  // A message past the 200 the mock keeps per chat is forgotten like any old record.
  if (!chat || index < 0) return failed(apiError(2003));
  return ok({ record, chat, message: chat.messages[index] as Message, index });
}
