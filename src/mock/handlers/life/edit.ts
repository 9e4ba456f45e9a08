// POST /api/v1/messages/{id}/edit (/api/messages/edit): replace a text part of an outbound message
// within Apple's 15 minutes of its send, on the mock's clock. Each call is a fresh edit.
import type { Tenant } from '../../../config/settings.ts';
import { apiError, failed, ok, type Result } from '../../errors.ts';
import type { FaultName } from '../../faults.ts';
import { field, isObject } from '../../parts.ts';
import type { MockState } from '../../state.ts';
import type { Message, Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findMessage, type FoundMessage } from './find-message.ts';
import { lineUnavailable } from './rules.ts';

type EditMessageResponse = components['schemas']['EditMessageResponse'];

export const EDIT_WINDOW_MS = 15 * 60 * 1000;

type Edit = { text: string; partIndex: number };

function readEdit(body: unknown, fault: FaultName | undefined): Result<Edit> {
  if (!isObject(body)) return failed(apiError(1002, 'The body must be a JSON object.'));
  const text = field(body, 'new_text');
  const empty = typeof text !== 'string' || text === '';
  if (empty && !(fault === 'edit-empty-accepted' && (text === '' || text === undefined))) {
    return failed(apiError(1002, '`new_text` is required and must not be empty.'));
  }
  const index = field(body, 'edited_part_index') ?? 0;
  if (!Number.isInteger(index) || (index as number) < 0) return failed(apiError(1002, '`edited_part_index` must be a whole number from 0.'));
  return ok({ text: typeof text === 'string' ? text : '', partIndex: index as number });
}

/** Where in `parts` the n-th text part is; -1 when the message has fewer. */
function textPartAt(message: Message, n: number): number {
  let seen = -1;
  return message.parts.findIndex((part) => part.type === 'text' && ++seen === n);
}

function refusal(state: MockState, found: FoundMessage) {
  const { message, record, chat } = found;
  if (message.direction !== 'outbound' && state.fault !== 'edit-inbound-accepted') return apiError(1002, 'Only outbound messages can be edited.');
  const open = state.clock.now() - record.sentAtMs <= EDIT_WINDOW_MS || state.fault === 'edit-window-unchecked';
  if (!open) return apiError(4001, 'The 15-minute edit window has closed.');
  return lineUnavailable(chat, 'edit', state.fault);
}

export function editMessage(state: MockState, tenant: Tenant, messageId: string, body: unknown): Reply {
  const found = findMessage(state, tenant, messageId, state.fault === 'edit-cross-tenant');
  if (!found.ok) return { error: found.error };
  const edit = readEdit(body, state.fault);
  if (!edit.ok) return { error: edit.error };
  const refused = refusal(state, found.value);
  if (refused) return { error: refused };
  const { message, chat, record, index } = found.value;
  const at = textPartAt(message, edit.value.partIndex);
  if (at < 0) return { error: apiError(1002, `The message has no text part ${edit.value.partIndex}.`) };
  const old = message.parts[at] as { type: 'text'; value: string };
  const editedAt = new Date(state.clock.now()).toISOString();
  // A new message object: answers already given (and stored for idempotent replays) keep the old text.
  const parts = message.parts.map((part, i) => (i === at ? { type: 'text' as const, value: edit.value.text } : part));
  chat.messages[index] = { ...message, parts };
  record.edits.push({ text: old.value, replaced_at: editedAt });
  const response: EditMessageResponse = {
    status: 'edited',
    message_id: message.id,
    new_text: state.fault === 'edit-echoes-old-text' ? old.value : edit.value.text,
    date_edited: editedAt,
    edit_history: record.edits.map((e) => ({ ...e })),
  };
  return { status: 200, body: response };
}
